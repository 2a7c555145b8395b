/**
 * The canvas painter for big grids (measured: above a few hundred cells, SVG's style and layout
 * work alone took ~150 ms per out_axes change on the (2,3,5,7,9) example; a canvas repaint of the
 * same 7,560 cells takes a few ms). The animation is still a D3 transition: a tween on the canvas
 * selection repaints every cell between its previous and its next state (style P13), and is
 * interrupted when a new frame arrives. Hit-testing maps a pointer position back to a cell.
 */
import { select } from "d3-selection";
import { easeCubicOut } from "d3-ease";
import "d3-transition";
import type { GridLayout } from "./layout";
import type { CellState } from "./timeline";
import { BATCH_COLOR, HIGHLIGHT_STROKE } from "./colors";

const OPACITY: Record<CellState, number> = { rest: 1, lifted: 1, dim: 0.35, reused: 1, placed: 1, landing: 1, pending: 0.12 };
const lift = (s: CellState, c: number) => (s === "lifted" ? Math.max(3, c * 0.35) : 0);

export interface CanvasState {
  shown: CellState[];
  highlight: Set<number>;
  /** Backing-store pixels per layout unit. */
  dpr: number;
}

const memo = new WeakMap<HTMLCanvasElement, CanvasState>();

/** Paint every cell, each at progress t between its `from` and `to` state. */
export function paintCells(canvas: HTMLCanvasElement, layout: GridLayout, fills: string[], from: CellState[], to: CellState[], t: number, highlight: Set<number>): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const dpr = memo.get(canvas)?.dpr ?? canvas.width / Math.max(1, layout.width);
  // The backing store can be larger than this layout (it is reused, see resetCanvas): clear all of it.
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const c = layout.cell;
  const size = c - (c > 8 ? 1 : 0.5);
  // Setting a style the context already has still costs a parse: set only on change.
  let alpha = -1;
  let fill = "";
  for (const d of layout.cells) {
    const a = from[d.i] ?? "rest";
    const b = to[d.i] ?? "rest";
    let y = d.y - lift(b, c);
    let o = OPACITY[b];
    if (t < 1 && a !== b) {
      const y0 = b === "landing" ? d.y - c * 1.5 : d.y - lift(a, c);
      const o0 = b === "landing" ? 0 : OPACITY[a];
      y = y0 + (y - y0) * t;
      o = o0 + (o - o0) * t;
    }
    if (o !== alpha) ctx.globalAlpha = alpha = o;
    const f = fills[d.i];
    if (f !== fill) ctx.fillStyle = fill = f;
    ctx.fillRect(d.x, y, size, size);
    if (b === "lifted") {
      ctx.strokeStyle = BATCH_COLOR;
      ctx.lineWidth = 1;
      ctx.strokeRect(d.x + 0.5, y + 0.5, size - 1, size - 1);
      // strokeRect leaves fillStyle and globalAlpha as they were.
    }
  }
  ctx.globalAlpha = 1;
  ctx.strokeStyle = HIGHLIGHT_STROKE;
  ctx.lineWidth = Math.max(1, c / 6);
  for (const i of highlight) {
    const d = layout.cells[i];
    if (d) ctx.strokeRect(d.x, d.y - lift(to[i] ?? "rest", c), size, size);
  }
}

/** Above this many backing-store pixels, a canvas shrinks again when a layout needs < 1/4 of it. */
const KEEP_PIXELS = 2_000_000;

/**
 * The backing-store size for a layout of w × h device pixels, given the current one. Resizing a
 * canvas reallocates its backing store, and the first drawing call after it pays for that (measured
 * in Chromium: 5–10 ms per resize for the (2,3,5,7,9) result, and a slower compositor commit),
 * while every out_axes change gives the result another shape. So the store only grows; the part a
 * layout uses is shown through the clipping frame (see CanvasCellGrid). It shrinks to fit again
 * only when it is big and mostly unused, so memory stays bounded.
 */
export function backingSize(cur: { width: number; height: number }, w: number, h: number): { width: number; height: number } {
  const width = Math.max(cur.width, w);
  const height = Math.max(cur.height, h);
  if (width * height > KEEP_PIXELS && width * height > 4 * w * h) return { width: w, height: h };
  return { width, height };
}

/**
 * Fit the backing store to the layout at the device pixel ratio (growing it only when needed) and
 * paint it at rest in `states`. The canvas is scaled by CSS so that the layout's part of the store
 * fills its frame exactly; the frame (the canvas's parent) clips the rest.
 */
export function resetCanvas(canvas: HTMLCanvasElement, layout: GridLayout, fills: string[], states: CellState[]): void {
  const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
  const w = Math.ceil(layout.width * dpr);
  const h = Math.ceil(layout.height * dpr);
  const size = backingSize(canvas, w, h);
  if (canvas.width !== size.width) canvas.width = size.width;
  if (canvas.height !== size.height) canvas.height = size.height;
  const cssW = `${(100 * size.width) / (layout.width * dpr)}%`;
  const cssH = `${(100 * size.height) / (layout.height * dpr)}%`;
  if (canvas.style.width !== cssW) canvas.style.width = cssW;
  if (canvas.style.height !== cssH) canvas.style.height = cssH;
  select(canvas).interrupt();
  const st: CanvasState = { shown: [...states], highlight: new Set(), dpr };
  memo.set(canvas, st);
  paintCells(canvas, layout, fills, st.shown, st.shown, 1, st.highlight);
}

/** Transition from the states shown to `states` (duration 0: one instant repaint). */
export function animateCanvas(canvas: HTMLCanvasElement, layout: GridLayout, fills: string[], states: CellState[], duration: number): void {
  const st = memo.get(canvas);
  if (!st) return;
  const from = st.shown;
  st.shown = [...states];
  const sel = select(canvas).interrupt();
  if (duration <= 0) return paintCells(canvas, layout, fills, st.shown, st.shown, 1, st.highlight);
  sel
    .transition()
    .duration(duration)
    .ease(easeCubicOut)
    .tween("cells", () => (t: number) => paintCells(canvas, layout, fills, from, st.shown, t, st.highlight));
}

export function highlightCanvas(canvas: HTMLCanvasElement, layout: GridLayout, fills: string[], cells: Iterable<number>, paint = true): void {
  const st = memo.get(canvas);
  if (!st) return;
  st.highlight = new Set(cells);
  if (paint) paintCells(canvas, layout, fills, st.shown, st.shown, 1, st.highlight);
}

/** The cell under layout coordinates (x, y), or null. */
export function cellAtPoint(layout: GridLayout, x: number, y: number): number | null {
  const c = layout.cell;
  for (const d of layout.cells) if (x >= d.x && x < d.x + c && y >= d.y && y < d.y + c) return d.i;
  return null;
}

/** jsdom and very old browsers have no 2-D canvas; they get the SVG cells. */
export function canvasAvailable(): boolean {
  if (typeof document === "undefined" || typeof navigator === "undefined" || /jsdom/i.test(navigator.userAgent)) return false;
  return typeof HTMLCanvasElement !== "undefined" && !!document.createElement("canvas").getContext;
}
