/**
 * The values cell provenance computes with: instead of numbers, each cell of an array holds the
 * set of input cells it was computed from. Primitives declare how their outputs' sets follow
 * from their inputs' (the `provenance` rule, families in primitives/provenanceFamilies.ts); the
 * interpreter that runs those rules over a jaxpr is transforms/provenance.ts.
 */
import type { NDArray } from "../array/ndarray";
import { sizeOf } from "../array/shape";

/** Sorted, duplicate-free input-cell ids. Shared between cells (a view shares its operand's), never mutated. */
export type CellIds = Int32Array;

export const NO_CELLS: CellIds = new Int32Array(0);

/** An array of cell-id sets: `cells[j]` belongs to row-major cell j of `shape`. */
export interface CellSets {
  readonly shape: readonly number[];
  readonly cells: readonly CellIds[];
}

/** What a provenance rule gets besides its operands. */
export interface CellContext {
  /** The equation's output shapes, from the primitive's shape rule. */
  readonly outShapes: readonly (readonly number[])[];
  /** The union of some sets; the one place new sets are allocated, so it keeps the size budget. */
  union(sets: readonly CellIds[]): CellIds;
  /**
   * The operands' concrete values, where the provenance walk knows them (one example's run):
   * indexing by values reads its indices here to say exactly which cell was chosen.
   */
  readonly values?: readonly (NDArray | null)[];
}

/** An array whose cells come from nowhere (a constant, a literal). */
export function noCells(shape: readonly number[]): CellSets {
  return { shape, cells: new Array<CellIds>(sizeOf(shape)).fill(NO_CELLS) };
}

/** Union of sorted sets; returns an operand itself when the others add nothing (no allocation). */
export function unionCells(sets: readonly CellIds[]): CellIds {
  let only: CellIds | null = null;
  let distinct = 0;
  for (const s of sets) {
    if (s.length === 0 || s === only) continue;
    if (only === null) {
      only = s;
      distinct = 1;
    } else distinct++;
  }
  if (only === null) return NO_CELLS;
  if (distinct === 1) return only;
  const nonEmpty = sets.filter((s) => s.length > 0);
  if (nonEmpty.length === 2) return merge2(nonEmpty[0], nonEmpty[1]);
  let n = 0;
  for (const s of nonEmpty) n += s.length;
  const all = new Int32Array(n);
  let at = 0;
  for (const s of nonEmpty) all.set(s, (at += s.length) - s.length);
  all.sort();
  let w = 0;
  for (let i = 0; i < n; i++) if (i === 0 || all[i] !== all[i - 1]) all[w++] = all[i];
  return w === n ? all : all.slice(0, w);
}

function merge2(a: CellIds, b: CellIds): CellIds {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let w = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x < y) (out[w++] = x), i++;
    else if (y < x) (out[w++] = y), j++;
    else (out[w++] = x), i++, j++;
  }
  while (i < a.length) out[w++] = a[i++];
  while (j < b.length) out[w++] = b[j++];
  return w === out.length ? out : out.slice(0, w);
}

/**
 * For each row-major position of `shape`, the sum of its index times `strides` (one per axis).
 * With an operand's strides (0 on broadcast axes) it maps result cells to operand cells; with a
 * result's strides (0 on reduced axes) it maps operand cells to result cells.
 */
export function linearIndex(shape: readonly number[], strides: readonly number[]): Int32Array {
  const n = sizeOf(shape);
  const out = new Int32Array(n);
  const nd = shape.length;
  const idx = new Array<number>(nd).fill(0);
  let at = 0;
  for (let j = 0; j < n; j++) {
    out[j] = at;
    for (let d = nd - 1; d >= 0; d--) {
      at += strides[d];
      if (++idx[d] < shape[d]) break;
      at -= strides[d] * shape[d];
      idx[d] = 0;
    }
  }
  return out;
}
