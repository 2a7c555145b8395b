/**
 * jax.lax's control flow and collectives: a family loaded on first use (engine/lazyFamily.ts).
 * The lambda language reads `jax.lax` through `laxNow()`, traceVmap its account of a
 * control-flow primitive through `controlStoryOf`.
 */
import { lazyFamily } from "../lazyFamily";
import type { Lax } from "./index";
import type { controlStory } from "./story";
import type { LAX_SIGNATURES } from "./signatures";

export const laxFamily = lazyFamily(() => import("./index"));

/** The lambda language's signatures of jax.lax's functions, once loaded. */
export const laxSignaturesNow = (): typeof LAX_SIGNATURES | null => laxFamily.now()?.LAX_SIGNATURES ?? null;

/**
 * traceVmap's account of a control-flow or collective primitive (story.ts), or null for any
 * other. Before jax.lax has loaded there can be no such primitive to tell.
 */
export const controlStoryOf: typeof controlStory = (...args) => laxFamily.now()?.controlStory(...args) ?? null;

/** jax.lax once loaded, else null. */
export const laxNow = (): Lax | null => laxFamily.now()?.lax ?? null;

/** Loads jax.lax (once) and gives it. */
export const loadLax = (): Promise<Lax> => laxFamily.load().then((m) => m.lax);
