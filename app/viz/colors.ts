/**
 * Axis colours: one colour per axis, used for its label, its bracket and its entry in the shape
 * text. The mapped (batch) axis always has the same magenta, in the inputs (where in_axes takes
 * it from) and the output (where out_axes puts it); the other axes are coloured by their
 * per-example position, so axis j of a slice and axis j of the per-example result match.
 * Palette: Okabe–Ito, a colour-blind-safe set.
 */
import { interpolateRgb } from "d3-interpolate";

export const BATCH_COLOR = "#c2187a";
const AXIS_PALETTE = ["#0072B2", "#D55E00", "#009E73", "#7a5c00", "#56B4E9", "#6b4fa1", "#555555"];

/** Colour of `axis` in an array whose batch axis is `mapped` (null: not mapped). */
export function axisColor(axis: number, mapped: number | null): string {
  if (mapped !== null && axis === mapped) return BATCH_COLOR;
  const j = mapped !== null && axis > mapped ? axis - 1 : axis;
  return AXIS_PALETTE[j % AXIS_PALETTE.length];
}

const ramp = interpolateRgb("#fde4f2", "#e38bbd");

/** Fill of a cell at batch index k of B: a light-to-mid magenta ramp, so slice k has one tint. */
export function batchFill(k: number, B: number): string {
  const key = k * 100003 + B;
  let c = fillCache.get(key);
  if (c === undefined) {
    c = ramp(B <= 1 ? 0.35 : k / (B - 1));
    if (fillCache.size > 5000) fillCache.clear();
    fillCache.set(key, c);
  }
  return c;
}

/** Cells of one slice share a tint; computing it once per (k, B) keeps redraws cheap. */
const fillCache = new Map<number, string>();

export const UNMAPPED_FILL = "#e9edf2";
export const HIGHLIGHT_STROKE = "#111111";
