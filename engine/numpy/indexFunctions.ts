/**
 * jnp functions that index by values or produce the indices: take and take_along_axis (one
 * gather each, helpers from gatherIndexing.ts), argmax/argmin (their primitives) and argsort
 * (sort with an iota); their int results are what `x[jnp.argmax(y)]` then indexes with.
 * JAX: jax/_src/numpy/indexing.py (`_take`, `take_along_axis`), jax/_src/numpy/lax_numpy.py
 * (`_argmax`, `_argmin`, `argsort`).
 */
import { EngineError, pyShape } from "../errors";
import { defaultInt, isInt } from "../array/dtype";
import { broadcastShapes } from "../array/shape";
import { defaultFill, gatherP, zerosOf } from "../primitives/gather";
import { parseMode, type GatherScatterMode } from "../primitives/gatherDims";
import { bind, bind1, type Value } from "../core/tracer";
import { argmaxP, argminP } from "../primitives/argminmax";
import { iotaAlong, sortP } from "../primitives/sort";
import * as lax from "../primitives/lax";
import type { ArrayLike } from "./args";
import { canonicalizeAxis } from "./args";
import { asIndex, indexError, normalize, typeError, type TakeOptions } from "./gatherIndexing";
import { defineJnp } from "./signature";
import { JNP_SIGNATURES as SIG } from "./signatures";

/** `jnp.take(a, indices, axis=None, mode=None, fill_value=None)` (JAX `_take`). */
function gatherTake(a: Value, indices: Value, axis: number | null, opts: TakeOptions = {}): Value {
  let x = a;
  let ax = 0;
  if (axis === null) x = lax.reshape(a, [a.size]);
  else ax = axis < 0 ? axis + a.ndim : axis;
  const mode = opts.mode ?? null;
  let idx = indices;
  let gmode: GatherScatterMode;
  if (mode === null || mode === "fill") {
    gmode = "fill_or_drop";
    idx = normalize(indices, x.shape[ax]);
  } else if (mode === "clip") gmode = "clip";
  else if (mode === "raise") throw new EngineError("unsupported", "The 'raise' mode to jnp.take is not supported.", { pyType: "NotImplementedError" });
  else throw new EngineError("unsupported", `Invalid mode '${mode}' for np.take`, { pyType: "ValueError" });
  const sliceSizes = [...x.shape];
  if (sliceSizes[ax] === 0) {
    if (idx.size !== 0) throw indexError("Cannot do a non-empty jnp.take() from an empty axis.");
    return x;
  }
  sliceSizes[ax] = 1;
  const k = idx.ndim;
  const offsetDims = [...Array.from({ length: ax }, (_, i) => i), ...Array.from({ length: x.ndim - 1 - ax }, (_, i) => ax + k + i)];
  return bind1(gatherP, [x, lax.expandDims(asIndex(idx), [k])], {
    dimensionNumbers: { offsetDims, collapsedSliceDims: [ax], startIndexMap: [ax], operandBatchingDims: [], startIndicesBatchingDims: [] },
    sliceSizes,
    mode: gmode,
    fillValue: gmode === "fill_or_drop" ? opts.fillValue ?? defaultFill(x.dtype) : null,
    uniqueIndices: false,
    indicesAreSorted: false,
  });
}

/** `jnp.take_along_axis(arr, indices, axis, mode=None, fill_value=None)`. */
function takeAlongAxis(arr: Value, indices: Value, axis: number | null, opts: TakeOptions = {}): Value {
  if (!isInt(indices.dtype)) throw typeError(`take_along_axis indices must be of integer type, got ${indices.dtype}`);
  let a = arr;
  let ax: number;
  if (axis === null) {
    if (indices.ndim !== 1) throw new EngineError("shape-error", `take_along_axis indices must be 1D if axis=None, got shape ${pyShape(indices.shape)}`, { pyType: "ValueError" });
    a = lax.reshape(arr, [arr.size]);
    ax = 0;
  } else ax = axis;
  const rank = a.ndim;
  if (rank !== indices.ndim) throw new EngineError("shape-error", `indices and arr must have the same number of dimensions; ${indices.ndim} vs. ${rank}`, { pyType: "ValueError" });
  ax = ax < 0 ? ax + rank : ax;
  if (!(ax >= 0 && ax < rank)) throw new EngineError("shape-error", `axis ${axis} is out of bounds for array of dimension ${rank}`, { pyType: "ValueError" });
  const idxShape = indices.shape;
  const arrShape = a.shape.map((n, i) => (i === ax ? 1 : n));
  const outShape = broadcastShapes([idxShape, arrShape]);
  const axisSize = a.shape[ax];
  if (axisSize === 0) return zerosOf(outShape, a.dtype);
  const mode = opts.mode ?? null;
  const idx = mode === "promise_in_bounds" ? indices : normalize(indices, axisSize);
  const indexDims = idxShape.map((n, i) => i).filter((i) => i === ax || idxShape[i] !== 1);
  const gatherIndices = lax.reshape(asIndex(idx), [...indexDims.map((i) => outShape[i]), 1]);
  const sliceSizes: number[] = [];
  const offsetDims: number[] = [];
  const startIndexMap: number[] = [];
  const collapsed: number[] = [];
  const operandBatching: number[] = [];
  const indicesBatching: number[] = [];
  const squeeze: number[] = [];
  let newI = 0;
  let j = 0;
  for (let i = 0; i < rank; i++) {
    if (i === ax) {
      sliceSizes.push(1);
      startIndexMap.push(newI);
      collapsed.push(newI);
      newI++;
      j++;
    } else if (idxShape[i] === 1) {
      offsetDims.push(i);
      sliceSizes.push(arrShape[i]);
      newI++;
    } else if (arrShape[i] === 1) {
      squeeze.push(i);
      j++;
    } else {
      sliceSizes.push(arrShape[i] === 0 ? 0 : 1);
      operandBatching.push(newI);
      indicesBatching.push(j);
      newI++;
      j++;
    }
  }
  const gmode: GatherScatterMode = mode === null ? "fill_or_drop" : parseMode(mode);
  return bind1(gatherP, [lax.squeeze(a, squeeze), gatherIndices], {
    dimensionNumbers: { offsetDims, collapsedSliceDims: collapsed, startIndexMap, operandBatchingDims: operandBatching, startIndicesBatchingDims: indicesBatching },
    sliceSizes,
    mode: gmode,
    fillValue: gmode === "fill_or_drop" ? opts.fillValue ?? defaultFill(a.dtype) : null,
    uniqueIndices: false,
    indicesAreSorted: false,
  });
}

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
