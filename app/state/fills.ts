/**
 * The values each argument is filled with, computed the same way for the engine (engineBridge)
 * and for the generated Python (codegen), so the code reproduces the picture. "unique": leaf L
 * counts up from L × offset (the blog's `a` from 0, `b` from 100), with the offset raised to
 * 1000, 10000 … when an array has more than 100 cells, so every value still names its source.
 * "random": small numbers (one decimal, in [-2, 2]) from a seeded generator, stable per leaf.
 * "indices": ints counting 0, 1, 2 and round again, to index another argument with.
 */
import type { DType } from "../../engine";
import { sizeOfShape, type Fill } from "./explorerTypes";

/** The step between leaves' starting values: 100, or the next power of ten above the largest leaf. */
export function uniqueOffset(leafSizes: readonly number[]): number {
  const biggest = Math.max(0, ...leafSizes);
  let off = 100;
  while (off < biggest && off < 1e15) off *= 10;
  return off;
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

function uniqueValues(n: number, start: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = start + i;
  return out;
}

/** Index values 0, 1, 2, 0, 1, 2, …: `jnp.arange(n) % INDEX_CYCLE`. */
export const INDEX_CYCLE = 3;

/** Row-major values for leaf number `leafIndex` (counted across all arguments in order). */
export function leafValues(shape: readonly number[], fill: Fill, leafIndex: number, offset: number): Float64Array {
  const n = sizeOfShape(shape);
  if (fill === "indices") return Float64Array.from({ length: n }, (_, i) => i % INDEX_CYCLE);
  return fill === "random" ? randomValues(n, leafIndex) : uniqueValues(n, leafIndex * offset);
}

/** A fill's dtype: index fills are JAX's default int (int64 with x64), the others its default float. */
export function fillDtype(fill: Fill, x64: boolean): DType {
  if (fill === "indices") return x64 ? "int64" : "int32";
  return x64 ? "float64" : "float32";
}
