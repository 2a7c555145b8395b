/**
 * A module the first screen does not need, loaded when first wanted (the playback narration on
 * the first step, the error "why" line on the first error, D3's transitions), so it stays out of
 * the first-screen JavaScript (tests/browser/budget.test.ts).
 *
 * A load can fail: the page goes on without the module, and the next want tries again (the
 * engine's loadOnce). Nothing here leaves a rejection unhandled.
 */
import { useEffect, useReducer } from "react";
import { loadOnce } from "../../engine";

export interface LazyModule<M> {
  /** The module once loaded, else null. */
  get(): M | null;
  /** Starts the load once; later calls share it. A failed load rejects, and the next call starts again. */
  load(): Promise<M>;
  /** Starts the load for later; a failure is dropped (the next `load` starts again). */
  prefetch(): void;
}

export function lazyModule<M>(loader: () => Promise<M>): LazyModule<M> {
  const once = loadOnce(loader);
  return {
    get: once.now,
    load: once.load,
    prefetch: () => void once.load().catch(() => {}),
  };
}

/** The module while `want` (loading it, and re-rendering once it arrives), else what is loaded. */
export function useLazyModule<M>(lazy: LazyModule<M>, want: boolean): M | null {
  const [, arrived] = useReducer((n: number) => n + 1, 0);
  const mod = lazy.get();
  useEffect(() => {
    if (!want || mod) return;
    let live = true;
    lazy.load().then(
      () => live && arrived(),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [lazy, want, mod]);
  return mod;
}

/**
 * Loads `lazy` when the page first has a moment (requestIdleCallback, else after 200 ms), unless
 * it has loaded: a module wanted at a person's first step or hover is then ready for it.
 */
export function usePrefetchWhenIdle<M>(lazy: LazyModule<M>): void {
  useEffect(() => {
    if (lazy.get()) return;
    const idle = window.requestIdleCallback ?? ((f: () => void) => window.setTimeout(f, 200));
    const cancelIdle = window.cancelIdleCallback ?? window.clearTimeout;
    const asked = idle(() => lazy.prefetch());
    return () => cancelIdle(asked);
  }, [lazy]);
}
