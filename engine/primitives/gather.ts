/**
 * gather: XLA's Gather, what every indexing by values becomes (`x[idx]`, `jnp.take`,
 * `take_along_axis`, and a batched `x[i]`: vmap turns dynamic_slice into one). Operands
 * (operand, indices); the index vector is the last axis of `indices`.
 * Batching is JAX's `_gather_batching_rule`: a batched operand becomes an extra offset dim, a
 * batched index array an extra batch dim, and both batched an operand/indices batching-dim pair,
 * so the whole batch stays one gather. VJP: scatter-add into zeros (`_gather_transpose_fancy`).
 * JAX: jax/_src/lax/slicing.py (gather_p).
 */
import { allocate, NDArray } from "../array/ndarray";
import { scalarOfType } from "../array/create";
import { isFloat, type DType } from "../array/dtype";
import { ShapedArray } from "../core/aval";
import { NO_CELLS, type CellContext, type CellIds, type CellSets } from "../core/cells";
import { definePrimitive, type PrimitiveDef } from "../core/primitive";
import { bind1, type Value } from "../core/tracer";
import { moveBatchAxis } from "./families";
import {
  checkIndexDtype,
  gatherDnumsText,
  gatherShape,
  MODE_TEXT,
  toScatterDnums,
  walkGather,
  withBatchedBoth,
  withBatchedOperand,
  type GatherDimensionNumbers,
  type GatherScatterMode,
} from "./gatherDims";
import { scatterAddP } from "./scatter";
import { broadcastInDimP } from "./structural";

export interface GatherParams {
  dimensionNumbers: GatherDimensionNumbers;
  sliceSizes: number[];
  mode: GatherScatterMode;
  /** fill_or_drop's value for out-of-bounds windows; null: the dtype's default (`gather()`). */
  fillValue: number | null;
  uniqueIndices: boolean;
  indicesAreSorted: boolean;
}

/** `lax.gather`'s default fill: NaN for floats, the smallest int for ints, True for bool. */
export function defaultFill(d: DType): number {
  if (isFloat(d)) return NaN;
  if (d === "int32") return -(2 ** 31);
  if (d === "int64") return -(2 ** 63);
  return 1;
}

/** Zeros of a shape and dtype, as a stride-0 broadcast of one 0 (what JAX's `lax.full` stages). */
export function zerosOf(shape: readonly number[], dtype: DType): Value {
  return bind1(broadcastInDimP, [scalarOfType(0, dtype)], { shape: [...shape], broadcastDimensions: [] });
}

const plus1 = (xs: readonly number[]) => xs.map((x) => x + 1);

export const gatherP: PrimitiveDef<GatherParams> = definePrimitive<GatherParams>({
  name: "gather",
  shape: ([op, idx], p) => [new ShapedArray(gatherShape(op.shape, idx.shape, p.dimensionNumbers, p.sliceSizes))],
  dtype: ([op, idx]) => (checkIndexDtype(idx.dtype), { dtype: op.dtype, weak: op.weak }),
  impl: ([op, idx], p) => {
    const fill = p.fillValue ?? defaultFill(op.dtype);
    const src = op.flat();
    const shape = gatherShape(op.shape, idx.shape, p.dimensionNumbers, p.sliceSizes);
    const out = allocate(shape, op.dtype, op.weak);
    walkGather(op.shape, idx, p.dimensionNumbers, p.sliceSizes, p.mode, (j, s) => (out.data[j] = s < 0 ? fill : src[s]));
    return [out];
  },
  cost: ([op, idx], p) => (op.size + idx.size + gatherShape(op.shape, idx.shape, p.dimensionNumbers, p.sliceSizes).reduce((a, b) => a * b, 1)) * 2,
  batch: (B, [op, idx], [od, id], p) => {
    const d = p.dimensionNumbers;
    if (od === null && id === null) return [[bind1(gatherP, [op, idx], p)], [null]];
    if (od !== null && id === null) {
      const front = moveBatchAxis(B, od, 0, op);
      const dn = withBatchedOperand(d);
      return [[bind1(gatherP, [front, idx], { ...p, dimensionNumbers: dn, sliceSizes: [front.shape[0], ...p.sliceSizes] })], [0]];
    }
    if (od === null) {
      const front = moveBatchAxis(B, id, 0, idx);
      const dn: GatherDimensionNumbers = { ...d, offsetDims: plus1(d.offsetDims), startIndicesBatchingDims: plus1(d.startIndicesBatchingDims) };
      // Batching indexed accesses into the same array may repeat or unsort the indices.
      return [[bind1(gatherP, [op, front], { ...p, dimensionNumbers: dn, uniqueIndices: false, indicesAreSorted: false })], [0]];
    }
    const o = moveBatchAxis(B, od, 0, op);
    const i = moveBatchAxis(B, id, 0, idx);
    const dn = withBatchedBoth(d);
    return [[bind1(gatherP, [o, i], { ...p, dimensionNumbers: dn, sliceSizes: [o.shape[0] === 0 ? 0 : 1, ...p.sliceSizes] })], [0]];
  },
  provenanceReadsValues: true,
  provenance: (xs, p, ctx) => gatherCells(xs, p, ctx),
  vjp: ([ct], [op, idx], _outs, p) => {
    if (ct === null) return [null, null];
    const zeros = zerosOf(op.shape, ct.dtype);
    const sp = { dimensionNumbers: toScatterDnums(p.dimensionNumbers), mode: p.mode, uniqueIndices: p.uniqueIndices, indicesAreSorted: p.indicesAreSorted };
    return [bind1(scatterAddP, [zeros, idx, ct], sp), null];
  },
  printParams: (p) =>
    [
      `dimension_numbers=${gatherDnumsText(p.dimensionNumbers)}`,
      `fill_value=${p.mode === "fill_or_drop" ? fillText(p.fillValue) : "None"}`,
      `indices_are_sorted=${p.indicesAreSorted ? "True" : "False"}`,
      `mode=${MODE_TEXT[p.mode]}`,
      `slice_sizes=(${p.sliceSizes.join(", ")}${p.sliceSizes.length === 1 ? "," : ""})`,
      `unique_indices=${p.uniqueIndices ? "True" : "False"}`,
    ].join("\n"),
});

function fillText(v: number | null): string {
  if (v === null) return "None";
  if (Number.isNaN(v)) return "nan";
  return String(v);
}

/**
 * Provenance: with the indices' values known (ctx.values), each result cell reads exactly the
 * operand cell its index chose, plus the index cells that chose it; a filled cell reads only
 * the index cells. Without values (a symbolic trace) it could be any operand cell.
 */
function gatherCells([op, idx]: CellSets[], p: GatherParams, ctx: CellContext): CellSets[] {
  const out = ctx.outShapes[0];
  const nvec = idx.shape[idx.shape.length - 1];
  const rowCells = (row: number): CellIds[] => idx.cells.slice(row * nvec, row * nvec + nvec);
  const values = ctx.values?.[1];
  const cells: CellIds[] = new Array(out.reduce((a, b) => a * b, 1)).fill(NO_CELLS);
  if (values) {
    walkGather(op.shape, values, p.dimensionNumbers, p.sliceSizes, p.mode, (j, s, row) => {
      cells[j] = ctx.union([...rowCells(row), s < 0 ? NO_CELLS : op.cells[s]]);
    });
  } else {
    const all = ctx.union(op.cells);
    const probe = new NDArray(new Float64Array(idx.cells.length), idx.shape, undefined, 0, "int32");
    walkGather(op.shape, probe, p.dimensionNumbers, p.sliceSizes, p.mode, (j, _s, row) => {
      cells[j] = ctx.union([...rowCells(row), all]);
    });
  }
  return [{ shape: out, cells }];
}
