/**
 * Fitting a printed number into a cell: the printer (panels/format.ts `fmt`, the one formatter
 * the grids, the readout and the panels share) says what the value is; this only decides how
 * it fits `width` CSS px of monospace text. First the full text at a smaller size (down to
 * MIN_PX), then fewer significant digits with the exponent spelled short (`2.7e+43` → `3e43`);
 * the full text stays available on hover and focus (the cell's <title> and the readout).
 */

/** Advance of one monospace character, in em (DejaVu Sans Mono and Menlo: 0.602; a margin on top). */
export const MONO_EM = 0.62;
export const BASE_PX = 11;
export const MIN_PX = 8;

export interface Fitted {
  text: string;
  /** Font size in px. */
  size: number;
}

/** Characters, not UTF-16 units (subscripts and Σ are one character each). */
const chars = (text: string) => [...text].length;
const fits = (text: string, size: number, width: number) => chars(text) * size * MONO_EM <= width;

/** Largest size in [MIN_PX, BASE_PX] at which `text` fits, or null. */
function sizeFor(text: string, width: number): number | null {
  if (fits(text, BASE_PX, width)) return BASE_PX;
  const size = Math.floor((width / (chars(text) * MONO_EM)) * 2) / 2;
  return size >= MIN_PX ? size : null;
}

/** `x` to `digits` significant digits, as short as JavaScript's and Python's forms allow. */
function shortForm(x: number, digits: number): string {
  const fixed = String(Number(x.toPrecision(digits)));
  const exp = x.toExponential(digits - 1).replace("e+", "e").replace(/\.?0+e/, "e");
  return exp.length < fixed.length ? exp : fixed;
}

/** `x` cut (not rounded) to `digits` significant digits, in the short exponent form. */
function truncated(x: number, digits: number): string {
  const [mant, exp] = x.toExponential(16).split("e");
  const cut = mant.slice(0, mant.startsWith("-") ? digits + 2 : digits + 1).replace(/\.?0*$/, "");
  return `${cut}e${exp.replace("+", "")}`;
}

/** The printed value `printed`, fitted to a cell `width` px wide (see the header). */
export function fitCellText(printed: string, width: number): Fitted {
  const size = sizeFor(printed, width);
  if (size !== null) return { text: printed, size };
  const x = Number(printed);
  if (Number.isFinite(x)) {
    for (let digits = 3; digits >= 1; digits--) {
      let t = shortForm(x, digits);
      // Rounding the largest doubles up would print a value past the float range: cut instead.
      if (!Number.isFinite(Number(t))) t = truncated(x, digits);
      const s = sizeFor(t, width);
      if (s !== null) return { text: t, size: s };
    }
  }
  // Nothing shorter says the same (a long word like `-inf` in a tiny cell): cut with an ellipsis.
  const n = Math.max(1, Math.floor(width / (MIN_PX * MONO_EM)) - 1);
  return { text: `${[...printed].slice(0, n).join("")}…`, size: MIN_PX };
}

/**
 * The cell side (px) of a grid whose cells show expressions: 12 characters at the base size
 * (`a₀₁ + b₁₀`, `Σ m₀ⱼ·vⱼ`), 17 at the smallest (`a₁₀·b₁₀ + a₁₁·b₁₁`); longer ones are cut,
 * whole on hover and focus. Fixed, not measured, so the grid does not move when the expressions
 * arrive (state/symbols.ts).
 */
export const EXPRESSION_CELL = Math.ceil(12 * BASE_PX * MONO_EM) + 4;
