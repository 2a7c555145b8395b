/**
 * The explorer state the panels work on, deferred (React's useDeferredValue): an edit redraws
 * the explorer first and the panels' engine work follows in a later, interruptible render, so
 * the panels never slow the explorer's response. The panels' selectors are memoized per
 * explorer snapshot, so the urgent re-render with the old snapshot computes nothing.
 */
import { useDeferredValue } from "react";
import { useExplorer } from "../state/hooks";
import type { ExplorerState } from "../state/explorerTypes";

export function usePanelExplorer(): { s: ExplorerState; pending: boolean } {
  const current = useExplorer();
  const s = useDeferredValue(current);
  return { s, pending: s !== current };
}

/** Derived values cached per explorer snapshot and option key (weak: old snapshots are collected). */
export function memoPerState<O, R>(keyOf: (o: O) => string, compute: (s: ExplorerState, o: O) => R) {
  let cache = new WeakMap<ExplorerState, Map<string, R>>();
  const select = (s: ExplorerState, o: O): R => {
    let m = cache.get(s);
    if (!m) cache.set(s, (m = new Map()));
    const key = keyOf(o);
    if (!m.has(key)) m.set(key, compute(s, o));
    return m.get(key)!;
  };
  select.reset = () => {
    cache = new WeakMap();
  };
  return select;
}
