/** The pixel painter for full canvas paints (app/viz/pixelCells.ts): which pixels a cell covers, in which colour. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CellPixels, rgbOf, snapCell } from "../../app/viz/pixelCells";
import { anchorPixel, type GlyphMask } from "../../app/viz/glyphMasks";
import { batchFill, UNMAPPED_FILL } from "../../app/viz/colors";

const at = (p: CellPixels, x: number, y: number) => Array.from(p.data.slice((y * p.width + x) * 4, (y * p.width + x) * 4 + 4));

describe("rgbOf", () => {
  it("reads the grids' fills and nothing else", () => {
    expect(rgbOf(UNMAPPED_FILL)).toEqual([0xe9, 0xed, 0xf2]);
    expect(rgbOf(batchFill(0, 2))).toEqual([0xfd, 0xe4, 0xf2]);
    expect(rgbOf(batchFill(1, 2))).toEqual([0xe3, 0x8b, 0xbd]);
    expect(rgbOf("red")).toBeNull();
    expect(rgbOf("rgba(1, 2, 3, 0.5)")).toBeNull();
    expect(CellPixels.reads([UNMAPPED_FILL, batchFill(3, 7)])).toBe(true);
    expect(CellPixels.reads([UNMAPPED_FILL, "var(--x)"])).toBe(false);
  });
});

describe("CellPixels", () => {
  it("fills whole device pixels and leaves a gap before the next cell", () => {
    // Cells of side 5.5 on a 6-unit pitch (cellSide of a 6-unit layout cell).
    expect(snapCell(16, 16, 5.5, 1)).toEqual([16, 16, 21, 21]);
    expect(snapCell(22, 16, 5.5, 1)).toEqual([22, 16, 27, 21]);
    expect(snapCell(16, 16, 5.5, 2)).toEqual([32, 32, 43, 43]);
    const p = new CellPixels(40, 30, 1, 5.5);
    expect(p.fill(16, 16, "#102030", 1)).toBe(true);
    expect(p.fill(22, 16, "rgb(200, 100, 50)", 0.35)).toBe(true);
    expect(at(p, 16, 16)).toEqual([0x10, 0x20, 0x30, 255]);
    expect(at(p, 20, 20)).toEqual([0x10, 0x20, 0x30, 255]);
    expect(at(p, 21, 16)).toEqual([0, 0, 0, 0]);
    expect(at(p, 22, 18)).toEqual([200, 100, 50, Math.round(0.35 * 255)]);
    expect(at(p, 15, 16)).toEqual([0, 0, 0, 0]);
  });

  it("lets a later cell cover an earlier one and clips at the buffer's edge", () => {
    const p = new CellPixels(10, 10, 1, 5.5);
    p.fill(2, 2, "#ff0000", 1);
    p.fill(2, 0, "#00ff00", 1); // a lifted cell over its neighbour
    expect(at(p, 3, 1)).toEqual([0, 255, 0, 255]);
    expect(at(p, 3, 6)).toEqual([255, 0, 0, 255]);
    p.fill(8, 8, "#0000ff", 1);
    expect(at(p, 9, 9)).toEqual([0, 0, 255, 255]);
    expect(p.fill(0, 0, "hsl(0, 0%, 0%)", 1)).toBe(false);
  });

  it("paints cells under three pixels a side gapless, inking the share of the block the cell covers", () => {
    // The 98,304-cell grids: cells of side 3.5 on a 4-unit pitch, painted at half a pixel per unit.
    const side = 3.5;
    const pitch = 4;
    const dpr = 0.5;
    const p = new CellPixels(12, 12, dpr, side, 0, 0, null, pitch);
    for (let row = 0; row < 6; row++) for (let col = 0; col < 6; col++) p.fill(col * pitch, row * pitch, "#204080", col === 5 ? 0.4 : 1);
    // Ink per block as the same cells painted at one pixel per unit with their gaps (3 of 4 pixels each way)
    // would have after the browser's scaling: here every pixel holds the cell's colour at the cell's area share.
    const cover = (side / pitch) ** 2;
    for (let y = 0; y < 12; y++)
      for (let x = 0; x < 10; x++) expect(at(p, x, y), `${x},${y}`).toEqual([0x20, 0x40, 0x80, Math.round(cover * 255)]);
    expect(at(p, 10, 3)).toEqual([0x20, 0x40, 0x80, Math.round(0.4 * cover * 255)]);
    // fillRect's pixels (a repaint around a hovered cell) are the same blocks.
    expect(snapCell(8, 4, side, dpr, pitch)).toEqual([4, 2, 6, 4]);
    // At one pixel per unit the same cells keep their gap.
    expect(snapCell(8, 4, side, 1, pitch)).toEqual([8, 4, 11, 7]);
    const q = new CellPixels(8, 8, 1, side, 0, 0, null, pitch);
    q.fill(0, 0, "#204080", 1);
    expect(at(q, 2, 2)).toEqual([0x20, 0x40, 0x80, 255]);
    expect(at(q, 3, 2)).toEqual([0, 0, 0, 0]);
  });
});

describe("CellPixels.ring", () => {
  it("paints the pixels a stroke of the rect covers, opaque, and leaves the inside and the outside alone", () => {
    // A cell of side 6 at (4, 4), stroked 2 wide: the stroke covers [3, 11) less [5, 9) on each axis.
    const p = new CellPixels(16, 16, 1, 6);
    p.fill(4, 4, "#102030", 1);
    expect(p.ring(4, 4, 6, 2, "#c2187a")).toBe(true);
    const inRing = (x: number, y: number) => x >= 3 && x < 11 && y >= 3 && y < 11 && !(x >= 5 && x < 9 && y >= 5 && y < 9);
    for (let y = 0; y < 16; y++)
      for (let x = 0; x < 16; x++) {
        const want = inRing(x, y) ? [0xc2, 0x18, 0x7a, 255] : x >= 4 && x < 10 && y >= 4 && y < 10 ? [0x10, 0x20, 0x30, 255] : [0, 0, 0, 0];
        expect(at(p, x, y), `pixel (${x}, ${y})`).toEqual(want);
      }
    expect(p.ring(4, 4, 6, 2, "var(--x)")).toBe(false);
  });

  it("shades the pixels a stroke covers in part, as an antialiased stroke does, and inks the stroke's area", () => {
    // The lifted slice's outline on 4-unit cells (side 3.5, width 1.5): the band between the
    // square grown and shrunk by 0.75, (3.5 + 1.5)² − (3.5 − 1.5)² = 21 pixels of ink.
    const p = new CellPixels(10, 10, 1, 3.5);
    p.ring(2, 2, 3.5, 1.5, "#000000");
    let ink = 0;
    for (let i = 3; i < p.data.length; i += 4) ink += p.data[i] / 255;
    expect(ink).toBeCloseTo(21, 1);
    // Outer square [1.25, 6.25)², inner [2.75, 4.75)²: pixel (1, 1) is 0.75 × 0.75 in the band,
    // pixel (2, 2) all but its 0.25 × 0.25 corner, pixel (3, 3) wholly inside the ring.
    expect(at(p, 1, 1)[3]).toBe(Math.round(0.5625 * 255));
    expect(at(p, 2, 2)[3]).toBe(Math.round(0.9375 * 255));
    expect(at(p, 3, 3)).toEqual([0, 0, 0, 0]);
    // Over an opaque fill the stroke's colour mixes in by its cover, and the pixel stays opaque.
    const q = new CellPixels(10, 10, 1, 3.5);
    q.fill(2, 2, "#ffffff", 1);
    q.ring(2, 2, 3.5, 1.5, "#000000");
    expect(at(q, 2, 2)).toEqual([16, 16, 16, 255]); // 255 × (1 − 0.9375)
  });

  it("paints into a given zeroed buffer of the right size, else a fresh one", () => {
    const buffer = new Uint8ClampedArray(8 * 8 * 4);
    const p = new CellPixels(8, 8, 1, 3, 0, 0, buffer);
    p.fill(1, 1, "#ffffff", 1);
    expect(p.data).toBe(buffer);
    expect(at(p, 2, 2)).toEqual([255, 255, 255, 255]);
    expect(new CellPixels(8, 8, 1, 3, 0, 0, new Uint8ClampedArray(4)).data.length).toBe(8 * 8 * 4);
  });
});

/**
 * The ring as its definition reads, pixel by pixel: each pixel of the buffer takes the stroke
 * over what it holds in proportion to how much of it lies between the square grown and the
 * square shrunk by half the width (source-over of an opaque colour).
 */
function referenceRing(data: Uint8ClampedArray, w: number, h: number, dpr: number, x: number, y: number, side: number, width: number, [r, g, b]: number[]) {
  const span = (p: number, a: number, c: number) => Math.max(0, Math.min(p + 1, c) - Math.max(p, a));
  const hw = width / 2;
  const [ox0, oy0, ox1, oy1] = [(x - hw) * dpr, (y - hw) * dpr, (x + side + hw) * dpr, (y + side + hw) * dpr];
  const [ix0, iy0, ix1, iy1] = [(x + hw) * dpr, (y + hw) * dpr, (x + side - hw) * dpr, (y + side - hw) * dpr];
  const hole = ix1 > ix0 && iy1 > iy0;
  for (let py = 0; py < h; py++)
    for (let px = 0; px < w; px++) {
      const cover = span(px, ox0, ox1) * span(py, oy0, oy1) - (hole ? span(px, ix0, ix1) * span(py, iy0, iy1) : 0);
      if (cover <= 0) continue;
      referenceOver(data, (py * w + px) * 4, Math.min(1, cover), [r, g, b]);
    }
}

/** Porter–Duff source-over of colour `rgb` at alpha `src` in premultiplied form, then back to ImageData's straight alpha. */
function referenceOver(data: Uint8ClampedArray, o: number, src: number, rgb: number[]) {
  const dst = data[o + 3] / 255;
  const out = src + dst * (1 - src);
  rgb.forEach((c, ch) => {
    data[o + ch] = (c * src + data[o + ch] * dst * (1 - src)) / out;
  });
  data[o + 3] = out * 255;
}

/** Whether two buffers show the same picture: a byte may round the other way; a pixel clear in both shows nothing, whatever colour it holds. */
function worstLevel(got: Uint8ClampedArray, expected: Uint8ClampedArray): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    if (got[i | 3] === 0 && expected[i | 3] === 0) continue;
    worst = Math.max(worst, Math.abs(got[i] - expected[i]));
  }
  return worst;
}

describe("CellPixels.ring against its definition", () => {
  it("paints the pixels of the pixel-by-pixel blend, over opaque, clear and half-clear pixels, to a level", () => {
    const pos = fc.double({ min: -3, max: 14, noNaN: true });
    fc.assert(
      fc.property(fc.constantFrom(1, 1.25, 1.5, 2), fc.double({ min: 1, max: 8, noNaN: true }), fc.double({ min: 0.25, max: 3, noNaN: true }), fc.array(fc.tuple(pos, pos), { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(pos, pos, fc.constantFrom(1, 0.6, 0.3)), { maxLength: 4 }), (dpr, side, width, rings, cells) => {
        const p = new CellPixels(24, 24, dpr, side);
        for (const [cx, cy, op] of cells) p.fill(cx, cy, "#abcdef", op);
        const expected = new Uint8ClampedArray(p.data);
        for (const [x, y] of rings) {
          expect(p.ring(x, y, side, width, "#c2187a")).toBe(true);
          referenceRing(expected, 24, 24, dpr, x, y, side, width, [0xc2, 0x18, 0x7a]);
        }
        // The same real-valued blend evaluated in another order (fast-check found an edge 2e-15
        // of a pixel over, where the reference writes the ink at alpha 0: clear either way).
        expect(worstLevel(p.data, expected)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});


describe("CellPixels.glyph against its definition", () => {
  it("blends each pixel of a label's mask over what the buffer holds, placed from the anchor's pixel, clipped at the edges", () => {
    const mask: fc.Arbitrary<GlyphMask> = fc
      .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: -6, max: 2 }), fc.integer({ min: -9, max: 2 }))
      .chain(([width, height, left, top]) => fc.uint8Array({ minLength: width * height, maxLength: width * height }).map((alpha) => ({ alpha, width, height, left, top })));
    const pos = fc.integer({ min: -8, max: 28 });
    fc.assert(
      fc.property(mask, pos, pos, fc.array(fc.tuple(pos, pos, fc.constantFrom(1, 0.6, 0.3)), { maxLength: 4 }), fc.integer({ min: 0, max: 4 }), (m, ax, ay, cells, origin) => {
        // A buffer that starts `origin` pixels into the picture, as an overlay's does.
        const p = new CellPixels(20, 16, 1, 5, origin, origin);
        for (const [cx, cy, op] of cells) p.fill(cx, cy, "#abcdef", op);
        const expected = new Uint8ClampedArray(p.data);
        p.glyph(m, ax, ay, [0xb0, 0x4a, 0x00]);
        for (let y = 0; y < m.height; y++)
          for (let x = 0; x < m.width; x++) {
            const [px, py] = [ax + m.left + x - origin, ay + m.top + y - origin];
            const a = m.alpha[y * m.width + x];
            if (a > 0 && px >= 0 && py >= 0 && px < 20 && py < 16) referenceOver(expected, (py * 20 + px) * 4, a / 255, [0xb0, 0x4a, 0x00]);
          }
        expect(worstLevel(p.data, expected)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe("anchorPixel", () => {
  it("places an anchor at the nearest quarter of a device pixel: the pixel and the quarter into it", () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), (x) => {
        const [pixel, quarter] = anchorPixel(x);
        expect(Number.isInteger(pixel)).toBe(true);
        expect([0, 1, 2, 3]).toContain(quarter);
        expect(Math.abs(pixel + quarter / 4 - x)).toBeLessThanOrEqual(1 / 8 + 1e-9);
      }),
    );
    expect(anchorPixel(10.5)).toEqual([10, 2]);
    expect(anchorPixel(-0.3)).toEqual([-1, 3]);
    expect(anchorPixel(7.9)).toEqual([8, 0]);
  });
});
