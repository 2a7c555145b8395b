/**
 * What gather and scatter share: their dimension numbers, the out-of-bounds modes, JAX's
 * shape-rule checks (in JAX's words) and the index walks their impls and provenance rules run.
 * A walk visits every (result cell, operand cell) pair once, so the values (impl) and the cell
 * sets (provenance, with concrete indices) come from the same code.
 * JAX: jax/_src/lax/slicing.py (GatherDimensionNumbers, ScatterDimensionNumbers,
 * GatherScatterMode, `_gather_shape_rule`, `_gather_shape_computation`, `_scatter_shape_rule`);
 * XLA's operation semantics for Gather and Scatter.
 */
import { EngineError, pyShape } from "../errors";
import type { NDArray } from "../array/ndarray";
import { rowMajorStrides, sizeOf } from "../array/shape";
import type { DType } from "../array/dtype";

/**
 * JAX's GatherScatterMode. `fill_or_drop`: a window out of bounds gathers the fill value / is
 * dropped by a scatter; `clip`: start indices are clamped so the window fits;
 * `promise_in_bounds`: what XLA does then: a gather clamps, a scatter drops.
 */
export type GatherScatterMode = "clip" | "fill_or_drop" | "promise_in_bounds";

export const MODE_TEXT: Record<GatherScatterMode, string> = {
  clip: "GatherScatterMode.CLIP",
  fill_or_drop: "GatherScatterMode.FILL_OR_DROP",
  promise_in_bounds: "GatherScatterMode.PROMISE_IN_BOUNDS",
};

/** `GatherScatterMode.from_any`: None, "fill" and "drop" are FILL_OR_DROP. */
export function parseMode(s: string | null | undefined): GatherScatterMode {
  if (s === "clip") return "clip";
  if (s === null || s === undefined || s === "fill" || s === "drop") return "fill_or_drop";
  if (s === "promise_in_bounds") return "promise_in_bounds";
  throw new EngineError("unsupported", `Unknown gather mode "${s}"`, { pyType: "ValueError" });
}

export interface GatherDimensionNumbers {
  offsetDims: number[];
  collapsedSliceDims: number[];
  startIndexMap: number[];
  operandBatchingDims: number[];
  startIndicesBatchingDims: number[];
}

export interface ScatterDimensionNumbers {
  updateWindowDims: number[];
  insertedWindowDims: number[];
  scatterDimsToOperandDims: number[];
  operandBatchingDims: number[];
  scatterIndicesBatchingDims: number[];
}

const tup = (xs: readonly number[]) => pyShape(xs);

export function gatherDnumsText(d: GatherDimensionNumbers): string {
  return `GatherDimensionNumbers(offset_dims=${tup(d.offsetDims)}, collapsed_slice_dims=${tup(d.collapsedSliceDims)}, start_index_map=${tup(d.startIndexMap)}, operand_batching_dims=${tup(d.operandBatchingDims)}, start_indices_batching_dims=${tup(d.startIndicesBatchingDims)})`;
}

export function scatterDnumsText(d: ScatterDimensionNumbers): string {
  return `ScatterDimensionNumbers(update_window_dims=${tup(d.updateWindowDims)}, inserted_window_dims=${tup(d.insertedWindowDims)}, scatter_dims_to_operand_dims=${tup(d.scatterDimsToOperandDims)}, operand_batching_dims=${tup(d.operandBatchingDims)}, scatter_indices_batching_dims=${tup(d.scatterIndicesBatchingDims)})`;
}

/** The scatter that is a gather's transpose, and back (JAX `_gather_transpose_fancy`). */
export const toScatterDnums = (d: GatherDimensionNumbers): ScatterDimensionNumbers => ({
  updateWindowDims: d.offsetDims,
  insertedWindowDims: d.collapsedSliceDims,
  scatterDimsToOperandDims: d.startIndexMap,
  operandBatchingDims: d.operandBatchingDims,
  scatterIndicesBatchingDims: d.startIndicesBatchingDims,
});
export const toGatherDnums = (d: ScatterDimensionNumbers): GatherDimensionNumbers => ({
  offsetDims: d.updateWindowDims,
  collapsedSliceDims: d.insertedWindowDims,
  startIndexMap: d.scatterDimsToOperandDims,
  operandBatchingDims: d.operandBatchingDims,
  startIndicesBatchingDims: d.scatterIndicesBatchingDims,
});

const plus1 = (xs: readonly number[]) => xs.map((x) => x + 1);

/**
 * The dimension numbers once vmap put a batched operand's batch axis at 0 and the indices are
 * unbatched: the batch axis is one more window (offset) dim. Scatter's rule is the mirror image
 * (JAX `_gather_batching_rule` / `_scatter_batching_rule`, first cases).
 */
export const withBatchedOperand = (d: GatherDimensionNumbers): GatherDimensionNumbers => ({
  offsetDims: [0, ...plus1(d.offsetDims)],
  collapsedSliceDims: plus1(d.collapsedSliceDims),
  startIndexMap: plus1(d.startIndexMap),
  operandBatchingDims: plus1(d.operandBatchingDims),
  startIndicesBatchingDims: d.startIndicesBatchingDims,
});

/** Both batched, batch axes at 0: they become a new operand/indices batching-dim pair (the third cases). */
export const withBatchedBoth = (d: GatherDimensionNumbers): GatherDimensionNumbers => ({
  offsetDims: plus1(d.offsetDims),
  collapsedSliceDims: plus1(d.collapsedSliceDims),
  startIndexMap: plus1(d.startIndexMap),
  operandBatchingDims: [0, ...plus1(d.operandBatchingDims)],
  startIndicesBatchingDims: [0, ...plus1(d.startIndicesBatchingDims)],
});

const typeError = (msg: string) => new EngineError("shape-error", msg, { pyType: "TypeError" });

function checkSortedUnique(dims: readonly number[], op: string, name: string, rank?: number): void {
  for (let i = 1; i < dims.length; i++) if (dims[i] < dims[i - 1]) throw typeError(`${name} in ${op} op must be sorted; got ${tup(dims)}`);
  if (new Set(dims).size !== dims.length) throw typeError(`${name} in ${op} op must not repeat; got ${tup(dims)}.`);
  if (rank !== undefined && dims.some((d) => d < 0 || d >= rank)) {
    throw typeError(`Invalid ${name} set in ${op} op; valid range is [0, ${rank}); got: ${tup(dims)}.`);
  }
}

/** Integer indices, as `_gather_dtype_rule` demands (its ValueError). */
export function checkIndexDtype(d: DType): void {
  if (d !== "int32" && d !== "int64") throw new EngineError("shape-error", "indices must have an integer type", { pyType: "ValueError" });
}

/** JAX `_gather_shape_rule` (the checks our callers can reach) + `_gather_shape_computation`. */
export function gatherShape(operand: readonly number[], indices: readonly number[], d: GatherDimensionNumbers, sliceSizes: readonly number[]): number[] {
  const ivd = indices.length - 1;
  if (ivd < 0) throw typeError(`Gather index leaf dimension must be within [0, rank(indices) + 1). rank(indices) is ${indices.length} and gather index leaf dimension is ${ivd}.`);
  const outRank = d.offsetDims.length + indices.length - 1;
  checkSortedUnique(d.offsetDims, "gather", "offset_dims");
  d.offsetDims.forEach((o, i) => {
    if (o < 0 || o >= outRank) throw typeError(`Offset dimension ${i} in gather op is out of bounds; got ${o}, but should have been in [0, ${outRank})`);
  });
  if (d.startIndexMap.length !== indices[ivd]) {
    throw typeError(
      `Gather op has ${d.startIndexMap.length} elements in start_index_map and the bound of dimension index_vector_dim=${ivd} of indices is ${indices[ivd]}. These two numbers must be equal.`,
    );
  }
  d.startIndexMap.forEach((o, i) => {
    if (o < 0 || o >= operand.length) throw typeError(`Invalid start_index_map; domain is [0, ${operand.length}), got: ${i}->${o}.`);
  });
  checkSortedUnique(d.collapsedSliceDims, "gather", "collapsed_slice_dims", operand.length);
  checkSortedUnique(d.operandBatchingDims, "gather", "operand_batching_dims", operand.length);
  if (d.operandBatchingDims.length !== d.startIndicesBatchingDims.length) {
    throw typeError(`Gather op requires equal numbers of operand_batching_dims and start_indices_batching_dims, got ${tup(d.operandBatchingDims)} and${tup(d.startIndicesBatchingDims)}.`);
  }
  const ob = d.operandBatchingDims.map((i) => operand[i]);
  const ib = d.startIndicesBatchingDims.map((i) => indices[i]);
  if (ob.join() !== ib.join()) {
    throw typeError(`Gather op requires operand batching dimensions and indices batching dimensions to have the same shape, got ${tup(ob)} and ${tup(ib)}.`);
  }
  if (operand.length !== sliceSizes.length) {
    throw typeError(`Gather op must have one slice size for every input dimension; got: len(slice_sizes)=${sliceSizes.length}, input_shape.rank=${operand.length}`);
  }
  if (sliceSizes.length !== d.offsetDims.length + d.collapsedSliceDims.length + d.operandBatchingDims.length) {
    throw typeError(
      `All components of the offset index in a gather op must either be a offset dimension or explicitly collapsed/batching; got len(slice_sizes)=${sliceSizes.length}, output_slice_sizes=${tup(d.offsetDims)}, collapsed_slice_dims=${tup(d.collapsedSliceDims)}, operand_batching_dims=${tup(d.operandBatchingDims)}.`,
    );
  }
  sliceSizes.forEach((s, i) => {
    if (sizeOf(indices) > 0 && !(s >= 0 && operand[i] >= s)) throw typeError(`Slice size at index ${i} in gather op is out of range, must be within [0, ${operand[i]} + 1), got ${s}.`);
  });
  d.collapsedSliceDims.forEach((c, i) => {
    if (sliceSizes[c] !== 1) throw typeError(`Gather op can only collapse slice dims with bound 1, but bound is ${sliceSizes[c]} for index ${c} at position ${i}.`);
  });
  const batchShape = indices.slice(0, ivd);
  const window = sliceSizes.filter((_, i) => !d.collapsedSliceDims.includes(i) && !d.operandBatchingDims.includes(i));
  let b = 0;
  let w = 0;
  return Array.from({ length: outRank }, (_, i) => (d.offsetDims.includes(i) ? window[w++] : batchShape[b++]));
}

/**
 * The slice sizes of a scatter's windows on the operand: 1 on inserted and batching dims, the
 * updates' window sizes elsewhere (JAX `_clamp_scatter_indices` and the transpose rules).
 */
export function scatterSliceSizes(operand: readonly number[], updates: readonly number[], d: ScatterDimensionNumbers): number[] {
  let pos = 0;
  return operand.map((_, i) => (d.insertedWindowDims.includes(i) || d.operandBatchingDims.includes(i) ? 1 : updates[d.updateWindowDims[pos++]]));
}

/** JAX `_scatter_shape_rule`, through the gather it mirrors: the updates must be that gather's result. */
export function checkScatterShape(operand: readonly number[], indices: readonly number[], updates: readonly number[], d: ScatterDimensionNumbers): void {
  if (d.updateWindowDims.length + d.insertedWindowDims.length + d.operandBatchingDims.length !== operand.length) {
    throw typeError(
      `Scatter op has window of size ${d.updateWindowDims.length + d.insertedWindowDims.length + d.operandBatchingDims.length}; doesn't match operand of rank ${operand.length}.`,
    );
  }
  const expected = gatherShape(operand, indices, toGatherDnums(d), scatterSliceSizes(operand, updates, d));
  if (expected.join() !== updates.join()) {
    throw typeError(`Bounds of the scatter dimensions of updates must be the same as the bounds of the corresponding dimensions of scatter indices. For scatter dimension 0, updates bound is ${updates[0]}, scatter_indices bound is ${expected[0]}.`);
  }
}

/**
 * Walks a gather: for each result cell j (row-major over `outShape`), the operand cell it reads
 * (a row-major position in the operand) or -1 where a fill_or_drop window is out of bounds,
 * and the row of the indices array (its index vector) that chose it.
 * XLA Gather: the batch dims of the result pick an index vector, start_index_map scatters it
 * into a start position, which is clamped (clip, promise_in_bounds) or checked (fill_or_drop),
 * and the offset dims walk the window.
 */
export function walkGather(
  operand: readonly number[],
  indices: NDArray,
  d: GatherDimensionNumbers,
  sliceSizes: readonly number[],
  mode: GatherScatterMode,
  visit: (out: number, src: number, row: number) => void,
): number[] {
  return walkWindows(operand, indices, gatherShape(operand, indices.shape, d, sliceSizes), d.offsetDims, d.collapsedSliceDims, d.startIndexMap, d.operandBatchingDims, d.startIndicesBatchingDims, sliceSizes, mode === "fill_or_drop", visit);
}

/** Walks a scatter: for each updates cell, the operand cell it lands on (-1: dropped). */
export function walkScatter(
  operand: readonly number[],
  indices: NDArray,
  updates: readonly number[],
  d: ScatterDimensionNumbers,
  mode: GatherScatterMode,
  visit: (update: number, dst: number, row: number) => void,
): void {
  // XLA drops a scatter window that does not fit; clip clamps first (JAX `_clamp_scatter_indices`).
  walkWindows(operand, indices, [...updates], d.updateWindowDims, d.insertedWindowDims, d.scatterDimsToOperandDims, d.operandBatchingDims, d.scatterIndicesBatchingDims, scatterSliceSizes(operand, updates, d), mode !== "clip", visit);
}

function walkWindows(
  operand: readonly number[],
  indices: NDArray,
  outShape: number[],
  offsetDims: readonly number[],
  collapsed: readonly number[],
  startIndexMap: readonly number[],
  operandBatching: readonly number[],
  indicesBatching: readonly number[],
  sliceSizes: readonly number[],
  checkBounds: boolean,
  visit: (out: number, src: number, row: number) => void,
): number[] {
  const idx = indices.flat();
  const nvec = indices.shape[indices.ndim - 1];
  const rowShape = indices.shape.slice(0, -1);
  const rowStrides = rowMajorStrides(rowShape);
  const opStrides = rowMajorStrides(operand);
  const batchOut = outShape.map((_, i) => i).filter((i) => !offsetDims.includes(i));
  const windowOperand = operand.map((_, i) => i).filter((i) => !collapsed.includes(i) && !operandBatching.includes(i));
  const n = sizeOf(outShape);
  const pos = new Array<number>(outShape.length).fill(0);
  const start = new Array<number>(operand.length).fill(0);
  for (let j = 0; j < n; j++) {
    let row = 0;
    batchOut.forEach((o, k) => (row += pos[o] * rowStrides[k]));
    start.fill(0);
    let inBounds = true;
    for (let k = 0; k < nvec; k++) start[startIndexMap[k]] = idx[row * nvec + k];
    operandBatching.forEach((od, k) => (start[od] = pos[batchOut[indicesBatching[k]]]));
    let src = 0;
    for (let dim = 0; dim < operand.length; dim++) {
      const hi = operand[dim] - sliceSizes[dim];
      let s = start[dim];
      if (s < 0 || s > hi) {
        if (checkBounds) inBounds = false;
        s = Math.min(Math.max(s, 0), hi);
      }
      start[dim] = s;
    }
    windowOperand.forEach((od, k) => (start[od] += pos[offsetDims[k]]));
    for (let dim = 0; dim < operand.length; dim++) src += start[dim] * opStrides[dim];
    visit(j, inBounds ? src : -1, row);
    for (let a = outShape.length - 1; a >= 0; a--) {
      if (++pos[a] < outShape[a]) break;
      pos[a] = 0;
    }
  }
  return outShape;
}
