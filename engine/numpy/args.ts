/**
 * Argument handling shared by the jnp functions: NumPy's keyword arguments arrive as a trailing
 * options object (`jnp.sum(x, { axis: 0 })`) or positionally (`jnp.sum(x, 0)`); axes are
 * canonicalised with NumPy/JAX's messages against the value's `.shape`, which under vmap is the
 * per-example shape, so errors quote what the user reasons about.
 * JAX: jax/_src/numpy/reductions.py (`_reduction_dims`), jax/_src/util.py (`canonicalize_axis`).
 */
import { EngineError, pyShape } from "../errors";
import { NDArray } from "../array/ndarray";
import { normalizeAxis } from "../array/shape";
import { isValue, toValue, type Value } from "../core/tracer";

/** An array argument: an engine value or a JS number (a Python scalar). */
export type ArrayLike = Value | number;
/** NumPy's `axis`: an int, a tuple of ints (a JS array) or None (null: every axis). */
export type Axis = number | readonly number[] | null;

/**
 * An argument as an engine value. Given the jnp function's name, a tuple/list/dict argument is
 * refused with jnp's own TypeError text (`sum requires ndarray or scalar arguments, got <class
 * 'tuple'> at position 0.`); JAX: jax/_src/numpy/util.py check_arraylike.
 */
export function asValue(x: ArrayLike, fn?: string, position = 0): Value {
  if (fn !== undefined && typeof x === "object" && x !== null && !isValue(x)) {
    const type = Array.isArray(x) ? "tuple" : "dict";
    throw new EngineError("unsupported", `${fn} requires ndarray or scalar arguments, got <class '${type}'> at position ${position}.`);
  }
  return toValue(x);
}

/** True for a plain options object (not an array, a value or null). */
function isOptions(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x) && !isValue(x) && !(x instanceof NDArray);
}

/**
 * Reads keyword `key` from a call's trailing arguments: `f(a, value)` or `f(a, { key: value })`
 * or `f(a, value, { other })`. Returns `dflt` when absent.
 */
export function kwarg<T>(rest: unknown[], position: number, key: string, dflt: T): T {
  for (const r of rest) if (isOptions(r) && key in r && r[key] !== undefined) return r[key] as T;
  const v = rest[position];
  return v === undefined || isOptions(v) ? dflt : (v as T);
}

/** JAX `canonicalize_axis`: `axis 3 is out of bounds for array of dimension 2`. */
export function canonicalizeAxis(axis: number, ndim: number): number {
  return normalizeAxis(axis, ndim);
}

/** JAX `_reduction_dims`: normalised, sorted axes; duplicates are `duplicate value in 'axis'`. */
export function reductionAxes(axis: Axis, ndim: number): number[] {
  if (axis === null) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axis === "number" ? [axis] : [...axis];
  const canon = list.map((a) => canonicalizeAxis(a, ndim));
  if (new Set(canon).size !== canon.length) throw new EngineError("shape-error", `duplicate value in 'axis': ${pyShape(list)}`);
  return canon.sort((a, b) => a - b);
}

/** A tuple-or-int argument as a list. */
export const asList = (x: number | readonly number[]): number[] => (typeof x === "number" ? [x] : [...x]);
