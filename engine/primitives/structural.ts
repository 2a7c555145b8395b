/**
 * Structural primitives: transpose, broadcast_in_dim, reshape, squeeze, concatenate, slice and
 * pad (slice's transpose). Their impls are zero-copy views wherever the result is a view of the
 * input (transpose, broadcast_in_dim, squeeze, slice, reshape of a dense or compatible layout);
 * only concatenate and pad allocate. Batch rules bind primitives, never loop over the batch.
 * JAX: jax/_src/lax/lax.py (transpose_p, broadcast_in_dim_p, reshape_p, squeeze_p,
 * concatenate_p, pad_p) and jax/_src/lax/slicing.py (slice_p). expand_dims is not a primitive:
 * as in JAX (`lax.expand_dims`), it is a broadcast_in_dim.
 */
import { EngineError, pyShape } from "../errors";
import { allocate, NDArray } from "../array/ndarray";
import { inversePerm, isPermutation, rowMajorStrides, shapesEqual, sizeOf } from "../array/shape";
import { broadcastInDimView, sliceView, squeezeView, transposeView, type AxisSlice } from "../array/views";
import { ShapedArray } from "../core/aval";
import { definePrimitive, type PrimitiveDef } from "../core/primitive";
import { bind1 } from "../core/tracer";
import { allUnbatched, moveBatchAxis, type BatchResult } from "./families";
import { movedCells } from "./provenanceFamilies";
import { same } from "../core/symbols";
import { reduceSumP } from "./reduce";

const tuple = (xs: readonly number[]) => pyShape(xs);
const aval = (shape: readonly number[]) => [new ShapedArray(shape)];

// ---------------------------------------------------------------- transpose
export interface TransposeParams { perm: number[] }

function checkTranspose(shape: readonly number[], perm: number[]): number[] {
  if (!isPermutation(perm, shape.length)) {
    throw new EngineError(
      "shape-error",
      `transpose permutation isn't a permutation of operand dimensions, got permutation ${tuple(perm)} for operand shape ${tuple(shape)}.`,      { pyType: "TypeError" },

    );
  }
  return perm.map((p) => shape[p]);
}

export const transposeP: PrimitiveDef<TransposeParams> = definePrimitive<TransposeParams>({
  name: "transpose",
  shape: ([x], { perm }) => aval(checkTranspose(x.shape, perm)),
  impl: ([x], { perm }) => [transposeView(x, perm)],
  cost: () => 0, // a view
  viewAxes: ({ perm }) => [...perm],
  // JAX `_transpose_batch_rule`: the batch axis goes first, the others follow the permutation.
  batch: (_B, [x], [d], { perm }) => {
    if (d === null) return [[bind1(transposeP, [x], { perm })], [null]];
    return [[bind1(transposeP, [x], { perm: [d, ...perm.map((p) => (p >= d ? p + 1 : p))] })], [0]];
  },
  provenance: (xs, p) => movedCells(transposeP, xs, p),
  symbol: same,
  vjp: ([ct], _xs, _outs, { perm }) => [ct === null ? null : bind1(transposeP, [ct], { perm: inversePerm(perm) })],
  printParams: ({ perm }) => `permutation=${tuple(perm)}`,
});

// ---------------------------------------------------------------- broadcast_in_dim
export interface BroadcastInDimParams { shape: number[]; broadcastDimensions: number[] }

function checkBroadcastInDim(operand: readonly number[], { shape, broadcastDimensions: dims }: BroadcastInDimParams): void {
  const ok =
    dims.length === operand.length &&
    dims.every((d, i) => Number.isInteger(d) && d >= 0 && d < shape.length && (i === 0 || d > dims[i - 1])) &&
    operand.every((s, i) => s === 1 || s === shape[dims[i]]);
  if (!ok) {
    throw new EngineError(
      "shape-error",
      `broadcast_in_dim operand dimension sizes must either be 1, or be equal to their corresponding dimensions in the target broadcast shape; got operand of shape ${tuple(operand)}, target broadcast shape ${tuple(shape)}, broadcast_dimensions ${tuple(dims)}`,      { pyType: "TypeError" },

    );
  }
}

export const broadcastInDimP: PrimitiveDef<BroadcastInDimParams> = definePrimitive<BroadcastInDimParams>({
  name: "broadcast_in_dim",
  shape: ([x], p) => (checkBroadcastInDim(x.shape, p), aval(p.shape)),
  impl: ([x], p) => (checkBroadcastInDim(x.shape, p), [broadcastInDimView(x, p.shape, p.broadcastDimensions)]),
  cost: () => 0, // a stride-0 view
  viewAxes: ({ shape, broadcastDimensions: dims }, x) =>
    shape.map((d, i) => {
      const k = dims.indexOf(i);
      return k >= 0 && x.shape[k] === d ? k : -1;
    }),
  // JAX `_broadcast_in_dim_batch_rule`: batch axis to the front of operand and target.
  batch: (B, [x], [d], p) => {
    if (d === null) return [[bind1(broadcastInDimP, [x], p)], [null]];
    const front = moveBatchAxis(B, d, 0, x);
    const params = { shape: [B, ...p.shape], broadcastDimensions: [0, ...p.broadcastDimensions.map((k) => k + 1)] };
    return [[bind1(broadcastInDimP, [front], params)], [0]];
  },
  // JAX `_broadcast_in_dim_transpose_rule`: sum over the new axes and the stretched size-1 axes.
  provenance: (xs, p) => movedCells(broadcastInDimP, xs, p),
  symbol: same,
  vjp: ([ct], [x], _outs, { shape, broadcastDimensions: dims }) => {
    if (ct === null) return [null];
    const kept = new Set(dims.filter((d, i) => x.shape[i] === shape[d]));
    const axes = shape.map((_, i) => i).filter((i) => !kept.has(i));
    const summed = axes.length ? bind1(reduceSumP, [ct], { axes }) : ct;
    return [shapesEqual(summed.shape, x.shape) ? summed : bind1(reshapeP, [summed], { newSizes: [...x.shape] })];
  },
  printParams: ({ shape, broadcastDimensions }) => `broadcast_dimensions=${tuple(broadcastDimensions)}\nshape=${tuple(shape)}`,
});

// ---------------------------------------------------------------- reshape
export interface ReshapeParams { newSizes: number[] }

/** Strides for `shape` over x's storage without copying, or null (NumPy `_attempt_nocopy_reshape`). */
function noCopyStrides(x: NDArray, shape: readonly number[]): number[] | null {
  const old = x.shape.map((s, i) => [s, x.strides[i]]).filter(([s]) => s !== 1);
  const out = new Array<number>(shape.length).fill(0);
  let oi = 0;
  let ni = 0;
  const newNon1 = shape.map((s, i) => [s, i]).filter(([s]) => s !== 1);
  while (oi < old.length && ni < newNon1.length) {
    let op = old[oi][0];
    let np = newNon1[ni][0];
    const oStart = oi;
    const nStart = ni;
    while (op !== np) {
      if (op < np) op *= old[++oi][0];
      else np *= newNon1[++ni][0];
    }
    for (let k = oStart; k < oi; k++) if (old[k][1] !== old[k + 1][0] * old[k + 1][1]) return null;
    let stride = old[oi][1];
    for (let k = ni; k >= nStart; k--) {
      out[newNon1[k][1]] = stride;
      stride *= newNon1[k][0];
    }
    oi++;
    ni++;
  }
  return out;
}

function reshapeImpl(x: NDArray, shape: readonly number[]): NDArray {
  if (x.isContiguous) return x.view(shape, rowMajorStrides(shape));
  if (x.size > 0) {
    const strides = noCopyStrides(x, shape);
    if (strides) return x.view(shape, strides);
  }
  const dense = allocate(x.shape);
  copyInto(dense, x);
  return new NDArray(dense.data, shape);
}

function checkReshape(shape: readonly number[], newSizes: number[]): void {
  if (newSizes.some((d) => !Number.isInteger(d) || d < 0) || sizeOf(newSizes) !== sizeOf(shape)) {
    throw new EngineError(
      "shape-error",
      `reshape total size must be unchanged, got new_sizes ${tuple(newSizes)} (of total size ${sizeOf(newSizes)}) for shape ${tuple(shape)} (of total size ${sizeOf(shape)}).`,      { pyType: "TypeError" },

    );
  }
}

export const reshapeP: PrimitiveDef<ReshapeParams> = definePrimitive<ReshapeParams>({
  name: "reshape",
  shape: ([x], { newSizes }) => (checkReshape(x.shape, newSizes), aval(newSizes)),
  impl: ([x], { newSizes }) => (checkReshape(x.shape, newSizes), [reshapeImpl(x, newSizes)]),
  cost: ([x]) => (x.isContiguous ? 0 : x.size), // a view unless the input must be copied
  // JAX `_reshape_batch_rule`: batch axis to the front, then reshape with B prepended.
  batch: (B, [x], [d], { newSizes }) => {
    if (d === null) return [[bind1(reshapeP, [x], { newSizes })], [null]];
    return [[bind1(reshapeP, [moveBatchAxis(B, d, 0, x)], { newSizes: [B, ...newSizes] })], [0]];
  },
  provenance: (xs, p) => movedCells(reshapeP, xs, p),
  symbol: same,
  vjp: ([ct], [x]) => [ct === null ? null : bind1(reshapeP, [ct], { newSizes: [...x.shape] })],
  printParams: ({ newSizes }) => `dimensions=None\nnew_sizes=${tuple(newSizes)}`,
});

// ---------------------------------------------------------------- squeeze
export interface SqueezeParams { dimensions: number[] }

function checkSqueeze(shape: readonly number[], dimensions: number[]): number[] {
  if (new Set(dimensions).size !== dimensions.length) throw new EngineError("shape-error", `dimensions are not unique: ${tuple(dimensions)}`);
  if (!dimensions.every((d) => d >= 0 && d < shape.length)) throw new EngineError("shape-error", `dimensions outside range [0, ndim): ${tuple(dimensions)}`);
  if (dimensions.some((d) => shape[d] !== 1)) {
    throw new EngineError(
      "shape-error",
      `cannot select an axis to squeeze out which has size not equal to one, got shape=${tuple(shape)} and dimensions=${tuple(dimensions)}`,
    );
  }
  return shape.filter((_, i) => !dimensions.includes(i));
}

export const squeezeP: PrimitiveDef<SqueezeParams> = definePrimitive<SqueezeParams>({
  name: "squeeze",
  shape: ([x], { dimensions }) => aval(checkSqueeze(x.shape, dimensions)),
  impl: ([x], { dimensions }) => (checkSqueeze(x.shape, dimensions), [squeezeView(x, dimensions)]),
  cost: () => 0, // a view
  viewAxes: ({ dimensions }, x) => x.shape.map((_, i) => i).filter((i) => !dimensions.includes(i)),
  // JAX `_squeeze_batch_rule` moves the batch axis to 0; shifting the axes instead moves nothing.
  batch: (_B, [x], [d], { dimensions }) => {
    if (d === null) return [[bind1(squeezeP, [x], { dimensions })], [null]];
    const dims = dimensions.map((a) => (a >= d ? a + 1 : a));
    return [[bind1(squeezeP, [x], { dimensions: dims })], [d - dimensions.filter((a) => a < d).length]];
  },
  provenance: (xs, p) => movedCells(squeezeP, xs, p),
  symbol: same,
  vjp: ([ct], [x]) => [ct === null ? null : bind1(reshapeP, [ct], { newSizes: [...x.shape] })],
  printParams: ({ dimensions }) => `dimensions=${tuple(dimensions)}`,
});

// ---------------------------------------------------------------- concatenate
export interface ConcatenateParams { dimension: number }

function checkConcatenate(shapes: (readonly number[])[], dimension: number): number[] {
  const list = shapes.map(tuple).join(", ");
  if (shapes.length === 0) throw new EngineError("shape-error", "concatenate requires at least one operand", { pyType: "TypeError" });
  if (new Set(shapes.map((s) => s.length)).size !== 1) {
    throw new EngineError("shape-error", `Cannot concatenate arrays with different numbers of dimensions: got ${list}.`, { pyType: "TypeError" });
  }
  if (!(dimension >= 0 && dimension < shapes[0].length)) {
    throw new EngineError("shape-error", `concatenate dimension out of bounds: dimension ${dimension} for shapes ${list}.`, { pyType: "TypeError" });
  }
  const rest = (s: readonly number[]) => s.filter((_, i) => i !== dimension).join(",");
  if (shapes.some((s) => rest(s) !== rest(shapes[0]))) {
    throw new EngineError(
      "shape-error",
      `Cannot concatenate arrays with shapes that differ in dimensions other than the one being concatenated: concatenating along dimension ${dimension} for shapes ${list}.`,      { pyType: "TypeError" },

    );
  }
  const out = [...shapes[0]];
  out[dimension] = shapes.reduce((n, s) => n + s[dimension], 0);
  return out;
}

/**
 * Copies `src` (any layout, stride-0 axes included) into the same-shaped view `dst`. The copy is
 * elementwise, so both views may be walked in any common axis order: the axes are ordered by
 * dst stride so the inner loop writes as densely as possible (stack along the last axis has
 * size-1 parts; their long axis becomes the inner loop).
 */
function copyInto(dst: NDArray, src: NDArray): void {
  const total = dst.size;
  if (total === 0) return;
  const D = dst.data;
  const S = src.data;
  const order = dst.shape
    .map((_, i) => i)
    .sort((i, j) => (dst.shape[i] === 1 ? -1 : 0) - (dst.shape[j] === 1 ? -1 : 0) || Math.abs(dst.strides[j]) - Math.abs(dst.strides[i]));
  const shape = order.map((i) => dst.shape[i]);
  const dStr = order.map((i) => dst.strides[i]);
  const sStr = order.map((i) => src.strides[i]);
  const nd = shape.length;
  if (nd === 0) {
    D[dst.offset] = S[src.offset];
    return;
  }
  const n = shape[nd - 1];
  const dl = dStr[nd - 1];
  const sl = sStr[nd - 1];
  const idx = new Array<number>(nd).fill(0);
  let od = dst.offset;
  let os = src.offset;
  for (let r = total / n; r > 0; r--) {
    for (let i = 0; i < n; i++) D[od + i * dl] = S[os + i * sl];
    for (let d = nd - 2; d >= 0; d--) {
      od += dStr[d];
      os += sStr[d];
      if (++idx[d] < shape[d]) break;
      od -= dStr[d] * shape[d];
      os -= sStr[d] * shape[d];
      idx[d] = 0;
    }
  }
}

export const concatenateP: PrimitiveDef<ConcatenateParams> = definePrimitive<ConcatenateParams>({
  name: "concatenate",
  shape: (xs, { dimension }) => aval(checkConcatenate(xs.map((x) => x.shape), dimension)),
  impl: (xs, { dimension }) => {
    const out = allocate(checkConcatenate(xs.map((x) => x.shape), dimension));
    let start = 0;
    for (const x of xs) {
      const slices = out.shape.map((n, i) => (i === dimension ? { start, step: 1, size: x.shape[i] } : { start: 0, step: 1, size: n }));
      copyInto(sliceView(out, slices), x);
      start += x.shape[dimension];
    }
    return [out];
  },
  // JAX `_concatenate_batch_rule`: every operand gets the batch axis at 0 (unbatched ones as a
  // stride-0 broadcast, copied once into the result), and the dimension shifts by one.
  batch: (B, xs, dims, { dimension }): BatchResult => {
    const none = allUnbatched(concatenateP, xs, dims, { dimension });
    if (none) return none;
    const front = xs.map((x, i) => moveBatchAxis(B, dims[i], 0, x));
    return [[bind1(concatenateP, front, { dimension: dimension + 1 })], [0]];
  },
  // JAX `_concatenate_transpose_rule`: each operand's cotangent is its slice of ct.
  provenance: (xs, p) => movedCells(concatenateP, xs, p),
  symbol: same,
  vjp: ([ct], xs, _outs, { dimension }) => {
    if (ct === null) return xs.map(() => null);
    let start = 0;
    return xs.map((x) => {
      const slices = ct.shape.map((n, i) => (i === dimension ? { start, step: 1, size: x.shape[i] } : { start: 0, step: 1, size: n }));
      start += x.shape[dimension];
      return bind1(sliceP, [ct], { slices });
    });
  },
  printParams: ({ dimension }) => `dimension=${dimension}`,
});

// ---------------------------------------------------------------- slice
/** One AxisSlice per operand axis: element k of the result is operand[start + k * step]. */
export interface SliceParams { slices: AxisSlice[] }

function checkSlice(shape: readonly number[], slices: AxisSlice[]): number[] {
  const ok =
    slices.length === shape.length &&
    slices.every(({ start, step, size }, i) => {
      if (!Number.isInteger(start) || !Number.isInteger(step) || !Number.isInteger(size) || step === 0 || size < 0) return false;
      if (size === 0) return true;
      const last = start + (size - 1) * step;
      return start >= 0 && start < shape[i] && last >= 0 && last < shape[i];
    });
  if (!ok) throw new EngineError("shape-error", `slice indices out of range for operand of shape ${tuple(shape)}`, { pyType: "TypeError" });
  return slices.map((s) => s.size);
}

export const sliceP: PrimitiveDef<SliceParams> = definePrimitive<SliceParams>({
  name: "slice",
  shape: ([x], { slices }) => aval(checkSlice(x.shape, slices)),
  impl: ([x], { slices }) => (checkSlice(x.shape, slices), [sliceView(x, slices)]),
  cost: () => 0, // a strided view
  // JAX `_slice_batching_rule`: the batch axis is sliced whole, where it already is.
  batch: (B, [x], [d], { slices }) => {
    if (d === null) return [[bind1(sliceP, [x], { slices })], [null]];
    const s = [...slices];
    s.splice(d, 0, { start: 0, step: 1, size: B });
    return [[bind1(sliceP, [x], { slices: s })], [d]];
  },
  // JAX `_slice_transpose_rule`: pad ct with zeros back to the operand's shape (interior padding
  // = step - 1). A negative step first reverses ct on that axis (a step -1 slice), as JAX does
  // with `rev`, so the pad sees increasing positions.
  provenance: (xs, p) => movedCells(sliceP, xs, p),
  symbol: same,
  vjp: ([ct], [x], _outs, { slices }) => {
    if (ct === null) return [null];
    let g = ct;
    if (slices.some((s) => s.step < 0 && s.size > 1)) {
      const rev = slices.map((s) => (s.step < 0 ? { start: s.size - 1, step: -1, size: s.size } : { start: 0, step: 1, size: s.size }));
      g = bind1(sliceP, [ct], { slices: rev });
    }
    const lo: number[] = [];
    const hi: number[] = [];
    const interior: number[] = [];
    slices.forEach(({ start, step, size }, i) => {
      const n = x.shape[i];
      if (size === 0) return lo.push(n), hi.push(0), interior.push(0);
      const first = step > 0 ? start : start + (size - 1) * step;
      const last = step > 0 ? start + (size - 1) * step : start;
      lo.push(first);
      hi.push(n - 1 - last);
      interior.push(Math.abs(step) - 1);
    });
    return [bind1(padP, [g], { lo, hi, interior })];
  },
  printParams: ({ slices }) => {
    const limit = slices.map((s) => (s.size === 0 ? s.start : s.start + (s.size - 1) * s.step + Math.sign(s.step)));
    const strides = slices.every((s) => s.step === 1) ? "None" : tuple(slices.map((s) => s.step));
    return `limit_indices=${tuple(limit)}\nstart_indices=${tuple(slices.map((s) => s.start))}\nstrides=${strides}`;
  },
});

// ---------------------------------------------------------------- pad (zeros as padding value)
/** Per axis: `lo` zeros before, `hi` after, `interior` between neighbours (all ≥ 0). */
export interface PadParams { lo: number[]; hi: number[]; interior: number[] }

function padShape(shape: readonly number[], { lo, hi, interior }: PadParams): number[] {
  const ok = [lo, hi, interior].every((a) => a.length === shape.length && a.every((v) => Number.isInteger(v) && v >= 0));
  if (!ok) throw new EngineError("shape-error", `pad: padding config does not fit operand of shape ${tuple(shape)}`);
  return shape.map((n, i) => lo[i] + hi[i] + n + Math.max(0, n - 1) * interior[i]);
}

export const padP: PrimitiveDef<PadParams> = definePrimitive<PadParams>({
  name: "pad",
  shape: ([x], p) => aval(padShape(x.shape, p)),
  impl: ([x], p) => {
    const out = allocate(padShape(x.shape, p));
    copyInto(sliceView(out, x.shape.map((n, i) => ({ start: p.lo[i], step: p.interior[i] + 1, size: n }))), x);
    return [out];
  },
  // JAX `_pad_batch_rule` (zero padding value): no padding along the batch axis.
  batch: (_B, [x], [d], p) => {
    if (d === null) return [[bind1(padP, [x], p)], [null]];
    const ins = (a: number[]) => [...a.slice(0, d), 0, ...a.slice(d)];
    return [[bind1(padP, [x], { lo: ins(p.lo), hi: ins(p.hi), interior: ins(p.interior) })], [d]];
  },
  // JAX `_pad_transpose`: the operand's cotangent is the strided slice that skips the padding.
  provenance: (xs, p) => movedCells(padP, xs, p),
  symbol: same,
  vjp: ([ct], [x], _outs, p) => {
    if (ct === null) return [null];
    return [bind1(sliceP, [ct], { slices: x.shape.map((n, i) => ({ start: p.lo[i], step: p.interior[i] + 1, size: n })) })];
  },
  printParams: ({ lo, hi, interior }) => `padding_config=(${lo.map((l, i) => `(${l}, ${hi[i]}, ${interior[i]})`).join(", ")}${lo.length === 1 ? "," : ""})`,
});

