/**
 * Pure layout of one array as cells (style P12: testable without a DOM). Ranks 0–2 are a plain
 * grid (rows = axis n-2, columns = axis n-1); each further outer axis tiles copies of the inner
 * block, alternating horizontal (axis n-3, n-5) and vertical (axis n-4, n-6), with wider gaps
 * further out and an index label per tile in the axis colour. Brackets mark each axis once, on
 * the top-left chain of tiles. Above the cell budget the caller draws a shape block instead.
 */

export interface CellBox {
  /** Row-major flat index. */
  i: number;
  x: number;
  y: number;
  /** The cell's multi-index. */
  coord: number[];
}

export interface TileLabel {
  axis: number;
  index: number;
  x: number;
  y: number;
  anchor: "middle" | "end";
}

/** A bracket spanning the cells/tiles of one axis, drawn once (first occurrence). */
export interface Bracket {
  axis: number;
  dir: "h" | "v";
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface GridLayout {
  shape: number[];
  cell: number;
  width: number;
  height: number;
  cells: CellBox[];
  labels: TileLabel[];
  brackets: Bracket[];
  showValues: boolean;
}

export const HEADER = 14;
export const SIDE = 18;
export const MARGIN = 16;

/** Largest cell that keeps the drawing within `maxWidth`, bounded to [4, 36]; values shown when ≥ 30. */
export function chooseCellSize(shape: readonly number[], maxWidth: number, size: number): number {
  if (size <= 64) return 36;
  const probe = layoutArray(shape, 10, false, true);
  const per = (probe.width - MARGIN) / 10;
  return Math.max(4, Math.min(20, Math.floor((maxWidth - MARGIN - 40) / Math.max(1, per))));
}

interface Block {
  w: number;
  h: number;
  place: (x: number, y: number, prefix: number[], first: boolean) => void;
}

/** `measureOnly`: just the size (no cells), for choosing a cell size. */
export function layoutArray(shape: readonly number[], cell: number, showValues = false, measureOnly = false): GridLayout {
  const n = shape.length;
  const cells: CellBox[] = [];
  const labels: TileLabel[] = [];
  const brackets: Bracket[] = [];
  const strides: number[] = [];
  for (let d = n - 1, s = 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  const flatOf = (coord: number[]) => coord.reduce((acc, c, d) => acc + c * strides[d], 0);
  const rows = n >= 2 ? shape[n - 2] : 1;
  const cols = n >= 1 ? shape[n - 1] : 1;

  const grid: Block = {
    w: cols * cell,
    h: rows * cell,
    place: (x, y, prefix, first) => {
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const coord = n >= 2 ? [...prefix, r, c] : n === 1 ? [c] : [];
          cells.push({ i: flatOf(coord), x: x + c * cell, y: y + r * cell, coord });
        }
      }
      if (first && n >= 1) brackets.push({ axis: n - 1, dir: "h", x1: x, y1: MARGIN - 5, x2: x + cols * cell, y2: MARGIN - 5 });
      if (first && n >= 2) brackets.push({ axis: n - 2, dir: "v", x1: MARGIN - 5, y1: y, x2: MARGIN - 5, y2: y + rows * cell });
    },
  };

  const level = (d: number, inner: Block): Block => {
    const t = n - 3 - d;
    const horizontal = t % 2 === 0;
    const gap = Math.max(5, cell * 0.9) * (1 + 0.7 * Math.floor(t / 2));
    const m = shape[d];
    const w = horizontal ? m * inner.w + Math.max(0, m - 1) * gap : inner.w + SIDE;
    const h = horizontal ? inner.h + HEADER : m * inner.h + Math.max(0, m - 1) * gap;
    return {
      w,
      h,
      place: (x, y, prefix, first) => {
        for (let i = 0; i < m; i++) {
          const tx = horizontal ? x + i * (inner.w + gap) : x + SIDE;
          const ty = horizontal ? y + HEADER : y + i * (inner.h + gap);
          if (horizontal) labels.push({ axis: d, index: i, x: tx + inner.w / 2, y: y + HEADER - 4, anchor: "middle" });
          else labels.push({ axis: d, index: i, x: x + SIDE - 5, y: ty + inner.h / 2 + 4, anchor: "end" });
          inner.place(tx, ty, [...prefix, i], first && i === 0);
        }
        if (first && m > 0) {
          if (horizontal) brackets.push({ axis: d, dir: "h", x1: x, y1: y + 1, x2: x + w, y2: y + 1 });
          else brackets.push({ axis: d, dir: "v", x1: x + 1, y1: y, x2: x + 1, y2: y + h });
        }
      },
    };
  };

  let block = grid;
  for (let d = n - 3; d >= 0; d--) block = level(d, block);
  if (!measureOnly) block.place(MARGIN, MARGIN, [], true);
  cells.sort((a, b) => a.i - b.i);
  return { shape: [...shape], cell, width: block.w + MARGIN + 4, height: block.h + MARGIN + 4, cells, labels, brackets, showValues };
}

/** Index of `cell` along `axis` (the k of the slice it belongs to), or null when unmapped. */
export const sliceIndex = (c: CellBox, axis: number | null): number | null => (axis === null ? null : c.coord[axis]);
