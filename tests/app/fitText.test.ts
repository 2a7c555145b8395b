// Numbers fitted to a cell: whatever the value, the text fits the width (at the monospace
// advance the cells use), keeps the value to the digits shown, and is the full text when it fits.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fitCellText, MONO_EM, MIN_PX } from "../../app/viz/fitText";
import { cellText, valueText } from "../../app/viz/numberText";

const width = (t: { text: string; size: number }) => t.text.length * t.size * MONO_EM;

describe("fitCellText", () => {
  it("keeps short numbers whole at full size", () => {
    expect(fitCellText("100", 35)).toEqual({ text: "100", size: 11 });
    expect(fitCellText("10123", 35)).toEqual({ text: "10123", size: 11 });
  });

  it("fits the values that overlapped in 35 px cells", () => {
    const a = fitCellText(cellText(-100.3), 34);
    expect(a.text).toBe("-100.3");
    expect(width(a)).toBeLessThanOrEqual(34);
    const b = fitCellText(cellText(2.7e43), 34);
    expect(width(b)).toBeLessThanOrEqual(34);
    expect(Number(b.text) / 2.7e43).toBeGreaterThan(0.8);
  });

  it("always fits and keeps the value to the digits shown (property)", () => {
    fc.assert(
      // The full float64 text, the longest a cell may be given (up to 24 characters).
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 35, max: 60 }), (x, w) => {
        const printed = valueText(x, "float64");
        const f = fitCellText(printed, w);
        expect(width(f)).toBeLessThanOrEqual(w);
        expect(f.size).toBeGreaterThanOrEqual(MIN_PX);
        const shown = Number(f.text);
        expect(Number.isNaN(shown)).toBe(false);
        // Cells with values are 36 px (viz/layout.ts): the shortest forms, up to 7 characters
        // (`-5e-324`), fit 35 px at MIN_PX. At least one significant digit survives: within half a unit of the leading digit.
        const v = Number(printed);
        if (v !== 0) expect(Math.abs(shown - v)).toBeLessThanOrEqual(Math.abs(v) * 0.5 + 1e-300);
        else expect(Math.abs(shown)).toBe(0);
      }),
    );
  });

  it("cuts words it cannot shorten", () => {
    const f = fitCellText("-inf", 10);
    expect(width(f)).toBeLessThanOrEqual(10);
  });
});
