/**
 * Python's argument conversions, so every public function says what it got in Python terms:
 * `operator.index` (`'float' object cannot be interpreted as an integer`), iteration (`'int'
 * object is not iterable`) and NumPy's shape checks (`negative dimensions are not allowed`).
 * JS arrays stand for tuples, plain objects for dicts, null/undefined for None. Lives in array/
 * because creating arrays (zeros, ones, full, arange) needs it; numpy/signature.ts builds on it.
 */
import { EngineError } from "../errors";

/** An engine array or tracer, recognised by shape (array/ cannot import core/). */
const isArrayValue = (v: unknown): boolean =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Array.isArray((v as { shape?: unknown }).shape) && typeof (v as { ndim?: unknown }).ndim === "number";

/**
 * A Python float kept as the engine's weak float scalar (the lambda language's `3.0`): it is a
 * `float` to Python's argument checks.
 */
export function isPyFloat(v: unknown): v is { data: Float64Array; offset: number } {
  if (!isArrayValue(v)) return false;
  const a = v as { ndim: number; weak?: boolean; dtype?: string; data?: unknown };
  return a.ndim === 0 && a.weak === true && (a.dtype === "float32" || a.dtype === "float64") && a.data instanceof Float64Array;
}

/** The Python type name of a value as `type(v).__name__` would print it. */
export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return "NoneType";
  if (isPyFloat(v)) return "float";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (typeof v === "string") return "str";
  if (typeof v === "function") return "function";
  if (isArrayValue(v)) return "ArrayImpl";
  if (Array.isArray(v)) return "tuple";
  return "dict";
}

export const typeError = (message: string): EngineError => new EngineError("unsupported", message, { pyType: "TypeError" });

/** Python's `operator.index(v)`: an int (bools count as ints), else CPython's/NumPy's TypeError. */
export function operatorIndex(v: unknown): number {
  if (typeof v === "boolean") return Number(v);
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (isArrayValue(v) && !isPyFloat(v)) throw typeError("only integer scalar arrays can be converted to a scalar index");
  throw typeError(`'${pyTypeName(v)}' object cannot be interpreted as an integer`);
}

/** A tuple of ints (a JS array, or any iterable but a str as Python would iterate it). */
export function indexTuple(v: unknown): number[] {
  if (!Array.isArray(v)) throw typeError(`'${pyTypeName(v)}' object is not iterable`);
  return v.map(operatorIndex);
}

/** An int or a tuple of ints, as NumPy takes `axis` and shapes: always returned as a list. */
export function intOrTuple(v: unknown): number[] {
  return Array.isArray(v) ? v.map(operatorIndex) : [operatorIndex(v)];
}

/** NumPy's shape argument for zeros/ones/full: ints ≥ 0 (an int alone is a 1-d shape). */
export function shapeArg(v: unknown): number[] {
  const dims = intOrTuple(v);
  if (dims.some((d) => d < 0)) throw new EngineError("shape-error", "negative dimensions are not allowed", { pyType: "ValueError" });
  return dims;
}

/** A Python real number (int, float or bool); `what` names the argument in the error. */
export function pyNumber(v: unknown, what: string): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return Number(v);
  if (isPyFloat(v)) return v.data[v.offset];
  throw typeError(`${what} must be a real number, not ${pyTypeName(v)}`);
}

/** `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`: CPython's list in "missing … arguments". */
export function pyNameList(names: readonly string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length <= 2) return q.join(" and ");
  return `${q.slice(0, -1).join(", ")}, and ${q[q.length - 1]}`;
}

/**
 * JAX's `_ensure_index(argnums)` (jax/_src/api_util.py): `operator.index(x)`, else
 * `tuple(map(operator.index, x))` — Python iterates anything but an int (a str by characters).
 */
export function ensureIndex(v: unknown): number | number[] {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "boolean") return Number(v);
  const items = typeof v === "string" ? [...v] : Array.isArray(v) ? v : null;
  if (items === null) throw typeError(`'${pyTypeName(v)}' object is not iterable`);
  return items.map(operatorIndex);
}
