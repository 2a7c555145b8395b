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
