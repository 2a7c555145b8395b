/**
 * x[...] with basic (static) indices: ints (negative from the end), slices with any nonzero step,
 * one `...`, and None (newaxis). Lowered as JAX lowers static indices: one `slice` over every
 * axis (skipped when it selects everything), a `squeeze` of the int-indexed axes, then a
 * broadcast_in_dim for the None axes. Our slice takes negative steps directly where JAX adds a
 * `rev`. Bounds are checked against `.shape` (per-example under vmap) with NumPy's words.
 * JAX: jax/_src/numpy/indexing.py (`_attempt_rewriting_take_via_slice`, `_canonicalize_tuple_index`).
 */
import { EngineError } from "../errors";
import type { AxisSlice } from "../array/views";
import type { Value } from "../core/tracer";
import * as lax from "../primitives/lax";
import type { ArrayLike } from "./args";
import { arrayArg } from "./signature";
import { isValue } from "../core/tracer";
import type { ValueIndexItem } from "./gatherIndexing";
import { indexingFamily } from "./laterFunctions";

/** Python's slice(start, stop, step); null/undefined = omitted. */
export interface SliceItem {
  start?: number | null;
  stop?: number | null;
  step?: number | null;
}
/** One index: an int, None (null: a new axis), Ellipsis ("...") or a slice. */
export type IndexItem = number | null | "..." | SliceItem;

const indexError = (msg: string, pyType: "IndexError" | "TypeError" | "ValueError" = "IndexError") => new EngineError("shape-error", msg, { pyType });

/** Python `slice.indices(n)`: a normalised start/step and the number of elements. */
function sliceIndices(s: SliceItem, n: number): AxisSlice {
  const step = s.step ?? 1;
  for (const v of [s.start, s.stop, s.step]) {
    if (v !== null && v !== undefined && !Number.isInteger(v)) throw indexError("slice indices must be integers or None or have an __index__ method", "TypeError");
  }
  if (step === 0) throw indexError("slice step cannot be zero", "ValueError");
  const [lower, upper] = step > 0 ? [0, n] : [-1, n - 1];
  const clamp = (v: number | null | undefined, dflt: number) => {
    if (v === null || v === undefined) return dflt;
    return v < 0 ? Math.max(v + n, lower) : Math.min(v, upper);
  };
  const start = clamp(s.start, step > 0 ? lower : upper);
  const stop = clamp(s.stop, step > 0 ? upper : lower);
  const size = Math.max(0, Math.ceil((stop - start) / step));
  return { start: size === 0 ? 0 : start, step, size };
}

function isSliceItem(item: unknown): item is SliceItem {
  return typeof item === "object" && item !== null;
}

export function index(a: ArrayLike, items: ValueIndexItem | readonly ValueIndexItem[]): Value {
  const x = arrayArg(a, "index", 0);
  const all: readonly ValueIndexItem[] = Array.isArray(items) ? items : [items as ValueIndexItem];
  // An array among the indices: indexing by values (dynamic_slice / gather, gatherIndexing.ts).
  if (all.some((i) => isValue(i))) return indexingFamily.need("indexing by an array").rewritingTake(x, all);
  const list = all as readonly IndexItem[];
  for (const item of list) {
    const ok = item === null || item === "..." || (typeof item === "number" && Number.isInteger(item)) || isSliceItem(item);
    if (!ok) {
      throw indexError(
        "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
      );
    }
  }
  const ellipses = list.filter((i) => i === "...").length;
  if (ellipses > 1) throw indexError("an index can only have a single ellipsis ('...')");
  const regular = list.filter((i) => i !== null && i !== "...").length;
  if (regular > x.ndim) {
    throw indexError(`Too many indices: ${x.ndim}-dimensional array indexed with ${regular} regular ${regular === 1 ? "index" : "indices"}.`);
  }
  // Expand `...` (or an implicit trailing one) into full slices.
  const full: IndexItem[] = [];
  for (const item of list) {
    if (item === "...") for (let k = 0; k < x.ndim - regular; k++) full.push({});
    else full.push(item);
  }
  if (!ellipses) for (let k = 0; k < x.ndim - regular; k++) full.push({});

  const slices: AxisSlice[] = [];
  const squeezed: number[] = [];
  const newAxes: number[] = [];
  let outPos = 0;
  for (const item of full) {
    const axis = slices.length;
    if (item === null) newAxes.push(outPos++);
    else if (typeof item === "number") {
      const n = x.shape[axis];
      if (item < -n || item >= n) throw indexError(`index ${item} is out of bounds for axis ${axis} with size ${n}`);
      slices.push({ start: item < 0 ? item + n : item, step: 1, size: 1 });
      squeezed.push(axis);
    } else {
      slices.push(sliceIndices(item as SliceItem, x.shape[axis]));
      outPos++;
    }
  }
  return lax.expandDims(lax.squeeze(lax.slice(x, slices), squeezed), newAxes);
}
