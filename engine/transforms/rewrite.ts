/**
 * vmapRewrite: how vmap rewrote f, as data. Two jaxprs — `make_jaxpr(f)` at the per-example
 * shapes and `make_jaxpr(vmap(f, in_axes, out_axes))` at the batched shapes — with, for every
 * batched equation, the per-example equation it came from (or "added by vmap": a
 * `broadcast_in_dim`, `transpose` or moved axis a batching rule or out_axes needed), and every
 * variable's batch dimension.
 *
 * How the pairing is known, not guessed: f's code sees the per-example shapes under vmap too
 * (BatchTracer.aval), so it binds the same primitives in the same order in both traces. Each of
 * those binds is either handled by vmap's batch trace (a batching rule runs: the equations it
 * emits are told to the jaxpr builder's watcher between the rule's `beforeRule` and the batch
 * listener) or, when no operand is batched, staged directly as one unchanged equation. Equations
 * staged after f returned are out_axes moves. JAX: batching.py (BatchTrace.process_primitive,
 * matchaxis), partial_eval.py (DynamicJaxprTrace).
 */
import { ShapedArray } from "../core/aval";
import type { BDim } from "../core/primitive";
import { avalOf, isTracer, type Tracer, type Value } from "../core/tracer";
import { traceFlat, type Atom, type Eqn, type Jaxpr, type Var } from "../ir/jaxpr";
import { jaxprParts } from "../ir/print";
import { withBudgetScope } from "../limits";
import { planVmap, type VmapOptions } from "./describe";
import { callWithTree, checkAxesSpecs, placeOutputs, vmapList, withPerExampleAxis } from "./vmap";

export interface RewriteVar {
  /** The jaxpr's own name for it (as printed), or a literal's text. */
  name: string;
  shape: number[];
  /** Batched jaxpr only: where the batch axis sits in `shape`, or null (not batched). */
  bdim: number | null;
}

export interface RewriteEqn {
  index: number;
  primitive: string;
  /** The equation as the jaxpr prints it. */
  text: string;
  inputs: RewriteVar[];
  outputs: RewriteVar[];
}

/** Where a batched equation came from. */
export type RewriteOrigin =
  /** The batched form of per-example equation `eqn` (same primitive). */
  | { kind: "batched"; eqn: number }
  /** Not batched at all: no operand depends on the mapped axis, so it is staged unchanged. */
  | { kind: "unchanged"; eqn: number }
  /**
   * Added by vmap: emitted by the batching rule of per-example equation `eqn` to line up batch
   * axes (`broadcast_in_dim`, `transpose`), or, with `eqn` null, moving an output to out_axes.
   */
  | { kind: "added"; eqn: number | null; why: string };

export interface PerExampleEqn extends RewriteEqn {
  /**
   * Which primitive of traceVmap's story (its `primitives[i]`, the shape-story line) batched this
   * equation; null when it was staged unchanged (no operand batched, so vmap never saw it).
   */
  storyLine: number | null;
}

export interface BatchedEqn extends RewriteEqn {
  origin: RewriteOrigin;
}

export interface RewriteJaxpr<E extends RewriteEqn> {
  invars: RewriteVar[];
  constvars: RewriteVar[];
  eqns: E[];
  outvars: RewriteVar[];
  /** The whole jaxpr as `make_jaxpr` prints it. */
  text: string;
}

export interface VmapRewrite {
  axisSize: number;
  perExample: RewriteJaxpr<PerExampleEqn>;
  batched: RewriteJaxpr<BatchedEqn>;
}

type Tag = { kind: "rule"; eqn: number } | { kind: "direct"; eqn: number } | { kind: "out_axes" };

/**
 * The rewrite of `vmap(fun, inAxes, outAxes, opts)` at `args` (traced only: no array work).
 * Raises exactly what the vmapped call would (same plan, same checks).
 */
export function vmapRewrite(fun: Function, inAxes: unknown, outAxes: unknown, args: readonly unknown[], opts: VmapOptions = {}): VmapRewrite {
  return withBudgetScope(() => {
    checkAxesSpecs(inAxes, outAxes);
    const plan = planVmap(fun, inAxes, args, opts);
    const B = plan.axisSize;
    const batchedAvals = plan.leaves.map((x) => avalOf(x));
    // What f sees: the same dtype, without the mapped axis (BatchTracer.aval).
    const perAvals = batchedAvals.map((a, i) => {
      const d = plan.inDims[i];
      return d === null ? a : new ShapedArray(a.shape.filter((_, k) => k !== d), a.dtype, a.weak);
    });
    const body = (xs: readonly Value[]) => callWithTree(fun, plan.argsTree, xs);

    const per = withPerExampleAxis(opts.axisName, B, () => traceFlat((ins) => body(ins), perAvals).jaxpr);

    // The batched trace, watched: which f-level bind each equation belongs to, and batch dims.
    const tags = new WeakMap<readonly Var[], Tag>();
    const varOf = new Map<Tracer, Var>();
    const bdims = new Map<Var, BDim>();
    let fLevel = 0; // f-level binds so far (= index of the next per-example equation)
    const storyLines = new Map<number, number>(); // f-level bind → batch listener event (story line)
    let inRule = false;
    let fDone = false;
    const watcher = (eqn: Eqn, outs: readonly Tracer[]) => {
      outs.forEach((t, i) => varOf.set(t, eqn.outputs[i]));
      const tag: Tag = fDone ? { kind: "out_axes" } : inRule ? { kind: "rule", eqn: fLevel } : { kind: "direct", eqn: fLevel++ };
      tags.set(eqn.outputs, tag);
    };
    const noteDim = (v: Value, d: BDim) => {
      const x = isTracer(v) ? varOf.get(v) : undefined;
      if (x) bdims.set(x, d);
    };
    const batched = traceFlat(
      (ins) => {
        ins.forEach((t, i) => isTracer(t) && noteDim(t, plan.inDims[i]));
        const { outs, outDims, outTree } = vmapList(
          body,
          B,
          ins,
          plan.inDims,
          ({ inputs, outputs }) => {
            inputs.forEach((x) => noteDim(x.val, x.bdim));
            outputs.forEach((x) => noteDim(x.val, x.bdim));
            inRule = false;
            storyLines.set(fLevel++, storyLines.size);
          },
          () => {
            inRule = true;
          },
          opts.axisName,
        );
        fDone = true;
        outs.forEach((o, i) => isTracer(o) && noteDim(o, outDims[i]));
        return placeOutputs(outs, outDims, outTree, outAxes, B).placed;
      },
      batchedAvals,
      watcher,
    ).jaxpr;
    // Invars were bound before the watcher saw any equation: map them by position.
    batched.invars.forEach((v, i) => bdims.set(v, plan.inDims[i]));
    inferDims(batched, bdims, B);

    const perEqnPrims = per.eqns.map((e) => e.prim.name);
    const origin = (e: Eqn): RewriteOrigin => {
      const tag = tags.get(e.outputs);
      if (!tag || tag.kind === "out_axes") return { kind: "added", eqn: null, why: "moves the result's batch axis to out_axes" };
      if (tag.kind === "direct") return { kind: "unchanged", eqn: tag.eqn };
      if (perEqnPrims[tag.eqn] === e.prim.name) return { kind: "batched", eqn: tag.eqn };
      // What else a batching rule stages moves or adds batch axes (moveBatchAxis, families.ts).
      return { kind: "added", eqn: tag.eqn, why: `lines the batch axes up for ${perEqnPrims[tag.eqn]}` };
    };
    return {
      axisSize: B,
      perExample: describeJaxpr(per, () => null, (_e, base) => ({ ...base, storyLine: storyLines.get(base.index) ?? null })),
      batched: describeJaxpr(batched, (v) => bdims.get(v) ?? null, (e, base): BatchedEqn => ({ ...base, origin: origin(e) })),
    };
  });
}

/**
 * Batch dims of the variables inside a batching rule (between the operands and results the batch
 * trace reports): forward through the axis-moving primitives the rules emit (and concatenate), then backward from
 * a known result through a trailing transpose (the batched dot's).
 */
function inferDims(j: Jaxpr, bdims: Map<Var, BDim>, B: number): void {
  const dimOf = (a: Atom): BDim | undefined => (a.kind === "var" ? bdims.get(a) : null);
  for (const e of j.eqns) {
    const out = e.outputs[0];
    if (e.outputs.length !== 1 || bdims.has(out)) continue;
    const d = dimOf(e.inputs[0]);
    if (e.prim.name === "transpose" && d !== undefined) {
      bdims.set(out, d === null ? null : (e.params.perm as number[]).indexOf(d));
    } else if (e.prim.name === "broadcast_in_dim" && d !== undefined) {
      const bd = e.params.broadcastDimensions as number[];
      if (d !== null) bdims.set(out, bd[d]);
      else {
        const fresh = out.aval.shape.map((_, k) => k).filter((k) => !bd.includes(k) && out.aval.shape[k] === B);
        bdims.set(out, fresh.length === 1 ? fresh[0] : null);
      }
    } else if (e.prim.name === "concatenate" && e.inputs.every((a) => dimOf(a) === d) && d !== undefined && d !== e.params.dimension) {
      // Pieces batched along the same axis, joined along another (a batched index's start
      // vectors, JAX `_batch_dynamic_slice_indices`): the batch axis stays where it is.
      bdims.set(out, d);
    } else if (e.inputs.every((a) => dimOf(a) === null)) bdims.set(out, null);
    else if (e.prim.elementwise) {
      // What a rule staged elementwise (cond's select_n of both branches): batched operands of
      // the result's rank share one batch dim, and the result has it.
      const ds = e.inputs.map(dimOf);
      const batched = e.inputs.filter((_, k) => ds[k] !== null);
      const d0 = ds.find((x) => x !== null);
      if (ds.every((x) => x !== undefined) && d0 !== undefined && d0 !== null && ds.every((x) => x === null || x === d0) && batched.every((a) => a.aval.ndim === out.aval.ndim)) bdims.set(out, d0);
    }
  }
  for (let i = j.eqns.length - 1; i >= 0; i--) {
    const e = j.eqns[i];
    const a = e.inputs[0];
    const o = bdims.get(e.outputs[0]);
    if (e.prim.name === "transpose" && a?.kind === "var" && !bdims.has(a) && o !== undefined) {
      bdims.set(a, o === null ? null : (e.params.perm as number[])[o]);
    }
  }
}

function describeJaxpr<E extends RewriteEqn>(j: Jaxpr, dim: (v: Var) => BDim, make: (e: Eqn, base: RewriteEqn) => E): RewriteJaxpr<E> {
  const { names, atom, eqns } = jaxprParts(j);
  const rv = (a: Atom): RewriteVar => ({
    name: a.kind === "var" ? (names.get(a) ?? atom(a)) : atom(a),
    shape: [...a.aval.shape],
    bdim: a.kind === "var" ? dim(a) : null,
  });
  return {
    invars: j.invars.map(rv),
    constvars: j.constvars.map(rv),
    eqns: j.eqns.map((e, index) => make(e, { index, primitive: e.prim.name, text: eqns[index], inputs: e.inputs.map(rv), outputs: e.outputs.map(rv) })),
    outvars: j.outvars.map(rv),
    text: j.toString(),
  };
}
