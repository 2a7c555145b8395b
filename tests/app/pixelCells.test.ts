/** The pixel painter for full canvas paints (app/viz/pixelCells.ts): which pixels a cell covers, in which colour. */
import { describe, expect, it } from "vitest";
import { CellPixels, rgbOf, snapCell } from "../../app/viz/pixelCells";
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
