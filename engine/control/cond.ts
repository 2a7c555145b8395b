/**
 * cond: `cond[branches=(…)] index *operands` runs branch `index` (clamped) on the operands.
 * Under vmap with a batched index it becomes what JAX makes of it, every branch computed on
 * the whole batch and `select_n` choosing per example (the operands each branch sees are
 * `select_n(eq(index, i), stop_gradient(x), x)`, so no gradient flows through a branch an
 * example did not take); with an unbatched index it stays one cond over batched branches. Its
 * VJP is a cond over the branches' pullbacks. Also stop_gradient, which that rule needs.
 * JAX: jax/_src/lax/control_flow/conditionals.py (`_cond_batching_rule`, `_cond_transpose`),
 * ad_util.py (`stop_gradient_p`).
 */
import { isFloat } from "../array/dtype";
import { scalarOfType } from "../array/create";
import { EngineError } from "../errors";
import { ShapedArray } from "../core/aval";
import { definePrimitive, type PrimitiveDef } from "../core/primitive";
import { bind, bind1, type Value } from "../core/tracer";
import { executableFor } from "../ir/compile";
import { evalJaxpr } from "../ir/interpret";
import type { Jaxpr } from "../ir/jaxpr";
import { eqP, selectNP } from "../primitives/elementwise";
import { moveBatchAxis, vectorized, type NoParams } from "../primitives/families";
import { elementwiseCells } from "../primitives/provenanceFamilies";
import * as lax from "../primitives/lax";
import { allCells, batchClosed, pullbackClosed } from "./closed";

/** stop_gradient: the value unchanged, no cotangent through it. */
export const stopGradientP: PrimitiveDef<NoParams> = definePrimitive<NoParams>({
  name: "stop_gradient",
  shape: ([x]) => [new ShapedArray(x.shape, x.dtype, x.weak)],
  dtype: ([x]) => x,
  impl: ([x]) => [x],
  cost: () => 0,
  batch: (_B, xs, dims, p) => vectorized(stopGradientP, xs, dims, p),
  provenance: elementwiseCells,
  vjp: (_cts, xs) => xs.map(() => null),
  emit: ([a]) => a,
  elementwise: true,
});

export interface CondParams {
  /** One closed jaxpr per branch, all of the same type (operands → results). */
  readonly branches: readonly Jaxpr[];
}

/** `pred` (one value per example, batch at 0) broadcast over `x`'s shape, JAX's `_bcast_select`. */
function bcastTo(pred: Value, x: Value): Value {
  return pred.ndim === x.ndim ? pred : lax.broadcastInDim(pred, [...x.shape], [0]);
}

export const condP: PrimitiveDef<CondParams> = definePrimitive<CondParams>({
  name: "cond",
  ownTypes: true,
  shape: ([index, ...ops], { branches }) => {
    if (index.ndim !== 0 || index.dtype !== "int32") throw new EngineError("shape-error", `cond index must be an int32 scalar, got ${index.str()}`);
    const ins = branches[0].inAvals;
    if (ops.length !== ins.length) throw new EngineError("shape-error", `cond called with ${ops.length} operands for branches of ${ins.length}`);
    return branches[0].outAvals;
  },
  impl: ([index, ...ops], { branches }) => {
    const i = Math.min(Math.max(Math.trunc(index.data[index.offset]), 0), branches.length - 1);
    return executableFor(branches[i]).run(ops);
  },
  cost: () => 0, // the branch charges its own steps
  batch: (B, [index, ...ops], [idim, ...odims], { branches }, axis) => {
    const ax = axis ?? { size: B };
    if (idim !== null) {
      // Both (all) branches on the whole batch, then select_n per example.
      const idx = moveBatchAxis(B, idim, 0, index);
      const opsB = ops.map((x, i) => moveBatchAxis(B, odims[i], 0, x));
      const outsPerBranch = branches.map((j, i) => {
        const batched = batchClosed(j, ax, opsB.map(() => true), true).jaxpr;
        const pred = bind1(eqP, [idx, scalarOfType(i, "int32")]);
        const ins = opsB.map((x) => bind1(selectNP, [bcastTo(pred, x), bind1(stopGradientP, [x]), x]));
        return evalJaxpr(batched, undefined, ins);
      });
      const outs = outsPerBranch[0].map((o, k) => bind1(selectNP, [bcastTo(idx, o), ...outsPerBranch.map((b) => b[k])]));
      return [outs, outs.map(() => 0)];
    }
    const inB = odims.map((d) => d !== null);
    const opsM = ops.map((x, i) => (inB[i] ? moveBatchAxis(B, odims[i], 0, x) : x));
    const outB = branches.map((j) => batchClosed(j, ax, inB, false).outBatched).reduce((a, b) => a.map((x, i) => x || b[i]));
    const batched = branches.map((j) => batchClosed(j, ax, inB, outB).jaxpr);
    return [bind(condP, [index, ...opsM], { branches: batched }), outB.map((b) => (b ? 0 : null))];
  },
  provenance: allCells,
  vjp: (cts, [index, ...ops], _outs, { branches }) => {
    const mask = cts.map((c) => c !== null);
    if (!mask.some(Boolean)) return [null, ...ops.map(() => null)];
    const backward = branches.map((j) => pullbackClosed(j, mask));
    const res = bind(condP, [index, ...ops, ...cts.filter((c): c is Value => c !== null)], { branches: backward });
    return [null, ...res.map((r, i) => (isFloat(ops[i].dtype) ? r : null))];
  },
});
