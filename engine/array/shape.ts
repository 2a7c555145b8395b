/** Pure shape arithmetic shared by arrays, primitives and transforms. No arrays here. */
import { EngineError, incompatibleBroadcast, incompatibleRankBroadcast } from "../errors";

export type Shape = readonly number[];

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function rowMajorStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** NumPy's normalize_axis_index: the error text is NumPy's, a shape-error inside f. */
export function normalizeAxis(axis: number, ndim: number): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    throw new EngineError("shape-error", `axis ${axis} is out of bounds for array of dimension ${ndim}`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/**
 * NumPy broadcasting of shapes. `prim` names the lax primitive for JAX's same-rank message;
 * shapes of different ranks fail with jnp's rank-promotion message instead.
 * JAX: jax/_src/lax/lax.py (`broadcasting_shape_rule`, `_broadcast_shapes_uncached`).
 */
export function broadcastShapes(shapes: readonly Shape[], prim = "add"): number[] {
  const ndim = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(ndim).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const j = ndim - s.length + i;
      const d = s[i];
      if (out[j] === 1) out[j] = d;
      else if (d !== 1 && d !== out[j]) {
        const sameRank = shapes.every((t) => t.length === ndim);
        const bad = shapes.filter((t) => t.length > 0);
        throw sameRank ? incompatibleBroadcast(prim, bad[0], bad[1] ?? s) : incompatibleRankBroadcast(shapes);
      }
    }
  }
  return out;
}

export function isPermutation(perm: readonly number[], n: number): boolean {
  return perm.length === n && new Set(perm).size === n && perm.every((p) => Number.isInteger(p) && p >= 0 && p < n);
}

/** Where moving axis `src` to `dst` sends every axis (NumPy moveaxis for one axis). */
export function moveAxisPerm(ndim: number, src: number, dst: number): number[] {
  const rest = Array.from({ length: ndim }, (_, i) => i).filter((i) => i !== src);
  rest.splice(dst, 0, src);
  return rest;
}

export function inversePerm(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
}

/**
 * The -1 in a new shape, as both NumPy and JAX infer it: how many -1s there are, the product
 * of the other sizes, and the inferred shape when there is exactly one and it divides `size`
 * (else null). Callers word the failures (NumPy's `_fix_unknown_dimension`, JAX's
 * `_compute_newshape` in jax/_src/numpy/array_methods.py).
 */
export function inferNewShape(size: number, dims: readonly number[]): { unknowns: number; others: number; target: number[] | null } {
  const unknowns = dims.filter((d) => d === -1).length;
  const others = sizeOf(dims.filter((d) => d !== -1));
  if (unknowns !== 1) return { unknowns, others, target: unknowns === 0 && others === size ? [...dims] : null };
  const ok = others !== 0 && size % others === 0;
  return { unknowns, others, target: ok ? dims.map((d) => (d === -1 ? size / others : d)) : null };
}
