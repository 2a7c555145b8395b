/**
 * argmax / argmin over one axis: the position of the first largest (smallest) value, a NaN
 * counting as the extreme (JAX's `_ArgMinMaxReducer` picks NaN, then the lower index on ties).
 * The result is an int array, the index jnp's indexing then uses. Batching is the reducer
 * family (the axis shifts past the batch dim); no cotangent flows through an index.
 * JAX: jax/_src/lax/lax.py (argmax_p, argmin_p, `_argminmax_shape_rule`, defreducer, defjvp_zero).
 */
import { EngineError, pyShape } from "../errors";
import { allocate } from "../array/ndarray";
import { rowMajorStrides } from "../array/shape";
import type { DType } from "../array/dtype";
import { ShapedArray } from "../core/aval";
import { definePrimitive, type PrimitiveDef } from "../core/primitive";
import { reducerBatch, zeroVjp } from "./families";
import { reducedCells } from "./provenanceFamilies";

export interface ArgMinMaxParams { axes: number[]; indexDtype: DType }

function argShape(shape: readonly number[], axes: number[]): number[] {
  const [axis] = axes;
  if (!(axis >= 0 && axis < shape.length)) throw new EngineError("shape-error", `Invalid axis ${axis} for operand shape ${pyShape(shape)}`, { pyType: "ValueError" });
  if (shape[axis] < 1) {
    throw new EngineError("shape-error", `argmin and argmax require non-empty reduced dimension. operand.shape=${pyShape(shape)} axis=${axis}`, { pyType: "ValueError" });
  }
  return shape.filter((_, i) => i !== axis);
}

function argReducer(name: string, better: (a: number, b: number) => boolean): PrimitiveDef<ArgMinMaxParams> {
  const prim: PrimitiveDef<ArgMinMaxParams> = definePrimitive<ArgMinMaxParams>({
    name,
    shape: ([x], { axes }) => [new ShapedArray(argShape(x.shape, axes))],
    dtype: (_xs, { indexDtype }) => ({ dtype: indexDtype, weak: false }),
    impl: ([x], { axes, indexDtype }) => {
      const [axis] = axes;
      const outShape = argShape(x.shape, axes);
      const out = allocate(outShape, indexDtype);
      const data = x.flat();
      const st = rowMajorStrides(x.shape);
      const n = x.shape[axis];
      const inner = st[axis];
      for (let j = 0; j < out.size; j++) {
        const base = Math.floor(j / inner) * inner * n + (j % inner);
        let best = 0;
        let v = data[base];
        for (let k = 1; k < n && !Number.isNaN(v); k++) {
          const w = data[base + k * inner];
          if (Number.isNaN(w) || better(w, v)) (best = k), (v = w);
        }
        out.data[j] = best;
      }
      return [out];
    },
    cost: ([x]) => x.size,
    batch: (_B, xs, dims, p) => reducerBatch(prim, xs, dims, p),
    provenance: reducedCells,
    vjp: zeroVjp,
    printParams: ({ axes, indexDtype }) => `axes=${pyShape(axes)}\nindex_dtype=${indexDtype}`,
  });
  return prim;
}

export const argmaxP = argReducer("argmax", (a, b) => a > b);
export const argminP = argReducer("argmin", (a, b) => a < b);
