/**
 * Where the pictures of rarer programs go, each loaded when first shown (they stay out of the
 * first-screen JavaScript, tests/browser/budget.test.ts): the control-flow picture, only when the
 * trace has a cond, loop or collective; the gather arrows, only when a primitive indexes by values.
 */
import { lazy, Suspense, type RefObject } from "react";
import { useView } from "../state/hooks";

const ControlPicture = lazy(() => import("./ControlPicture").then((m) => ({ default: m.ControlPicture })));
const GatherArrows = lazy(() => import("./GatherArrows").then((m) => ({ default: m.GatherArrows })));

export function ControlPictureSlot() {
  const { shown } = useView();
  if (!shown?.primitives.some((p) => p.control)) return null;
  return (
    <Suspense fallback={null}>
      <ControlPicture />
    </Suspense>
  );
}

export function GatherArrowsSlot({ stage }: { stage: RefObject<HTMLElement | null> }) {
  const { shown } = useView();
  if (!shown?.primitives.some((p) => p.byValue)) return null;
  return (
    <Suspense fallback={null}>
      <GatherArrows stage={stage} />
    </Suspense>
  );
}
