/**
 * Tile labels as coverage masks, rasterised once and blended into a grid's pixels
 * (pixelCells.ts) instead of drawn with fillText at every paint. fillText was the largest single
 * item of a change's repaint on the blog's (2,3,5,7,9) example: 38 labels, ~3 ms at 4× CPU
 * throttling (bench/throttled.ts), each call resolving its font and shaping its digits again.
 * A label's mask is the text drawn by the same canvas text engine, once per (text, font,
 * alignment, device pixel ratio, where its anchor falls within a device pixel across, in
 * quarters), on an OffscreenCanvas; the baseline goes on a whole device pixel. Against fillText
 * the labels' pixels differed by at most 8 levels of 255 at 1×, 10 at 2× (screenshots of a grid;
 * tests/browser/bigGrids.test.ts holds them within 24).
 */

/** A label's coverage (0–255 per device pixel), `left`/`top` device pixels from its anchor's pixel. */
export interface GlyphMask {
  alpha: Uint8Array;
  width: number;
  height: number;
  left: number;
  top: number;
}

type Scratch = OffscreenCanvasRenderingContext2D;

/** Masks by text, font, alignment, ratio and quarter; null where this browser cannot make one. */
const masks = new Map<string, GlyphMask | null>();
/** A grid has a few dozen distinct labels per font: more than this means fonts or sizes changed many times. */
const MAX_MASKS = 2048;

let scratch: Scratch | null | undefined;

function scratchContext(width: number, height: number): Scratch | null {
  if (scratch === undefined) {
    scratch = typeof OffscreenCanvas === "function" ? (new OffscreenCanvas(64, 32).getContext("2d", { willReadFrequently: true }) as Scratch | null) : null;
  }
  if (!scratch) return null;
  const c = scratch.canvas;
  if (c.width < width || c.height < height) {
    c.width = Math.max(c.width, width);
    c.height = Math.max(c.height, height);
  }
  return scratch;
}

/** Where an anchor falls within its device pixel, across: in quarters of a pixel. */
const STEPS = 4;

/** A label anchored at device pixel x: the pixel its mask is placed from, and the quarter within it. */
export function anchorPixel(x: number): [pixel: number, quarter: number] {
  const q = Math.round(x * STEPS);
  const pixel = Math.floor(q / STEPS);
  return [pixel, q - pixel * STEPS];
}

/**
 * The mask of `text` in `font` (a CSS font, in layout units) aligned `align` about its anchor on
 * the alphabetic baseline, at `dpr` device pixels per unit, the anchor `quarter` quarters of a
 * pixel into its device pixel: as fillText paints it on a context scaled by `dpr`. Null without
 * OffscreenCanvas (the caller draws with fillText).
 */
export function glyphMask(text: string, font: string, align: "center" | "right", dpr: number, quarter = 0): GlyphMask | null {
  const key = `${dpr}|${quarter}|${align}|${font}|${text}`;
  let m = masks.get(key);
  if (m === undefined) {
    if (masks.size >= MAX_MASKS) masks.clear();
    masks.set(key, (m = rasterise(text, font, align, dpr, quarter / STEPS)));
  }
  return m;
}

function rasterise(text: string, font: string, align: "center" | "right", dpr: number, fx: number): GlyphMask | null {
  const probe = scratchContext(1, 1);
  if (!probe) return null;
  probe.setTransform(1, 0, 0, 1, 0, 0);
  probe.font = font;
  probe.textAlign = align;
  probe.textBaseline = "alphabetic";
  const ink = probe.measureText(text);
  // The ink's box about the anchor, in device pixels, with room for antialiasing.
  const left = Math.floor(-ink.actualBoundingBoxLeft * dpr) - 2;
  const top = Math.floor(-ink.actualBoundingBoxAscent * dpr) - 2;
  const width = Math.ceil(ink.actualBoundingBoxRight * dpr) + 3 - left;
  const height = Math.ceil(ink.actualBoundingBoxDescent * dpr) + 2 - top;
  if (!(width > 0 && height > 0)) return null;
  const ctx = scratchContext(width, height);
  if (!ctx) return null;
  // A resize resets the context's state: set it again.
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.font = font;
  ctx.textAlign = align;
  ctx.textBaseline = "alphabetic";
  ctx.fillStyle = "#000";
  ctx.setTransform(dpr, 0, 0, dpr, fx - left, -top);
  ctx.fillText(text, 0, 0);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const alpha = new Uint8Array(width * height);
  for (let i = 0; i < alpha.length; i++) alpha[i] = rgba[i * 4 + 3];
  return { alpha, width, height, left, top };
}
