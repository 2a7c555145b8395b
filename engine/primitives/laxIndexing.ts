/**
 * lax-style functions for indexing by values: one bind each, with JAX's argument handling
 * (`lax.gather`'s mode/fill defaults, `dynamic_slice`'s negative-index wrap). Beside lax.ts so the
 * gather/scatter family stays in files of its own. JAX: jax/_src/lax/slicing.py.
 */
import { bind1, toValue, type Value } from "../core/tracer";
import { dynamicSliceP, dynamicUpdateSliceP } from "./dynamicSlice";
import { selectNP } from "./elementwise";
import { defaultFill, gatherP } from "./gather";
import { parseMode, type GatherDimensionNumbers, type ScatterDimensionNumbers } from "./gatherDims";
import * as lax from "./lax";
import { scatterAddP, scatterMaxP, scatterMinP, scatterMulP, scatterP } from "./scatter";

type Dnums<T> = Omit<T, "operandBatchingDims" | "startIndicesBatchingDims" | "scatterIndicesBatchingDims"> & Partial<T>;

export interface GatherOptions { mode?: string | null; fillValue?: number | null; uniqueIndices?: boolean; indicesAreSorted?: boolean }

/** `lax.gather(operand, start_indices, dimension_numbers, slice_sizes, *, mode=None, fill_value=None)`. */
export function gather(operand: Value, indices: Value, dnums: Dnums<GatherDimensionNumbers>, sliceSizes: number[], opts: GatherOptions = {}): Value {
  // lax.gather's own default is promise_in_bounds (`if mode is None`), unlike scatter's.
  const mode = opts.mode === undefined || opts.mode === null ? "promise_in_bounds" : parseMode(opts.mode);
  const op = toValue(operand);
  return bind1(gatherP, [op, indices], {
    dimensionNumbers: { operandBatchingDims: [], startIndicesBatchingDims: [], ...dnums },
    sliceSizes,
    mode,
    fillValue: mode === "fill_or_drop" ? opts.fillValue ?? defaultFill(op.dtype) : null,
    uniqueIndices: opts.uniqueIndices ?? false,
    indicesAreSorted: opts.indicesAreSorted ?? false,
  });
}

const SCATTERS = { scatter: scatterP, add: scatterAddP, mul: scatterMulP, min: scatterMinP, max: scatterMaxP };

/** `lax.scatter` / `scatter_add` / `scatter_mul` / `scatter_min` / `scatter_max` (mode None: drop). */
export function scatter(kind: keyof typeof SCATTERS, operand: Value, indices: Value, updates: Value, dnums: Dnums<ScatterDimensionNumbers>, opts: GatherOptions = {}): Value {
  return bind1(SCATTERS[kind], [operand, indices, updates], {
    dimensionNumbers: { operandBatchingDims: [], scatterIndicesBatchingDims: [], ...dnums },
    mode: parseMode(opts.mode ?? null),
    uniqueIndices: opts.uniqueIndices ?? false,
    indicesAreSorted: opts.indicesAreSorted ?? false,
  });
}

/** `_dynamic_slice_indices`: a negative start counts from the end (a Python int at once, a value by select_n). */
function startIndices(operand: Value, starts: readonly (Value | number)[]): Value[] {
  return starts.map((s, d) => {
    const n = operand.shape[d];
    if (typeof s === "number") return toValue(s < 0 ? s + n : s);
    return bind1(selectNP, [lax.lt(s, 0), s, lax.add(s, n)]);
  });
}

/** `lax.dynamic_slice(operand, start_indices, slice_sizes)`. */
export function dynamicSlice(operand: Value, starts: readonly (Value | number)[], sliceSizes: number[]): Value {
  return bind1(dynamicSliceP, [operand, ...startIndices(operand, starts)], { sliceSizes });
}

/** `lax.dynamic_update_slice(operand, update, start_indices)`. */
export function dynamicUpdateSlice(operand: Value, update: Value, starts: readonly (Value | number)[]): Value {
  return bind1(dynamicUpdateSliceP, [operand, update, ...startIndices(operand, starts)]);
}

/** `lax.dynamic_update_index_in_dim(operand, update, index, axis)`: update gets a size-1 axis there. */
export function dynamicUpdateIndexInDim(operand: Value, update: Value, index: Value | number, axis: number): Value {
  const u = update.ndim === operand.ndim ? update : lax.expandDims(update, [axis]);
  return dynamicUpdateSlice(operand, u, operand.shape.map((_, d) => (d === axis ? index : 0)));
}
