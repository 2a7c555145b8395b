/**
 * A primitive is one object holding every rule it has (style P1): shape, impl and batch are
 * required (vmap never falls back to a loop), and so is provenance (every program gets its cell
 * highlighting); vjp and emit are declared where they exist.
 * Interpreters (eval, vmap, grad, jaxpr building, codegen) stay generic and look rules up here.
 * JAX: each `*_p` in jax/_src/lax/lax.py with its rules registered beside it.
 */
import { promote, roundInPlace, type Typed } from "../array/dtype";
import { NDArray } from "../array/ndarray";
import { sizeOf } from "../array/shape";
import { CALL_COST, chargeOps } from "../limits";
import { ShapedArray } from "./aval";
import type { CellContext, CellSets } from "./cells";
import type { SymbolForm } from "./symbols";
import type { Value } from "./tracer";

/**
 * The vmap level a batching rule runs at: its size and its `axis_name` (undefined when unnamed).
 * Collectives and control flow read the name (JAX: batching.py `AxisData`).
 */
export interface AxisData {
  readonly size: number;
  readonly name?: string;
}

/** Where a value's batch axis sits, or null when it is not batched (JAX's not_mapped). */
export type BDim = number | null;

export interface PrimitiveDef<P = any> {
  readonly name: string;
  /**
   * Abstract evaluation: output avals from input avals; raises the shape error JAX would.
   * definePrimitive gives each result the dtype of the `dtype` rule.
   */
  shape(avals: ShapedArray[], params: P): ShapedArray[];
  /**
   * The results' dtype (with weak_type) from the operands'. Default: their promotion
   * (dtype.ts `promote`), right for arithmetic, reductions, contractions and data movement.
   * A list gives each result its own type (sort returns its operands permuted, each its own).
   */
  dtype?(xs: readonly Typed[], params: P): Typed | readonly Typed[];
  /**
   * Concrete evaluation on arrays. definePrimitive wraps it to charge `cost` first and passes
   * `type`, the results' type from the `dtype` rule (callers never pass it).
   */
  impl(xs: NDArray[], params: P, type?: Typed): NDArray[];
  /**
   * True when impl returns fresh results already rounded to `type` (elementwise kernels round
   * in their loops), so definePrimitive only labels them, with no second pass over the data.
   */
  readonly roundsResults?: boolean;
  /**
   * Element operations one impl call performs, for the work budget (engine/limits.ts); known
   * from shapes alone, so the budget refuses before the work starts. O(ndim), never per
   * element. Default: the total size of the results (from the shape rule).
   */
  cost?(xs: readonly NDArray[], params: P): number;
  /**
   * Batching rule: operands carry batch dims `dims` (null = unbatched); returns the batched results
   * and their batch dims, computed for the whole batch at once by binding primitives.
   */
  batch(axisSize: number, xs: Value[], dims: BDim[], params: P, axis?: AxisData): [Value[], BDim[]];
  /**
   * Cell provenance: for every output cell, the set of input cells it was computed from, given
   * the operands' sets (at the shapes this primitive sees). Families: primitives/provenanceFamilies.ts.
   */
  provenance(xs: CellSets[], params: P, ctx: CellContext): CellSets[];
  /**
   * How one result cell reads when written with its operands' cells (`a₀₁ + b₁₀`, `Σ m₀ⱼ·vⱼ`):
   * which operation combined the cells `provenance` names (core/symbols.ts). Without it a cell
   * is written `name(…)` with the operand cells `provenance` gives.
   */
  symbol?(params: P): SymbolForm;
  /**
   * Reverse-mode rule: given output cotangents (null = zero), the primal inputs and outputs,
   * the cotangent for each input (null = zero / not differentiable). Built from binds, so it
   * composes with vmap, jit and itself (grad of grad). `needed[i]` is false when input i's
   * cotangent will be dropped (a closed-over or non-differentiated value): rules may skip it.
   */
  vjp?(cts: (Value | null)[], xs: Value[], outs: Value[], params: P, needed?: readonly boolean[]): (Value | null)[];
  /**
   * Elementwise primitives: a JS expression of its operands' expressions, for fused loops;
   * `out` is the result's aval (codegen rounds the expression to its dtype).
   */
  emit?(args: string[], params: P, out?: ShapedArray): string;
  /**
   * Primitives whose result is a re-indexing of their one operand (transpose, broadcast_in_dim):
   * for each result axis, the operand axis it steps along, or -1 where the operand is broadcast
   * (a new axis or a stretched size-1 one). Fused loops read such a result straight from the
   * operand with these strides instead of materializing it (ir/fuse.ts).
   */
  viewAxes?(params: P, operand: ShapedArray): number[];
  /**
   * jaxpr text of the params, e.g. `axes=(0,)`; omitted when the primitive has none. `outs`,
   * the equation's result avals, for params JAX derives from them (dot_general's
   * preferred_element_type).
   */
  printParams?(params: P, outs?: readonly ShapedArray[]): string;
  /**
   * The shape rule gives each result its own dtype (control flow, whose results are its
   * sub-jaxpr's): no `dtype` rule applies and impl's results are kept as they are.
   */
  readonly ownTypes?: boolean;
  /**
   * True when which input cell an output cell reads depends on operand values (gather, scatter,
   * dynamic_slice: the indices choose), so provenance is worked out per example with the
   * values known (`CellContext.values`).
   */
  readonly provenanceReadsValues?: boolean;
  /** Marks elementwise primitives (fusible, broadcast-free at this level). */
  readonly elementwise?: boolean;
}

const registry = new Map<string, PrimitiveDef>();

export function definePrimitive<P>(def: PrimitiveDef<P>): PrimitiveDef<P> {
  if (registry.has(def.name)) throw new Error(`primitive ${def.name} defined twice`);
  const impl = def.impl;
  const cost = def.cost ?? ((xs: readonly NDArray[], p: P) => resultSize(def, xs, p));
  const rule = def.dtype ?? ((xs: readonly Typed[]) => promote(xs));
  /** Result i's type from the rule's answer (one type for all results, or one each). */
  const nth = (t: Typed | readonly Typed[], i: number): Typed => (isTypeList(t) ? t[i] : t);
  const shape = def.shape;
  // Every concrete evaluation (eager bind, the interpreter, compiled code, constant folding)
  // goes through impl, so charging here budgets them all with one rule per primitive, and
  // rounding here gives every result its dtype's values (float32 by default) in every mode.
  const budgeted: PrimitiveDef<P> = {
    ...def,
    dtype: rule,
    shape: (avals, p) => {
      if (def.ownTypes) return shape(avals, p);
      const types = rule(avals, p);
      return shape(avals, p).map((a, i) => {
        const t = nth(types, i);
        return a.dtype === t.dtype && a.weak === t.weak ? a : a.withType(t);
      });
    },
    impl: (xs, p) => {
      chargeOps(cost(xs, p) + CALL_COST);
      if (def.ownTypes) return impl(xs, p);
      const types = rule(xs, p);
      if (def.roundsResults) return impl(xs, p, nth(types, 0)).map((out, i) => relabel(out, nth(types, i)));
      return impl(xs, p).map((out, i) => conform(out, nth(types, i), xs));
    },
  };
  registry.set(def.name, budgeted);
  return budgeted;
}

/**
 * `out` as an array of type `t`: a view of an operand of that dtype is relabelled; a fresh
 * result (computed in float64 by the kernels) is rounded in place; a view of an operand of
 * another dtype is copied first, never rounding the operand's storage.
 */
function conform(out: NDArray, t: Typed, xs: readonly NDArray[]): NDArray {
  const source = xs.find((x) => x.data === out.data);
  if (source !== undefined && source.dtype === t.dtype) return relabel(out, t);
  if (source !== undefined) {
    const data = out.flat();
    roundInPlace(data, 0, data.length, t.dtype);
    return new NDArray(data, out.shape, undefined, 0, t.dtype, t.weak);
  }
  // A fresh result owns its whole storage, so rounding all of it is exactly rounding its values.
  roundInPlace(out.data, 0, out.data.length, t.dtype);
  return relabel(out, t);
}

const isTypeList = (t: Typed | readonly Typed[]): t is readonly Typed[] => Array.isArray(t);

/** `out`'s values labelled with type `t` (they already are `t`'s values). */
const relabel = (out: NDArray, t: Typed): NDArray =>
  out.dtype === t.dtype && out.weak === t.weak ? out : new NDArray(out.data, out.shape, out.strides, out.offset, t.dtype, t.weak);

/** Total elements of a primitive's results, from its shape rule. */
function resultSize<P>(def: PrimitiveDef<P>, xs: readonly NDArray[], p: P): number {
  let n = 0;
  for (const a of def.shape(xs.map((x) => new ShapedArray(x.shape, x.dtype, x.weak)), p)) n += sizeOf(a.shape);
  return n;
}

export function allPrimitives(): PrimitiveDef[] {
  return [...registry.values()];
}

export function primitiveByName(name: string): PrimitiveDef | undefined {
  return registry.get(name);
}
