/**
 * Axis handling shared by the jnp functions (argument binding and kinds: signature.ts); axes are
 * canonicalised with NumPy/JAX's messages against the value's `.shape`, which under vmap is the
 * per-example shape, so errors quote what the user reasons about.
 * JAX: jax/_src/numpy/reductions.py (`_reduction_dims`), jax/_src/util.py (`canonicalize_axis`).
 */
import { EngineError, pyShape } from "../errors";
import { normalizeAxis } from "../array/shape";
import type { Value } from "../core/tracer";

/** An array argument: an engine value or a JS number (a Python scalar). */
export type ArrayLike = Value | number;
/** NumPy's `axis`: an int, a tuple of ints (a JS array) or None (null: every axis). */
export type Axis = number | readonly number[] | null;

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
