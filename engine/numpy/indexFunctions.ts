/**
 * jnp functions that index by values or produce the indices: take, take_along_axis (gathers,
 * gatherIndexing.ts) and argmax/argmin (the argmax/argmin primitives; their int results are
 * what `x[jnp.argmax(y)]` then indexes with). JAX: jax/_src/numpy/indexing.py,
 * jax/_src/numpy/reductions.py (`_argmax`, `_argmin`).
 */
import { EngineError } from "../errors";
import { defaultInt } from "../array/dtype";
import { bind1, type Value } from "../core/tracer";
import { argmaxP, argminP } from "../primitives/argminmax";
import { iotaAlong, sortP } from "../primitives/sort";
import { bind } from "../core/tracer";
import * as lax from "../primitives/lax";
import type { ArrayLike } from "./args";
import { canonicalizeAxis } from "./args";
import { take as gatherTake, takeAlongAxis } from "./gatherIndexing";
import { defineJnp } from "./signature";
import { JNP_SIGNATURES as SIG } from "./signatures";

/** A `mode=` argument: None or a str (the functions check which strs they take). */
function modeArg(v: unknown, fn: string): string | null {
  if (v === null || v === undefined || typeof v === "string") return (v ?? null) as string | null;
  throw new EngineError("unsupported", `${fn}() argument 'mode' must be a str or None`, { pyType: "TypeError" });
}

export const take = defineJnp<(a: ArrayLike, indices: ArrayLike, axis?: number | null, opts?: object) => Value>(
  SIG.take,
  (a: Value, indices: Value, axis: number | null, _out: null, mode: unknown, _u: boolean, _s: boolean, fillValue: number | null) =>
    gatherTake(a, indices, axis === null ? null : canonicalizeAxis(axis, a.ndim), { mode: modeArg(mode, "take"), fillValue }),
);

export const take_along_axis = defineJnp<(arr: ArrayLike, indices: ArrayLike, axis: number | null, opts?: object) => Value>(
  SIG.take_along_axis,
  (arr: Value, indices: Value, axis: number | null, mode: unknown, fillValue: number | null) => takeAlongAxis(arr, indices, axis, { mode: modeArg(mode, "take_along_axis"), fillValue }),
);

/** `_argmax`/`_argmin`: axis None flattens first; keepdims puts the reduced axis back as size 1. */
function argReduction(name: "argmax" | "argmin") {
  const prim = name === "argmax" ? argmaxP : argminP;
  return defineJnp<(a: ArrayLike, axis?: number | null, opts?: object) => Value>(SIG[name], (a: Value, axis: number | null, _out: null, keepdims: unknown) => {
    const x = axis === null ? lax.reshape(a, [a.size]) : a;
    const ax = axis === null ? 0 : canonicalizeAxis(axis, a.ndim);
    if (x.shape[ax] === 0) throw new EngineError("shape-error", `attempt to get ${name} of an empty sequence`, { pyType: "ValueError" });
    const r = bind1(prim, [x], { axes: [ax], indexDtype: defaultInt() });
    if (!keepdims) return r;
    return axis === null ? lax.reshape(r, a.shape.map(() => 1)) : lax.expandDims(r, [ax]);
  });
}

export const argmax = argReduction("argmax");
export const argmin = argReduction("argmin");

/**
 * `jnp.argsort`: sort(x, iota) keeping the permutation; a stable descending sort reverses the
 * input and the iota first so ties keep their order, then reverses the result (lax_numpy.py).
 */
export const argsort = defineJnp<(a: ArrayLike, axis?: number | null, opts?: object) => Value>(
  SIG.argsort,
  (a: Value, axis: number | null, _kind: unknown, _order: null, stable: boolean, descending: boolean) => {
    const x = axis === null ? lax.reshape(a, [a.size]) : a;
    const d = axis === null ? 0 : canonicalizeAxis(axis, a.ndim);
    const rev = (v: Value) => lax.slice(v, v.shape.map((n, i) => (i === d ? { start: n - 1, step: -1, size: n } : { start: 0, step: 1, size: n })));
    let keys: Value = x;
    let iota: Value = iotaAlong(x.shape, d);
    if (descending && stable) (keys = rev(keys)), (iota = rev(iota));
    const perm = bind(sortP, [keys, iota], { dimension: d, isStable: stable, numKeys: 1 })[1];
    return descending ? rev(perm) : perm;
  },
);
