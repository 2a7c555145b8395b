/**
 * The hovered (or focused) cell in words, from the trace's provenance: which output cell, its
 * value and k, and the input cells it was computed from. A polite live region, so keyboard and
 * screen-reader users get what the highlight shows. The sentence's code (HoveredCell.tsx) loads
 * when the page first has a moment, or at a hover before that: the first screen does not run it.
 */
import { lazyModule, useLazyModule, usePrefetchWhenIdle } from "../state/lazyModule";
import { useStore } from "../state/store";

export const IDLE = "Hover over or focus a cell to see where it came from.";

/** The sentence's module (exported for tests that hover at once: they wait for it, as a person's first hover finds it). */
export const HOVER_SENTENCE = lazyModule(() => import("./HoveredCell"));

export function HoverReadout() {
  // With no cell hovered the sentence is fixed: the view, the cells' texts and the provenance
  // are read only while one is (a change of the call did not need this region rendered again).
  const hovering = useStore((s) => s.hover !== null);
  const sentence = useLazyModule(HOVER_SENTENCE, hovering);
  usePrefetchWhenIdle(HOVER_SENTENCE);
  const Cell = sentence?.HoveredCell;
  return (
    <p className="readout" id="cell-readout" aria-live="polite">
      {hovering && Cell ? <Cell /> : IDLE}
    </p>
  );
}
