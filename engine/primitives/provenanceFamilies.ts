/**
 * Provenance rule families (style P2): how each primitive's output cells follow from its input
 * cells, so a declaration names its family in one line. `elementwiseCells` (cell j reads the
 * operand cells NumPy broadcasting aligns with it), `reducedCells` (an output cell reads every
 * cell it reduces over), `contractedCells` (dot_general: a row of the lhs and a column of the rhs,
 * per batch index), `movedCells` (data movement: the primitive's own impl, run on cell ids, says
 * which cell lands where). The call family (jit) lives with the jaxpr interpreter in
 * transforms/provenance.ts. Sets are computed at the shapes the primitive sees; vmap's mapping to
 * whole arrays happens once, at the end (transforms/provenance.ts).
 */
import { NDArray } from "../array/ndarray";
import { rowMajorStrides, sizeOf } from "../array/shape";
import { linearIndex, NO_CELLS, type CellContext, type CellIds, type CellSets } from "../core/cells";
import type { PrimitiveDef } from "../core/primitive";
import type { DotGeneralParams } from "./dot";

/** Unions the cells of `x` that `target` sends to the same one of `n` groups. */
function groupUnion(x: CellSets, target: Int32Array, n: number, ctx: CellContext): CellIds[] {
  const groups: CellIds[][] = Array.from({ length: n }, () => []);
  x.cells.forEach((c, j) => c.length && groups[target[j]].push(c));
  return groups.map((g) => ctx.union(g));
}

/** Elementwise with NumPy broadcasting: result cell j reads the operand cells aligned with it. */
export function elementwiseCells(xs: CellSets[], _params: unknown, ctx: CellContext): CellSets[] {
  const out = ctx.outShapes[0];
  const maps = xs.map((x) => {
    const own = rowMajorStrides(x.shape);
    const lead = out.length - x.shape.length;
    return linearIndex(out, out.map((n, d) => (d < lead || (x.shape[d - lead] === 1 && n !== 1) ? 0 : own[d - lead])));
  });
  const read: CellIds[] = new Array(xs.length);
  const cells = Array.from({ length: sizeOf(out) }, (_, j) => {
    for (let i = 0; i < xs.length; i++) read[i] = xs[i].cells[maps[i][j]];
    return ctx.union(read);
  });
  return [{ shape: out, cells }];
}

/** A reduction over `axes`: each result cell reads every operand cell reduced into it. */
export function reducedCells([x]: CellSets[], { axes }: { axes: readonly number[] }, ctx: CellContext): CellSets[] {
  const out = ctx.outShapes[0];
  const os = rowMajorStrides(out);
  let k = 0;
  const strides = x.shape.map((_, d) => (axes.includes(d) ? 0 : os[k++]));
  return [{ shape: out, cells: groupUnion(x, linearIndex(x.shape, strides), sizeOf(out), ctx) }];
}

/**
 * dot_general: result cell (batch b, lhs free i, rhs free j) reads the lhs cells at (b, i, every
 * contracted index) and the rhs cells at (b, j, every contracted index). Each side's row set is
 * built once and shared by every result cell that reads it.
 */
export function contractedCells([l, r]: CellSets[], p: DotGeneralParams, ctx: CellContext): CellSets[] {
  const out = ctx.outShapes[0];
  const nb = p.lhsBatch.length;
  const lFree = l.shape.length - nb - p.lhsContract.length;
  // One side's rows: the (batch…, free…) space, each row the union over the contracted axes.
  const rows = (x: CellSets, batch: number[], contract: number[], freeAt: number, nFree: number) => {
    const free = x.shape.map((_, d) => d).filter((d) => !batch.includes(d) && !contract.includes(d));
    const axes = [...batch, ...free];
    const rowShape = axes.map((d) => x.shape[d]);
    const rs = rowMajorStrides(rowShape);
    const strides = x.shape.map((_, d) => (axes.includes(d) ? rs[axes.indexOf(d)] : 0));
    const sets = groupUnion(x, linearIndex(x.shape, strides), sizeOf(rowShape), ctx);
    // Where each result cell's row is: result axes are (batch…, lhs free…, rhs free…).
    const outStrides = out.map((_, d) => (d < nb ? rs[d] : d >= freeAt && d < freeAt + nFree ? rs[nb + d - freeAt] : 0));
    return { sets, at: linearIndex(out, outStrides) };
  };
  const L = rows(l, p.lhsBatch, p.lhsContract, nb, lFree);
  const R = rows(r, p.rhsBatch, p.rhsContract, nb + lFree, out.length - nb - lFree);
  const cells = Array.from({ length: sizeOf(out) }, (_, j) => ctx.union([L.sets[L.at[j]], R.sets[R.at[j]]]));
  return [{ shape: out, cells }];
}

/**
 * Data movement (transpose, broadcast_in_dim, reshape, squeeze, slice, pad, concatenate): the
 * primitive's own impl run on cell ids says which operand cell each result cell is. Ids start at
 * 1 so that 0 (pad's padding value) means "no source"; operands get disjoint id ranges so a
 * concatenate can tell them apart.
 */
export function movedCells<P>(prim: PrimitiveDef<P>, xs: CellSets[], params: P): CellSets[] {
  const all: CellIds[] = [];
  const ids = xs.map((x) => {
    const base = all.length;
    for (const c of x.cells) all.push(c);
    // int32 ids: exact whatever the default float (float32 would round ids past 2**24).
    return new NDArray(Float64Array.from({ length: x.cells.length }, (_, i) => base + i + 1), x.shape, undefined, 0, "int32");
  });
  return prim.impl(ids, params).map((o) => ({ shape: [...o.shape], cells: Array.from(o.flat(), (id) => (id === 0 ? NO_CELLS : all[id - 1])) }));
}
