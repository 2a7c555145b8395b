/**
 * A module the first screen does not need, loaded when first wanted (the playback narration on
 * the first step, the error "why" line on the first error), so it stays out of the first-screen
 * JavaScript (tests/browser/budget.test.ts). Like viz/transitions.ts, for any module.
 */
import { useEffect, useReducer } from "react";

export interface LazyModule<M> {
  /** The module once loaded, else null. */
  get(): M | null;
  /** Starts the load once; later calls share it. */
  load(): Promise<M>;
}

export function lazyModule<M>(loader: () => Promise<M>): LazyModule<M> {
  let mod: M | null = null;
  let loading: Promise<M> | null = null;
  return {
    get: () => mod,
    load: () => (loading ??= loader().then((m) => (mod = m))),
  };
}

/** The module while `want` (loading it, and re-rendering once it arrives), else what is loaded. */
export function useLazyModule<M>(lazy: LazyModule<M>, want: boolean): M | null {
  const [, arrived] = useReducer((n: number) => n + 1, 0);
  const mod = lazy.get();
  useEffect(() => {
    if (!want || mod) return;
    let live = true;
    void lazy.load().then(() => live && arrived());
    return () => {
      live = false;
    };
  }, [lazy, want, mod]);
  return mod;
}
