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
  return new NDArray(x.data, perm.map((p) => x.shape[p]), perm.map((p) => x.strides[p]), x.offset);
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
  return new NDArray(x.data, shape, strides, x.offset);
}

/** NumPy broadcast_to: right-aligned. */
export function broadcastToView(x: NDArray, shape: Shape): NDArray {
  const lead = shape.length - x.ndim;
  return broadcastInDimView(x, shape, x.shape.map((_, i) => i + lead));
}

export function squeezeView(x: NDArray, axes: readonly number[]): NDArray {
  const keep = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  return new NDArray(x.data, keep.map((i) => x.shape[i]), keep.map((i) => x.strides[i]), x.offset);
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
  return new NDArray(x.data, shape, strides, offset);
}
