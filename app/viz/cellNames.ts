/**
 * Input cells by name: the leaf's label with the cell's index as subscript digits (`a₀₁`), or in
 * brackets once an axis is longer than 10, where digits would run together (`a[10,2]`); a bound
 * index (a reduction's, symbolText.ts) as a letter (`m₀ⱼ`). Small and needed by the first
 * screen; the expression writer (symbolText.ts) loads when first needed.
 */

const SUB_DIGITS = "₀₁₂₃₄₅₆₇₈₉";
/** Bound indices: j first (k is vmap's batch index), then l, m, n; subscript and plain forms. */
export const VARS = [
  ["ⱼ", "j"],
  ["ₗ", "l"],
  ["ₘ", "m"],
  ["ₙ", "n"],
] as const;

/** One index of a cell name: a number, or the bound index number `v` (VARS). */
export type Index = number | { v: number };

/** How a leaf's cells are named: its label and shape. */
export interface LeafNaming {
  label: string;
  shape: readonly number[];
}

/** Subscripts read only while every index is one digit. */
const subscripted = (shape: readonly number[]) => shape.every((n) => n <= 10);

export function nameWith(leaf: LeafNaming, idx: readonly Index[]): string {
  if (idx.length === 0) return leaf.label;
  if (subscripted(leaf.shape)) return leaf.label + idx.map((i) => (typeof i === "number" ? SUB_DIGITS[i] : VARS[i.v][0])).join("");
  return `${leaf.label}[${idx.map((i) => (typeof i === "number" ? String(i) : VARS[i.v][1])).join(",")}]`;
}

/** Flat row-major index → multi-index. */
export function unravelCell(i: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    out[d] = shape[d] === 0 ? 0 : i % shape[d];
    i = Math.floor(i / Math.max(1, shape[d]));
  }
  return out;
}

/** Input cell `cell` of a leaf by name: `a₀₁`. */
export function cellName(leaf: LeafNaming, cell: number): string {
  return nameWith(leaf, unravelCell(cell, leaf.shape));
}

/** How an expression (symbolText.ts) names the input cells it reads, and unravels their indices. */
export interface NameCell {
  name(leaf: number, idx: readonly Index[]): string;
  unravel(cell: number, shape: readonly number[]): number[];
  /** How many bound indices names can show (VARS). */
  bound: number;
}

/** A namer over leaves: symbolic ones (and any bound index) by name, the others by `value(leaf, cell)`. */
export function cellNamer(leaves: readonly LeafNaming[], symbolic: (leaf: number) => boolean, value: (leaf: number, cell: number) => string): NameCell {
  return {
    name: (leaf, idx) => {
      const l = leaves[leaf];
      if (!l) return "?";
      if (symbolic(leaf) || idx.some((i) => typeof i !== "number")) return nameWith(l, idx);
      let cell = 0;
      idx.forEach((i, d) => (cell = cell * l.shape[d] + (i as number)));
      return value(leaf, cell);
    },
    unravel: unravelCell,
    bound: VARS.length,
  };
}
