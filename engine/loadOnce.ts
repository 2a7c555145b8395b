/**
 * Something loaded on first want (a chunk split off the first screen's code): later wants share
 * the load, and a failed load (offline before the chunk was cached, a chunk gone after a deploy,
 * a test's environment torn down mid-fetch) is forgotten, so the next want starts again. The
 * engine's families (lazyFamily.ts) and the app's lazy modules (app/state/lazyModule.ts) load so.
 */
export interface LoadOnce<M> {
  /** What was loaded, or null until then. */
  now(): M | null;
  /** Starts the load, or shares the one under way; a failed load rejects, and the next call starts again. */
  load(): Promise<M>;
}

export function loadOnce<M>(loader: () => Promise<M>): LoadOnce<M> {
  let loaded: M | null = null;
  let loading: Promise<M> | null = null;
  return {
    now: () => loaded,
    load: () =>
      (loading ??= loader().then(
        (m) => (loaded = m),
        (e: unknown) => {
          loading = null;
          throw e;
        },
      )),
  };
}
