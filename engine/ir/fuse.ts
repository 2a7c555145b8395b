/**
 * Loop fusion: groups elementwise equations (prim.elementwise with an emit template) whose results
 * share one shape into a single loop nest, operands broadcasting into it, plus trailing
 * reduce_sum/max/min/prod equations over all axes or over trailing axes of a member. Only values
 * read outside the group (or returned) are materialized, so `sum(tanh(x) * 2 + x * x)` is one
 * pass with no intermediate arrays. A group runs where its first member stood; an equation may
 * join only if its other inputs already exist there. XLA's loop fusion plays this role in JAX;
 * tinygrad's scheduler does the same grouping of elementwise "UOps" with a reduce.
 */
import { shapesEqual } from "../array/shape";
import type { PrimitiveDef } from "../core/primitive";
import { Lit, Var, type Eqn, type Jaxpr } from "./jaxpr";

/** Accumulator for each fusible reduction: start value and the update `acc ← f(acc, t)`. */
export const REDUCERS: Record<string, { init: string; update: (acc: string, t: string) => string }> = {
  reduce_sum: { init: "0", update: (a, t) => `${a} += ${t};` },
  reduce_prod: { init: "1", update: (a, t) => `${a} *= ${t};` },
  // NaN wins, as in the reduce kernel (`t !== t` is the NaN test).
  reduce_max: { init: "-Infinity", update: (a, t) => `if (${t} > ${a} || ${t} !== ${t}) ${a} = ${t};` },
  reduce_min: { init: "Infinity", update: (a, t) => `if (${t} < ${a} || ${t} !== ${t}) ${a} = ${t};` },
};

export interface LoopGroup {
  readonly kind: "loop";
  /** The shape every member result has; the loop nest walks it row-major. */
  readonly shape: readonly number[];
  readonly members: Eqn[];
  /** Reductions of member results over the last `reduced` axes, computed in the same nest. */
  readonly reductions: Eqn[];
  reduced: number;
  /** Arrays read from outside the group (inputs, consts, earlier results), in first-use order. */
  readonly externals: Var[];
  /** Member results that must be written to memory (read later or returned). */
  readonly outputs: Var[];
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

export function fuse(jaxpr: Jaxpr): Program {
  const defPos = new Map<Var, number>();
  jaxpr.eqns.forEach((e, i) => e.outputs.forEach((v) => defPos.set(v, i)));
  const memberOf = new Map<Var, LoopGroup>();
  const groups: LoopGroup[] = [];
  const steps: Step[] = [];
  // An input is available to group g if it is g's own member result or exists before g starts.
  const available = (g: LoopGroup, v: Var) => memberOf.get(v) === g || (defPos.get(v) ?? -1) < g.start;

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
    steps.push({ kind: "eqn", eqn: e });
  });

  function newGroup(shape: readonly number[], start: number): LoopGroup {
    const g: LoopGroup = { kind: "loop", shape, members: [], reductions: [], reduced: 0, externals: [], outputs: [], start };
    groups.push(g);
    steps.push(g);
    return g;
  }

  // Which member results are read outside their own loop nest.
  const readOutside = new Set<Var>();
  for (const s of steps) if (s.kind === "eqn") for (const a of s.eqn.inputs) if (a instanceof Var) readOutside.add(a);
  for (const g of groups) {
    for (const e of [...g.members, ...g.reductions]) {
      for (const a of e.inputs) {
        if (a instanceof Lit || memberOf.get(a) === g) continue;
        readOutside.add(a);
        if (!g.externals.includes(a)) g.externals.push(a);
      }
    }
  }
  for (const a of jaxpr.outvars) if (a instanceof Var) readOutside.add(a);
  for (const g of groups) for (const e of g.members) if (readOutside.has(e.outputs[0])) g.outputs.push(e.outputs[0]);
  return { jaxpr, steps };
}
