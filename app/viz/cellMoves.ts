/**
 * Which moves between cell states the canvas painter may skip (drawCanvas.ts): its own module
 * so that only the canvas painter's chunk carries it, not the first screen's.
 */
import { cellLook, cellPose } from "./cellLook";
import type { CellState } from "./timeline";

/**
 * Whether a cell moving from state `a` to `b` looks the same all the way (a result landed at
 * k becoming "placed" at the next k): no pixel changes, so the painters need not move it.
 */
export function sameLook(a: CellState, b: CellState, c: number): boolean {
  if (a === b) return true;
  const la = cellLook(a, c);
  const lb = cellLook(b, c);
  if (la.opacity !== lb.opacity || la.stroke !== lb.stroke || la.strokeWidth !== lb.strokeWidth || la.dash.join() !== lb.dash.join()) return false;
  const p0 = cellPose(a, b, 0, c);
  const p1 = cellPose(a, b, 1, c);
  return p0.dy === p1.dy && p0.opacity === p1.opacity;
}
