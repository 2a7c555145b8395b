/**
 * The explorer state the panels work on, handed over only after the explorer's new frame has
 * been painted and the controls have rested for BESIDE_QUIET_MS, in a transition: an edit redraws
 * the explorer first and the panels' engine work follows, so the panels never slow the explorer's
 * response (measured: p95 of an out_axes change 60 → 41 ms with the panels open). useDeferredValue
 * alone still rendered the panels before that paint; with no quiet time, a burst of changes (arrow
 * keys on a menu) had the panels recompute (10–40 ms at 4× throttling) after every change's
 * frame, inside the next change's. The panels' selectors are memoized per
 * explorer snapshot, so re-renders with the old snapshot compute nothing.
 */
import { useEffect } from "react";
import { useAfterPaint } from "../state/afterPaint";
import { BESIDE_QUIET_MS, useExplorer } from "../state/hooks";
import { useStore } from "../state/store";
import { takeOffPageRequests } from "./memoPerState";
import type { ExplorerState } from "../state/explorerTypes";

export function usePanelExplorer(): { s: ExplorerState | null; pending: boolean } {
  const current = useExplorer();
  // A panel mounts with nothing to show: its first state follows as every later one does. When
  // the page came near the panels during a burst of changes, each change interrupted the mount
  // and the next attempt computed again, for the newest state (the bench's out_axes row: ~14
  // computations, one per change, before one mount committed).
  const shown = useAfterPaint(current, BESIDE_QUIET_MS, true);
  // A report past the page's budget asked for the worker while rendering (memoPerState.ts):
  // start it now, and render again when an answer arrives.
  const computing = useStore((st) => st.computingPanels);
  useStore((st) => st.computed);
  useEffect(() => {
    const requestOffPage = useStore.getState().requestOffPage;
    for (const r of takeOffPageRequests()) requestOffPage(r);
  });
  return { s: shown, pending: shown !== current || computing };
}

export { memoPerState } from "./memoPerState";
