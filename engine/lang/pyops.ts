/**
 * Python semantics for values that never reach the engine: arithmetic and comparison on plain
 * numbers (e.g. `x.shape[0] * 2`), tuple concatenation/repetition (`x.shape + (1,)`) and
 * slicing of tuples (`x.shape[1:]`). Errors use CPython's words.
 */
import type { BinOp, CmpOp } from "./ast";
import { unsupported } from "./resolve";

/** Tuples built from shapes stay small; a cap keeps `(0,) * 10**9` from exhausting memory. */
const MAX_TUPLE_LENGTH = 100_000;

export function pyArith(op: BinOp, a: number, b: number, pos: number): number {
  switch (op) {
    case "+": return a + b;
    case "-": return a - b;
    case "*": return a * b;
    case "/":
      if (b === 0) throw unsupported("division by zero", pos, "ZeroDivisionError");
      return a / b;
    case "**":
      if (a === 0 && b < 0) throw unsupported("0.0 cannot be raised to a negative power", pos, "ZeroDivisionError");
      if (a < 0 && !Number.isInteger(b)) throw unsupported("a negative number raised to a fractional power is complex, which is not supported", pos);
      return a ** b;
    case "@":
      throw unsupported(`unsupported operand type(s) for @: '${pyNum(a)}' and '${pyNum(b)}'`, pos, "TypeError");
  }
}

const pyNum = (v: number) => (Number.isInteger(v) ? "int" : "float");

export function pyCompare(op: CmpOp, a: number, b: number): boolean {
  switch (op) {
    case "<": return a < b;
    case "<=": return a <= b;
    case ">": return a > b;
    case ">=": return a >= b;
    case "==": return a === b;
    case "!=": return a !== b;
  }
}

/** An operator on engine arrays and/or numbers; booleans go to the host as 0/1, as in NumPy. */
export function binaryOnArrays(f: (...a: unknown[]) => unknown, l: unknown, r: unknown): unknown {
  return f(typeof l === "boolean" ? Number(l) : l, typeof r === "boolean" ? Number(r) : r);
}

export function tupleConcat(a: readonly unknown[], b: readonly unknown[], pos: number): unknown[] {
  if (a.length + b.length > MAX_TUPLE_LENGTH) throw tupleTooLong(pos);
  return [...a, ...b];
}

export function tupleRepeat(a: readonly unknown[], n: number, pos: number): unknown[] {
  if (!Number.isInteger(n)) throw unsupported("can't multiply sequence by non-int of type 'float'", pos, "TypeError");
  if (n <= 0 || a.length === 0) return [];
  if (a.length * n > MAX_TUPLE_LENGTH) throw tupleTooLong(pos);
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) for (const x of a) out.push(x);
  return out;
}

function tupleTooLong(pos: number) {
  return unsupported(`a tuple longer than ${MAX_TUPLE_LENGTH.toLocaleString("en-US")} entries is not supported`, pos);
}

/** `t[start:stop:step]` with Python's clamping (`slice.indices`). */
export function pySlice(t: readonly unknown[], s: { start: number | null; stop: number | null; step: number | null }, pos: number): unknown[] {
  const n = t.length;
  const step = s.step ?? 1;
  if (step === 0) throw unsupported("slice step cannot be zero", pos, "ValueError");
  const lower = step > 0 ? 0 : -1;
  const upper = step > 0 ? n : n - 1;
  const clamp = (v: number | null, dflt: number) => (v === null ? dflt : v < 0 ? Math.max(v + n, lower) : Math.min(v, upper));
  const start = clamp(s.start, step > 0 ? lower : upper);
  const stop = clamp(s.stop, step > 0 ? upper : lower);
  const out: unknown[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(t[i]);
  return out;
}
