/**
 * Cell fills written straight into pixels, for a full paint of a canvas grid (drawCanvas.ts).
 * Tens of thousands of fillRect calls were most of a big grid's repaint, in the calls
 * themselves and again when the canvas rasterised them (measured on the 98,304-cell example in
 * bench/throttled.ts); one pass over a pixel buffer and one putImageData cost a fraction of
 * that. Cells are snapped to whole device pixels with a one-pixel gap. Pure: no DOM.
 */

/** `rgb(r, g, b)` or `#rrggbb` (the grids' fills, colors.ts) as [r, g, b]; null for anything else. */
export function rgbOf(css: string): [number, number, number] | null {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)];
  const rgb = /^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$/.exec(css);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return null;
}

/**
 * The device pixels [x0, y0, x1, y1) a cell of side `size` at (x, y) covers: whole pixels,
 * ending short of the next cell's start, so cells keep a visible gap at every size. The pixel
 * painter and fillRect (a repaint around a hovered cell) both use it: they paint the same pixels.
 */
export function snapCell(x: number, y: number, size: number, dpr: number): [number, number, number, number] {
  const x0 = Math.round(x * dpr);
  const y0 = Math.round(y * dpr);
  return [x0, y0, Math.max(x0 + 1, Math.floor((x + size) * dpr)), Math.max(y0 + 1, Math.floor((y + size) * dpr))];
}

/**
 * RGBA pixels (`width` × `height` device pixels, row-major, unpremultiplied as ImageData holds
 * them) into which cells of side `size` layout units are filled at `dpr` device pixels per unit.
 * A later cell covers an earlier one (a lifted cell over its neighbour, as fillRect paints an
 * opaque cell).
 */
export class CellPixels {
  readonly data: Uint8ClampedArray<ArrayBuffer>;
  /** The same pixels as words, on little-endian machines (else null: byte by byte). */
  private readonly words: Uint32Array | null;
  private readonly colours = new Map<string, [number, number, number] | null>();
  private lastFill = "";
  private lastOpacity = NaN;
  private lastColour: readonly [number, number, number, number] = [0, 0, 0, 0];

  /**
   * `originX`/`originY`: the device pixel of the whole picture at which this buffer starts (an
   * overlay holding part of it); cells snap to the whole picture's pixels either way.
   */
  constructor(
    readonly width: number,
    readonly height: number,
    private readonly dpr: number,
    private readonly size: number,
    readonly originX = 0,
    readonly originY = 0,
    /** Zeroed memory of width × height × 4 bytes to paint into (reused between paints), or null for a fresh buffer. */
    buffer: Uint8ClampedArray<ArrayBuffer> | null = null,
  ) {
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
      const rgb = this.rgb(fill);
      if (!rgb) return false;
      this.lastFill = fill;
      this.lastOpacity = opacity;
      this.lastColour = [rgb[0], rgb[1], rgb[2], Math.round(opacity * 255)];
    }
    // snapCell's pixels, without an array per cell (a big grid paints 100,000 of them).
    const { dpr, size } = this;
    const sx0 = Math.round(x * dpr);
    const sy0 = Math.round(y * dpr);
    this.box(sx0, sy0, Math.max(sx0 + 1, Math.floor((x + size) * dpr)), Math.max(sy0 + 1, Math.floor((y + size) * dpr)), this.lastColour, null);
    return true;
  }

  /**
   * The outline a stroke of width `width` (layout units) along the square of side `side` at
   * (x, y) covers, opaque in `stroke`, on whole device pixels: what `ctx.stroke()` of that rect
   * paints, without its antialiased edge. Stroking a path of thousands of rects is slow to
   * rasterise (~120 ms for the 8,192 lifted cells of a (4,64,128) slice at 4× CPU throttling,
   * measured in Chromium's FinalizeFrame); writing the ring's pixels costs a pass over them.
   * False when `stroke` is not a colour rgbOf reads.
   */
  ring(x: number, y: number, side: number, width: number, stroke: string): boolean {
    const rgb = this.rgb(stroke);
    if (!rgb) return false;
    const { dpr } = this;
    const h = width / 2;
    const ox0 = Math.round((x - h) * dpr);
    const oy0 = Math.round((y - h) * dpr);
    const ox1 = Math.max(ox0 + 1, Math.round((x + side + h) * dpr));
    const oy1 = Math.max(oy0 + 1, Math.round((y + side + h) * dpr));
    // The inside the stroke leaves: at least one pixel of ring on each side.
    const ix0 = Math.max(ox0 + 1, Math.round((x + h) * dpr));
    const iy0 = Math.max(oy0 + 1, Math.round((y + h) * dpr));
    const ix1 = Math.min(ox1 - 1, Math.round((x + side - h) * dpr));
    const iy1 = Math.min(oy1 - 1, Math.round((y + side - h) * dpr));
    this.box(ox0, oy0, ox1, oy1, [rgb[0], rgb[1], rgb[2], 255], ix1 > ix0 && iy1 > iy0 ? [ix0, iy0, ix1, iy1] : null);
    return true;
  }

  private rgb(css: string): [number, number, number] | null {
    let rgb = this.colours.get(css);
    if (rgb === undefined) this.colours.set(css, (rgb = rgbOf(css)));
    return rgb;
  }

  /** Writes the picture's device pixels [x0, x1) × [y0, y1), less the `hole` if any, in one colour. */
  private box(sx0: number, sy0: number, sx1: number, sy1: number, rgba: readonly [number, number, number, number], hole: [number, number, number, number] | null): void {
    const { width, height, originX, originY } = this;
    const x0 = Math.max(0, sx0 - originX);
    const y0 = Math.max(0, sy0 - originY);
    const x1 = Math.min(width, sx1 - originX);
    const y1 = Math.min(height, sy1 - originY);
    if (x1 <= x0 || y1 <= y0) return;
    if (!hole) return this.rect(x0, y0, x1, y1, rgba);
    // The hole's part of this box, in buffer pixels: the rows above and below it whole, its rows either side of it.
    const hx0 = Math.max(x0, hole[0] - originX);
    const hx1 = Math.min(x1, hole[2] - originX);
    const hy0 = Math.max(y0, hole[1] - originY);
    const hy1 = Math.min(y1, hole[3] - originY);
    if (hx1 <= hx0 || hy1 <= hy0) return this.rect(x0, y0, x1, y1, rgba);
    this.rect(x0, y0, x1, hy0, rgba);
    this.rect(x0, hy0, hx0, hy1, rgba);
    this.rect(hx1, hy0, x1, hy1, rgba);
    this.rect(x0, hy1, x1, y1, rgba);
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

const readable = new WeakMap<readonly string[], boolean>();

/** Whether this machine stores a 32-bit word's low byte first (every browser platform in use does). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
