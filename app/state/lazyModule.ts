/**
 * A module the first screen does not need, loaded when first wanted (the playback narration on
 * the first step, the error "why" line on the first error, D3's transitions), so it stays out of
 * the first-screen JavaScript (tests/browser/budget.test.ts).
 *
 * A load can fail (offline before the chunk was cached, a chunk gone after a deploy, a test's
 * environment torn down mid-fetch): the page goes on without the module, and the next want
 * tries again. Nothing here leaves a rejection unhandled.
 */
import { useEffect, useReducer } from "react";

export interface LazyModule<M> {
  /** The module once loaded, else null. */
  get(): M | null;
  /** Starts the load once; later calls share it. A failed load rejects, and the next call starts again. */
  load(): Promise<M>;
  /** Starts the load for later; a failure is dropped (the next `load` starts again). */
  prefetch(): void;
}

export function lazyModule<M>(loader: () => Promise<M>): LazyModule<M> {
  let mod: M | null = null;
  let loading: Promise<M> | null = null;
  const load = (): Promise<M> =>
    (loading ??= loader().then(
      (m) => (mod = m),
      (e: unknown) => {
        loading = null;
        throw e;
      },
    ));
  return {
    get: () => mod,
    load,
    prefetch: () => void load().catch(() => {}),
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
