/**
 * Dtypes and JAX's type promotion for the ones the playground has: bool, int32, int64 (x64),
 * float32, float64 (x64), and weak types (Python scalars, which adopt their partner's dtype).
 * Values are stored in Float64Arrays whatever the dtype; every primitive rounds its result to
 * its dtype with `roundTo` (float32 with Math.fround, int32 with int32 wraparound), so the
 * numbers are float32's (`exp(100.)` is inf, `16777217.` is `16777216.`).
 * JAX: jax/_src/dtypes.py (`_type_promotion_lattice`, `_least_upper_bound`, `result_type`,
 * `canonicalize_dtype`).
 */
import { x64Enabled } from "../config";
import { EngineError } from "../errors";

export type DType = "bool" | "int32" | "int64" | "float32" | "float64";

/** A dtype with JAX's weak_type flag: a value that came from a Python scalar. */
export interface Typed {
  readonly dtype: DType;
  readonly weak: boolean;
}

/** The default float: float64 with x64, float32 without (`canonicalize_dtype(float)`). */
export const defaultFloat = (): DType => (x64Enabled() ? "float64" : "float32");
/** The default int: int64 with x64, int32 without. */
export const defaultInt = (): DType => (x64Enabled() ? "int64" : "int32");

export const isFloat = (d: DType): boolean => d === "float32" || d === "float64";
export const isInt = (d: DType): boolean => d === "int32" || d === "int64";

/** A dtype as the current x64 mode allows it (float64 → float32 and int64 → int32 without x64). */
export function canonicalize(d: DType): DType {
  if (x64Enabled()) return d;
  return d === "float64" ? "float32" : d === "int64" ? "int32" : d;
}

/**
 * Position in JAX's lattice restricted to our dtypes, which there is a chain:
 * bool < int* < int32 < int64 < float* < float32 < float64 (`*` = weak). The least upper bound
 * of a chain is its maximum. (JAX: b1 → i* → … i4 → i8 → f* → … f4 → f8.)
 */
function rank(t: Typed): number {
  switch (t.dtype) {
    case "bool": return 0;
    case "int32": case "int64":
      return t.weak ? 1 : t.dtype === "int32" ? 2 : 3;
    case "float32": case "float64":
      return t.weak ? 4 : t.dtype === "float32" ? 5 : 6;
    default:
      return 5;
  }
}

/** The type at each rank, without and with x64 (shared frozen objects: promote runs per bind). */
const typesAt = (x64: boolean): readonly Typed[] =>
  [
    { dtype: "bool", weak: false },
    { dtype: x64 ? "int64" : "int32", weak: true },
    { dtype: "int32", weak: false },
    { dtype: x64 ? "int64" : "int32", weak: false },
    { dtype: x64 ? "float64" : "float32", weak: true },
    { dtype: "float32", weak: false },
    { dtype: x64 ? "float64" : "float32", weak: false },
  ].map((t) => Object.freeze(t as Typed));
const FROM_RANK = [typesAt(false), typesAt(true)];

/** `jnp.result_type` of the operands: their least upper bound in the lattice. */
export function promote(ts: readonly Typed[]): Typed {
  let r = 0;
  for (const t of ts) r = Math.max(r, rank(t));
  // A single operand keeps its own (canonical) dtype, e.g. a weak float32 stays float32.
  if (ts.length === 1) {
    const d = canonicalize(ts[0].dtype);
    return d === ts[0].dtype ? ts[0] : { dtype: d, weak: ts[0].weak };
  }
  return FROM_RANK[x64Enabled() ? 1 : 0][r];
}

/**
 * The dtype of a Python scalar: bool, a weak int (integral JS numbers) or a weak float.
 * A Python int outside the default int's range is JAX's OverflowError (`scalar_type_to_dtype` in
 * jax/_src/dtypes.py, reached when a jitted jnp function abstracts the scalar), not a float.
 * JS numbers past 2**53 are not exact integers, so only a float can have made them (`1e300`).
 */
export function scalarType(x: number | boolean, isFloatLiteral = false): Typed {
  if (typeof x === "boolean") return { dtype: "bool", weak: false };
  if (isFloatLiteral || !Number.isSafeInteger(x)) return { dtype: defaultFloat(), weak: true };
  const int = defaultInt();
  if (int === "int32" && (x > 2 ** 31 - 1 || x < -(2 ** 31))) {
    throw new EngineError("unsupported", `Python int ${x} too large to convert to int32`, { pyType: "OverflowError" });
  }
  return { dtype: int, weak: true };
}

/** One value rounded to a dtype (what storing it into an array of that dtype does). */
export function roundValue(x: number, d: DType): number {
  switch (d) {
    case "float64": return x;
    case "float32": return Math.fround(x);
    case "int32": return x | 0;
    case "int64": return Math.trunc(x) || 0;
    case "bool": return x !== 0 ? 1 : 0;
  }
}

/** Rounds `data[start, start + n)` to `d` in place; one loop per dtype keeps it monomorphic. */
export function roundInPlace(data: Float64Array, start: number, n: number, d: DType): void {
  const end = start + n;
  switch (d) {
    case "float64": return;
    case "float32": for (let i = start; i < end; i++) data[i] = Math.fround(data[i]); return;
    case "int32": for (let i = start; i < end; i++) data[i] = data[i] | 0; return;
    default: for (let i = start; i < end; i++) data[i] = roundValue(data[i], d);
  }
}

/**
 * A JS expression rounding expression `e` to `d`, for generated code; equal to roundValue bit
 * for bit, so compiled and eager runs agree.
 */
export function roundExpr(e: string, d: DType): string {
  switch (d) {
    case "float64": return e;
    case "float32": return `Math.fround(${e})`;
    case "int32": return `(${e} | 0)`;
    case "int64": return `(Math.trunc(${e}) || 0)`;
    case "bool": return `(${e} !== 0 ? 1 : 0)`;
  }
}

/** jaxpr's short names (`core.py` `_short_dtype_name`): f32, f64, i32, i64, bool. */
export function shortName(d: DType): string {
  switch (d) {
    case "float32": return "f32";
    case "float64": return "f64";
    case "int32": return "i32";
    case "int64": return "i64";
    case "bool": return "bool";
  }
}
