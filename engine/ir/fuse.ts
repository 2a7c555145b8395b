/**
 * Loop fusion: groups elementwise equations (prim.elementwise with an emit template) whose results
 * share one shape into a single loop nest, operands broadcasting into it, plus trailing
 * reduce_sum/max/min/prod equations over all axes or over trailing axes of a member. Only values
 * read outside the group (or returned) are materialized, so `sum(tanh(x) * 2 + x * x)` is one
 * pass with no intermediate arrays. A group runs where its first member stood; an equation may
 * join only if its other inputs already exist there. Views (transpose, broadcast_in_dim) are
 * read through strides from the array they view, and a member result whose only reader is a
 * transpose is written in the transposed layout, so vmap's moved axes (`in_axes=(1, 0),
 * out_axes=1`) cost no copies: one loop reads the inputs and writes the final array. XLA's loop
 * fusion plays this role in JAX (its fusions read operands through transposes and broadcasts,
 * and its layout assignment picks the written layout); tinygrad's scheduler does the same
 * grouping of elementwise "UOps" with a reduce, views being ShapeTrackers.
 */
import { shapesEqual } from "../array/shape";
import type { PrimitiveDef } from "../core/primitive";
import { Lit, Var, type Eqn, type Jaxpr } from "./jaxpr";

/**
 * Accumulator for each fusible reduction: start value and the update `acc ← f(acc, t)`. `lanes`:
 * the sum keeps interleaved accumulators in the order of array/summation.ts, as its kernel does.
 */
export const REDUCERS: Record<string, { init: string; update: (acc: string, t: string) => string; lanes?: true }> = {
  reduce_sum: { init: "0", update: (a, t) => `${a} += ${t};`, lanes: true },
  reduce_prod: { init: "1", update: (a, t) => `${a} *= ${t};` },
  // NaN wins, as in the reduce kernel (`t !== t` is the NaN test).
  reduce_max: { init: "-Infinity", update: (a, t) => `if (${t} > ${a} || ${t} !== ${t}) ${a} = ${t};` },
  reduce_min: { init: "Infinity", update: (a, t) => `if (${t} < ${a} || ${t} !== ${t}) ${a} = ${t};` },
};

/**
 * An array a loop group reads from outside. `axes` null: `base` broadcast right-aligned into the
 * loop shape (elementwise operands). Otherwise `base` read through views (transpose,
 * broadcast_in_dim): for each loop axis, the axis of `base` it steps along, or -1 (stride 0).
 */
export interface Operand {
  readonly base: Var;
  readonly axes: readonly number[] | null;
}

/**
 * A member result the group writes to memory. `target` is `source` itself (perm null), or the
 * result of a transpose of it that was its only reader: the group then writes that transposed
 * array directly (and loops in its order), so no transposed view is left for a reader to copy.
 */
export interface Written {
  readonly source: Var;
  readonly target: Var;
  readonly perm: readonly number[] | null;
}

export interface LoopGroup {
  readonly kind: "loop";
  /** The shape every member result has; the loop nest walks it row-major. */
  readonly shape: readonly number[];
  readonly members: Eqn[];
  /** Reductions of member results over the last `reduced` axes, computed in the same nest. */
  readonly reductions: Eqn[];
  reduced: number;
  /** Arrays read from outside the group (inputs, consts, earlier results), in first-use order. */
  readonly externals: Operand[];
  /** Which operand each non-member Var in a member's or reduction's inputs reads. */
  readonly operandOf: Map<Var, Operand>;
  /** Member results that must be written to memory (read later or returned). */
  readonly outputs: Written[];
  /** Equation index where the group runs (its first member). */
  readonly start: number;
}

export interface EqnStep {
  readonly kind: "eqn";
  readonly eqn: Eqn;
}

export type Step = LoopGroup | EqnStep;

export interface Program {
  readonly jaxpr: Jaxpr;
  readonly steps: readonly Step[];
}

function isFusible(prim: PrimitiveDef): boolean {
  return !!prim.elementwise && typeof prim.emit === "function";
}

/** The number of trailing axes a reduction equation sums over, or 0 if it is not fusible. */
function trailingAxes(e: Eqn): number {
  if (!(e.prim.name in REDUCERS)) return 0;
  const x = e.inputs[0];
  const axes: number[] | undefined = e.params?.axes;
  if (!(x instanceof Var) || !Array.isArray(axes) || axes.length === 0) return 0;
  const n = x.aval.ndim;
  const sorted = [...axes].map((a) => (a < 0 ? a + n : a)).sort((a, b) => a - b);
  return sorted.every((a, i) => a === n - sorted.length + i) ? sorted.length : 0;
}

/** The axis permutation a view equation applies, or null if it also broadcasts (or is no view). */
function permutationOf(e: Eqn): number[] | null {
  const x = e.inputs[0];
  if (!e.prim.viewAxes || !(x instanceof Var)) return null;
  const axes = e.prim.viewAxes(e.params, x.aval);
  const n = x.aval.ndim;
  return axes.length === n && new Set(axes).size === n && axes.every((a) => a >= 0 && a < n) ? axes : null;
}

export function fuse(jaxpr: Jaxpr): Program {
  const defPos = new Map<Var, number>();
  jaxpr.eqns.forEach((e, i) => e.outputs.forEach((v) => defPos.set(v, i)));
  const memberOf = new Map<Var, LoopGroup>();
  const groups: LoopGroup[] = [];
  const steps: Step[] = [];
  // Results of view equations (transpose, broadcast_in_dim, chains of them) as their base
  // array and axis map: a loop reads the base through strides instead of a materialized copy.
  const views = new Map<Var, Operand>();
  const resolve = (v: Var): Operand => views.get(v) ?? { base: v, axes: null };
  // An input is available to group g if it is g's own member result, or its base exists before
  // g starts and is not a member of g (a view of a member would need another iteration's value).
  const available = (g: LoopGroup, v: Var) => {
    if (memberOf.get(v) === g) return true;
    const { base } = resolve(v);
    return memberOf.get(base) !== g && (defPos.get(base) ?? -1) < g.start;
  };

  jaxpr.eqns.forEach((e, i) => {
    if (isFusible(e.prim) && e.outputs.length === 1 && e.inputs.every((a) => a instanceof Var || a.val.ndim === 0)) {
      const shape = e.outputs[0].aval.shape;
      const vars = e.inputs.filter((a): a is Var => a instanceof Var);
      const ok = (g: LoopGroup) => shapesEqual(g.shape, shape) && vars.every((v) => available(g, v));
      const candidates = groups.filter(ok);
      const g =
        candidates.find((c) => vars.some((v) => memberOf.get(v) === c)) ??
        candidates[candidates.length - 1] ??
        newGroup(shape, i);
      g.members.push(e);
      memberOf.set(e.outputs[0], g);
      return;
    }
    const k = trailingAxes(e);
    if (k > 0) {
      const g = memberOf.get(e.inputs[0] as Var);
      if (g && (g.reduced === 0 || g.reduced === k) && shapesEqual(g.shape, (e.inputs[0] as Var).aval.shape)) {
        g.reductions.push(e);
        g.reduced = k;
        return;
      }
    }
    const x = e.inputs[0];
    if (e.prim.viewAxes && e.inputs.length === 1 && e.outputs.length === 1 && x instanceof Var) {
      const inner = resolve(x);
      const axes = e.prim.viewAxes(e.params, x.aval);
      // Composed with the operand's own view: result axis → operand axis → base axis.
      views.set(e.outputs[0], { base: inner.base, axes: inner.axes === null ? axes : axes.map((a) => (a < 0 ? -1 : inner.axes![a])) });
    }
    steps.push({ kind: "eqn", eqn: e });
  });

  function newGroup(shape: readonly number[], start: number): LoopGroup {
    const g: LoopGroup = { kind: "loop", shape, members: [], reductions: [], reduced: 0, externals: [], operandOf: new Map(), outputs: [], start };
    groups.push(g);
    steps.push(g);
    return g;
  }

  // Each group's operands: what its members read from outside, views resolved to their bases.
  for (const g of groups) {
    for (const e of [...g.members, ...g.reductions]) {
      for (const a of e.inputs) {
        if (a instanceof Lit || memberOf.get(a) === g || g.operandOf.has(a)) continue;
        const view = resolve(a);
        // A lower-rank operand broadcasts right-aligned: its view's axes too.
        const lead = g.shape.length - a.aval.ndim;
        const op = view.axes === null || lead === 0 ? view : { base: view.base, axes: [...Array<number>(lead).fill(-1), ...view.axes] };
        const same = g.externals.find((o) => o.base === op.base && o.axes?.join() === op.axes?.join());
        if (!same) g.externals.push(op);
        g.operandOf.set(a, same ?? op);
      }
    }
  }

  // Which values are read, walking backwards so a view step counts only if something reads it
  // (a view read only by loops through its base is dropped: the loops read the base).
  const readers = new Map<Var, Step[]>();
  const outvars = new Set(jaxpr.outvars.filter((a): a is Var => a instanceof Var));
  const addReader = (v: Var, s: Step) => {
    const r = readers.get(v);
    if (r) r.push(s);
    else readers.set(v, [s]);
  };
  const live: Step[] = [];
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i];
    if (s.kind === "loop") {
      for (const op of s.externals) addReader(op.base, s);
    } else {
      const out = s.eqn.outputs;
      if (s.eqn.prim.viewAxes && !out.some((v) => outvars.has(v) || readers.has(v))) continue;
      for (const a of s.eqn.inputs) if (a instanceof Var) addReader(a, s);
    }
    live.push(s);
  }
  live.reverse();

  // A member result read only by one transpose (and not returned) is written transposed.
  const folded = new Set<Step>();
  for (const g of groups) {
    for (const e of g.members) {
      const v = e.outputs[0];
      const r = readers.get(v) ?? [];
      const returned = outvars.has(v);
      if (!returned && r.length === 0) continue;
      const t = r.length === 1 && !returned && g.reductions.length === 0 ? r[0] : null;
      const perm = t?.kind === "eqn" && t.eqn.inputs[0] === v ? permutationOf(t.eqn) : null;
      if (t?.kind === "eqn" && perm) {
        g.outputs.push({ source: v, target: t.eqn.outputs[0], perm });
        folded.add(t);
      } else g.outputs.push({ source: v, target: v, perm: null });
    }
  }
  return { jaxpr, steps: live.filter((s) => !folded.has(s)) };
}
