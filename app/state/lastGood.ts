/**
 * The last explorer state whose vmap call succeeded, kept in the store (not in a module
 * global): while an error shows, its picture stays on screen, dimmed, and its parameters name
 * the argument grids while the function's header cannot be read. One store subscription keeps
 * it current; every view is a pure function of (explorer, lastGood) and the answers computed
 * off the page (selectors.ts, computeResults.ts).
 */
import type { StoreApi } from "zustand";
import type { ExplorerState } from "./explorerTypes";
import { selectView } from "./selectors";
import { whenTypingPauses } from "./typingPause";

export interface LastGoodSlice {
  lastGood: ExplorerState | null;
}

export const createLastGoodSlice = (): LastGoodSlice => ({ lastGood: null });

/** Remember each explorer state that traces; returns the unsubscribe function. */
export function trackLastGood<S extends LastGoodSlice & { explorer: ExplorerState; computed?: number }>(store: StoreApi<S>): () => void {
  const check = (s: S) => {
    if (s.lastGood !== s.explorer && selectView(s.explorer, s.lastGood).result.ok) store.setState({ lastGood: s.explorer } as Partial<S>);
  };
  check(store.getState());
  // The latest state when it runs: a keystroke's trace waits until typing pauses (typingPause.ts).
  const checkLatest = () => check(store.getState());
  return store.subscribe((s, prev) => {
    // An answer from the worker (compute.ts) can make the current state good.
    if (s.explorer !== prev.explorer || s.computed !== prev.computed) whenTypingPauses(store, checkLatest);
  });
}
