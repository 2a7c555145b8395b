/**
 * Reductions: reduce_sum, reduce_max, reduce_min, reduce_prod over `axes` (normalised, sorted,
 * distinct; jnp validates what the user wrote). Batching is the reducer family: axes shift past
 * the batch dim, nothing moves. JAX: jax/_src/lax/lax.py (reduce_sum_p, reduce_max_p, …,
 * `_reduce_chooser_jvp_rule`, `_reduce_sum_transpose_rule`).
 */
import { EngineError, pyShape } from "../errors";
import { reduce, type ReduceOp } from "../array/kernels";
import { ShapedArray } from "../core/aval";
import { definePrimitive, type PrimitiveDef } from "../core/primitive";
import { bind1, type Value } from "../core/tracer";
import { reducerBatch } from "./families";
import { reducedCells } from "./provenanceFamilies";
import { divP, eqP, mulP, selectNP } from "./elementwise";
import { broadcastInDimP } from "./structural";

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
  const loc = bind1(eqP, [x, expandBack(out, x.shape, axes)]);
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
    vjp,
    printParams: ({ axes }) => `axes=${pyShape(axes)}`,
  });
  return prim;
}

// JAX `_reduce_sum_transpose_rule`: broadcast the cotangent back over the reduced axes.
export const reduceSumP = reducer("reduce_sum", "sum", ([ct], [x], _outs, { axes }) => [ct === null ? null : expandBack(ct, x.shape, axes)]);
export const reduceMaxP = reducer("reduce_max", "max", chooserVjp);
export const reduceMinP = reducer("reduce_min", "min", chooserVjp);
// JAX `_reduce_prod_jvp_rule` multiplies the products of the other elements. We get the same
// numbers from the product of the nonzero entries p and the zero count nz along the axes:
// d/dx_i = p / x_i when nz = 0; p at the single zero when nz = 1; 0 otherwise.
export const reduceProdP = reducer("reduce_prod", "prod", ([ct], [x], _outs, { axes }) => {
  if (ct === null) return [null];
  const isZero = bind1(eqP, [x, 0]);
  const nz = expandBack(bind1(reduceSumP, [isZero], { axes }), x.shape, axes);
  const p = expandBack(bind1(reduceProdP, [bind1(selectNP, [isZero, x, 1])], { axes }), x.shape, axes);
  const atNonzero = bind1(selectNP, [bind1(eqP, [nz, 0]), 0, bind1(divP, [p, x])]);
  const atZero = bind1(selectNP, [bind1(eqP, [nz, 1]), 0, p]);
  return [bind1(mulP, [expandBack(ct, x.shape, axes), bind1(selectNP, [isZero, atNonzero, atZero])])];
});
