/**
 * The animation as a pure function of (story, k, phase) (style P13): which input cells are the
 * k-th slice lifting out, which inputs are reused whole, which output cells are already stacked,
 * landing, or still to come (what each phase says: narration.ts). Play, step, scrub and the
 * resting picture all read this; the drawing code only interpolates between two frames. It needs no provenance:
 * a cell's k is its index along the mapped axis (inputs) or along out_axes (outputs).
 */

export type CellState = "rest" | "lifted" | "dim" | "reused" | "placed" | "landing" | "pending";

export interface LeafAxes {
  /** The axis k runs along in this leaf, or null (unmapped input / output returned as is). */
  axis: number | null;
}

export interface Frame {
  /** null: resting picture, every result stacked. */
  k: number | null;
  phase: 0 | 1 | 2;
  B: number;
}

export function inputCellState(f: Frame, leaf: LeafAxes, coord: readonly number[]): CellState {
  if (f.k === null) return "rest";
  if (leaf.axis === null) return "reused";
  return coord[leaf.axis] === f.k ? "lifted" : "dim";
}

export function outputCellState(f: Frame, leaf: LeafAxes, coord: readonly number[]): CellState {
  if (f.k === null) return "rest";
  if (leaf.axis === null) return f.phase === 2 ? "placed" : "pending";
  const j = coord[leaf.axis];
  if (j < f.k) return "placed";
  if (j === f.k) return f.phase === 2 ? "landing" : "pending";
  return "pending";
}

/** Python slice text: `a[1, :]` for axis 0 of a rank-2 array; `a` itself when unmapped. */
export function sliceText(name: string, rank: number, axis: number | null, k: number): string {
  if (axis === null) return name;
  const idx = Array.from({ length: rank }, (_, d) => (d === axis ? String(k) : ":"));
  return `${name}[${idx.join(", ")}]`;
}

/**
 * Every cell's state in frame `f` (`cells` in flat-index order, as a layout's are), for a grid batched along
 * `leaf.axis`: `cellState` (inputCellState or outputCellState) is asked once per slice along
 * that axis, not once per cell (a step of Play on a 100,000-cell grid asked 100,000 times per
 * grid), and while no slice's state changes the same array comes back, so the painters see
 * nothing new with no pass over the cells. Equal, cell for cell, to asking `cellState` of each
 * cell's coordinates.
 */
export function cellStates(cells: readonly { coord: readonly number[] }[], leaf: LeafAxes, f: Frame, cellState: CellStateOf): CellState[] {
  const axis = leaf.axis;
  const per: CellState[] = [];
  // Each cell's index along the axis, worked out once per grid and axis.
  let byAxis = sliceMemo.get(cells);
  if (!byAxis) sliceMemo.set(cells, (byAxis = new Map()));
  let memo = byAxis.get(axis);
  if (!memo) {
    const slice = cells.map((c) => (axis === null ? 0 : c.coord[axis]));
    byAxis.set(axis, (memo = { slice, count: slice.reduce((m, s) => Math.max(m, s + 1), 1), last: new Map() }));
  }
  // One probe coordinate per slice: the state functions read only the leaf's axis of it.
  for (let s = 0; s < memo.count; s++) per.push(cellState(f, leaf, axis === null ? [] : Object.assign([], { [axis]: s })));
  const sig = per.join();
  const kept = memo.last.get(cellState);
  if (kept?.sig === sig) return kept.out;
  const out = memo.slice.map((s) => per[s]);
  memo.last.set(cellState, { sig, out });
  return out;
}

type CellStateOf = (f: Frame, leaf: LeafAxes, coord: readonly number[]) => CellState;
const sliceMemo = new WeakMap<object, Map<number | null, { slice: number[]; count: number; last: Map<CellStateOf, { sig: string; out: CellState[] }> }>>();
