/**
 * Zero-copy views: each returns an NDArray sharing its input's storage with new shape/strides.
 * This is what keeps vmap's axis moves and unbatched-operand broadcasts O(ndim), not O(size).
 */
import { EngineError } from "../errors";
import { checkSize } from "../limits";
import { NDArray } from "./ndarray";
import { isPermutation, type Shape } from "./shape";

export function transposeView(x: NDArray, perm: readonly number[]): NDArray {
  if (!isPermutation(perm, x.ndim)) throw new EngineError("shape-error", "axes don't match array");
  return x.view(perm.map((p) => x.shape[p]), perm.map((p) => x.strides[p]));
}

/** broadcast_in_dim as a view: operand axis i lands on output axis dims[i]; new axes get stride 0. */
export function broadcastInDimView(x: NDArray, shape: Shape, dims: readonly number[]): NDArray {
  // A stride-0 view allocates nothing, but whoever reads it (the app, flat(), a kernel) walks
  // every element: refuse it here like any other array over the limit.
  checkSize(shape.reduce((a, b) => a * b, 1));
  const strides = new Array<number>(shape.length).fill(0);
  dims.forEach((d, i) => {
    if (x.shape[i] === shape[d]) strides[d] = x.strides[i];
    else if (x.shape[i] !== 1) throw new EngineError("shape-error", `cannot broadcast shape [${x.shape}] to [${shape}]`);
  });
  return x.view(shape, strides);
}

/** NumPy broadcast_to: right-aligned. */
export function broadcastToView(x: NDArray, shape: Shape): NDArray {
  const lead = shape.length - x.ndim;
  return broadcastInDimView(x, shape, x.shape.map((_, i) => i + lead));
}

export function squeezeView(x: NDArray, axes: readonly number[]): NDArray {
  const keep = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  return x.view(keep.map((i) => x.shape[i]), keep.map((i) => x.strides[i]));
}

/** Strided slice per axis: start/stop/step already normalised (NumPy semantics, step ≠ 0). */
export interface AxisSlice {
  start: number;
  step: number;
  size: number;
}

export function sliceView(x: NDArray, slices: readonly AxisSlice[]): NDArray {
  let offset = x.offset;
  const shape: number[] = [];
  const strides: number[] = [];
  slices.forEach((s, i) => {
    if (s.size > 0) offset += s.start * x.strides[i];
    shape.push(s.size);
    strides.push(s.step * x.strides[i]);
  });
  return x.view(shape, strides, offset);
}

/**
 * The axis order in which `x` lies dense in memory, when it is a dense array seen through a
 * transpose (vmap's moved batch axes): `transposeView(x, order)` is then contiguous. null when
 * x is already row-major (nothing to gain) or is not a permuted dense array (broadcast axes,
 * slices with gaps, reversed steps). NumPy's elementwise ufuncs keep such an input's layout for
 * their output (order="K", numpy/_core/src/multiarray/nditer_constr.c); so do our kernels, so
 * that vmap's closing moveaxis to out_axes usually lands on a dense result.
 */
export function memoryOrder(x: NDArray): number[] | null {
  if (x.ndim < 2 || x.isContiguous) return null;
  // Size-1 axes have no place in memory: keep them first, in their order (any place is valid).
  const order = x.shape.map((_, i) => i).sort((i, j) => (x.shape[i] === 1 ? -1 : 0) - (x.shape[j] === 1 ? -1 : 0) || x.strides[j] - x.strides[i] || i - j);
  let s = 1;
  for (let k = order.length - 1; k >= 0; k--) {
    const d = order[k];
    if (x.shape[d] === 1) continue;
    if (x.strides[d] !== s) return null;
    s *= x.shape[d];
  }
  return order;
}
