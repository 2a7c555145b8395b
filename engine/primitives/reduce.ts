/**
 * Reductions: reduce_sum, reduce_max, reduce_min, reduce_prod over `axes` (normalised, sorted,
 * distinct; jnp validates what the user wrote). Batching is the reducer family: axes shift past
 * the batch dim, nothing moves. JAX: jax/_src/lax/lax.py (reduce_sum_p, reduce_max_p, …,
 * `_reduce_chooser_jvp_rule`, `_reduce_sum_transpose_rule`).
 */
import { EngineError, pyShape } from "../errors";
import { full } from "../array/create";
import { reduce, type ReduceOp } from "../array/kernels";
import { inversePerm, sizeOf } from "../array/shape";
import { ShapedArray } from "../core/aval";
import { definePrimitive, type PrimitiveDef } from "../core/primitive";
import { bind1, type Value } from "../core/tracer";
import { reducerBatch } from "./families";
import { reducedCells } from "./provenanceFamilies";
import { divP, eqP, mulP, convert } from "./elementwise";
import { broadcastInDimP, concatenateP, reshapeP, sliceP, transposeP } from "./structural";

export interface ReduceParams { axes: number[] }

function checkAxes(shape: readonly number[], axes: number[]): number[] {
  const ok = axes.every((a, i) => Number.isInteger(a) && a >= 0 && a < shape.length && (i === 0 || a > axes[i - 1]));
  if (!ok) throw new EngineError("shape-error", `reduction axes ${pyShape(axes)} are not sorted, distinct axes of an array of shape ${pyShape(shape)}`);
  return shape.filter((_, i) => !axes.includes(i));
}

/** Broadcasts a reduced value back over the reduced axes of `shape` (a stride-0 view). */
function expandBack(v: Value, shape: readonly number[], axes: number[]): Value {
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  return bind1(broadcastInDimP, [v], { shape: [...shape], broadcastDimensions: kept });
}

/**
 * JAX `_reduce_chooser_jvp_rule`, transposed: the cotangent goes to every position equal to the
 * result, divided evenly among ties (location_indicators / counts).
 */
function chooserVjp(cts: (Value | null)[], [x]: Value[], [out]: Value[], { axes }: ReduceParams): (Value | null)[] {
  const [ct] = cts;
  if (ct === null) return [null];
  const loc = convert(bind1(eqP, [x, expandBack(out, x.shape, axes)]), x.dtype, x.weak);
  const counts = bind1(reduceSumP, [loc], { axes });
  return [bind1(mulP, [loc, expandBack(bind1(divP, [ct, counts]), x.shape, axes)])];
}

function reducer(name: string, op: ReduceOp, vjp: NonNullable<PrimitiveDef<ReduceParams>["vjp"]>): PrimitiveDef<ReduceParams> {
  const prim: PrimitiveDef<ReduceParams> = definePrimitive<ReduceParams>({
    name,
    shape: ([x], { axes }) => [new ShapedArray(checkAxes(x.shape, axes))],
    impl: ([x], { axes }) => (checkAxes(x.shape, axes), [reduce(op, x, axes)]),
    cost: ([x]) => x.size,
    batch: (_B, xs, dims, params) => reducerBatch(prim, xs, dims, params),
    provenance: reducedCells,
    symbol: () => ({ form: "reduce", op }),
    vjp,
    printParams: ({ axes }) => `axes=${pyShape(axes)}`,
  });
  return prim;
}

// JAX `_reduce_sum_transpose_rule`: broadcast the cotangent back over the reduced axes.
export const reduceSumP = reducer("reduce_sum", "sum", ([ct], [x], _outs, { axes }) => [ct === null ? null : expandBack(ct, x.shape, axes)]);
export const reduceMaxP = reducer("reduce_max", "max", chooserVjp);
export const reduceMinP = reducer("reduce_min", "min", chooserVjp);
// ---------------------------------------------------------------- reduce_prod's VJP
/** `v` moved along its last axis by `k` places (towards the end, or from the end), filled with 1s. */
function shiftedWithOnes(v: Value, k: number, fromEnd: boolean): Value {
  const last = v.ndim - 1;
  const n = v.shape[last];
  const part = (start: number, size: number) =>
    bind1(sliceP, [v], { slices: v.shape.map((d, i) => (i === last ? { start, step: 1, size } : { start: 0, step: 1, size: d })) });
  const ones = full([...v.shape.slice(0, last), k], 1);
  return bind1(concatenateP, fromEnd ? [part(k, n - k), ones] : [ones, part(0, n - k)], { dimension: last });
}

/**
 * Exclusive cumulative products along the last axis (from the start, or from the end when
 * `fromEnd`): a Hillis–Steele scan, log2(n) multiplications of shifted copies, all primitives.
 */
function exclusiveProducts(x: Value, fromEnd: boolean): Value {
  const n = x.shape[x.ndim - 1];
  let p = x;
  for (let k = 1; k < n; k *= 2) p = bind1(mulP, [p, shiftedWithOnes(p, k, fromEnd)]);
  return shiftedWithOnes(p, 1, fromEnd);
}

/**
 * d prod(x) / d x_i = the product of every other element along `axes`, computed without dividing
 * by x_i (which is NaN at zeros, also in second derivatives): the reduced axes are moved last
 * and merged, and the product of the others is (product of those before) × (product of those
 * after). JAX gets the same from `_reduce_prod_jvp_rule` (jax/_src/lax/lax.py), which also
 * multiplies the other elements rather than dividing; the rule is primitives, so grad(grad),
 * vmap and jit of it compose.
 */
function productOfOthers(x: Value, axes: number[]): Value {
  const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const perm = [...kept, ...axes];
  const n = sizeOf(axes.map((a) => x.shape[a]));
  if (n <= 1 || x.size === 0) return full(x.shape, 1);
  const moved = perm.every((p, i) => p === i) ? x : bind1(transposeP, [x], { perm });
  const merged = bind1(reshapeP, [moved], { newSizes: [...kept.map((i) => x.shape[i]), n] });
  const others = bind1(mulP, [exclusiveProducts(merged, false), exclusiveProducts(merged, true)]);
  const unmerged = bind1(reshapeP, [others], { newSizes: perm.map((i) => x.shape[i]) });
  return perm.every((p, i) => p === i) ? unmerged : bind1(transposeP, [unmerged], { perm: inversePerm(perm) });
}

export const reduceProdP = reducer("reduce_prod", "prod", ([ct], [x], _outs, { axes }) => {
  if (ct === null) return [null];
  return [bind1(mulP, [expandBack(ct, x.shape, axes), productOfOthers(x, axes)])];
});
