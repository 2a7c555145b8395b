/**
 * Indexing by values: `x[i]`, `x[i, j]`, `x[idx]` with int arrays (traced or not), `x.at[…]`
 * updates, lowered exactly as JAX lowers them (`jnp.take` and `take_along_axis`: indexFunctions.ts):
 * - only scalar int arrays (and ints, unit-step slices, None, ...): one `dynamic_slice` (JAX
 *   `_dynamic_slice`), negative indices wrapped by `select_n(lt i 0, i, add i n)`;
 * - any int array of rank ≥ 1 (or a strided slice beside a scalar array): one `gather`
 *   (`_index_to_gather`), with `x[idx]`'s default mode promise_in_bounds (XLA clamps);
 * - `x.at[idx].op(y)`: one scatter of that kind (`_scatter_update`), out-of-bounds updates
 *   dropped by default.
 * JAX: jax/_src/numpy/indexing.py (rewriting_take, _index_to_gather, take, take_along_axis),
 * jax/_src/ops/scatter.py (_scatter_update), jax/_src/lax/slicing.py (_dynamic_slice_indices).
 */
import { EngineError, pyShape } from "../errors";
import { scalarOfType } from "../array/create";
import { isInt, type DType } from "../array/dtype";
import { NDArray } from "../array/ndarray";
import { broadcastShapes, rowMajorStrides } from "../array/shape";
import { isPyFloat } from "../array/pyargs";
import { ShapedArray } from "../core/aval";
import { bind1, isValue, toValue, type Value } from "../core/tracer";
import * as lax from "../primitives/lax";
import { convert, selectNP } from "../primitives/elementwise";
import { dynamicSliceP } from "../primitives/dynamicSlice";
import { defaultFill, gatherP, zerosOf, type GatherParams } from "../primitives/gather";
import { parseMode, type GatherDimensionNumbers, type GatherScatterMode } from "../primitives/gatherDims";
import { scatterAddP, scatterMaxP, scatterMinP, scatterMulP, scatterP } from "../primitives/scatter";
import { promoteArgs } from "./promote";
import type { IndexItem, SliceItem } from "./indexing";

/** An index entry: a static one, or an array (an int NDArray or a traced value). */
export type ValueIndexItem = IndexItem | Value;

type Parsed =
  | { kind: "none" }
  | { kind: "ellipsis" }
  | { kind: "int"; value: number }
  | { kind: "slice"; s: SliceItem }
  | { kind: "array"; v: Value };

export const indexError = (msg: string) => new EngineError("shape-error", msg, { pyType: "IndexError" });
export const typeError = (msg: string) => new EngineError("shape-error", msg, { pyType: "TypeError" });

/**
 * `expand_bool_indices`: a concrete boolean mask becomes the int arrays of its True positions
 * (`np.where`), one per axis it covers; a traced one has no static shape to give, JAX's
 * NonConcreteBooleanIndexError (an IndexError).
 */
function expandBoolIndices(items: readonly ValueIndexItem[], shape: readonly number[]): ValueIndexItem[] {
  const out: ValueIndexItem[] = [];
  let axis = 0;
  for (const item of items) {
    if (!isValue(item) || item.dtype !== "bool") {
      if (item !== null && item !== "...") axis++;
      out.push(item);
      continue;
    }
    if (!(item instanceof NDArray) || item.ndim === 0) {
      throw new EngineError(
        "unsupported",
        `Array boolean indices must be concrete; got ${new ShapedArray(item.shape, "bool").str()}\n\nSee https://docs.jax.dev/en/latest/errors.html#jax.errors.NonConcreteBooleanIndexError`,
        { pyType: "IndexError" },
      );
    }
    // JAX prints the expected shape as a Python list.
    const expected = shape.slice(axis, axis + item.ndim);
    if (!item.shape.every((n, i) => n === 0 || n === expected[i])) {
      throw indexError(`boolean index did not match shape of indexed array in index ${out.length}: got ${pyShape(item.shape)}, expected [${expected.join(", ")}]`);
    }
    const mask = item.flat();
    const st = rowMajorStrides(item.shape);
    const hits: number[][] = item.shape.map(() => []);
    mask.forEach((v, j) => {
      if (v !== 0) item.shape.forEach((n, d) => hits[d].push(Math.floor(j / st[d]) % n));
    });
    hits.forEach((h) => out.push(new NDArray(Float64Array.from(h), [h.length], undefined, 0, "int32")));
    axis += item.ndim;
  }
  return out;
}

/** JAX `IndexType.from_index` and `_parse_indices`, after the ellipsis is counted. */
function parse(raw: readonly ValueIndexItem[], shape: readonly number[]): Parsed[] {
  const ndim = shape.length;
  const items = expandBoolIndices(raw, shape);
  const parsed: Parsed[] = items.map((item) => {
    if (item === null) return { kind: "none" };
    if (item === "...") return { kind: "ellipsis" };
    if (typeof item === "number") return { kind: "int", value: item };
    if (isValue(item)) {
      if (!isInt(item.dtype)) {
        // A Python float is NumPy's float64 whatever JAX's default float (`np.dtype(type(idx))`).
        const t = isPyFloat(item) ? "float64" : item.dtype;
        throw typeError(`Indexer must have integer or boolean type, got indexer with type ${t}`);
      }
      return { kind: "array", v: item };
    }
    return { kind: "slice", s: item as SliceItem };
  });
  if (parsed.filter((p) => p.kind === "ellipsis").length > 1) throw indexError("an index can only have a single ellipsis ('...')");
  const consumed = parsed.filter((p) => p.kind !== "none" && p.kind !== "ellipsis").length;
  if (consumed > ndim) throw indexError(`Too many indices: array is ${ndim}-dimensional, but ${consumed} were indexed`);
  return parsed;
}

/** `expand_ellipses`: the ellipsis (or the implicit trailing one) as full slices; each entry with its axis. */
function expand(parsed: Parsed[], ndim: number): { p: Parsed; axis: number }[] {
  const consumed = parsed.filter((p) => p.kind !== "none" && p.kind !== "ellipsis").length;
  const out: { p: Parsed; axis: number }[] = [];
  let axis = 0;
  const full = (): void => void out.push({ p: { kind: "slice", s: {} }, axis: axis++ });
  for (const p of parsed) {
    if (p.kind === "ellipsis") for (let k = 0; k < ndim - consumed; k++) full();
    else if (p.kind === "none") out.push({ p, axis: -1 });
    else out.push({ p, axis: axis++ });
  }
  while (axis < ndim) full();
  return out;
}

/** Python `slice.indices(n)` → start, stop, step. */
function sliceIndices(s: SliceItem, n: number): [number, number, number] {
  const step = s.step ?? 1;
  if (step === 0) throw new EngineError("shape-error", "slice step cannot be zero", { pyType: "ValueError" });
  const [lower, upper] = step > 0 ? [0, n] : [-1, n - 1];
  const clamp = (v: number | null | undefined, dflt: number) => (v === null || v === undefined ? dflt : v < 0 ? Math.max(v + n, lower) : Math.min(v, upper));
  return [clamp(s.start, step > 0 ? lower : upper), clamp(s.stop, step > 0 ? upper : lower), step];
}
const sliceSize = (start: number, stop: number, step: number) => Math.max(0, Math.ceil((stop - start) / step));

const int32 = (v: number): NDArray => scalarOfType(v, "int32");

/** `_normalize_index` / `normalize_indices`: a negative index counts from the end. */
export function normalize(i: Value, n: number): Value {
  return bind1(selectNP, [lax.lt(i, 0), i, lax.add(i, n)]);
}

/**
 * An int index array at the gather index dtype (int32 fits every shape the playground allows);
 * anything else is left for gather's own dtype check to refuse, as JAX's does.
 */
export const asIndex = (v: Value): Value => (v.dtype === "int64" ? convert(v, "int32") : v);

/** Reverses axis `axis` (JAX's `rev`; our slice takes a negative step). */
function rev(x: Value, axis: number): Value {
  return lax.slice(x, x.shape.map((n, d) => (d === axis ? { start: n - 1, step: -1, size: n } : { start: 0, step: 1, size: n })));
}

/** `to_dynamic_slice`'s conditions: scalar arrays, ints, None, ..., unit-step slices, a mode that clamps. */
function fitsDynamicSlice(parsed: Parsed[], mode: string | null): boolean {
  if (mode !== null && mode !== "promise_in_bounds" && mode !== "clip") return false;
  return parsed.every((p) => (p.kind === "array" ? p.v.ndim === 0 : p.kind === "slice" ? [null, undefined, 1, -1].includes(p.s.step) : true));
}

/** JAX `_dynamic_slice` through `to_dynamic_slice` and `_dynamic_slice_indices`. */
function dynamicSliceTake(x: Value, parsed: Parsed[]): Value {
  const starts: Value[] = [];
  const sizes: number[] = [];
  const revAxes: number[] = [];
  const squeeze: number[] = [];
  const newaxis: number[] = [];
  for (const { p, axis } of expand(parsed, x.ndim)) {
    if (p.kind === "none") newaxis.push(starts.length - squeeze.length + newaxis.length);
    else if (p.kind === "int" || p.kind === "array") {
      const n = x.shape[axis];
      if (n === 0) throw indexError(`index is out of bounds for axis ${axis} with size 0`);
      starts.push(p.kind === "int" ? int32(p.value < 0 ? p.value + n : p.value) : normalize(p.v, n));
      sizes.push(1);
      squeeze.push(axis);
    } else if (p.kind === "slice") {
      const [start, stop, step] = sliceIndices(p.s, x.shape[axis]);
      if (step < 0) {
        const s0 = stop + 1 + (Math.abs(start - stop - 1) % Math.abs(step));
        starts.push(int32(s0));
        sizes.push(Math.max(0, start + 1 - s0));
        revAxes.push(axis);
      } else {
        starts.push(int32(start));
        sizes.push(Math.max(0, stop - start));
      }
    }
  }
  const dtype = starts.find((s) => s.dtype !== "int32")?.dtype;
  let y = bind1(dynamicSliceP, [x, ...starts.map((s) => (dtype && s instanceof NDArray && s.ndim === 0 && s.size === 1 ? scalarOfType(s.flat()[0], dtype) : s))], { sliceSizes: sizes });
  for (const a of revAxes) y = rev(y, a);
  return lax.expandDims(lax.squeeze(y, squeeze), newaxis);
}

interface GatherIndexer {
  sliceShape: number[];
  gatherSliceShape: number[];
  indices: Value;
  dnums: GatherDimensionNumbers;
  unique: boolean;
  newaxisDims: number[];
}

/** JAX `_index_to_gather` (with `normalize_indices=True`). */
function indexToGather(x: Value, parsed: Parsed[]): GatherIndexer {
  const shape = x.shape;
  // Contiguity is judged on the indices as written (JAX computes it before expanding `...`).
  const advPos = parsed.map((p, i) => (p.kind === "array" || p.kind === "int" ? i : -1)).filter((i) => i >= 0);
  const contiguous = advPos.every((p, k) => k === 0 || p - advPos[k - 1] === 1);
  const expanded = expand(parsed, x.ndim);
  const isAdvanced = parsed.some((p) => p.kind === "array" && p.v.ndim > 0);
  const advanced: { v: Value; pos: number; axis: number }[] = [];
  if (isAdvanced) {
    expanded.forEach(({ p, axis }, pos) => {
      if (p.kind === "array") advanced.push({ v: normalize(p.v, shape[axis]), pos, axis });
      if (p.kind === "int") advanced.push({ v: int32(p.value < 0 ? p.value + shape[axis] : p.value), pos, axis });
    });
  }
  const advancedAt = new Set(advanced.map((a) => a.pos));
  const offsetDims: number[] = [];
  const collapsed: number[] = [];
  const startIndexMap: number[] = [];
  const gatherIndices: [Value, number][] = [];
  const gatherIndicesShape: number[] = [];
  const sliceShape: number[] = [];
  const newaxisDims: number[] = [];
  const gatherSliceShape: number[] = [];
  let yAxis = 0;
  let collapsedY = 0;
  expanded.forEach(({ p, axis }, pos) => {
    if (advanced.length && (contiguous ? pos === advanced[0].pos : pos === 0)) {
      const bshape = broadcastShapes(advanced.map((a) => a.v.shape));
      const start = gatherIndicesShape.length;
      for (const a of advanced) {
        const v = asIndex(a.v);
        const lead = bshape.length - v.ndim;
        gatherIndices.push([lax.broadcastInDim(v, bshape, v.shape.map((_, i) => i + lead)), start]);
      }
      gatherIndicesShape.push(...bshape);
      startIndexMap.push(...advanced.map((a) => a.axis));
      collapsed.push(...advanced.map((a) => a.axis));
      sliceShape.push(...bshape);
      yAxis += bshape.length;
      collapsedY += bshape.length;
    }
    if (advancedAt.has(pos)) {
      gatherSliceShape.push(1);
      return;
    }
    if (p.kind === "int" || p.kind === "array") {
      if (shape[axis] === 0) throw indexError(`index is out of bounds for axis ${axis} with size 0`);
      const i = p.kind === "int" ? int32(p.value < 0 ? p.value + shape[axis] : p.value) : asIndex(normalize(p.v, shape[axis]));
      gatherIndices.push([i, gatherIndicesShape.length]);
      collapsed.push(axis);
      gatherSliceShape.push(1);
      startIndexMap.push(axis);
    } else if (p.kind === "none") {
      sliceShape.push(1);
      newaxisDims.push(yAxis++);
    } else if (p.kind === "slice") {
      const [start, stop, step] = sliceIndices(p.s, shape[axis]);
      const size = sliceSize(start, stop, step);
      sliceShape.push(size);
      if (step === 1) {
        if (size !== shape[axis]) {
          gatherIndices.push([int32(start), gatherIndicesShape.length]);
          startIndexMap.push(axis);
        }
        gatherSliceShape.push(size);
        offsetDims.push(collapsedY);
      } else {
        // JAX gathers start + step·iota and reverses a negative step twice; gathering in the
        // slice's own order gives the same result in one step.
        const positions = Float64Array.from({ length: size }, (_, k) => start + step * k);
        gatherSliceShape.push(1);
        gatherIndices.push([new NDArray(positions, [size], undefined, 0, "int32"), gatherIndicesShape.length]);
        startIndexMap.push(axis);
        gatherIndicesShape.push(size);
        collapsed.push(axis);
      }
      collapsedY++;
      yAxis++;
    }
  });
  let indices: Value;
  if (gatherIndices.length === 0) indices = new NDArray(new Float64Array(0), [0], undefined, 0, "int32");
  else if (gatherIndices.length === 1) indices = lax.expandDims(gatherIndices[0][0], [gatherIndices[0][0].ndim]);
  else {
    const target = [...gatherIndicesShape, 1];
    indices = lax.concatenate(
      gatherIndices.map(([g, i]) => lax.broadcastInDim(g, target, g.shape.map((_, k) => i + k))),
      gatherIndicesShape.length,
    );
  }
  return {
    sliceShape,
    gatherSliceShape,
    indices,
    dnums: { offsetDims, collapsedSliceDims: [...collapsed].sort((a, b) => a - b), startIndexMap, operandBatchingDims: [], startIndicesBatchingDims: [] },
    unique: advanced.length === 0,
    newaxisDims,
  };
}

export interface TakeOptions { mode?: string | null; fillValue?: number | null }

/** `rewriting_take`: x[items] where some item is an array (static ones go through indexing.ts). */
export function rewritingTake(x: Value, items: readonly ValueIndexItem[], opts: TakeOptions = {}): Value {
  const mode = opts.mode ?? null;
  const parsed = parse(items, x.shape);
  if (fitsDynamicSlice(parsed, mode)) return dynamicSliceTake(x, parsed);
  const g = indexToGather(x, parsed);
  if (g.sliceShape.includes(0)) return zerosOf(g.sliceShape, x.dtype);
  const gmode: GatherScatterMode = mode === null ? "promise_in_bounds" : parseMode(mode);
  const params: GatherParams = {
    dimensionNumbers: g.dnums,
    sliceSizes: g.gatherSliceShape,
    mode: gmode,
    fillValue: gmode === "fill_or_drop" ? opts.fillValue ?? defaultFill(x.dtype) : null,
    uniqueIndices: g.unique,
    indicesAreSorted: g.unique,
  };
  const y = bind1(gatherP, [x, g.indices], params);
  return lax.expandDims(y, g.newaxisDims);
}

export type UpdateOp = "set" | "add" | "multiply" | "min" | "max";
const SCATTERS = { set: scatterP, add: scatterAddP, multiply: scatterMulP, min: scatterMinP, max: scatterMaxP };

/** `_scatter_update`: x.at[items].op(y), out-of-bounds updates dropped unless mode says otherwise. */
export function scatterUpdate(x: Value, items: readonly ValueIndexItem[], y: unknown, op: UpdateOp, opts: { mode?: string | null } = {}): Value {
  const parsed = parse(items, x.shape);
  const g = indexToGather(x, parsed);
  if (g.sliceShape.includes(0)) return x;
  const dtype: DType = x.dtype;
  const [xp, yp] = promoteArgs([x, y]);
  // y broadcast to the indexed slice's shape, None axes squeezed out (JAX broadcast_to + squeeze).
  const yv = toValue(yp);
  const bshape = broadcastShapes([yv.shape, g.sliceShape]);
  if (bshape.join() !== g.sliceShape.join()) {
    throw new EngineError("shape-error", `Incompatible shapes for broadcasting: ${pyShape(yv.shape)} and requested shape ${pyShape(g.sliceShape)}`, { pyType: "ValueError" });
  }
  const lead = g.sliceShape.length - yv.ndim;
  const yb = lax.broadcastInDim(yv, g.sliceShape, yv.shape.map((_, i) => i + lead));
  const updates = lax.squeeze(yb, g.newaxisDims);
  const out = bind1(SCATTERS[op], [xp, g.indices, updates], {
    dimensionNumbers: {
      updateWindowDims: g.dnums.offsetDims,
      insertedWindowDims: g.dnums.collapsedSliceDims,
      scatterDimsToOperandDims: g.dnums.startIndexMap,
      operandBatchingDims: [],
      scatterIndicesBatchingDims: [],
    },
    mode: parseMode(opts.mode ?? null),
    uniqueIndices: g.unique,
    indicesAreSorted: g.unique,
  });
  return out.dtype === dtype ? out : convert(out, dtype, x.weak);
}
