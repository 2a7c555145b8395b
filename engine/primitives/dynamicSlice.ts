/**
 * dynamic_slice and dynamic_update_slice: a window at start positions known only when the
 * program runs (`x[i]` with a traced int `i`). Operands: (operand, *start_indices) and
 * (operand, update, *start_indices), one scalar int index per axis. Starts are clamped so the
 * window fits, as XLA does. Under vmap a batched start becomes a gather / scatter with
 * mode=CLIP, through those primitives' own batching rules (JAX `_dynamic_slice_batching_rule`,
 * `_dynamic_update_slice_batching_rule`, `_batch_dynamic_slice_indices`).
 * JAX: jax/_src/lax/slicing.py (dynamic_slice_p, dynamic_update_slice_p).
 */
import { EngineError, pyShape } from "../errors";
import { NDArray } from "../array/ndarray";
import { rowMajorStrides, sizeOf } from "../array/shape";
import { sliceView } from "../array/views";
import { ShapedArray } from "../core/aval";
import { NO_CELLS, type CellContext, type CellIds, type CellSets } from "../core/cells";
import { definePrimitive, type BDim, type PrimitiveDef } from "../core/primitive";
import { bind, bind1, type Value } from "../core/tracer";
import { gatherP, zerosOf } from "./gather";
import { scatterP } from "./scatter";
import { broadcastInDimP, concatenateP } from "./structural";

export interface DynamicSliceParams { sliceSizes: number[] }

const typeError = (msg: string) => new EngineError("shape-error", msg, { pyType: "TypeError" });
const tup = pyShape;

function checkIndices(op: string, idx: readonly { dtype: string; shape: readonly number[] }[], rank: number, operand: readonly number[]): void {
  if (idx.length !== rank) throw typeError(`${op} start_indices must have length equal to the rank of operand, got indices ${idx.length} for operand shape ${tup(operand)}.`);
  if (idx.some((i) => i.shape.length !== 0)) throw typeError(`start_indices arguments to ${op} must be scalars, got indices ${idx.map((i) => tup(i.shape)).join(", ")}`);
  if (idx.some((i) => (i.dtype !== "int32" && i.dtype !== "int64") || i.dtype !== idx[0].dtype)) {
    throw typeError(`index arguments to ${op} must be integers of the same type, got: ${idx.map((i) => i.dtype).join(", ")}`);
  }
}

/** JAX `_dynamic_slice_shape_rule`. */
function dynamicSliceShape(operand: readonly number[], sizes: readonly number[]): number[] {
  if (sizes.length !== operand.length || !operand.every((n, i) => n >= sizes[i])) {
    throw typeError(`slice slice_sizes must be less than or equal to operand shape, got slice_sizes ${tup(sizes)} for operand shape ${tup(operand)}.`);
  }
  if (sizes.some((s) => s < 0)) throw typeError(`slice slice_sizes must be greater than or equal to zero, got slice_sizes of ${tup(sizes)}.`);
  return [...sizes];
}

/** Start positions clamped into [0, n - size], as XLA's DynamicSlice does. */
function clampedStarts(operand: readonly number[], sizes: readonly number[], idx: readonly NDArray[]): number[] {
  return idx.map((i, d) => Math.min(Math.max(i.flat()[0], 0), operand[d] - sizes[d]));
}

/**
 * The start indices as one (B, n) or (n,) index array for a gather/scatter: each batched start
 * broadcast to (B, 1), the others too, concatenated (JAX `_batch_dynamic_slice_indices`).
 */
function batchIndices(B: number, idx: Value[], dims: BDim[]): [Value, BDim] {
  if (dims.every((d) => d === null)) {
    const parts = idx.map((i) => bind1(broadcastInDimP, [i], { shape: [1], broadcastDimensions: [] }));
    return [parts.length === 1 ? parts[0] : bind1(concatenateP, parts, { dimension: 0 }), null];
  }
  const parts = idx.map((i, k) => bind1(broadcastInDimP, [i], { shape: [B, 1], broadcastDimensions: dims[k] === null ? [] : [0] }));
  return [parts.length === 1 ? parts[0] : bind1(concatenateP, parts, { dimension: 1 }), 0];
}

const iota = (n: number) => Array.from({ length: n }, (_, i) => i);

export const dynamicSliceP: PrimitiveDef<DynamicSliceParams> = definePrimitive<DynamicSliceParams>({
  name: "dynamic_slice",
  shape: ([op, ...idx], { sliceSizes }) => (checkIndices("dynamic_slice", idx, op.shape.length, op.shape), [new ShapedArray(dynamicSliceShape(op.shape, sliceSizes))]),
  dtype: ([op]) => ({ dtype: op.dtype, weak: op.weak }),
  impl: ([op, ...idx], { sliceSizes }) => {
    const starts = clampedStarts(op.shape, sliceSizes, idx);
    return [sliceView(op, starts.map((start, d) => ({ start, step: 1, size: sliceSizes[d] })))];
  },
  cost: () => 0, // a view
  batch: (B, [op, ...idx], [od, ...ids], { sliceSizes }) => {
    if (od === null && ids.every((d) => d === null)) return [[bind1(dynamicSliceP, [op, ...idx], { sliceSizes })], [null]];
    const n = sliceSizes.length;
    const [index, id] = batchIndices(B, idx, ids);
    const dims = iota(n);
    const params = {
      dimensionNumbers: { offsetDims: dims, collapsedSliceDims: [], startIndexMap: dims, operandBatchingDims: [], startIndicesBatchingDims: [] },
      sliceSizes,
      mode: "clip" as const,
      fillValue: null,
      uniqueIndices: true,
      indicesAreSorted: true,
    };
    return gatherP.batch(B, [op, index], [od, id], params);
  },
  provenanceReadsValues: true,
  provenance: (xs, p, ctx) => windowCells(xs, p.sliceSizes, ctx, 1, null),
  vjp: ([ct], [op, ...idx]) => {
    if (ct === null) return [null, ...idx.map(() => null)];
    return [bind1(dynamicUpdateSliceP, [zerosOf(op.shape, ct.dtype), ct, ...idx]), ...idx.map(() => null)];
  },
  printParams: ({ sliceSizes }) => `slice_sizes=(${sliceSizes.join(", ")}${sliceSizes.length === 1 ? "," : ""})`,
});

/** JAX `_dynamic_update_slice_shape_rule`. */
function checkUpdate(operand: readonly number[], update: readonly number[]): void {
  if (operand.length !== update.length) {
    throw typeError(`dynamic_update_slice update must have the same rank as operand, got update shape ${tup(update)} for operand shape ${tup(operand)}.`);
  }
  if (!operand.every((n, i) => n >= update[i])) {
    throw typeError(`dynamic_update_slice update shape must be smaller than operand shape, got update shape ${tup(update)} for operand shape ${tup(operand)}.`);
  }
}

export const dynamicUpdateSliceP: PrimitiveDef = definePrimitive<Record<string, never>>({
  name: "dynamic_update_slice",
  shape: ([op, upd, ...idx]) => (checkUpdate(op.shape, upd.shape), checkIndices("dynamic_update_slice", idx, op.shape.length, op.shape), [new ShapedArray(op.shape)]),
  dtype: ([op]) => ({ dtype: op.dtype, weak: op.weak }),
  impl: ([op, upd, ...idx]) => {
    const starts = clampedStarts(op.shape, upd.shape, idx);
    const data = op.flat();
    const strides = rowMajorStrides(op.shape);
    const u = upd.flat();
    const us = rowMajorStrides(upd.shape);
    for (let j = 0; j < u.length; j++) {
      let at = 0;
      for (let d = 0; d < op.ndim; d++) at += (starts[d] + (Math.floor(j / us[d]) % upd.shape[d])) * strides[d];
      data[at] = u[j];
    }
    return [new NDArray(data, op.shape, undefined, 0, op.dtype, op.weak)];
  },
  cost: ([op, upd]) => op.size + upd.size,
  batch: (B, [op, upd, ...idx], [od, ud, ...ids]) => {
    if (od === null && ud === null && ids.every((d) => d === null)) return [[bind1(dynamicUpdateSliceP, [op, upd, ...idx])], [null]];
    const perExample = ud === null ? upd.shape : upd.shape.filter((_, i) => i !== ud);
    const dims = iota(perExample.length);
    const [index, id] = batchIndices(B, idx, ids);
    const params = {
      dimensionNumbers: { updateWindowDims: dims, insertedWindowDims: [], scatterDimsToOperandDims: dims, operandBatchingDims: [], scatterIndicesBatchingDims: [] },
      mode: "clip" as const,
      uniqueIndices: true,
      indicesAreSorted: true,
    };
    return scatterP.batch(B, [op, index, upd], [od, id, ud], params);
  },
  provenanceReadsValues: true,
  provenance: (xs, _p, ctx) => windowCells(xs, xs[1].shape, ctx, 2, xs[1]),
  vjp: ([ct], [, upd, ...idx]) => {
    if (ct === null) return [null, null, ...idx.map(() => null)];
    const opCt = bind1(dynamicUpdateSliceP, [ct, zerosOf(upd.shape, ct.dtype), ...idx]);
    const updCt = bind(dynamicSliceP, [ct, ...idx], { sliceSizes: [...upd.shape] })[0];
    return [opCt, updCt, ...idx.map(() => null)];
  },
});

/**
 * Provenance of a window at run-time starts: each cell of the window reads its operand cell
 * (dynamic_slice) or its update cell (dynamic_update_slice) and every start index's cell.
 * Without the starts' values, the window could be anywhere: every operand cell.
 */
function windowCells(xs: CellSets[], sizes: readonly number[], ctx: CellContext, firstIndex: number, update: CellSets | null): CellSets[] {
  const op = xs[0];
  const idxCells = ctx.union(xs.slice(firstIndex).flatMap((x) => x.cells));
  const values = ctx.values?.slice(firstIndex);
  const known = values !== undefined && values.every((v) => v !== null);
  const strides = rowMajorStrides(op.shape);
  const ws = rowMajorStrides(sizes);
  const n = sizeOf(sizes);
  const at = (j: number, starts: number[]) => starts.reduce((s, st, d) => s + (st + (Math.floor(j / ws[d]) % sizes[d])) * strides[d], 0);
  if (update === null) {
    const all = known ? NO_CELLS : ctx.union(op.cells);
    const starts = known ? clampedStarts(op.shape, sizes, values as NDArray[]) : [];
    const cells: CellIds[] = Array.from({ length: n }, (_, j) => ctx.union([idxCells, known ? op.cells[at(j, starts)] : all]));
    return [{ shape: [...sizes], cells }];
  }
  if (!known) {
    const all = ctx.union([...update.cells, idxCells]);
    return [{ shape: op.shape, cells: op.cells.map((c) => ctx.union([c, all])) }];
  }
  const starts = clampedStarts(op.shape, sizes, values as NDArray[]);
  const cells = [...op.cells];
  for (let j = 0; j < n; j++) cells[at(j, starts)] = ctx.union([update.cells[j], idxCells]);
  return [{ shape: op.shape, cells }];
}
