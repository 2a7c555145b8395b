/**
 * Small pure helpers the grad and jit panels share: engine results (an array, or a tuple of
 * them for a tuple argument) as flat leaves with their key paths, numbers printed briefly, and
 * shapes printed like Python tuples.
 */
import { NDArray, pyShape, pyTuple, type DType } from "../../engine/index";
import { cellText } from "../viz/numberText";
import { asEngineError, type EngineError } from "../state/engineBridge";

export interface Leaf {
  /** Key path inside the result (`""` for a plain array, `[0]`, `[1][0]` for tuple parts). */
  path: string;
  shape: number[];
  /** Row-major values (shared with the engine's storage when dense: read only). */
  values: Float64Array;
  dtype: DType;
}

export type Outcome = { ok: true; leaves: Leaf[] } | { ok: false; error: EngineError };

/** Flattens an engine result into leaves in JAX's order (tuples and lists by index). */
export function leavesOf(x: unknown, path = ""): Leaf[] {
  if (x instanceof NDArray) return [{ path, shape: [...x.shape], values: x.dense(), dtype: x.dtype }];
  if (Array.isArray(x)) return x.flatMap((item, i) => leavesOf(item, `${path}[${i}]`));
  if (typeof x === "number") return [{ path, shape: [], values: Float64Array.of(x), dtype: "float32" }];
  throw new Error(`unexpected result ${String(x)}`);
}

/** Runs an engine call and turns a throw into the engine's error (JAX's words). */
export function attempt(run: () => unknown): Outcome {
  try {
    return { ok: true, leaves: leavesOf(run()) };
  } catch (e) {
    return { ok: false, error: asEngineError(e) };
  }
}

/** The shape of a result: `(2, 2)` for one array, `((3,), (3,))` for a tuple of them. */
export function resultShapeText(leaves: Leaf[]): string {
  if (leaves.length === 1 && leaves[0].path === "") return pyShape(leaves[0].shape);
  return pyTuple(leaves.map((l) => pyShape(l.shape)));
}

/** Four significant digits, integers whole, JAX's spelling of the special values (numberText.ts). */
export function fmt(x: number, dtype: DType = "float32"): string {
  return cellText(x, dtype, 4);
}

export interface Summary {
  n: number;
  min: number;
  max: number;
  mean: number;
}

export function summarize(values: Float64Array): Summary {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { n: values.length, min, max, mean: values.length ? sum / values.length : NaN };
}
