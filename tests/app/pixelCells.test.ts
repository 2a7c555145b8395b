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
