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
  private readonly colours = new Map<string, [number, number, number] | null>();

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
  ) {
    this.data = new Uint8ClampedArray(width * height * 4);
  }

  /** Whether every one of `fills` is a colour this painter reads. */
  static reads(fills: readonly string[]): boolean {
    let last = "";
    for (const f of fills) {
      if (f === last) continue;
      if (!rgbOf(f)) return false;
      last = f;
    }
    return true;
  }

  /** Fills the cell at (x, y) in layout units; false when `fill` is not a colour rgbOf reads. */
  fill(x: number, y: number, fill: string, opacity: number): boolean {
    let rgb = this.colours.get(fill);
    if (rgb === undefined) this.colours.set(fill, (rgb = rgbOf(fill)));
    if (!rgb) return false;
    const { dpr, size, width, height, data, originX, originY } = this;
    const [sx0, sy0, sx1, sy1] = snapCell(x, y, size, dpr);
    const x0 = Math.max(0, sx0 - originX);
    const y0 = Math.max(0, sy0 - originY);
    const x1 = Math.min(width, sx1 - originX);
    const y1 = Math.min(height, sy1 - originY);
    const a = Math.round(opacity * 255);
    const [r, g, b] = rgb;
    for (let py = y0; py < y1; py++) {
      let o = (py * width + x0) * 4;
      for (let px = x0; px < x1; px++, o += 4) {
        data[o] = r;
        data[o + 1] = g;
        data[o + 2] = b;
        data[o + 3] = a;
      }
    }
    return true;
  }
}
