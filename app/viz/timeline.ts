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
 * Every cell's state in frame `f`, indexed by cell (`cells[j].i`), for a grid batched along
 * `leaf.axis`: `cellState` (inputCellState or outputCellState) is asked once per slice along
 * that axis, not once per cell (a step of Play on a 100,000-cell grid asked 100,000 times per
 * grid), and while no slice's state changes the same array comes back, so the painters see
 * nothing new with no pass over the cells. Equal, cell for cell, to asking `cellState` of each
 * cell's coordinates.
 */
export function cellStates(cells: readonly { i: number; coord: readonly number[] }[], leaf: LeafAxes, f: Frame, cellState: (f: Frame, leaf: LeafAxes, coord: readonly number[]) => CellState): CellState[] {
  const axis = leaf.axis;
  let entries = sliceMemo.get(cells);
  if (!entries) sliceMemo.set(cells, (entries = []));
  let m = entries.find((e) => e.axis === axis && e.cellState === cellState);
  if (!m) {
    // Each cell's index along the axis (0 for all when unmapped), and how many slices there are.
    const slice = new Int32Array(cells.length);
    let count = 1;
    for (const c of cells) {
      const s = axis === null ? 0 : c.coord[axis];
      slice[c.i] = s;
      count = Math.max(count, s + 1);
    }
    entries.push((m = { axis, cellState, slice, count, last: new Map() }));
  }
  // One probe coordinate per slice: the state functions read only the leaf's axis of it.
  const per: CellState[] = [];
  for (let s = 0; s < m.count; s++) {
    const probe: number[] = [];
    if (axis !== null) probe[axis] = s;
    per.push(cellState(f, leaf, probe));
  }
  const sig = per.join(",");
  const kept = m.last.get(sig);
  if (kept) return kept;
  const out = new Array<CellState>(cells.length);
  for (let i = 0; i < cells.length; i++) out[i] = per[m.slice[i]];
  // A handful of distinct pictures per grid (rest, and each k's phases): the last few are kept.
  if (m.last.size > 8) m.last.clear();
  m.last.set(sig, out);
  return out;
}

type CellStateOf = (f: Frame, leaf: LeafAxes, coord: readonly number[]) => CellState;
const sliceMemo = new WeakMap<object, { axis: number | null; cellState: CellStateOf; slice: Int32Array; count: number; last: Map<string, CellState[]> }[]>();
