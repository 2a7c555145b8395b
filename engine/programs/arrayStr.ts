/**
 * `print(x)` of an array, as NumPy's `str` prints it (JAX's Array.__str__ is NumPy's): nested
 * brackets, elements padded to one width, rows on their own lines indented under their bracket,
 * floats with NumPy's shortest digits (`1.`, `0.5`, `nan`; float32 values with float32's), ints
 * bare, `True`/`False`. NumPy's `maxprec` float mode pads fractions with spaces on the right;
 * here every element is right-aligned, which is what NumPy prints for equal-length numbers.
 * NumPy: numpy/_core/arrayprint.py (array2string, FloatingFormat).
 */
import { isInt, type DType } from "../array/dtype";
import type { NDArray } from "../array/ndarray";
import { pyFloat, shortest } from "../array/scalarText";

/** NumPy drops the trailing 0 of an integral float inside arrays: `1.`, not `1.0`. */
function element(x: number, dtype: DType): string {
  if (dtype === "bool") return x ? " True" : "False";
  if (isInt(dtype)) return String(x);
  const s = pyFloat(shortest(x, dtype));
  return s.endsWith(".0") ? s.slice(0, -1) : s;
}

/**
 * One width for all: decimals line up as NumPy's FloatingFormat pads them (the integer part on
 * the left, the fraction with spaces on the right: `[1.   2.5  0.25]`); anything else
 * (ints, bools, exponents, nan) is right-aligned.
 */
function align(texts: string[]): string[] {
  const plain = texts.every((t) => /^-?\d+\.\d*$/.test(t));
  if (plain) {
    const parts = texts.map((t) => t.split("."));
    const left = Math.max(...parts.map((p) => p[0].length));
    const right = Math.max(...parts.map((p) => p[1].length));
    return parts.map(([a, b]) => `${a.padStart(left)}.${b.padEnd(right)}`);
  }
  const width = Math.max(0, ...texts.map((t) => t.length));
  return texts.map((t) => t.padStart(width));
}

export function arrayStr(x: NDArray): string {
  const data = x.dense();
  const shape = x.shape;
  if (shape.length === 0) return element(data[0], x.dtype).trim();
  const texts = Array.from(data, (v) => element(v, x.dtype));
  const padded = align(texts);
  let pos = 0;
  const block = (axis: number): string => {
    if (axis === shape.length - 1) {
      const row = padded.slice(pos, pos + shape[axis]);
      pos += shape[axis];
      return `[${row.join(" ")}]`;
    }
    const parts = Array.from({ length: shape[axis] }, () => block(axis + 1));
    const gap = "\n".repeat(shape.length - axis - 1);
    return `[${parts.join(`${gap}${" ".repeat(axis + 1)}`)}]`;
  };
  return block(0);
}
