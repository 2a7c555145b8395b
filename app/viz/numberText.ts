/**
 * Numbers as JAX prints them, for every grid, readout and panel: `nan`, `inf`, `-inf`,
 * `True`/`False` for bools, ints whole, and a float32 with the fewest digits that read back as
 * the same float32 (the engine's `pyScalar`). Grid cells are small, so `cellText` shortens
 * floats to a few significant digits; readouts give the whole value with `valueText`.
 */
import { pyScalar, type DType } from "../../engine/index";

/** The full value, as Python prints `x.item()` (a readout: `a[0, 1] = 0.1`). */
export function valueText(v: number, dtype: DType): string {
  return pyScalar(v, dtype);
}

/**
 * A value in the caption's working (`0 + 10010000 = 10010000`): integers whole, as a grid writes
 * them below 1e6 (a cell shortens 10010000 and 10000000 alike to 1.0e+7, which would not tell
 * the cells apart), other values in full (`valueText`).
 */
export function workingText(v: number, dtype: DType): string {
  return Number.isInteger(v) && dtype !== "bool" && Math.abs(v) < 1e16 ? String(v) : valueText(v, dtype);
}

/**
 * A short label: special values and bools as JAX spells them, integers whole (exponent form
 * past 1e6), other floats to `digits` significant digits (3 in a cell, 4 in a panel).
 */
export function cellText(v: number, dtype: DType = "float32", digits = 3): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  if (dtype === "bool") return v ? "True" : "False";
  if (Number.isInteger(v)) return Math.abs(v) < 1e6 ? String(v) : v.toExponential(1);
  const a = Math.abs(v);
  if (a >= 1000) return v.toExponential(1);
  return String(Number(v.toPrecision(a >= 10 ? Math.max(digits, 4) : digits)));
}
