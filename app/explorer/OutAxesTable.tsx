/**
 * Every legal out_axes with the shape it gives, the current one marked: the blog's rule
 * ("moving out_axes one step right swaps the batch axis with its neighbour") becomes visible.
 * Choosing a row sets out_axes (for a tuple result, that output's entry).
 */
import { useViewBeside } from "../state/hooks";
import { useStore } from "../state/store";
import { pyShape } from "../../engine";
import { outputName } from "./Stage";
import { ShapeText } from "./ShapeText";
import { mayEdit } from "../classroom/lock";

/** `readOnly`: the rows as text, no buttons (a printed handout, or out_axes locked by a student link). */
export function OutAxesTable({ readOnly = false }: { readOnly?: boolean }) {
  const { shown: story, stale } = useViewBeside();
  const outAxes = useStore((s) => s.explorer.outAxes);
  const setOutAxes = useStore((s) => s.setOutAxes);
  const locked = useStore((s) => !mayEdit(s.lock, "out_axes")) || readOnly;
  if (!story) return null;
  const single = story.outputs.length === 1 && story.outputTree === "array";
  return (
    <section className={`outaxes-table${stale ? " stale" : ""}`} aria-label="Where the batch axis can go">
      <h2>Where out_axes puts B</h2>
      {story.outputs.map((o, li) => (
        <table key={li}>
          <caption>
            {outputName(o.path, story.outputTree)}: per-example {pyShape(o.perExampleShape)}, B = {story.axisSize}
          </caption>
          <thead>
            <tr>
              <th scope="col">out_axes</th>
              <th scope="col">shape</th>
            </tr>
          </thead>
          <tbody>
            {o.outAxesTable.map((row) => {
              const current = o.outAxis === row.outAxes;
              const choose = () => {
                if (single) return setOutAxes(row.outAxes);
                const base = Array.isArray(outAxes) ? outAxes : story.outputs.map(() => outAxes);
                setOutAxes(base.map((x, i) => (i === li ? row.outAxes : x)));
              };
              return (
                <tr key={row.outAxes} className={current ? "current" : undefined} aria-current={current ? "true" : undefined}>
                  <td>
                    {locked ? (
                      <code>
                        {row.outAxes} / {row.negative}
                      </code>
                    ) : (
                      <button type="button" className="linklike" onClick={choose} title={`Use out_axes=${row.outAxes}`}>
                        {row.outAxes} / {row.negative}
                      </button>
                    )}
                    {current && <span className="marker"> ◀ current</span>}
                  </td>
                  <td>
                    <ShapeText shape={row.shape} mapped={row.outAxes} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
    </section>
  );
}
