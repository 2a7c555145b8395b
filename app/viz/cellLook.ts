/**
 * How a cell looks in each animation state and when highlighted, defined once for both
 * painters: the SVG cells (drawCells.ts) and the canvas (drawCanvas.ts) read these, so a grid
 * looks the same on either side of the canvas threshold. Pure: no DOM.
 */
import { BATCH_COLOR, HIGHLIGHT_STROKE } from "./colors";
import type { CellState } from "./timeline";

export interface CellLook {
  opacity: number;
  stroke: string;
  strokeWidth: number;
  /** Dash pattern in layout units; empty for a solid outline. */
  dash: readonly number[];
}

const OUTLINE = "rgba(0, 0, 0, 0.18)";
const plain = (opacity: number): CellLook => ({ opacity, stroke: OUTLINE, strokeWidth: 0.5, dash: [] });

/** Per state: `lifted` is the k-th slice (batch-coloured outline), `reused` an unmapped input (dashed). */
export const CELL_LOOKS: Readonly<Record<CellState, CellLook>> = {
  rest: plain(1),
  lifted: { opacity: 1, stroke: BATCH_COLOR, strokeWidth: 1.5, dash: [] },
  dim: plain(0.35),
  reused: { opacity: 1, stroke: "#6b7280", strokeWidth: 0.5, dash: [2, 2] },
  placed: plain(1),
  landing: plain(1),
  pending: plain(0.12),
};

const NO_OUTLINE: CellLook = { opacity: 1, stroke: "none", strokeWidth: 0, dash: [] };
const bare = new Map<CellState, CellLook>();

/**
 * The look of a cell of side `c` in `state`. Small cells (c ≤ 8, the size below which cells
 * also lose their gap) drop the plain hairline: it is barely visible there, and stroking every
 * cell of a big canvas grid cost more than filling it. The lifted and reused outlines stay.
 */
export function cellLook(state: CellState, c: number): CellLook {
  const look = CELL_LOOKS[state];
  if (c > 8 || look.stroke !== OUTLINE) return look;
  let b = bare.get(state);
  if (!b) bare.set(state, (b = { ...NO_OUTLINE, opacity: look.opacity }));
  return b;
}

/** The outline of a highlighted cell (the hovered cell and its sources), drawn over its look. */
export const HIGHLIGHT = { stroke: HIGHLIGHT_STROKE, width: (cell: number) => Math.max(1, Math.min(2.5, cell / 6)) };

/** The drawn square's side for a layout cell of side `c` (a gap between cells when they are big). */
export const cellSide = (c: number): number => c - (c > 8 ? 1 : 0.5);

/** How far a cell rises in a state: the k-th slice lifts out of its array. */
export const liftOf = (state: CellState, c: number): number => (state === "lifted" ? Math.max(3, c * 0.35) : 0);

/**
 * Vertical offset and opacity at progress t ∈ [0, 1] of the move from `from` to `to`; a
 * landing result drops in from above, fading in.
 */
export function cellPose(from: CellState, to: CellState, t: number, c: number): { dy: number; opacity: number } {
  const dy1 = -liftOf(to, c);
  const o1 = CELL_LOOKS[to].opacity;
  if (t >= 1 || from === to) return { dy: dy1, opacity: o1 };
  const dy0 = to === "landing" ? -c * 1.5 : -liftOf(from, c);
  const o0 = to === "landing" ? 0 : CELL_LOOKS[from].opacity;
  return { dy: dy0 + (dy1 - dy0) * t, opacity: o0 + (o1 - o0) * t };
}

