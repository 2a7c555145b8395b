/**
 * `pmap`, `runPmap` and `loopMap` as the engine exports them: they call through to their family
 * (mapsFamily.ts), loaded on first use (engine/lazyFamily.ts).
 */
import { lazyFamily } from "../lazyFamily";
import type { PmapOptions, PmapRun } from "./pmap";
import type { VmapOptions } from "./describe";

export const mapsFamily = lazyFamily(() => import("./mapsFamily"));

/** jax.pmap: `pmap(fun, inAxes, outAxes, { devices })`, devices simulated on this thread. */
export function pmap(fun: Function, inAxes: unknown = 0, outAxes: unknown = 0, opts: PmapOptions = {}): (...args: unknown[]) => unknown {
  return mapsFamily.need("jax.pmap").pmap(fun, inAxes, outAxes, opts);
}

/** `jax.pmap(fun, in_axes, out_axes)(*args)` with each simulated device's lane. */
export function runPmap(fun: Function, inAxes: unknown, outAxes: unknown, args: readonly unknown[], opts: PmapOptions = {}): PmapRun {
  return mapsFamily.need("jax.pmap").runPmap(fun, inAxes, outAxes, args, opts);
}

/** The naive loop: f on each slice along the in_axes, then `jnp.stack` along out_axes. */
export function loopMap(fun: Function, inAxes: unknown = 0, outAxes: unknown = 0, opts: VmapOptions = {}): (...args: unknown[]) => unknown {
  return mapsFamily.need("the naive loop").loopMap(fun, inAxes, outAxes, opts);
}
