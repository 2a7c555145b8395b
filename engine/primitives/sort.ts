/**
 * sort: sorts several same-shaped operands along `dimension` by the first `numKeys` of them
 * (lexicographically), carrying the others along: `jnp.argsort` is sort(x, iota) keeping the
 * second result. Order is JAX's total order for floats (NaN last; -0 before 0 counts as equal
 * here, a stable sort keeps their order). Batching is JAX's `_sort_batch_rule` (unbatched
 * operands broadcast to the batched one's layout, the dimension shifts past the batch axis).
 * VJP: JAX's `_sort_jvp` gathers each tangent by the sorting permutation; transposed, each
 * cotangent is scatter-added back through it. JAX: jax/_src/lax/lax.py (sort_p).
 */
import { EngineError, pyShape } from "../errors";
import { allocate, NDArray } from "../array/ndarray";
import { rowMajorStrides } from "../array/shape";
import { ShapedArray } from "../core/aval";
import { definePrimitive, type PrimitiveDef } from "../core/primitive";
import { bind, bind1, type Value } from "../core/tracer";
import { moveBatchAxis } from "./families";
import { zerosOf } from "./gather";
import { scatterAddP } from "./scatter";
import { broadcastInDimP } from "./structural";
import { elementwiseCells } from "./provenanceFamilies";

export interface SortParams { dimension: number; isStable: boolean; numKeys: number }

/** `a` before `b` in JAX's sort order (NaN after everything). */
const less = (a: number, b: number): boolean => (Number.isNaN(a) ? false : Number.isNaN(b) ? true : a < b);

/** An int32 array of `shape` counting 0, 1, … along `dimension` (`lax.broadcasted_iota`). */
export function iotaAlong(shape: readonly number[], dimension: number): NDArray {
  const st = rowMajorStrides(shape);
  const n = shape.reduce((a, b) => a * b, 1);
  return new NDArray(Float64Array.from({ length: n }, (_, j) => Math.floor(j / st[dimension]) % shape[dimension]), shape, undefined, 0, "int32");
}

export const sortP: PrimitiveDef<SortParams> = definePrimitive<SortParams>({
  name: "sort",
  shape: (avals) => {
    if (avals.some((a) => a.shape.join() !== avals[0].shape.join())) {
      throw new EngineError("shape-error", `Arguments to sort must have equal shapes, got: ${avals.map((a) => pyShape(a.shape)).join(" ")}`, { pyType: "TypeError" });
    }
    return avals.map((a) => new ShapedArray(a.shape, a.dtype, a.weak));
  },
  // Each result keeps its own operand's type (sort returns its operands permuted).
  dtype: (xs) => xs,
  impl: (xs, { dimension, numKeys }) => {
    const shape = xs[0].shape;
    const data = xs.map((x) => x.flat());
    const outs = xs.map((x) => allocate(shape, x.dtype, x.weak));
    const st = rowMajorStrides(shape);
    const n = shape[dimension];
    const inner = st[dimension];
    const lines = n === 0 ? 0 : outs[0].size / n;
    for (let l = 0; l < lines; l++) {
      const base = Math.floor(l / inner) * inner * n + (l % inner);
      const order = Array.from({ length: n }, (_, k) => k);
      // Array.prototype.sort is stable, so is_stable holds whatever its value.
      order.sort((a, b) => {
        for (let k = 0; k < numKeys; k++) {
          const x = data[k][base + a * inner];
          const y = data[k][base + b * inner];
          if (less(x, y)) return -1;
          if (less(y, x)) return 1;
        }
        return 0;
      });
      order.forEach((src, k) => data.forEach((d, i) => (outs[i].data[base + k * inner] = d[base + src * inner])));
    }
    return outs;
  },
  cost: (xs) => xs[0].size * xs.length * Math.max(1, Math.ceil(Math.log2(xs[0].size + 1))),
  batch: (_B, xs, dims, p) => {
    const first = dims.findIndex((d) => d !== null);
    if (first < 0) return [bind(sortP, xs, p), dims];
    const proto = xs[first];
    const bd = dims[first] as number;
    const args = xs.map((x, i) => {
      const d = dims[i];
      if (d !== null) return moveBatchAxis(proto.shape[bd], d, bd, x);
      const kept = proto.shape.map((_, k) => k).filter((k) => k !== bd);
      return bind1(broadcastInDimP, [x], { shape: [...proto.shape], broadcastDimensions: kept });
    });
    return [bind(sortP, args, { ...p, dimension: p.dimension + (bd <= p.dimension ? 1 : 0) }), xs.map(() => bd)];
  },
  // Any cell of a line may land anywhere on it; the keys decide, so each result cell reads its whole line of every operand.
  provenance: (xs, p, ctx) => xs.map(() => lineCells(xs, p, ctx)),
  vjp: (cts, xs, _outs, p) => {
    if (cts.every((c) => c === null)) return xs.map(() => null);
    const shape = xs[0].shape;
    const perm = bind(sortP, [...xs.slice(0, p.numKeys), iotaAlong(shape, p.dimension)], { ...p })[p.numKeys];
    const idx = bind1(broadcastInDimP, [perm], { shape: [...shape, 1], broadcastDimensions: shape.map((_, i) => i) });
    const batch = shape.map((_, i) => i).filter((i) => i !== p.dimension);
    const dnums = { updateWindowDims: [], insertedWindowDims: [p.dimension], scatterDimsToOperandDims: [p.dimension], operandBatchingDims: batch, scatterIndicesBatchingDims: batch };
    return cts.map((ct, i) => (ct === null || xs[i].dtype === "int32" || xs[i].dtype === "int64" || xs[i].dtype === "bool"
      ? null
      : bind1(scatterAddP, [zerosOf(shape, ct.dtype), idx, ct], { dimensionNumbers: dnums, mode: "promise_in_bounds", uniqueIndices: true, indicesAreSorted: false })));
  },
  printParams: ({ dimension, isStable, numKeys }) => `dimension=${dimension}\nis_stable=${isStable ? "True" : "False"}\nnum_keys=${numKeys}`,
});

/** Each cell reads every cell of its line along `dimension`, of every operand. */
function lineCells(xs: Parameters<typeof elementwiseCells>[0], { dimension }: SortParams, ctx: Parameters<typeof elementwiseCells>[2]) {
  const shape = xs[0].shape;
  const st = rowMajorStrides(shape);
  const n = shape[dimension];
  const inner = st[dimension];
  const lineOf = (j: number) => Math.floor(j / (inner * n)) * inner + (j % inner);
  const lines = new Map<number, ReturnType<typeof ctx.union>>();
  const cells = xs[0].cells.map((_, j) => {
    const l = lineOf(j);
    if (!lines.has(l)) {
      const base = Math.floor(l / inner) * inner * n + (l % inner);
      lines.set(l, ctx.union(xs.flatMap((x) => Array.from({ length: n }, (_, k) => x.cells[base + k * inner]))));
    }
    return lines.get(l)!;
  });
  return { shape, cells };
}

/** `lax.sort_key_val`-style helper used by jnp.argsort: the permutation that sorts `x` along `dimension`. */
export function argsortValues(x: Value, dimension: number, isStable: boolean): Value {
  return bind(sortP, [x, iotaAlong(x.shape, dimension)], { dimension, isStable, numKeys: 1 })[1];
}
