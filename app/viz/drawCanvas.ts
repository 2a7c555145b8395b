/**
 * The canvas painter for big grids (measured: above a few hundred cells, SVG's style and layout
 * work alone took ~150 ms per out_axes change on the (2,3,5,7,9) example; a canvas repaint of the
 * same 7,560 cells takes a few ms). A step of the animation moves its groups of cells on overlay
 * canvases the compositor animates (animateOnOverlays), made ahead while the grid rests
 * (prepareCanvas); where that cannot be, a D3 tween on the canvas selection repaints every cell
 * between its previous and its next state (style P13), interrupted when a new frame arrives.
 * Hit-testing maps a pointer position back to a cell.
 */
import { select } from "d3-selection";
import { easeCubicOut } from "./transitions";
import "d3-transition";
import type { GridLayout, TileLabel } from "./layout";
import type { CellState } from "./timeline";
import { axisColor, type Theme } from "./colors";
import { cellLook, cellPose, cellSide, HIGHLIGHT, liftOf } from "./cellLook";
import { sameLook } from "./cellMoves";
import { CellPixels, cellCover, rgbOf, snapCell } from "./pixelCells";
import { anchorPixel, glyphMask, type GlyphMask } from "./glyphMasks";

interface CanvasState {
  shown: CellState[];
  highlight: Set<number>;
  /** Backing-store pixels per layout unit. */
  dpr: number;
  /** The batch axis (for the colours of the tile labels and brackets). */
  mapped: number | null;
  /** The page's theme (the axis colours' palette). */
  theme: Theme;
  /** The canvas shows `shown` exactly (no transition half-way). */
  settled: boolean;
}

const memo = new WeakMap<HTMLCanvasElement, CanvasState>();

/** A rectangle in layout units: [x0, x1) × [y0, y1). */
interface Region {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const meets = (r: Region | null, x0: number, y0: number, x1: number, y1: number) => !r || (x0 < r.x1 && x1 > r.x0 && y0 < r.y1 && y1 > r.y0);

/** Paint every cell, each at progress t between its `from` and `to` state. */
function paintCells(canvas: HTMLCanvasElement, layout: GridLayout, fills: string[], from: CellState[], to: CellState[], t: number, highlight: Set<number>): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const st = memo.get(canvas);
  const dpr = st?.dpr ?? canvas.width / Math.max(1, layout.width);
  // The backing store can be larger than this layout (it is reused, see resetCanvas): clear all of it.
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  drawScene(ctx, layout, fills, from, to, t, highlight, st?.mapped ?? null, st?.theme ?? "light", null);
  if (st) st.settled = t >= 1;
}

/**
 * Repaint only around `cells` (at rest: the canvas shows `st.shown` with no transition running),
 * e.g. the cells whose highlight changed on a hover. Each region is cleared on whole device
 * pixels and everything that reaches into it is drawn again in the usual order (cells, then
 * highlight outlines, then labels), so the pixels come out as a full repaint would make them,
 * while the compositor gets a few small damaged rectangles instead of the whole canvas.
 */
function repaintAround(canvas: HTMLCanvasElement, layout: GridLayout, fills: string[], st: CanvasState, cells: number[]): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  const { dpr } = st;
  const c = layout.cell;
  const size = cellSide(c);
  // The highlight outline reaches half its width outside the cell; antialiasing one pixel more.
  const pad = HIGHLIGHT.width(c) / 2 + 1;
  for (const i of cells) {
    const d = layout.cells[i];
    if (!d) continue;
    const y = d.y - liftOf(st.shown[i] ?? "rest", c);
    const x0 = Math.floor((d.x - pad) * dpr);
    const y0 = Math.floor((y - pad) * dpr);
    const x1 = Math.ceil((d.x + size + pad) * dpr);
    const y1 = Math.ceil((y + size + pad) * dpr);
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.beginPath();
    ctx.rect(x0, y0, x1 - x0, y1 - y0);
    ctx.clip();
    ctx.clearRect(x0, y0, x1 - x0, y1 - y0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawScene(ctx, layout, fills, st.shown, st.shown, 1, st.highlight, st.mapped, st.theme, { x0: x0 / dpr, y0: y0 / dpr, x1: x1 / dpr, y1: y1 / dpr });
    ctx.restore();
  }
}

/**
 * Which cells a paint covers: all of them, all but the `moving` ones (the still layer of an
 * animation, painted once with the decorations), or `only` the moving ones (each frame, over
 * that layer, without decorations).
 */
type Part = { kind: "all" } | { kind: "still" | "moving"; mask: Uint8Array; cells: number[] };
const ALL: Part = { kind: "all" };

/** Device pixels per layout unit: the context's scale (set from the device pixel ratio). */
const scaleOf = (ctx: CanvasRenderingContext2D): number => (typeof ctx.getTransform === "function" ? ctx.getTransform().a : 1);

/** A rectangle in device pixels: [x0, x1) × [y0, y1). */
interface DeviceBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The pixel painter for a paint of `layout` on `ctx` (its transform is the device pixel ratio,
 * translated by whole device pixels on an overlay that holds part of the picture), over the
 * whole picture or the picture's device pixels `box` (cleared for it), or null where ImageData is
 * missing or a fill is not a plain colour.
 */
function pixelsFor(ctx: CanvasRenderingContext2D, layout: GridLayout, size: number, fills: readonly string[], box: DeviceBox | null): CellPixels | null {
  if (typeof ImageData === "undefined" || typeof ctx.putImageData !== "function" || !CellPixels.reads(fills)) return null;
  const m = typeof ctx.getTransform === "function" ? ctx.getTransform() : { a: 1, e: 0, f: 0 };
  const dpr = m.a;
  // The buffer's first pixel, in the whole picture's device pixels (the box's are).
  const ox = box ? Math.max(box.x0, -m.e) : -m.e;
  const oy = box ? Math.max(box.y0, -m.f) : -m.f;
  const right = Math.min(ctx.canvas.width - m.e, Math.ceil(layout.width * dpr), box ? box.x1 : Infinity);
  const bottom = Math.min(ctx.canvas.height - m.f, Math.ceil(layout.height * dpr), box ? box.y1 : Infinity);
  if (right - ox <= 0 || bottom - oy <= 0) return null;
  return new CellPixels(right - ox, bottom - oy, dpr, size, ox, oy, scratchPixels((right - ox) * (bottom - oy) * 4), layout.cell);
}

let scratch = new ArrayBuffer(0);

/**
 * `bytes` zeroed bytes of memory shared by every paint (a paint's pixels are copied into its
 * canvas by putImageData before the next paint starts): a fresh buffer per paint cost a
 * fresh allocation of up to a few MB, its page faults and its garbage collection each step.
 */
function scratchPixels(bytes: number): Uint8ClampedArray<ArrayBuffer> {
  if (scratch.byteLength < bytes) scratch = new ArrayBuffer(bytes);
  const view = new Uint8ClampedArray(scratch, 0, bytes);
  view.fill(0);
  return view;
}

/** The device pixels covering `region` (layout units) at `dpr`. */
const deviceBox = (r: Region, dpr: number): DeviceBox => ({ x0: Math.floor(r.x0 * dpr + 1e-6), y0: Math.floor(r.y0 * dpr + 1e-6), x1: Math.ceil(r.x1 * dpr - 1e-6), y1: Math.ceil(r.y1 * dpr - 1e-6) });

/** Where the cells moving from one state to another are at progress t, and the outline group they join (null: none). */
interface Pair {
  dy: number;
  opacity: number;
  group: Outline | null;
}

/** The cells stroked with one state's outline at one opacity (rect corners, x then y). */
interface Outline {
  state: CellState;
  opacity: number;
  rects: number[];
}

/** The pose at progress t of cells moving from `a` to `b` (full opacity when `opaque`), and the outline group they join in `outlines`. */
function pairOf(a: CellState, b: CellState, t: number, c: number, opaque: boolean, outlines: Map<string, Outline>): Pair {
  const pose = cellPose(a, b, t, c);
  const opacity = opaque ? 1 : pose.opacity;
  if (cellLook(b, c).strokeWidth === 0) return { dy: pose.dy, opacity, group: null };
  const key = `${b}|${opacity}`;
  let group = outlines.get(key);
  if (!group) outlines.set(key, (group = { state: b, opacity, rects: [] }));
  return { dy: pose.dy, opacity, group };
}

/** Cells, highlight outlines and decorations; with a `region`, only what reaches into it. */
function drawScene(ctx: CanvasRenderingContext2D, layout: GridLayout, fills: string[], from: readonly CellState[], to: readonly CellState[], t: number, highlight: Set<number>, mapped: number | null, theme: Theme, region: Region | null, part: Part = ALL, opaque = false): void {
  const c = layout.cell;
  const size = cellSide(c);
  // Setting a style the context already has still costs a parse: set only on change.
  let alpha = -1;
  let fill = "";
  // Outlines are gathered per (state, opacity) and stroked as one path each after the fills:
  // one stroke call per group instead of one per cell (thousands on the (2,3,5,7,9) example).
  const outlines = new Map<string, Outline>();
  const cells = part.kind === "moving" ? part.cells.map((i) => layout.cells[i]) : layout.cells;
  const skip = part.kind === "still" ? part.mask : null;
  const dpr = scaleOf(ctx);
  // The fills are written as pixels (pixelCells.ts) over the whole picture or the region's
  // device pixels (the caller cleared them): no cell there is drawn by anything else.
  const pixels = pixelsFor(ctx, layout, size, fills, region && deviceBox(region, dpr));
  // Whether the tile labels went into the pixels (else paintDecorations draws them).
  let labelled = false;
  const cover = cellCover(size, c, dpr);
  // A cell's pose and outline depend only on its (from, to) pair: worked out once per pair
  // (a grid has a handful), not per cell (up to 100,000 on a big grid).
  const pairs = new Map<string, Pair>();
  let lastFrom: CellState | null = null;
  let lastTo: CellState | null = null;
  let pair: Pair = { dy: 0, opacity: 1, group: null };
  for (const d of cells) {
    if (!d || (skip && skip[d.i])) continue;
    const a = from[d.i] ?? "rest";
    const b = to[d.i] ?? "rest";
    if (a !== lastFrom || b !== lastTo) {
      lastFrom = a;
      lastTo = b;
      const key = `${a}>${b}`;
      let p = pairs.get(key);
      if (!p) pairs.set(key, (p = pairOf(a, b, t, c, opaque, outlines)));
      pair = p;
    }
    const opacity = pair.opacity;
    const y = d.y + pair.dy;
    // One layout unit around the cell for its antialiased edge.
    if (region && !meets(region, d.x - 1, y - 1, d.x + size + 1, y + size + 1)) continue;
    const f = fills[d.i];
    if (pixels) pixels.fill(d.x, y, f, opacity);
    else {
      if (opacity * cover !== alpha) ctx.globalAlpha = alpha = opacity * cover;
      if (f !== fill) ctx.fillStyle = fill = f;
      const [x0, y0, x1, y1] = snapCell(d.x, y, size, dpr, c);
      ctx.fillRect(x0 / dpr, y0 / dpr, (x1 - x0) / dpr, (y1 - y0) / dpr);
    }
    if (pair.group) pair.group.rects.push(d.x, y);
  }
  if (pixels) {
    // Solid opaque outlines (the lifted slice's) go into the pixels too: a stroked path of
    // thousands of rects was the slowest part of a step on big grids (pixelCells.ts ring).
    for (const [key, { state, opacity, rects }] of outlines) {
      const look = cellLook(state, c);
      if (opacity !== 1 || look.dash.length > 0 || !rgbOf(look.stroke)) continue;
      for (let k = 0; k < rects.length; k += 2) pixels.ring(rects[k], rects[k + 1], size, look.strokeWidth, look.stroke);
      outlines.delete(key);
    }
    labelled = part.kind !== "moving" && blendLabels(pixels, layout, mapped, theme, region);
    // putImageData takes device pixels and ignores the transform (an overlay's translation).
    const m = typeof ctx.getTransform === "function" ? ctx.getTransform() : { e: 0, f: 0 };
    ctx.putImageData(new ImageData(pixels.data, pixels.width, pixels.height), pixels.originX + m.e, pixels.originY + m.f);
  }
  // Each state's outline, as the SVG cells draw it (cellLook.ts).
  for (const { state, opacity, rects } of outlines.values()) {
    const look = cellLook(state, c);
    ctx.globalAlpha = opacity;
    ctx.strokeStyle = look.stroke;
    ctx.lineWidth = look.strokeWidth;
    ctx.setLineDash(look.dash as number[]);
    ctx.beginPath();
    for (let k = 0; k < rects.length; k += 2) ctx.rect(rects[k], rects[k + 1], size, size);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = HIGHLIGHT.stroke;
  const hw = HIGHLIGHT.width(c);
  ctx.lineWidth = hw;
  for (const i of highlight) {
    const d = layout.cells[i];
    if (!d || (skip && skip[i]) || (part.kind === "moving" && !part.mask[i])) continue;
    const y = d.y - liftOf(to[i] ?? "rest", c);
    if (region && !meets(region, d.x - hw, y - hw, d.x + size + hw, y + size + hw)) continue;
    ctx.strokeRect(d.x, y, size, size);
  }
  if (part.kind !== "moving") paintDecorations(ctx, layout, mapped, theme, region, !labelled);
}

let monoFamily: string | null = null;

/** The page's monospace stack (CSS `--mono`), read once: the tile labels use it as SVG ones would. */
function mono(): string {
  if (monoFamily === null) {
    const v = typeof getComputedStyle === "function" ? getComputedStyle(document.documentElement).getPropertyValue("--mono").trim() : "";
    monoFamily = v || "monospace";
  }
  return monoFamily;
}

/**
 * The axis brackets and tile index labels, on top of the cells, as the SVG grid draws them
 * (`.tile-label`: monospace at the layout's label size, bold on the batch axis, each in its axis colour). Painted
 * here rather than as ~100 SVG <line>/<text> elements over the canvas: re-laying those out
 * cost ~8 ms of every out_axes change on the (2,3,5,7,9) example (measured), more than the
 * cells themselves.
 */
function paintDecorations(ctx: CanvasRenderingContext2D, layout: GridLayout, mapped: number | null, theme: Theme, region: Region | null, labels: boolean): void {
  ctx.globalAlpha = 1;
  // One path per axis (its colour and width), stroked once: a stroke per bracket was most of
  // a full repaint's decorations (bench/throttled.ts, the in_axes and shape rows).
  for (let axis = 0; axis < layout.shape.length; axis++) {
    let started = false;
    for (const b of layout.brackets) {
      if (b.axis !== axis) continue;
      if (region && !meets(region, Math.min(b.x1, b.x2) - 3, Math.min(b.y1, b.y2) - 3, Math.max(b.x1, b.x2) + 3, Math.max(b.y1, b.y2) + 3)) continue;
      if (!started) {
        ctx.strokeStyle = axisColor(axis, mapped, theme);
        ctx.lineWidth = axis === mapped ? 3 : 2;
        ctx.beginPath();
        started = true;
      }
      ctx.moveTo(b.x1, b.y1);
      ctx.lineTo(b.x2, b.y2);
    }
    if (started) ctx.stroke();
  }
  if (!labels) return;
  // Where the labels could not go into the pixels (blendLabels): axis by axis, one colour and
  // alignment each. Only the batch axis is bold, and setting a font parses it each time: the
  // axes in the font the context has go first, and a font the context already has is not set
  // again. (Labels copied from pre-drawn digit strips with drawImage were tried: cheaper calls,
  // but Chromium's raster of the copies cost more than fillText's, and a change took as long or
  // longer at 4× throttling. Blended into the pixels, they cost the raster nothing.)
  const fontOf = labelFont(layout, mapped);
  const axes = layout.shape.map((_, axis) => axis);
  const current = fontsSet.get(ctx);
  if (current && ctx.font === current.got) axes.sort((a, b) => Number(fontOf(b) === current.want) - Number(fontOf(a) === current.want));
  ctx.textBaseline = "alphabetic";
  for (const axis of axes) {
    let started = false;
    for (const l of layout.labels) {
      if (l.axis !== axis) continue;
      if (!labelMeets(region, l, layout.label)) continue;
      if (!started) {
        setFont(ctx, fontOf(axis));
        ctx.fillStyle = axisColor(axis, mapped, theme);
        started = true;
      }
      const align = l.anchor === "middle" ? "center" : "right";
      if (ctx.textAlign !== align) ctx.textAlign = align;
      ctx.fillText(String(l.index), l.x, l.y);
    }
  }
}

/** The tile labels' font per axis (bold on the batch axis), as a CSS font in layout units. */
const labelFont = (layout: GridLayout, mapped: number | null) => {
  const family = mono();
  return (axis: number) => `${axis === mapped ? "700 " : ""}${layout.label}px ${family}`;
};

/** Whether label `l` (a few digits about its anchor: generous bounds) reaches into `region`. */
const labelMeets = (region: Region | null, l: TileLabel, size: number) => meets(region, l.x - 4 * size, l.y - 1.2 * size, l.x + 4 * size, l.y + 0.4 * size);

/**
 * The tile labels blended into the paint's pixels (glyphMasks.ts), before the brackets are
 * stroked over them; false, with nothing written, where a label has no mask or colour
 * (paintDecorations draws them all with fillText).
 */
function blendLabels(pixels: CellPixels, layout: GridLayout, mapped: number | null, theme: Theme, region: Region | null): boolean {
  const fontOf = labelFont(layout, mapped);
  const dpr = pixels.dpr;
  const todo: [GlyphMask, number, number, readonly [number, number, number]][] = [];
  for (const l of layout.labels) {
    if (!labelMeets(region, l, layout.label)) continue;
    const [x, quarter] = anchorPixel(l.x * dpr);
    const mask = glyphMask(String(l.index), fontOf(l.axis), l.anchor === "middle" ? "center" : "right", dpr, quarter);
    const rgb = rgbOf(axisColor(l.axis, mapped, theme));
    if (!mask || !rgb) return false;
    todo.push([mask, x, Math.round(l.y * dpr), rgb]);
  }
  for (const [mask, x, y, rgb] of todo) pixels.glyph(mask, x, y, rgb);
  return true;
}

/**
 * The font each context was last given and how it reads back: a context keeps its font between
 * paints unless a resize or a restore() resets it, which the read-back shows.
 */
const fontsSet = new WeakMap<CanvasRenderingContext2D, { want: string; got: string }>();

function setFont(ctx: CanvasRenderingContext2D, want: string): void {
  const f = fontsSet.get(ctx);
  if (f && f.want === want && ctx.font === f.got) return;
  ctx.font = want;
  fontsSet.set(ctx, { want, got: ctx.font });
}

/** A canvas bigger than this many pixels and than 4× what it must hold is shrunk to fit again. */
const KEEP_PIXELS = 4_000_000;

export interface Size {
  width: number;
  height: number;
}

/**
 * The backing-store size for a layout needing `need` device pixels, given the current store and
 * the size to `reserve` (the largest layout this grid is expected to show, in device pixels).
 * Resizing a canvas reallocates its backing store, and the first drawing call after it pays for
 * that (measured in Chromium: 5–10 ms per resize for the (2,3,5,7,9) result, plus a slower
 * compositor commit), while every out_axes change gives the result another shape. So the store
 * is made big enough for every out_axes at once and then only grows; the part a layout uses is
 * shown through the clipping frame (see CanvasCellGrid). It shrinks again only when it is big
 * and mostly unused, so memory stays bounded.
 */
export function backingSize(cur: Size, need: Size, reserve: Size = need): Size {
  const want = { width: Math.max(need.width, reserve.width), height: Math.max(need.height, reserve.height) };
  const limit = Math.max(KEEP_PIXELS, 4 * want.width * want.height);
  if (cur.width >= need.width && cur.height >= need.height && cur.width * cur.height <= limit) return { width: cur.width, height: cur.height };
  const grown = { width: Math.max(cur.width, want.width), height: Math.max(cur.height, want.height) };
  return grown.width * grown.height <= limit ? grown : want;
}

/**
 * Fit the backing store to the layout at the device pixel ratio (growing it only when needed,
 * to `reserve` layout units at least) and paint it at rest in `states`. The canvas is scaled
 * by CSS so that the layout's part of the store fills its frame exactly; the frame (the
 * canvas's parent) clips the rest.
 */
export function resetCanvas(canvas: HTMLCanvasElement, layout: GridLayout, fills: string[], states: CellState[], opts: { reserve?: Size; mapped?: number | null; theme?: Theme; zoom?: number; shown?: number } = {}): void {
  const { reserve, mapped = null, theme = "light" } = opts;
  // `zoom`: a CSS scale the canvas is shown at (presenter mode's fit), so its pixels stay sharp.
  const zoom = Math.max(1, opts.zoom ?? 1);
  const dpr = pixelsPerUnit(Math.min(2 * zoom, (globalThis.devicePixelRatio || 1) * zoom), opts.shown ?? 1, layout.cell);
  const px = (x: number) => Math.ceil(x * dpr);
  const need = { width: px(layout.width), height: px(layout.height) };
  // A reservation is a hint: one bigger than KEEP_PIXELS is not worth its memory.
  const ahead = reserve && px(reserve.width) * px(reserve.height) <= KEEP_PIXELS ? { width: px(reserve.width), height: px(reserve.height) } : need;
  const size = backingSize(canvas, need, ahead);
  if (canvas.width !== size.width) canvas.width = size.width;
  if (canvas.height !== size.height) canvas.height = size.height;
  const cssW = `${(100 * size.width) / (layout.width * dpr)}%`;
  const cssH = `${(100 * size.height) / (layout.height * dpr)}%`;
  if (canvas.style.width !== cssW) canvas.style.width = cssW;
  if (canvas.style.height !== cssH) canvas.style.height = cssH;
  select(canvas).interrupt();
  dropOverlays(canvas);
  const st: CanvasState = { shown: [...states], highlight: new Set(), dpr, mapped, theme, settled: false };
  memo.set(canvas, st);
  paintCells(canvas, layout, fills, st.shown, st.shown, 1, st.highlight);
}

/**
 * Device pixels per layout unit for a grid of cells `cell` units apart on a screen of `screen`
 * device pixels per CSS pixel, shown at `shown` (≤ 1) of its layout's size: halved while the
 * screen still gets at least as many pixels as it shows and cells stay at least two pixels
 * apart (below three a side they are painted gapless: pixelCells.ts). On a 2× screen the
 * 98,304-cell grids (2,083 units shown in 830 px) took four times the pixels the screen could
 * show, each to fill, upload and composite every step; on a 1× screen, twice.
 */
export function pixelsPerUnit(screen: number, shown: number, cell: number): number {
  let dpr = screen;
  while ((dpr / 2) * cell >= 2 && dpr / 2 >= screen * shown) dpr /= 2;
  return dpr;
}

/** Transition from the states shown to `states` (duration 0: one instant repaint). */
export function animateCanvas(canvas: HTMLCanvasElement, layout: GridLayout, fills: string[], states: CellState[], duration: number): void {
  const st = memo.get(canvas);
  if (!st) return;
  const from = st.shown;
  // A finished step whose overlays still wait to be stamped is stamped now, with this step's paint.
  stampEnded(canvas);
  // The canvas shows `from` exactly (a finished step, no highlight waiting): a step can start from it.
  const exact = st.settled;
  st.shown = [...states];
  const sel = select(canvas).interrupt();
  // Whatever comes next paints the whole canvas: a step still moving is dropped, as the tween's is.
  dropOverlays(canvas);
  if (duration <= 0) return paintCells(canvas, layout, fills, st.shown, st.shown, 1, st.highlight);
  st.settled = false;
  if (animateOnOverlays(canvas, layout, fills, from, states, st, duration, exact)) return;
  sel
    .transition()
    .duration(duration)
    .ease(easeCubicOut)
    .tween("cells", () => (t: number) => paintCells(canvas, layout, fills, from, st.shown, t, st.highlight));
}

/** The overlays of a canvas and the animations moving them (finished or cancelled together). */
interface Overlays {
  pool: HTMLCanvasElement[];
  running: Animation[];
  /** Paints the canvas's final picture and hides the overlays (once). */
  finish: (() => void) | null;
  /** The animations have ended and `finish` waits (STAMP_DELAY) for the next paint to join. */
  ended: boolean;
}

/**
 * How long a finished step's overlays stay up, holding its end, before they are stamped onto
 * the canvas. Stamping changes the canvas, and each change of a canvas costs a copy of its
 * whole bitmap in the next frame (Chromium's ProduceCanvasResource, ~15 ms for a 2083×290 grid
 * at 4× CPU throttling); while Play runs the next step comes within this delay and stamps them
 * with its own paint, one copy per step instead of two.
 */
const STAMP_DELAY = 150;

/** Stamps the overlays of a step whose animations have ended (the canvas then shows it exactly). */
function stampEnded(canvas: HTMLCanvasElement): void {
  const o = overlays.get(canvas);
  if (o?.finish && o.ended) o.finish();
}

const overlays = new WeakMap<HTMLCanvasElement, Overlays>();

/** Stops a running overlay animation without painting its end (the canvas is about to be repainted). */
function dropOverlays(canvas: HTMLCanvasElement): void {
  const o = overlays.get(canvas);
  if (!o) return;
  o.finish = null;
  o.ended = false;
  for (const a of o.running) a.cancel();
  o.running = [];
  for (const l of o.pool) l.hidden = true;
}

/** Cells making the same move (same from and to state, so the same lift and fade: cellPose). */
interface Group {
  from: CellState;
  to: CellState;
  cells: number[];
}

/**
 * A step's overlays worked out and painted, hidden, before it shows: the groups of cells that
 * move, each on its own overlay (layers[j], covering boxes[j] of the canvas), and the still
 * layer, the box of the canvas the moving cells leave, painted on a spare canvas when the step
 * was made ahead (null: painted on the canvas itself when the step runs).
 */
interface StepPlan {
  /** The states the canvas showed (exactly: `exact`) when it was made, and those it goes to. */
  from: CellState[];
  to: readonly CellState[];
  exact: boolean;
  highlight: Set<number>;
  groups: Group[];
  mask: Uint8Array;
  boxes: DeviceBox[];
  layers: HTMLCanvasElement[];
  still: { box: DeviceBox | null; layer: HTMLCanvasElement | null };
}

/** The step made ahead for each canvas (prepareCanvas), until it runs or anything else paints. */
const ready = new WeakMap<CanvasState, StepPlan>();

/**
 * A step of the animation moves a few groups of cells (the k-th slice of each mapped input
 * lifting, the one before settling, the result landing). Repainting every cell on every frame
 * held a 4× throttled CPU to ~10 frames per second there (bench/throttled.ts): the cells, and
 * producing the canvas's whole bitmap again each frame. Instead the canvas is painted once with
 * the still cells, each group of cells making the same move is painted once on an overlay
 * canvas at its end pose, and the browser's compositor moves and fades the overlays (Web
 * Animations: transform and opacity only), with no main-thread work per frame. At the end the
 * canvas gets the whole final picture, as the tween would leave it. The step made ahead for
 * this move, if any, is used as it is. False when it cannot (no Web Animations, nothing moves,
 * too many kinds of move): the caller tweens.
 */
function animateOnOverlays(canvas: HTMLCanvasElement, layout: GridLayout, fills: string[], from: CellState[], to: readonly CellState[], st: CanvasState, duration: number, fromShown: boolean): boolean {
  const made = ready.get(st);
  ready.delete(st);
  // `to` is mostly the very array the plan was made for (cellStates hands out one per frame).
  const plan = made && made.from === from && made.exact === fromShown && made.highlight === st.highlight && sameStates(made.to, to) ? made : planStep(canvas, layout, fills, from, st.shown, st, fromShown, false);
  if (plan === "cannot") return false;
  // Nothing that shows moves: the canvas already shows the new states (exactly, if it showed the old ones).
  if (plan === "still") {
    st.settled = fromShown;
    return true;
  }
  runStep(canvas, layout, fills, st, plan, duration);
  return true;
}

function sameStates(a: readonly CellState[], b: readonly CellState[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Works out the step from `from` to `to` on `canvas` (which shows `from`, exactly when
 * `fromShown`) and paints its overlays, hidden; `ahead` also paints its still layer on a spare
 * canvas (the step is made before it shows, so the canvas itself must not change yet).
 */
function planStep(canvas: HTMLCanvasElement, layout: GridLayout, fills: string[], from: CellState[], to: readonly CellState[], st: CanvasState, fromShown: boolean, ahead: boolean): StepPlan | "still" | "cannot" {
  const n = layout.cells.length;
  const frame = canvas.parentElement;
  if (!frame || typeof canvas.animate !== "function") return "cannot";
  const mask = new Uint8Array(n);
  const byMove = new Map<string, Group>();
  // The group of the last moving cell: neighbours mostly make the same move (one key per run).
  let last: Group | null = null;
  // Pairs whose look does not change on the way (landing → placed) are not moves: their pixels stay.
  const unchanged = new Map<string, boolean>();
  for (let i = 0; i < n; i++) {
    const a = from[i] ?? "rest";
    const b = to[i] ?? "rest";
    if (a === b) continue;
    if (!last || last.from !== a || last.to !== b) {
      const pair = `${a}>${b}`;
      let same = unchanged.get(pair);
      if (same === undefined) unchanged.set(pair, (same = sameLook(a, b, layout.cell)));
      if (same) continue;
    }
    mask[i] = 1;
    if (!last || last.from !== a || last.to !== b) {
      const key: string = `${a}>${b}`;
      last = byMove.get(key) ?? null;
      if (!last) byMove.set(key, (last = { from: a, to: b, cells: [] }));
    }
    last.cells.push(i);
  }
  if (byMove.size === 0) return "still";
  if (byMove.size > 6) return "cannot";
  const ctx = canvas.getContext("2d");
  if (!ctx) return "cannot";
  let o = overlays.get(canvas);
  if (!o) overlays.set(canvas, (o = { pool: [], running: [], finish: null, ended: false }));
  const pool = o.pool;
  const c = layout.cell;
  // An outline (the highlight's is the widest) reaches half its width outside a cell; antialiasing one unit more.
  const pad = HIGHLIGHT.width(c) / 2 + 1;
  const groups = [...byMove.values()];
  // Each group's overlay: only the box its cells cover at their end pose, on the canvas's own
  // device pixels (a step moves a slice, and a whole-canvas overlay per move cost a
  // whole-canvas buffer to fill, upload and composite: bench/throttled.ts, the 98,304-cell row).
  const boxes = groups.map((g) => movingBox(layout, [g], 1, pad, st.dpr, canvas) ?? { x0: 0, y0: 0, x1: 1, y1: 1 });
  // Placed in the frame as the canvas is: the layout's device pixels fill the frame.
  const across = layout.width * st.dpr;
  const down = layout.height * st.dpr;
  const layerAt = (j: number, b: DeviceBox) => {
    let layer = pool[j];
    if (!layer) {
      layer = document.createElement("canvas");
      layer.setAttribute("aria-hidden", "true");
      layer.className = "overlay";
      pool.push(layer);
    }
    layer.hidden = true;
    if (layer.parentElement !== frame) frame.appendChild(layer);
    // Its bitmap at least its box, grown and kept as the canvas's is (backingSize): each step
    // moves groups of another size, and a resized canvas costs the compositor new buffers in
    // the next two frames (Play on the 98,304-cell example at 4× throttling: 11–31 ms of
    // ProduceCanvasResource after each step that resized an overlay; 2–4 ms kept). What lies
    // outside the box is left clear.
    const size = backingSize(layer, { width: b.x1 - b.x0, height: b.y1 - b.y0 });
    if (layer.width !== size.width) layer.width = size.width;
    if (layer.height !== size.height) layer.height = size.height;
    layer.style.left = `${(100 * b.x0) / across}%`;
    layer.style.top = `${(100 * b.y0) / down}%`;
    layer.style.width = `${(100 * size.width) / across}%`;
    layer.style.height = `${(100 * size.height) / down}%`;
    return layer;
  };
  const layers = boxes.map((b, j) => layerAt(j, b));
  // A group that only fades from full opacity where it stands (every cell but the k-th slice
  // dimming as Play starts) already shows on the canvas as its overlay must hold it: when its
  // box holds nothing else, the overlay is a copy of those pixels (one bitmap copy instead of
  // painting up to 100,000 cells again), taken before the still layer clears them.
  const copied = groups.map((g) => (fromShown ? copySource(layout, g, st, from, canvas) : null));
  copied.forEach((src, j) => {
    const lctx = src && layers[j].getContext("2d");
    if (!src || !lctx) return;
    const b = boxes[j];
    lctx.setTransform(1, 0, 0, 1, 0, 0);
    lctx.clearRect(0, 0, layers[j].width, layers[j].height);
    // Within the overlay's box (its cells' end box with room for a highlight's outline).
    const x0 = Math.max(src.x0, b.x0);
    const y0 = Math.max(src.y0, b.y0);
    const x1 = Math.min(src.x1, b.x1);
    const y1 = Math.min(src.y1, b.y1);
    if (x1 > x0 && y1 > y0) lctx.drawImage(canvas, x0, y0, x1 - x0, y1 - y0, x0 - b.x0, y0 - b.y0, x1 - x0, y1 - y0);
  });
  // Which cells the overlay being painted holds (one buffer for every group, cleared after each).
  const groupMask = new Uint8Array(n);
  groups.forEach((g, j) => {
    if (copied[j]) return;
    const layer = layers[j];
    const lctx = layer.getContext("2d");
    if (!lctx) return;
    const b = boxes[j];
    lctx.setTransform(1, 0, 0, 1, 0, 0);
    lctx.clearRect(0, 0, layer.width, layer.height);
    lctx.setTransform(st.dpr, 0, 0, st.dpr, -b.x0, -b.y0);
    // At its end pose with full opacity: the element's opacity carries the fade.
    for (const i of g.cells) groupMask[i] = 1;
    drawScene(lctx, layout, fills, to, to, 1, st.highlight, st.mapped, st.theme, null, { kind: "moving", mask: groupMask, cells: g.cells }, true);
    for (const i of g.cells) groupMask[i] = 0;
  });
  // The still layer: the canvas without the moving cells. When it shows `from` exactly, only
  // the box where the moving cells are drawn changes: that box is cleared and drawn again
  // (everything in it but those cells), as a whole repaint would draw it; else all of it.
  const box = fromShown ? movingBox(layout, groups, 0, pad, st.dpr, canvas) : null;
  let stillLayer: HTMLCanvasElement | null = null;
  if (ahead) {
    const b = stillArea(box, canvas);
    stillLayer = layerAt(groups.length, b);
    const sctx = stillLayer.getContext("2d");
    if (!sctx) return "cannot";
    sctx.setTransform(1, 0, 0, 1, 0, 0);
    sctx.clearRect(0, 0, stillLayer.width, stillLayer.height);
    sctx.setTransform(st.dpr, 0, 0, st.dpr, -b.x0, -b.y0);
    drawScene(sctx, layout, fills, to, to, 1, st.highlight, st.mapped, st.theme, box && regionOf(box, st.dpr), { kind: "still", mask, cells: [] });
  }
  return { from, to, exact: fromShown, highlight: st.highlight, groups, mask, boxes, layers, still: { box, layer: stillLayer } };
}

/** What a still layer repaints: the moving cells' box, or the whole canvas when there is none. */
const stillArea = (box: DeviceBox | null, canvas: HTMLCanvasElement): DeviceBox => box ?? { x0: 0, y0: 0, x1: canvas.width, y1: canvas.height };

/** The layout units a box of device pixels covers. */
const regionOf = (b: DeviceBox, dpr: number): Region => ({ x0: b.x0 / dpr, y0: b.y0 / dpr, x1: b.x1 / dpr, y1: b.y1 / dpr });

/** Shows a planned step: the still layer on the canvas, the overlays moving to their end. */
function runStep(canvas: HTMLCanvasElement, layout: GridLayout, fills: string[], st: CanvasState, plan: StepPlan, duration: number): void {
  const ctx = canvas.getContext("2d");
  const o = overlays.get(canvas);
  if (!ctx || !o) return;
  const state = o;
  state.ended = false;
  const c = layout.cell;
  const { groups, boxes, layers, mask } = plan;
  const { box, layer: stillLayer } = plan.still;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  if (stillLayer) {
    // Made ahead: the box (or the whole canvas) replaced by the spare canvas's pixels.
    const b = stillArea(box, canvas);
    ctx.clearRect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
    ctx.drawImage(stillLayer, 0, 0, b.x1 - b.x0, b.y1 - b.y0, b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
  } else if (box) {
    ctx.beginPath();
    ctx.rect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
    ctx.clip();
    ctx.clearRect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
    ctx.setTransform(st.dpr, 0, 0, st.dpr, 0, 0);
    drawScene(ctx, layout, fills, st.shown, st.shown, 1, st.highlight, st.mapped, st.theme, regionOf(box, st.dpr), { kind: "still", mask, cells: [] });
  } else {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(st.dpr, 0, 0, st.dpr, 0, 0);
    drawScene(ctx, layout, fills, st.shown, st.shown, 1, st.highlight, st.mapped, st.theme, null, { kind: "still", mask, cells: [] });
  }
  ctx.restore();
  groups.forEach((g, j) => {
    const layer = layers[j];
    layer.hidden = false;
    const end = cellPose(g.from, g.to, 1, c);
    const start = cellPose(g.from, g.to, 0, c);
    state.running.push(
      layer.animate(
        [
          // In % of the overlay's own height (its bitmap's height in device pixels): no read of the page's
          // layout (a frame's clientWidth forced a layout of the page React had just changed, per grid per step).
          { transform: `translateY(${(100 * (start.dy - end.dy) * st.dpr) / layer.height}%)`, opacity: start.opacity },
          { transform: "translateY(0px)", opacity: end.opacity },
        ],
        // d3's easeCubicOut, as the tween uses.
        { duration, easing: "cubic-bezier(0.33, 1, 0.68, 1)", fill: "both" },
      ),
    );
  });
  const ends = groups.map((g) => cellPose(g.from, g.to, 1, c).opacity);
  const painted = st.highlight;
  state.finish = () => {
    state.finish = null;
    state.ended = false;
    const anims = state.running;
    state.running = [];
    // The overlays at their end, stamped onto the canvas where they lie: the picture a full
    // repaint would make (the moving cells over the decorations instead of under them: they do
    // not meet), for the price of a few bitmap copies. A highlight that changed meanwhile needs
    // the full repaint.
    if (painted !== st.highlight) paintCells(canvas, layout, fills, st.shown, st.shown, 1, st.highlight);
    else {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ends.forEach((alpha, j) => {
        ctx.globalAlpha = alpha;
        const { x0, y0, x1, y1 } = boxes[j];
        ctx.drawImage(layers[j], 0, 0, x1 - x0, y1 - y0, x0, y0, x1 - x0, y1 - y0);
      });
      ctx.globalAlpha = 1;
      st.settled = true;
    }
    for (const l of state.pool) l.hidden = true;
    for (const a of anims) a.cancel();
  };
  const done = state.finish;
  Promise.all(state.running.map((a) => a.finished)).then(
    () => {
      if (state.finish !== done) return;
      state.ended = true;
      setTimeout(() => state.finish === done && done(), STAMP_DELAY);
    },
    () => undefined,
  );
}

/**
 * Makes the step from what the canvas shows to `next` ahead of time (the page is idle; Play or
 * Step ▶ shows it next): its overlays and still layer painted, hidden, so the step itself only
 * puts them up. Starting Play on the 98,304-cell example took ~250 ms at 4× CPU throttling
 * before the first frame moved, most of it this work (bench/throttled.ts, its fps row). Only
 * from a canvas at rest that shows its states exactly, with no step moving ("busy" otherwise:
 * ask again later); whatever paints the canvas or its overlays before the step comes makes the
 * plan stale (animateOnOverlays checks it against the step that comes).
 */
export function prepareCanvas(canvas: HTMLCanvasElement, layout: GridLayout, fills: string[], next: () => readonly CellState[]): "made" | "busy" {
  const st = memo.get(canvas);
  const o = overlays.get(canvas);
  // Nothing to make where steps are tweened (no Web Animations), nor under a highlight (a hover
  // repaints the canvas and would stale the plan at each cell the pointer crosses).
  if (!st || typeof canvas.animate !== "function" || st.highlight.size > 0) return "made";
  if (!st.settled || o?.finish || o?.running.length) return "busy";
  const to = next();
  const have = ready.get(st);
  if (have && have.to === to && have.from === st.shown && have.highlight === st.highlight) return "made";
  ready.delete(st);
  const plan = planStep(canvas, layout, fills, st.shown, to, st, true, true);
  if (typeof plan === "object") ready.set(st, plan);
  return "made";
}

/**
 * The device pixels of the canvas that hold group `g`'s cells exactly as its overlay must hold
 * them, or null: its cells neither rise nor change their outline and start at full opacity (so
 * the canvas shows them as at their end pose, which the overlay holds), there is no highlight,
 * and nothing else reaches into their box (one layout unit around them, for the edge of an
 * outline: no other cell as the canvas shows it now, no bracket or tile label). The canvas
 * shows `from` exactly.
 */
function copySource(layout: GridLayout, g: { from: CellState; to: CellState; cells: number[] }, st: CanvasState, from: CellState[], canvas: HTMLCanvasElement): DeviceBox | null {
  const c = layout.cell;
  const a = cellLook(g.from, c);
  const b = cellLook(g.to, c);
  if (a.opacity !== 1 || a.stroke !== b.stroke || a.strokeWidth !== b.strokeWidth || a.dash.join() !== b.dash.join()) return null;
  if (liftOf(g.from, c) !== 0 || cellPose(g.from, g.to, 0, c).dy !== 0 || cellPose(g.from, g.to, 1, c).dy !== 0) return null;
  if (st.highlight.size > 0) return null;
  const size = cellSide(c);
  const mine = new Uint8Array(layout.cells.length);
  const r: Region = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const i of g.cells) {
    mine[i] = 1;
    const d = layout.cells[i];
    r.x0 = Math.min(r.x0, d.x - 1);
    r.y0 = Math.min(r.y0, d.y - 1);
    r.x1 = Math.max(r.x1, d.x + size + 1);
    r.y1 = Math.max(r.y1, d.y + size + 1);
  }
  for (const d of layout.cells) {
    if (mine[d.i]) continue;
    const y = d.y - liftOf(from[d.i] ?? "rest", c);
    if (meets(r, d.x - 1, y - 1, d.x + size + 1, y + size + 1)) return null;
  }
  // Brackets as paintDecorations bounds them; a tile label is digits on its baseline (no descent), a unit for its edge.
  for (const br of layout.brackets) if (meets(r, Math.min(br.x1, br.x2) - 3, Math.min(br.y1, br.y2) - 3, Math.max(br.x1, br.x2) + 3, Math.max(br.y1, br.y2) + 3)) return null;
  for (const l of layout.labels) if (meets(r, l.x - 4 * layout.label, l.y - 1.2 * layout.label, l.x + 4 * layout.label, l.y + 1)) return null;
  const box = deviceBox(r, st.dpr);
  box.x0 = Math.max(0, box.x0);
  box.y0 = Math.max(0, box.y0);
  box.x1 = Math.min(canvas.width, box.x1);
  box.y1 = Math.min(canvas.height, box.y1);
  return box.x1 > box.x0 && box.y1 > box.y0 ? box : null;
}

const extents = new WeakMap<object, Region>();

/** The corners of a group's cells at rest (the smallest and largest x and y), worked out once per group: a step asks for its box at both ends. */
function extentOf(layout: GridLayout, g: { cells: number[] }): Region {
  let e = extents.get(g);
  if (e) return e;
  e = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const i of g.cells) {
    const d = layout.cells[i];
    if (d.x < e.x0) e.x0 = d.x;
    if (d.x > e.x1) e.x1 = d.x;
    if (d.y < e.y0) e.y0 = d.y;
    if (d.y > e.y1) e.y1 = d.y;
  }
  extents.set(g, e);
  return e;
}

/**
 * The device pixels (within the canvas) that the cells of `groups` cover at progress `t` of
 * their move, with `pad` layout units around them; null when that is nothing.
 */
function movingBox(layout: GridLayout, groups: Iterable<{ from: CellState; to: CellState; cells: number[] }>, t: number, pad: number, dpr: number, canvas: HTMLCanvasElement): DeviceBox | null {
  const size = cellSide(layout.cell);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const g of groups) {
    const dy = cellPose(g.from, g.to, t, layout.cell).dy;
    const e = extentOf(layout, g);
    x0 = Math.min(x0, e.x0);
    x1 = Math.max(x1, e.x1 + size);
    y0 = Math.min(y0, e.y0 + dy);
    y1 = Math.max(y1, e.y1 + dy + size);
  }
  const box = { x0: Math.max(0, Math.floor((x0 - pad) * dpr)), y0: Math.max(0, Math.floor((y0 - pad) * dpr)), x1: Math.min(canvas.width, Math.ceil((x1 + pad) * dpr)), y1: Math.min(canvas.height, Math.ceil((y1 + pad) * dpr)) };
  return box.x1 > box.x0 && box.y1 > box.y0 ? box : null;
}

/** Outline `cells` (`paint` false: only remember them, a transition is about to repaint). */
export function highlightCanvas(canvas: HTMLCanvasElement, layout: GridLayout, fills: string[], cells: Iterable<number>, paint = true): void {
  const st = memo.get(canvas);
  if (!st) return;
  // A finished step waiting to be stamped is stamped first: the outline then repaints around its cells alone.
  if (paint) stampEnded(canvas);
  const prev = st.highlight;
  st.highlight = new Set(cells);
  // Not painted now: the canvas no longer shows `st` exactly (the next paint must be whole).
  if (!paint) st.settled = false;
  // While a transition runs, its next frame paints the new outline (no jump to its end state).
  if (!paint || !st.settled) return;
  // At rest only the cells whose outline comes or goes need repainting (a hover changes a few).
  const changed: number[] = [];
  for (const i of prev) if (!st.highlight.has(i)) changed.push(i);
  for (const i of st.highlight) if (!prev.has(i)) changed.push(i);
  if (changed.length > 64) return paintCells(canvas, layout, fills, st.shown, st.shown, 1, st.highlight);
  repaintAround(canvas, layout, fills, st, changed);
}

/** The cell under layout coordinates (x, y), or null. */
export function cellAtPoint(layout: GridLayout, x: number, y: number): number | null {
  const c = layout.cell;
  for (const d of layout.cells) if (x >= d.x && x < d.x + c && y >= d.y && y < d.y + c) return d.i;
  return null;
}
