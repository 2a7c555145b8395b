/**
 * The values each argument is filled with, computed the same way for the engine (engineBridge)
 * and for the generated Python (codegen), so the code reproduces the picture.
 * "symbols": the cells are shown by name (`a₀₁`) and every output cell by the expression that
 * made it (app/state/symbols.ts); underneath, the engine computes with the "unique" numbers.
 * "unique": leaf L starts at L × offset (the blog's `a` from 0, `b` from 100) and counts up in
 * row-major order in steps of `step[L]`: 1 for the first leaf, then the power of ten at or above
 * the number of cells of all earlier leaves together (b = 100, 110, 120, 130 beside a 2×2 a).
 * So the steps differ per axis and per argument, and a sum of one cell of each leaf names every
 * cell it read: no two in_axes choices give the same grid unless JAX's answers are the same
 * (`a[k, m] + b[m, k]` against `a[m, k] + b[k, m]`). Where that would pass float32's exact
 * integers (2**24), the step is the exact product, and past that 1 (every value still names
 * its cell). "random": small numbers (one decimal, in [-2, 2]) from a seeded generator, stable
 * per leaf. "indices": ints counting 0, 1, 2 and round again, to index another argument with.
 */
import type { DType } from "../../engine";
import { sizeOfShape, type Fill } from "./explorerTypes";

/** Integers up to this are exact in float32 (the engine's default dtype). */
const EXACT = 2 ** 24;

/** Where each leaf's numbers start (leaf L at L × offset) and how far apart its cells are. */
export interface UniqueFill {
  offset: number;
  steps: number[];
}

const pow10AtLeast = (n: number) => {
  let p = 1;
  while (p < n) p *= 10;
  return p;
};

/** The "unique" numbers' layout for leaves of these sizes (see the header). */
export function uniqueFill(leafSizes: readonly number[]): UniqueFill {
  const layout = (stepOf: (before: number) => number): UniqueFill => {
    let before = 1;
    const steps = leafSizes.map((n, L) => {
      const s = L === 0 ? 1 : stepOf(before);
      before *= Math.max(1, n);
      return s;
    });
    const span = Math.max(0, ...leafSizes.map((n, L) => n * steps[L]));
    return { offset: Math.max(100, pow10AtLeast(span)), steps };
  };
  const fits = (f: UniqueFill) => leafSizes.every((n, L) => L * f.offset + Math.max(0, n - 1) * f.steps[L] < EXACT);
  for (const stepOf of [pow10AtLeast, (b: number) => b]) {
    const f = layout(stepOf);
    if (fits(f)) return f;
  }
  return layout(() => 1);
}

/** mulberry32: a tiny, well-mixed 32-bit generator; seeded so a permalink shows the same numbers. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomValues(n: number, leafIndex: number): Float64Array {
  const next = mulberry32(0x9e3779b9 ^ (leafIndex + 1));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round((next() * 4 - 2) * 10) / 10;
  return out;
}

function uniqueValues(n: number, start: number, step: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  return out;
}

/** Index values 0, 1, 2, 0, 1, 2, …: `jnp.arange(n) % INDEX_CYCLE`. */
export const INDEX_CYCLE = 3;

/** Row-major values for leaf number `leafIndex` (counted across all arguments in order). */
export function leafValues(shape: readonly number[], fill: Fill, leafIndex: number, unique: UniqueFill): Float64Array {
  const n = sizeOfShape(shape);
  if (fill === "indices") return Float64Array.from({ length: n }, (_, i) => i % INDEX_CYCLE);
  return fill === "random" ? randomValues(n, leafIndex) : uniqueValues(n, leafIndex * unique.offset, unique.steps[leafIndex] ?? 1);
}

/** A fill's dtype: index fills are JAX's default int (int64 with x64), the others its default float. */
export function fillDtype(fill: Fill, x64: boolean): DType {
  if (fill === "indices") return x64 ? "int64" : "int32";
  return x64 ? "float64" : "float32";
}
