/**
 * Pure geometry of the gather arrows: from each chosen input cell to the output cell it went to,
 * in the stage's own coordinates. Each arrow is a gentle curve (a quadratic Bézier bowed to one
 * side) that starts inside the source cell and ends with its tip inside the target cell.
 */
export interface Spot { x: number; y: number; size: number }

export interface Arrow {
  /** SVG path data. */
  d: string;
  /** True when the source cell is an index (it chose the cell rather than being its value). */
  index: boolean;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** The arrow from `from` to `to` (client pixels), relative to `origin` (the stage's top-left). */
export function arrowPath(from: Spot, to: Spot, origin: { left: number; top: number }): string {
  const x1 = from.x - origin.left;
  const y1 = from.y - origin.top;
  const x2 = to.x - origin.left;
  const y2 = to.y - origin.top;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  // Start inside the source cell and end with the tip inside the target cell (a quarter cell
  // from its centre), so an arrow arriving along a column cannot seem to point at the cell
  // before; at most a third of the way each, for neighbouring cells.
  const s = Math.min(from.size * 0.3, len / 3);
  const e = Math.min(to.size * 0.25, len / 3);
  const ax = x1 + ux * s;
  const ay = y1 + uy * s;
  const bx = x2 - ux * e;
  const by = y2 - uy * e;
  // Bow sideways by a sixth of the length (to screen-left when travelling down), so arrows to
  // the same target from one column stay apart.
  const bow = len / 6;
  const cx = (ax + bx) / 2 - uy * bow;
  const cy = (ay + by) / 2 + ux * bow;
  return `M${r1(ax)},${r1(ay)} Q${r1(cx)},${r1(cy)} ${r1(bx)},${r1(by)}`;
}
