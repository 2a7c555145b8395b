/**
 * jax.lax loads on demand: control flow and collectives are a chunk of their own, so the page's
 * first screen does not carry them (the first-screen JavaScript budget, README "Quality"). The
 * lambda language reads `jax.lax` through `laxNow()`; `loadLax()` loads it (the app starts it
 * at once and runs the call again when it arrives). Importing engine/control registers it too.
 */
import type { Lax } from "./index";
import type { controlStory } from "./story";
import type { LAX_SIGNATURES } from "./signatures";

let loaded: Lax | null = null;
let loading: Promise<Lax> | null = null;
let story: typeof controlStory | null = null;
let signatures: typeof LAX_SIGNATURES | null = null;

/** Called by engine/control/index.ts as it is evaluated. */
export function provideLax(lax: Lax, tell: typeof controlStory, sigs: typeof LAX_SIGNATURES): void {
  loaded = lax;
  story = tell;
  signatures = sigs;
}

/** The lambda language's signatures of jax.lax's functions, once loaded. */
export const laxSignaturesNow = (): typeof LAX_SIGNATURES | null => signatures;

/**
 * traceVmap's account of a control-flow or collective primitive (story.ts), or null for any
 * other. Before jax.lax has loaded there can be no such primitive to tell.
 */
export const controlStoryOf: typeof controlStory = (...args) => (story ? story(...args) : null);

/** jax.lax once loaded, else null. */
export const laxNow = (): Lax | null => loaded;

/** Loads jax.lax (once) and gives it. */
export function loadLax(): Promise<Lax> {
  if (loaded) return Promise.resolve(loaded);
  return (loading ??= import("./index").then((m) => m.lax));
}
