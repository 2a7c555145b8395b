/**
 * jax.numpy as library code over the primitives (style P4): elementwise math, reductions, shape
 * manipulation, where and the constant makers. NumPy argument order; keyword arguments as a
 * trailing options object. Every check reads `.shape` (per-example under vmap) and raises JAX's
 * words; broadcasting errors come from the primitives' shape rules (lax names: `sub got …`).
 * JAX: jax/_src/numpy/{ufuncs,reductions,lax_numpy}.py.
 */
import { EngineError, incompatibleRankBroadcast, pyShape } from "../errors";
import { arange as makeArange, ones, zeros } from "../array/create";
import type { NDArray } from "../array/ndarray";
import { broadcastShapes, sizeOf } from "../array/shape";
import type { Value } from "../core/tracer";
import * as lax from "../primitives/lax";
import { asList, asValue, canonicalizeAxis, kwarg, reductionAxes, type ArrayLike, type Axis } from "./args";

// ---------------------------------------------------------------- elementwise
/**
 * NumPy rank promotion as jnp does it (`promote_shapes`): when non-scalar operands differ in
 * rank, each is given leading size-1 axes with broadcast_in_dim (after checking the shapes
 * broadcast, with JAX's message); equal ranks and scalars are left to the primitive's own
 * size-1 broadcasting. So jaxprs read like JAX's. JAX: jax/_src/numpy/util.py promote_shapes.
 */
function promoteShapes(args: ArrayLike[], fn?: string): Value[] {
  const vs = args.map((a, i) => asValue(a, fn, i));
  const ranks = new Set(vs.filter((v) => v.ndim > 0).map((v) => v.ndim));
  if (ranks.size < 2) return vs;
  const rank = broadcastShapes(vs.map((v) => v.shape)).length;
  return vs.map((v) => (v.ndim === 0 || v.ndim === rank ? v : lax.broadcastInDim(v, [...new Array<number>(rank - v.ndim).fill(1), ...v.shape], v.shape.map((_, i) => i + rank - v.ndim))));
}

const promoted = (f: (x: Value, y: Value) => Value, fn: string) => (x1: ArrayLike, x2: ArrayLike): Value => {
  const [a, b] = promoteShapes([x1, x2], fn);
  return f(a, b);
};

export const add = promoted(lax.add, "add");
export const subtract = promoted(lax.sub, "subtract");
export const multiply = promoted(lax.mul, "multiply");
export const divide = promoted(lax.div, "divide");
export const maximum = promoted(lax.max, "maximum");
export const minimum = promoted(lax.min, "minimum");
/**
 * A Python int exponent binds integer_pow (square-and-multiply), anything else pow: JAX's
 * `jnp.power` special case. JS cannot tell 2 from 2.0, so integral numbers count as ints, up
 * to 2**53 − 1: beyond that a JS number is a float's value (`x ** 1e300` is a float power in
 * Python too), and it goes to pow.
 */
const floatPower = promoted(lax.pow, "power");
export const power = (x1: ArrayLike, x2: ArrayLike): Value =>
  typeof x2 === "number" && Number.isSafeInteger(x2) ? lax.integerPow(x1, x2) : floatPower(x1, x2);

export const negative = (x: ArrayLike): Value => lax.neg(x);
export const abs = (x: ArrayLike): Value => lax.abs(x);
export const square = (x: ArrayLike): Value => lax.square(x);
export const sqrt = (x: ArrayLike): Value => lax.sqrt(x);
export const exp = (x: ArrayLike): Value => lax.exp(x);
export const log = (x: ArrayLike): Value => lax.log(x);
export const sin = (x: ArrayLike): Value => lax.sin(x);
export const cos = (x: ArrayLike): Value => lax.cos(x);
export const tanh = (x: ArrayLike): Value => lax.tanh(x);

export const less = promoted(lax.lt, "less");
export const less_equal = promoted(lax.le, "less_equal");
export const greater = promoted(lax.gt, "greater");
export const greater_equal = promoted(lax.ge, "greater_equal");
export const equal = promoted(lax.eq, "equal");
export const not_equal = promoted(lax.ne, "not_equal");

// ---------------------------------------------------------------- reductions
/** `axis` / `keepdims` as NumPy takes them: positionally (axis only) or in an options object. */
export interface ReduceOptions { axis?: Axis; keepdims?: boolean }
export type ReduceArgs = [axisOrOptions?: Axis | ReduceOptions, options?: ReduceOptions];

function reduction(name: string, reduce: (x: Value, axes: number[]) => Value, hasIdentity: boolean) {
  return (a: ArrayLike, ...rest: ReduceArgs): Value => {
    const x = asValue(a, name);
    const axes = reductionAxes(kwarg<Axis>(rest, 0, "axis", null), x.ndim);
    if (!hasIdentity && axes.some((d) => x.shape[d] === 0)) {
      throw new EngineError("shape-error", `zero-size array to reduction operation ${name} which has no identity`);
    }
    const out = reduce(x, axes);
    return kwarg(rest, -1, "keepdims", false) ? lax.expandDims(out, axes) : out;
  };
}

export const sum = reduction("sum", lax.reduceSum, true);
export const prod = reduction("prod", lax.reduceProd, true);
export const max = reduction("max", lax.reduceMax, false);
export const min = reduction("min", lax.reduceMin, false);

/** JAX: div(sum(a, axis, keepdims), n) with n the number of reduced elements. */
export function mean(a: ArrayLike, ...rest: ReduceArgs): Value {
  const x = asValue(a);
  const axes = reductionAxes(kwarg<Axis>(rest, 0, "axis", null), x.ndim);
  const n = sizeOf(axes.map((d) => x.shape[d]));
  return lax.div(sum(x, { axis: axes, keepdims: kwarg(rest, -1, "keepdims", false) }), n);
}

// ---------------------------------------------------------------- shapes
/** jnp.transpose(a, axes=None): reversed axes by default; JAX's lax message for a non-permutation. */
export function transpose(a: ArrayLike, axes?: readonly number[] | null | { axes?: readonly number[] | null }): Value {
  const x = asValue(a);
  const given = kwarg<readonly number[] | null>([axes], 0, "axes", null);
  const perm = given === null ? x.shape.map((_, i) => x.ndim - 1 - i) : given.map((i) => canonicalizeAxis(i, x.ndim));
  if (given !== null && (perm.length !== x.ndim || new Set(perm).size !== perm.length)) {
    throw new EngineError(
      "shape-error",
      `transpose permutation isn't a permutation of operand dimensions, got permutation ${pyShape(perm)} for operand shape ${pyShape(x.shape)}.`,
    );
  }
  return lax.transpose(x, perm);
}

/** JAX `_compute_newshape`: one -1 inferred, NumPy's messages. */
export function reshape(a: ArrayLike, shape: number | readonly number[]): Value {
  const x = asValue(a);
  const dims = asList(shape);
  const written = typeof shape === "number" ? String(shape) : pyShape(dims);
  const n = x.size;
  const unknown = dims.filter((d) => d === -1).length;
  if (unknown > 1) throw new EngineError("shape-error", "can only specify one unknown dimension");
  if (dims.some((d) => !Number.isInteger(d) || d < -1)) throw new EngineError("shape-error", `cannot reshape array of shape ${pyShape(x.shape)} (size ${n}) into shape ${written}`);
  let target = dims;
  if (unknown === 1) {
    const others = sizeOf(dims.filter((d) => d !== -1));
    if (others === 0 || n % others !== 0) {
      throw new EngineError(
        "shape-error",
        `cannot reshape array of shape ${pyShape(x.shape)} (size ${n}) into shape ${written} because the product of specified axis sizes (${others}) does not evenly divide ${n}`,
      );
    }
    target = dims.map((d) => (d === -1 ? n / others : d));
  }
  if (sizeOf(target) !== n) {
    throw new EngineError("shape-error", `cannot reshape array of shape ${pyShape(x.shape)} (size ${n}) into shape ${written} (size ${sizeOf(target)})`);
  }
  return lax.reshape(x, target);
}

/** Flattens to 1-d (jnp.ravel, used by vdot, outer and concatenate(axis=None)). */
export const ravel = (a: ArrayLike): Value => reshape(a, -1);

/** JAX `_moveaxis`: the other axes keep their order, each source lands at its destination. */
export function moveaxis(a: ArrayLike, source: number | readonly number[], destination: number | readonly number[]): Value {
  const x = asValue(a);
  const src = asList(source).map((i) => canonicalizeAxis(i, x.ndim));
  const dst = asList(destination).map((i) => canonicalizeAxis(i, x.ndim));
  if (src.length !== dst.length) throw new EngineError("shape-error", `Inconsistent number of elements: ${src.length} vs ${dst.length}`);
  const perm = x.shape.map((_, i) => i).filter((i) => !src.includes(i));
  const pairs = dst.map((d, k) => [d, src[k]]).sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  for (const [d, s] of pairs) perm.splice(d, 0, s);
  return transpose(x, perm);
}

export function swapaxes(a: ArrayLike, axis1: number, axis2: number): Value {
  const x = asValue(a);
  const i = canonicalizeAxis(axis1, x.ndim);
  const j = canonicalizeAxis(axis2, x.ndim);
  const perm = x.shape.map((_, k) => k);
  [perm[i], perm[j]] = [perm[j], perm[i]];
  return lax.transpose(x, perm);
}

/** JAX `lax.expand_dims`: positions count in the result's rank; a broadcast_in_dim. */
export function expand_dims(a: ArrayLike, axis: number | readonly number[]): Value {
  const x = asValue(a);
  const list = asList(axis);
  const dims = list.map((i) => canonicalizeAxis(i, x.ndim + list.length));
  if (new Set(dims).size !== dims.length) throw new EngineError("shape-error", `repeated axis in lax.expand_dims: [${dims.join(", ")}]`);
  return lax.expandDims(x, dims);
}

/** jnp.squeeze(a, axis=None): every size-1 axis by default; lax's message for a non-1 axis. */
export function squeeze(a: ArrayLike, axis?: Axis | { axis?: Axis }): Value {
  const x = asValue(a);
  const given = kwarg<Axis>([axis], 0, "axis", null);
  const dims = given === null ? x.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : asList(given).map((i) => canonicalizeAxis(i, x.ndim));
  if (new Set(dims).size !== dims.length) throw new EngineError("shape-error", `dimensions are not unique: ${pyShape(dims)}`);
  const bad = dims.filter((d) => x.shape[d] !== 1);
  if (bad.length) {
    throw new EngineError(
      "shape-error",
      `cannot select an axis to squeeze out which has size not equal to one, got shape=${pyShape(x.shape)} and dimensions=${pyShape([...dims].sort((p, q) => p - q))}`,
    );
  }
  return lax.squeeze(x, dims);
}

export type AxisArg = number | null | { axis?: number | null };

/** jnp.stack: every array the same shape, each expanded at `axis`, then concatenated. */
export function stack(arrays: readonly ArrayLike[], axis: AxisArg = 0): Value {
  if (!arrays.length) throw new EngineError("shape-error", "Need at least one array to stack.");
  const xs = arrays.map((x) => asValue(x));
  const ax = canonicalizeAxis(kwarg<number>([axis], 0, "axis", 0), xs[0].ndim + 1);
  const shape0 = pyShape(xs[0].shape);
  if (xs.some((x) => pyShape(x.shape) !== shape0)) throw new EngineError("shape-error", "All input arrays must have the same shape.");
  return lax.concatenate(xs.map((x) => lax.expandDims(x, [ax])), ax);
}

/** jnp.concatenate: axis=None flattens first; lax.concatenate's messages for mismatched shapes. */
export function concatenate(arrays: readonly ArrayLike[], axis: AxisArg = 0): Value {
  if (!arrays.length) throw new EngineError("shape-error", "Need at least one array to concatenate.");
  const ax = kwarg<number | null>([axis], 0, "axis", 0);
  if (ax === null) return concatenate(arrays.map(ravel), 0);
  const xs = arrays.map((x) => asValue(x));
  return lax.concatenate(xs, canonicalizeAxis(ax, xs[0].ndim));
}

/**
 * jnp.where(condition, x, y) = select_n(condition, y, x). The three shapes must broadcast
 * together; JAX broadcasts them with `lax.broadcast_shapes`, whose message lists all three.
 */
export function where(condition: ArrayLike, x: ArrayLike, y: ArrayLike): Value {
  const vs = [condition, x, y].map((x) => asValue(x));
  try {
    broadcastShapes(vs.map((v) => v.shape), "select_n");
  } catch {
    throw incompatibleRankBroadcast(vs.map((v) => v.shape));
  }
  const [c, a, b] = promoteShapes(vs);
  return lax.selectN(c, b, a);
}

// ---------------------------------------------------------------- constants (never batched)
/** Reads only the shape (per-example under vmap): a constant, not a function of `a`'s values. */
export const zeros_like = (a: ArrayLike): NDArray => zeros(asValue(a).shape);
export const ones_like = (a: ArrayLike): NDArray => ones(asValue(a).shape);
/** NumPy arange(stop) / arange(start, stop, step): a plain array. */
export const arange = (start: number, stop?: number, step?: number): NDArray => makeArange(start, stop, step);
