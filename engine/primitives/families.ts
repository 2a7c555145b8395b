/**
 * Rule families shared by many primitives, each named after the property it encodes (style P2):
 * `vectorized` (a unary elementwise op commutes with any batch layout), `broadcasting` (n-ary
 * elementwise ops align batched operands by rank, then let size-1 broadcasting do the rest),
 * `reducerBatch` (reductions shift their axes past the batch dim), plus the helpers every rule
 * uses: `moveBatchAxis` (the one way a batch axis moves or appears), `unbroadcast` (sum a
 * cotangent back to an operand's shape) and the JS-expression builders for elementwise `emit`.
 * JAX: jax/_src/interpreters/batching.py (defvectorized, defbroadcasting, defreducer,
 * bdim_at_front, broadcast) and lax.py (`_unbroadcast`).
 *
 * Only function declarations are exported: primitive modules import this file and it imports
 * them back (for transpose/broadcast_in_dim/reduce_sum/reshape), and hoisted functions make that
 * cycle safe whichever module loads first. Primitive objects are only touched at call time.
 */
import { moveAxisPerm, shapesEqual } from "../array/shape";
import type { BDim, PrimitiveDef } from "../core/primitive";
import { bind, bind1, type Value } from "../core/tracer";
import { reduceSumP } from "./reduce";
import { broadcastInDimP, reshapeP, transposeP } from "./structural";

export type BatchResult = [Value[], BDim[]];
/** Params of primitives that take none. */
export type NoParams = Record<string, never>;

/**
 * Moves a value's batch axis from `src` to `dst` (a zero-copy transpose), or, for an unbatched
 * value (`src === null`), gives it a new axis of size `axisSize` at `dst` with broadcast_in_dim,
 * whose impl is a stride-0 view: an unbatched operand is never copied B times.
 * JAX: batching.py `moveaxis` / `broadcast` (used by `matchaxis`).
 */
export function moveBatchAxis(axisSize: number, src: BDim, dst: number, x: Value): Value {
  if (src === null) {
    const shape = [...x.shape];
    shape.splice(dst, 0, axisSize);
    const dims = x.shape.map((_, i) => (i < dst ? i : i + 1));
    return bind1(broadcastInDimP, [x], { shape, broadcastDimensions: dims });
  }
  if (src === dst) return x;
  return bind1(transposeP, [x], { perm: moveAxisPerm(x.ndim, src, dst) });
}

/** No operand batched (a transform may still ask): apply as is, results unbatched. */
export function allUnbatched<P>(prim: PrimitiveDef<P>, xs: Value[], dims: BDim[], params: P): BatchResult | null {
  if (dims.some((d) => d !== null)) return null;
  const outs = bind(prim, xs, params);
  return [outs, outs.map(() => null)];
}

/** Unary elementwise: the op does not care where the batch axis is. JAX: defvectorized. */
export function vectorized<P>(prim: PrimitiveDef<P>, xs: Value[], dims: BDim[], params: P): BatchResult {
  return [[bind1(prim, xs, params)], [dims[0]]];
}

/**
 * N-ary elementwise with NumPy broadcasting at the primitive level. Fast path (JAX's too): every
 * batched operand has the same bdim and full shape and the unbatched ones are scalars → apply
 * directly, keep the bdim. Otherwise each batched operand gets its batch axis at 0 and size-1
 * axes right after it so its per-example part right-aligns with the per-example result rank R;
 * unbatched operands need nothing (broadcasting right-aligns them under the batch axis).
 * Both steps are views (transpose, stride-0 broadcast_in_dim); nothing is copied.
 * JAX: batching.py `_handle_scalar_broadcasting` / `broadcast_batcher`.
 */
export function broadcasting<P>(prim: PrimitiveDef<P>, axisSize: number, xs: Value[], dims: BDim[], params: P): BatchResult {
  const none = allUnbatched(prim, xs, dims, params);
  if (none) return none;
  const first = dims.findIndex((d) => d !== null);
  const d0 = dims[first];
  const shape0 = xs[first].shape;
  const same = xs.every((x, i) => (dims[i] === null ? x.ndim === 0 : dims[i] === d0 && shapesEqual(x.shape, shape0)));
  if (same) return [[bind1(prim, xs, params)], [d0]];
  const rank = Math.max(...xs.map((x, i) => (dims[i] === null ? x.ndim : x.ndim - 1)));
  const aligned = xs.map((x, i) => {
    const d = dims[i];
    if (d === null) return x;
    const front = moveBatchAxis(axisSize, d, 0, x);
    const r = x.ndim - 1;
    if (r === rank) return front;
    const shape = [front.shape[0], ...new Array<number>(rank - r).fill(1), ...front.shape.slice(1)];
    const bdims = [0, ...Array.from({ length: r }, (_, k) => k + 1 + rank - r)];
    return bind1(broadcastInDimP, [front], { shape, broadcastDimensions: bdims });
  });
  return [[bind1(prim, aligned, params)], [0]];
}

/**
 * Reductions over per-example `axes`: each axis shifts past the batch dim; the batch dim moves
 * left by the number of reduced axes before it. No data moves. JAX: batching.py `defreducer`.
 */
export function reducerBatch<P extends { axes: number[] }>(prim: PrimitiveDef<P>, xs: Value[], dims: BDim[], params: P): BatchResult {
  const none = allUnbatched(prim, xs, dims, params);
  if (none) return none;
  const d = dims[0] as number;
  const axes = params.axes.map((a) => (a >= d ? a + 1 : a));
  const out = d - params.axes.filter((a) => a < d).length;
  return [[bind1(prim, xs, { ...params, axes })], [out]];
}

/**
 * Sums a cotangent back to an operand's shape after primitive-level broadcasting: over the
 * leading axes the operand lacked and over axes where it had size 1, then reshapes.
 * JAX: lax.py `_unbroadcast`.
 */
export function unbroadcast(ct: Value, shape: readonly number[]): Value {
  if (shapesEqual(ct.shape, shape)) return ct;
  const lead = ct.ndim - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < ct.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && ct.shape[i] !== 1)) axes.push(i);
  }
  const summed = axes.length ? bind1(reduceSumP, [ct], { axes }) : ct;
  return shapesEqual(summed.shape, shape) ? summed : bind1(reshapeP, [summed], { newSizes: [...shape] });
}

/** A VJP for a primitive whose result does not depend smoothly on its inputs (zero cotangents). */
export function zeroVjp(_cts: (Value | null)[], xs: Value[]): (Value | null)[] {
  return xs.map(() => null);
}

/** `emit` for an infix binary operator: `(a op b)`. */
export function infixEmit(op: string): (args: string[]) => string {
  return ([a, b]) => `(${a} ${op} ${b})`;
}

/** `emit` for a JS function of its operands, e.g. `Math.exp(a)`. */
export function callEmit(fn: string): (args: string[]) => string {
  return (args) => `${fn}(${args.join(", ")})`;
}

/** `emit` for a comparison: 1 or 0 like the kernels (all values are float64). */
export function compareEmit(op: string): (args: string[]) => string {
  return ([a, b]) => `(${a} ${op} ${b} ? 1 : 0)`;
}
