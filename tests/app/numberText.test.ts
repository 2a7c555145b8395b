// Numbers as JAX prints them, for the grids, readouts and panels (app/viz/numberText.ts).
import { describe, expect, it } from "vitest";
import { cellText, valueText, workingText } from "../../app/viz/numberText";

describe("numberText", () => {
  it("spells the special values and bools as JAX does", () => {
    expect([NaN, Infinity, -Infinity].map((v) => cellText(v))).toEqual(["nan", "inf", "-inf"]);
    expect([NaN, Infinity, -Infinity].map((v) => valueText(v, "float32"))).toEqual(["nan", "inf", "-inf"]);
    expect([cellText(1, "bool"), valueText(0, "bool")]).toEqual(["True", "False"]);
  });

  it("prints a float32 with its shortest round-trip digits, a float64 with Python's repr", () => {
    const tenth = Math.fround(0.1);
    expect(valueText(tenth, "float32")).toBe("0.1");
    expect(valueText(tenth, "float64")).toBe("0.10000000149011612");
    expect(valueText(Math.fround(16777217), "float32")).toBe("16777216.0");
    expect(valueText(3, "int32")).toBe("3");
    expect(valueText(1e-5, "float64")).toBe("1e-05");
    expect(cellText(Math.fround(2 / 3))).toBe("0.667");
  });

  it("writes the caption's working whole: integers as the grid's small ones, others in full", () => {
    // The blog's 5-d b: a cell shortens both to 1.0e+7; the working tells them apart.
    expect([cellText(10_000_000), cellText(10_010_000)]).toEqual(["1.0e+7", "1.0e+7"]);
    expect([workingText(10_000_000, "float32"), workingText(10_010_000, "float32")]).toEqual(["10000000", "10010000"]);
    expect([workingText(100, "float32"), workingText(Math.fround(0.1), "float32"), workingText(Math.fround(2 / 3), "float32")]).toEqual(["100", "0.1", "0.6666667"]);
    expect([workingText(1, "bool"), workingText(NaN, "float32"), workingText(-Infinity, "float32")]).toEqual(["True", "nan", "-inf"]);
  });
});
