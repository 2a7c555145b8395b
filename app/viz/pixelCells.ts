/**
 * Cell fills written straight into pixels, for a full paint of a canvas grid (drawCanvas.ts).
 * Tens of thousands of fillRect calls were most of a big grid's repaint, in the calls
 * themselves and again when the canvas rasterised them (measured on the 98,304-cell example in
 * bench/throttled.ts); one pass over a pixel buffer and one putImageData cost a fraction of
 * that. Cells are snapped to whole device pixels with a one-pixel gap. Pure: no DOM.
 */
import type { GlyphMask } from "./glyphMasks";

const parsedColours = new Map<string, [number, number, number] | null>();

/**
 * `rgb(r, g, b)` or `#rrggbb` (the grids' fills, colors.ts) as [r, g, b]; null for anything else.
 * Remembered: a change repaints thousands of cells in a palette's few hundred colours, and the
 * regexes per cell were most of checking a paint's fills (bench/throttled.ts, the in_axes row).
 */
export function rgbOf(css: string): [number, number, number] | null {
  let rgb = parsedColours.get(css);
  if (rgb === undefined) {
    if (parsedColours.size >= 4096) parsedColours.clear();
    parsedColours.set(css, (rgb = parseRgb(css)));
  }
  return rgb;
}

function parseRgb(css: string): [number, number, number] | null {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)];
  const rgb = /^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$/.exec(css);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return null;
}

/**
 * Below this many device pixels a side, a cell is painted with its gap as one block, its colour
 * at the share of the block the cell covers (`cellCover`): a canvas painted with fewer pixels
 * than its layout has units (pixelsPerUnit, the 98,304-cell grids on a 1× screen) would
 * otherwise round its cells and gaps to single pixels, and its tints come out paler than the
 * same grid painted with a pixel per unit and scaled down by the browser.
 */
export const GAPLESS_BELOW = 3;

const gapless = (size: number, pitch: number, dpr: number) => pitch > size && size * dpr < GAPLESS_BELOW;

/**
 * The share of its colour a cell of side `size`, `pitch` units from the next, is painted with:
 * 1 where it keeps its gap; the area it covers of its block where it is painted gapless.
 */
export function cellCover(size: number, pitch: number, dpr: number): number {
  return gapless(size, pitch, dpr) ? (size / pitch) ** 2 : 1;
}

/**
 * The device pixels [x0, y0, x1, y1) a cell of side `size` at (x, y) covers: whole pixels,
 * ending short of the next cell's start (`pitch` units on), so cells keep a visible gap, or,
 * below GAPLESS_BELOW pixels a side, up to the next cell's start. The pixel painter and fillRect
 * (a repaint around a hovered cell) both use it: they paint the same pixels.
 */
export function snapCell(x: number, y: number, size: number, dpr: number, pitch = size): [number, number, number, number] {
  const x0 = Math.round(x * dpr);
  const y0 = Math.round(y * dpr);
  if (gapless(size, pitch, dpr)) return [x0, y0, Math.max(x0 + 1, Math.round((x + pitch) * dpr)), Math.max(y0 + 1, Math.round((y + pitch) * dpr))];
  return [x0, y0, Math.max(x0 + 1, Math.floor((x + size) * dpr)), Math.max(y0 + 1, Math.floor((y + size) * dpr))];
}

/**
 * RGBA pixels (`width` × `height` device pixels, row-major, unpremultiplied as ImageData holds
 * them) into which cells of side `size` layout units, `pitch` apart, are filled at `dpr` device
 * pixels per unit (as snapCell places them).
 * A later cell covers an earlier one (a lifted cell over its neighbour, as fillRect paints an
 * opaque cell).
 */
export class CellPixels {
  readonly data: Uint8ClampedArray<ArrayBuffer>;
  /** The same pixels as words, on little-endian machines (else null: byte by byte). */
  private readonly words: Uint32Array | null;
  private lastFill = "";
  private lastOpacity = NaN;
  /** The last run's colour, rewritten in place (a grid whose slices alternate along its rows changes it at every cell). */
  private readonly lastColour: [number, number, number, number] = [0, 0, 0, 0];
  private readonly cover: number;

  /**
   * `originX`/`originY`: the device pixel of the whole picture at which this buffer starts (an
   * overlay holding part of it); cells snap to the whole picture's pixels either way.
   */
  constructor(
    readonly width: number,
    readonly height: number,
    readonly dpr: number,
    private readonly size: number,
    readonly originX = 0,
    readonly originY = 0,
    /** Zeroed memory of width × height × 4 bytes to paint into (reused between paints), or null for a fresh buffer. */
    buffer: Uint8ClampedArray<ArrayBuffer> | null = null,
    private readonly pitch = size,
  ) {
    this.cover = cellCover(size, pitch, dpr);
    this.data = buffer && buffer.length === width * height * 4 ? buffer : new Uint8ClampedArray(width * height * 4);
    this.words = LITTLE_ENDIAN ? new Uint32Array(this.data.buffer) : null;
  }

  /** Whether every one of `fills` is a colour this painter reads (remembered per fills array: a step paints several times). */
  static reads(fills: readonly string[]): boolean {
    let ok = readable.get(fills);
    if (ok !== undefined) return ok;
    ok = true;
    let last = "";
    for (const f of fills) {
      if (f === last) continue;
      if (!rgbOf(f)) {
        ok = false;
        break;
      }
      last = f;
    }
    readable.set(fills, ok);
    return ok;
  }

  /** Fills the cell at (x, y) in layout units; false when `fill` is not a colour rgbOf reads. */
  fill(x: number, y: number, fill: string, opacity: number): boolean {
    // Neighbouring cells mostly share a fill and opacity: the colour is worked out once per run.
    if (fill !== this.lastFill || opacity !== this.lastOpacity) {
      const rgb = rgbOf(fill);
      if (!rgb) return false;
      this.lastFill = fill;
      this.lastOpacity = opacity;
      const c = this.lastColour;
      c[0] = rgb[0];
      c[1] = rgb[1];
      c[2] = rgb[2];
      c[3] = Math.round(opacity * this.cover * 255);
    }
    // snapCell's pixels, without an array per cell (a big grid paints 100,000 of them).
    const { dpr, size } = this;
    const sx0 = Math.round(x * dpr);
    const sy0 = Math.round(y * dpr);
    const reach = this.cover < 1 ? this.pitch : size;
    const end = this.cover < 1 ? Math.round : Math.floor;
    this.box(sx0, sy0, Math.max(sx0 + 1, end((x + reach) * dpr)), Math.max(sy0 + 1, end((y + reach) * dpr)), this.lastColour);
    return true;
  }

  /**
   * The outline a stroke of width `width` (layout units) along the square of side `side` at
   * (x, y) paints in `stroke` (opaque), as the canvas strokes it: each device pixel takes the
   * stroke's colour over what it holds in proportion to how much of it the stroke covers (the
   * band between the square grown and shrunk by half the width), so edges shade as an
   * antialiased stroke's do. Stroking a path of thousands of rects is slow to rasterise
   * (~120 ms for the 8,192 lifted cells of a (4,64,128) slice at 4× CPU throttling, measured in
   * Chromium's FinalizeFrame); this is a pass over the ring's pixels. False when `stroke` is not
   * a colour rgbOf reads.
   */
  ring(x: number, y: number, side: number, width: number, stroke: string): boolean {
    const rgb = rgbOf(stroke);
    if (!rgb) return false;
    const { dpr, originX, originY } = this;
    const h = width / 2;
    // The outer square's corner in the buffer's device pixels; the ring's coverage depends only
    // on where that corner falls within its pixel (cells on a whole-unit grid share one mask).
    const ox0 = (x - h) * dpr - originX;
    const oy0 = (y - h) * dpr - originY;
    const px0 = Math.floor(ox0);
    const py0 = Math.floor(oy0);
    const m = this.maskFor(ox0 - px0, oy0 - py0, side, width);
    const { words, width: across } = this;
    const [r, g, b] = rgb;
    const opaque = ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
    const { cover, dx, dy, at } = m;
    // Wholly inside the buffer (all but a slice's edge rings): no pixel needs checking.
    const inside = px0 >= 0 && py0 >= 0 && px0 + m.across <= across && py0 + m.down <= this.height;
    const base = py0 * across + px0;
    for (let e = 0; e < cover.length; e++) {
      if (!inside) {
        const px = px0 + dx[e];
        const py = py0 + dy[e];
        if (px < 0 || py < 0 || px >= across || py >= this.height) continue;
      }
      const k = Math.min(1, cover[e]);
      const w = base + at[e];
      // A pixel the stroke covers wholly (most of a ring's) takes the short way.
      if (k === 1 && words) words[w] = opaque;
      else this.over(w, k, r, g, b);
    }
    return true;
  }

  /**
   * A tile label's coverage `mask` (glyphMasks.ts) in colour `rgb`, its anchor at the picture's
   * device pixel (ax, ay), blended over the pixels as fillText paints it; clipped to the buffer.
   */
  glyph(mask: GlyphMask, ax: number, ay: number, rgb: readonly [number, number, number]): void {
    const { width: across, height: down, originX, originY } = this;
    const bx = ax + mask.left - originX;
    const by = ay + mask.top - originY;
    const [r, g, b] = rgb;
    const { alpha, width } = mask;
    for (let y = Math.max(0, -by), y1 = Math.min(mask.height, down - by); y < y1; y++) {
      for (let x = Math.max(0, -bx), x1 = Math.min(width, across - bx); x < x1; x++) {
        const a = alpha[y * width + x];
        if (a) this.over((by + y) * across + bx + x, a / 255, r, g, b);
      }
    }
  }

  /** Source-over of colour (r, g, b) at alpha k onto the buffer's (unpremultiplied) pixel `w`. */
  private over(w: number, k: number, r: number, g: number, b: number): void {
    const data = this.data;
    const o = w * 4;
    const d = data[o + 3];
    // An empty pixel (a gap, the labels' margin) and an opaque one take the short ways.
    if (d === 0 || k === 1) {
      data[o] = r;
      data[o + 1] = g;
      data[o + 2] = b;
      data[o + 3] = d === 0 ? k * 255 : 255;
    } else if (d === 255) {
      const keep = 1 - k;
      data[o] = r * k + data[o] * keep;
      data[o + 1] = g * k + data[o + 1] * keep;
      data[o + 2] = b * k + data[o + 2] * keep;
    } else {
      const da = d / 255;
      const a = k + da * (1 - k);
      const keep = (da * (1 - k)) / a;
      const mine = k / a;
      data[o] = r * mine + data[o] * keep;
      data[o + 1] = g * mine + data[o + 1] * keep;
      data[o + 2] = b * mine + data[o + 2] * keep;
      data[o + 3] = a * 255;
    }
  }

  /**
   * The pixels a ring covers (offsets from its outer corner's pixel) and how much of each, for a
   * corner at fraction (fx, fy) of its pixel: worked out once per fraction (a lifted slice of the
   * 98,304-cell example has 8,192 rings to paint each step).
   */
  private maskFor(fx: number, fy: number, side: number, width: number): RingMask {
    // Keyed by the fractions themselves (numbers: no string per ring); one ring size at a time.
    if (side !== this.maskSide || width !== this.maskWidth) {
      this.masks.clear();
      this.maskSide = side;
      this.maskWidth = width;
      this.lastMask = null;
    }
    // Rings along a row mostly fall alike within their pixels: the last mask, without a lookup.
    const last = this.lastMask;
    if (last && last.fx === fx && last.fy === fy) return last;
    let row = this.masks.get(fx);
    if (!row) this.masks.set(fx, (row = new Map()));
    let m = row.get(fy);
    if (m) return (this.lastMask = m);
    const { dpr } = this;
    // The outer square grown and the inner one shrunk by half the width, relative to the pixel.
    const ox1 = fx + (side + width) * dpr;
    const oy1 = fy + (side + width) * dpr;
    const ix0 = fx + width * dpr;
    const iy0 = fy + width * dpr;
    const ix1 = fx + side * dpr;
    const iy1 = fy + side * dpr;
    const hole = ix1 > ix0 && iy1 > iy0;
    const dx: number[] = [];
    const dy: number[] = [];
    const cover: number[] = [];
    for (let r = 0; r < Math.ceil(oy1); r++) {
      const outY = span(r, fy, oy1);
      const inY = hole ? span(r, iy0, iy1) : 0;
      for (let k = 0; k < Math.ceil(ox1); k++) {
        const share = span(k, fx, ox1) * outY - (hole ? span(k, ix0, ix1) * inY : 0);
        if (share <= 0) continue;
        dx.push(k);
        dy.push(r);
        cover.push(share);
      }
    }
    m = { fx, fy, dx, dy, cover: Float64Array.from(cover), at: Int32Array.from(dx, (x, e) => dy[e] * this.width + x), across: Math.ceil(ox1), down: Math.ceil(oy1) };
    row.set(fy, m);
    return (this.lastMask = m);
  }

  private readonly masks = new Map<number, Map<number, RingMask>>();
  private lastMask: RingMask | null = null;
  private maskSide = NaN;
  private maskWidth = NaN;

  /** Writes the picture's device pixels [x0, x1) × [y0, y1) (clipped to the buffer) in one colour. */
  private box(sx0: number, sy0: number, sx1: number, sy1: number, rgba: readonly [number, number, number, number]): void {
    const { width, height, originX, originY } = this;
    this.rect(Math.max(0, sx0 - originX), Math.max(0, sy0 - originY), Math.min(width, sx1 - originX), Math.min(height, sy1 - originY), rgba);
  }

  /** Buffer pixels [x0, x1) × [y0, y1) (within the buffer) in one colour. */
  private rect(x0: number, y0: number, x1: number, y1: number, rgba: readonly [number, number, number, number]): void {
    if (x1 <= x0 || y1 <= y0) return;
    const width = this.width;
    const words = this.words;
    if (words) {
      // One pixel is one 32-bit word (RGBA bytes in memory order): a row of a cell is a few stores.
      const px = ((rgba[3] << 24) | (rgba[2] << 16) | (rgba[1] << 8) | rgba[0]) >>> 0;
      for (let y = y0; y < y1; y++) {
        const end = y * width + x1;
        for (let o = y * width + x0; o < end; o++) words[o] = px;
      }
      return;
    }
    const data = this.data;
    for (let y = y0; y < y1; y++) {
      for (let o = (y * width + x0) * 4, end = (y * width + x1) * 4; o < end; o += 4) {
        data[o] = rgba[0];
        data[o + 1] = rgba[1];
        data[o + 2] = rgba[2];
        data[o + 3] = rgba[3];
      }
    }
  }
}

/** How much of the pixel [p, p + 1) lies in [a, b). */
const span = (p: number, a: number, b: number) => Math.max(0, Math.min(p + 1, b) - Math.max(p, a));

/** A ring's pixels: offsets from its outer corner's pixel and the share of each it covers. */
interface RingMask {
  /** The corner's fractions within its pixel it was worked out for. */
  fx: number;
  fy: number;
  dx: number[];
  dy: number[];
  cover: Float64Array;
  /** Each pixel's offset in the buffer (dy rows of its width, dx across). */
  at: Int32Array;
  /** The pixels it spans across and down from the corner. */
  across: number;
  down: number;
}

const readable = new WeakMap<readonly string[], boolean>();

/** Whether this machine stores a 32-bit word's low byte first (every browser platform in use does). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
