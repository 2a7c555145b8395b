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
  /** The tile labels' font size, in the layout's units. */
  label: number;
}

/**
 * The tile labels' usual font size. Their room grows with it: a row of labels above tiles
 * (HEADER, 14 at 10 px) and a column beside them (SIDE, 18 at 10 px). Presenter mode asks for
 * bigger labels (classroom/Presenter.tsx), readable from the back of a room.
 */
export const LABEL_PX = 10;
const header = (label: number) => label + 4;
const side = (label: number) => label * 1.8;
const MARGIN = 16;

/** Largest cell that keeps the drawing within `maxWidth`, bounded to [4, 36]; values shown when ≥ 30. */
function chooseCellSize(shape: readonly number[], maxWidth: number, size: number, label: number): number {
  if (size <= 64) return 36;
  const probe = layoutArray(shape, 10, false, true, label);
  const per = (probe.width - MARGIN) / 10;
  return Math.max(4, Math.min(20, Math.floor((maxWidth - MARGIN - 40) / Math.max(1, per))));
}

interface Block {
  w: number;
  h: number;
  /** Place this block at (x, y); `prefix` is the multi-index of the outer axes, `base` its flat offset. */
  place: (x: number, y: number, prefix: number[], base: number, first: boolean) => void;
}

/**
 * `measureOnly`: just the size (no cells), for choosing a cell size. Cells are written straight
 * to their row-major slot (no sort), with the flat index carried down the tiles: a redraw after
 * an out_axes change lays out thousands of cells, so this stays allocation-light.
 */
export function layoutArray(shape: readonly number[], cell: number, showValues = false, measureOnly = false, label = LABEL_PX): GridLayout {
  const HEADER = header(label);
  const SIDE = side(label);
  const n = shape.length;
  const size = shape.reduce((a, b) => a * b, 1);
  const cells: CellBox[] = measureOnly ? [] : new Array<CellBox>(size);
  const labels: TileLabel[] = [];
  const brackets: Bracket[] = [];
  const strides: number[] = [];
  for (let d = n - 1, s = 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  const rows = n >= 2 ? shape[n - 2] : 1;
  const cols = n >= 1 ? shape[n - 1] : 1;

  const grid: Block = {
    w: cols * cell,
    h: rows * cell,
    place: (x, y, prefix, base, first) => {
      const p = prefix.length;
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          let coord: number[];
          if (n >= 2) {
            coord = new Array<number>(p + 2);
            for (let j = 0; j < p; j++) coord[j] = prefix[j];
            coord[p] = r;
            coord[p + 1] = c;
          } else coord = n === 1 ? [c] : [];
          const i = base + r * cols + c;
          cells[i] = { i, x: x + c * cell, y: y + r * cell, coord };
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
      place: (x, y, prefix, base, first) => {
        for (let i = 0; i < m; i++) {
          const tx = horizontal ? x + i * (inner.w + gap) : x + SIDE;
          const ty = horizontal ? y + HEADER : y + i * (inner.h + gap);
          if (horizontal) labels.push({ axis: d, index: i, x: tx + inner.w / 2, y: y + HEADER - 4, anchor: "middle" });
          else labels.push({ axis: d, index: i, x: x + SIDE - 5, y: ty + inner.h / 2 + label * 0.4, anchor: "end" });
          inner.place(tx, ty, [...prefix, i], base + i * strides[d], first && i === 0);
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
  if (!measureOnly) block.place(MARGIN, MARGIN, [], 0, true);
  return { shape: [...shape], cell, width: block.w + MARGIN + 4, height: block.h + MARGIN + 4, cells, labels, brackets, showValues, label };
}

const layoutCache = new Map<string, GridLayout>();
const LAYOUT_CACHE_SIZE = 32;

/**
 * The layout an array of `shape` is drawn with inside `maxWidth`: cell size chosen, values shown
 * up to 64 cells. Layouts are immutable, so they are kept per (shape, width) in a small LRU:
 * switching out_axes back and forth, or undo/redo, reuses them (and the grids skip a redraw).
 */
export function gridLayout(shape: readonly number[], maxWidth: number, label = LABEL_PX, textCell?: number): GridLayout {
  const key = `${shape.join(",")}|${maxWidth}|${label}|${textCell ?? ""}`;
  let layout = layoutCache.get(key);
  if (layout) {
    layoutCache.delete(key);
  } else {
    const size = shape.reduce((a, b) => a * b, 1);
    // Cells that show text (symbols, expressions) may be wider than a number needs, if it fits.
    const base = chooseCellSize(shape, maxWidth, size, label);
    let cell = base;
    if (textCell !== undefined && size <= 64 && textCell > base) {
      const fit = Math.floor((maxWidth - MARGIN - 40) / Math.max(1, (layoutArray(shape, 10, false, true, label).width - MARGIN) / 10));
      cell = Math.max(base, Math.min(textCell, fit));
    }
    layout = layoutArray(shape, cell, size <= 64, false, label);
    if (layoutCache.size >= LAYOUT_CACHE_SIZE) layoutCache.delete(layoutCache.keys().next().value!);
  }
  layoutCache.set(key, layout);
  return layout;
}

/** The size `gridLayout` would give, without laying out a single cell. */
export function gridSize(shape: readonly number[], maxWidth: number, label = LABEL_PX): { width: number; height: number } {
  const size = shape.reduce((a, b) => a * b, 1);
  const { width, height } = layoutArray(shape, chooseCellSize(shape, maxWidth, size, label), size <= 64, true, label);
  return { width, height };
}

/** The smallest box that holds the layout of each of `shapes` (e.g. the result for every out_axes). */
export function reserveFor(shapes: readonly (readonly number[])[], maxWidth: number, label = LABEL_PX): { width: number; height: number } {
  let width = 0;
  let height = 0;
  for (const sh of shapes) {
    const g = gridSize(sh, maxWidth, label);
    width = Math.max(width, g.width);
    height = Math.max(height, g.height);
  }
  return { width, height };
}
