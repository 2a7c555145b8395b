/**
 * while: `while[body_jaxpr body_nconsts cond_jaxpr cond_nconsts] *cond_consts *body_consts *init`
 * applies the body while the cond holds. A cond that returns a batch of predicates (vmap with a
 * per-example predicate) runs until every example is done: the loop goes on while any holds,
 * and an example whose predicate is false keeps its carry (the body's result is selected away),
 * which is how JAX lowers a batched predicate (`_while_lowering`, `_pred_bcast_select_hlo`).
 * Its batching rule finds the carry's batching by fixpoint; a batched predicate batches all of
 * it. Reverse mode is JAX's error. Every turn charges the work budget, so a loop that never ends
 * runs out of budget instead of freezing the tab. JAX: loops.py (`_while_loop_batching_rule`,
 * `_while_transpose_error`).
 */
import { select } from "../array/kernels";
import type { NDArray } from "../array/ndarray";
import { broadcastInDimView } from "../array/views";
import { definePrimitive, type PrimitiveDef } from "../core/primitive";
import { bind } from "../core/tracer";
import { EngineError } from "../errors";
import { executableFor } from "../ir/compile";
import type { Jaxpr } from "../ir/jaxpr";
import { CALL_COST, chargeOps } from "../limits";
import { moveBatchAxis } from "../primitives/families";
import { allCells, batchClosed } from "./closed";

export interface WhileParams {
  // snake_case: the printer names a sub-jaxpr by its key, as JAX prints it.
  readonly cond_jaxpr: Jaxpr;
  readonly body_jaxpr: Jaxpr;
  readonly condNconsts: number;
  readonly bodyNconsts: number;
}

function split<T>(xs: readonly T[], p: WhileParams): [T[], T[], T[]] {
  return [xs.slice(0, p.condNconsts), xs.slice(p.condNconsts, p.condNconsts + p.bodyNconsts), xs.slice(p.condNconsts + p.bodyNconsts)];
}

function any(pred: NDArray): boolean {
  const flat = pred.flat();
  for (let i = 0; i < flat.length; i++) if (flat[i] !== 0) return true;
  return false;
}

/** JAX: loops.py `_while_transpose_error`. */
export function whileReverseError(): EngineError {
  return new EngineError(
    "unsupported",
    "Reverse-mode differentiation does not work for lax.while_loop or lax.fori_loop with dynamic start/stop values. Try using lax.scan, or using fori_loop with static start/stop.",
    { pyType: "ValueError" },
  );
}

export const whileP: PrimitiveDef<WhileParams> = definePrimitive<WhileParams>({
  name: "while",
  ownTypes: true,
  shape: (avals, p) => {
    const pred = p.cond_jaxpr.outAvals[0];
    if (pred.dtype !== "bool") throw new EngineError("shape-error", `cond_fun must return a boolean scalar, but got output type(s) [ShapedArray(${pred.str()})].`, { pyType: "TypeError" });
    return split(avals, p)[2].map((_, i) => p.body_jaxpr.outAvals[i]);
  },
  impl: (xs, p) => {
    const [cc, bc, init] = split(xs, p);
    const cond = executableFor(p.cond_jaxpr);
    const body = executableFor(p.body_jaxpr);
    let carry = init;
    for (;;) {
      const [pred] = cond.run([...cc, ...carry]);
      if (!any(pred)) return carry;
      chargeOps(CALL_COST);
      const next = body.run([...bc, ...carry]);
      // A batched predicate: examples already done keep their carry.
      carry = pred.ndim === 0 ? next : next.map((n, i) => select(broadcastInDimView(pred, n.shape, pred.shape.map((_, d) => d)), n, carry[i], n.dtype));
    }
  },
  cost: () => 0,
  batch: (B, xs, dims, p, axis) => {
    const ax = axis ?? { size: B };
    const [cd, bd, id] = split(dims, p);
    const cB = cd.map((d) => d !== null);
    const bB = bd.map((d) => d !== null);
    let carryB = id.map((d) => d !== null);
    for (let k = 0; k <= carryB.length; k++) {
      const out = batchClosed(p.body_jaxpr, ax, [...bB, ...carryB], carryB).outBatched;
      const next = carryB.map((b, i) => b || out[i]);
      if (next.every((b, i) => b === carryB[i])) break;
      carryB = next;
    }
    const [predB] = batchClosed(p.cond_jaxpr, ax, [...cB, ...carryB], false).outBatched;
    if (predB) carryB = carryB.map(() => true);
    const cond_jaxpr = batchClosed(p.cond_jaxpr, ax, [...cB, ...carryB], [predB]).jaxpr;
    const body_jaxpr = batchClosed(p.body_jaxpr, ax, [...bB, ...carryB], carryB).jaxpr;
    const [cc, bc, init] = split(xs, p);
    const at0 = (x: (typeof xs)[number], d: number | null, batched: boolean) => (batched ? moveBatchAxis(B, d, 0, x) : x);
    const ops = [...cc.map((x, i) => at0(x, cd[i], cB[i])), ...bc.map((x, i) => at0(x, bd[i], bB[i])), ...init.map((x, i) => at0(x, id[i], carryB[i]))];
    const outs = bind(whileP, ops, { ...p, cond_jaxpr, body_jaxpr });
    return [outs, carryB.map((b) => (b ? 0 : null))];
  },
  provenance: allCells,
  vjp: () => {
    throw whileReverseError();
  },
  printParams: (p) => `body_nconsts=${p.bodyNconsts} cond_nconsts=${p.condNconsts}`,
});
