/**
 * Axis colours: one colour per axis, used for its label, its bracket and its entry in the shape
 * text. The mapped (batch) axis always has the same magenta, in the inputs (where in_axes takes
 * it from) and the output (where out_axes puts it); the other axes are coloured by their
 * per-example position, so axis j of a slice and axis j of the per-example result match.
 * Palettes: Okabe–Ito's hues (a colour-blind-safe set), darkened for the light theme and kept
 * bright for the dark one so each passes WCAG AA (4.5:1) as text on its background, and chosen
 * so every pair stays apart under protanopia, deuteranopia and tritanopia
 * (tests/app/colors.test.ts checks both). Colour is never the only cue: the mapped axis is also
 * bold and underlined and named "batch" in the legend, and every axis is named by number.
 */

export type Theme = "light" | "dark";

export const PALETTES: Record<Theme, { batch: string; axes: readonly string[] }> = {
  light: { batch: "#c2187a", axes: ["#005f99", "#b04a00", "#007a5e", "#4d4d4d", "#8a46b5"] },
  dark: { batch: "#ff8cc6", axes: ["#56b4e9", "#e69f00", "#00c08b", "#d9d9d9", "#a98bff"] },
};

export const BATCH_COLOR = PALETTES.light.batch;

/** Which palette entry `axis` takes: -1 for the batch axis, else its per-example position. */
function axisSlot(axis: number, mapped: number | null): number {
  if (mapped !== null && axis === mapped) return -1;
  const j = mapped !== null && axis > mapped ? axis - 1 : axis;
  return j % PALETTES.light.axes.length;
}

/** Colour of `axis` in an array whose batch axis is `mapped` (null: not mapped). */
export function axisColor(axis: number, mapped: number | null, theme: Theme = "light"): string {
  const slot = axisSlot(axis, mapped);
  return slot < 0 ? PALETTES[theme].batch : PALETTES[theme].axes[slot];
}

/** The same colour as a CSS variable (set per theme by app/theme.ts), for HTML and SVG. */
export function axisVar(axis: number, mapped: number | null): string {
  const slot = axisSlot(axis, mapped);
  return slot < 0 ? "var(--axis-b)" : `var(--axis-${slot})`;
}

/** The CSS variables of a theme's palette (`--axis-b`, `--axis-0` …). */
export function paletteVars(theme: Theme): [string, string][] {
  const p = PALETTES[theme];
  return [["--axis-b", p.batch], ...p.axes.map((c, i): [string, string] => [`--axis-${i}`, c])];
}

const RAMP_FROM = [0xfd, 0xe4, 0xf2];
const RAMP_TO = [0xe3, 0x8b, 0xbd];

/** From #fde4f2 to #e38bbd in sRGB, as d3-interpolate's interpolateRgb (gamma 1) prints it. */
function ramp(t: number): string {
  const [r, g, b] = RAMP_FROM.map((a, i) => Math.max(0, Math.min(255, Math.round(a + (RAMP_TO[i] - a) * t))));
  return `rgb(${r}, ${g}, ${b})`;
}

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

/** Each cell's fill in a grid whose batch axis is `axis` (null: unmapped, one grey), B slices. */
export function gridFills(cells: readonly { coord: readonly number[] }[], axis: number | null, B: number): string[] {
  return cells.map((c) => (axis === null ? UNMAPPED_FILL : batchFill(c.coord[axis], B)));
}
