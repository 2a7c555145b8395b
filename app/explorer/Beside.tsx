/**
 * What sits beside the picture: the shape story and the out_axes table. A chunk of its own, as
 * the code panel is (App.tsx), fetched with the first screen's code by start.tsx: the first
 * screen's JavaScript stays within its budget, and the prerendered page shows both meanwhile.
 */
import { OutAxesTable } from "./OutAxesTable";
import { ShapeStory } from "./ShapeStory";

export function Beside({ story, table }: { story: boolean; table: boolean }) {
  return (
    <>
      {story && <ShapeStory />}
      {table && <OutAxesTable />}
    </>
  );
}
