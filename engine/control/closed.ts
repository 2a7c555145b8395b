/**
 * What every control-flow primitive does with the functions it is given: trace them to jaxprs
 * whose closed-over values become leading operands (JAX: `pe.trace_to_jaxpr` +
 * `separate_consts` / `_initial_style_jaxpr`, so a batched or differentiated closed-over value
 * is an operand the rules see), merge the constants of several branches (`_merge_common_consts`),
 * batch a jaxpr with chosen inputs and outputs batched at axis 0 (batching.py `batch_jaxpr`
 * with `instantiate`), and turn a jaxpr into its pullback with every cotangent instantiated
 * (a zero where none flows), so all branches of a cond have the same backward type.
 */
import { ShapedArray } from "../core/aval";
import type { AxisData } from "../core/primitive";
import type { CellContext, CellSets } from "../core/cells";
import { avalOf, toValue, type Value } from "../core/tracer";
import { treeFlatten, type TreeDef } from "../core/pytree";
import { evalJaxpr } from "../ir/interpret";
import { Jaxpr, traceFlat, traceToJaxpr, Var } from "../ir/jaxpr";
import { moveBatchAxis } from "../primitives/families";
import * as lax from "../primitives/lax";
import { scalarOfType } from "../array/create";
import { vjp } from "../transforms/grad";
import { vmapList } from "../transforms/vmap";

export interface Closed {
  /** Invars: the closed-over values first, then the function's flat arguments. */
  readonly jaxpr: Jaxpr;
  readonly consts: Value[];
  readonly outTree: TreeDef;
}

/** Traces `fun(*args)` at the flat `avals` (structure `inTree`, a tuple of its arguments). */
export function traceClosed(fun: (...args: any[]) => unknown, avals: readonly ShapedArray[], inTree: TreeDef): Closed {
  const { jaxpr, outTree } = traceToJaxpr(fun, avals, inTree);
  return { jaxpr: new Jaxpr([], [], [...jaxpr.constvars, ...jaxpr.invars], jaxpr.eqns, jaxpr.outvars), consts: [...jaxpr.consts], outTree };
}

/**
 * Several traced functions over one operand list: the union of their constants (each value
 * once), every jaxpr taking all of them (unused ones as fresh binders) before its arguments.
 */
export function mergeConsts(closed: readonly Closed[]): { jaxprs: Jaxpr[]; consts: Value[] } {
  const consts: Value[] = [];
  for (const c of closed) for (const v of c.consts) if (!consts.includes(v)) consts.push(v);
  const jaxprs = closed.map((c) => {
    const own = c.jaxpr.invars.slice(0, c.consts.length);
    const args = c.jaxpr.invars.slice(c.consts.length);
    const constInvars = consts.map((v) => {
      const i = c.consts.indexOf(v);
      return i >= 0 ? own[i] : new Var(avalOf(v));
    });
    return new Jaxpr([], [], [...constInvars, ...args], c.jaxpr.eqns, c.jaxpr.outvars);
  });
  return { jaxprs, consts };
}

/** The flat leaves of a pytree as engine values. */
export function leavesOf(tree: unknown): [Value[], TreeDef] {
  const [leaves, def] = treeFlatten(tree);
  return [leaves.map(toValue), def];
}

const withLead = (a: ShapedArray, n: number) => new ShapedArray([n, ...a.shape], a.dtype, a.weak);

/**
 * `jaxpr` batched: inputs with `inBatched` carry the batch at axis 0; each output comes out
 * batched at axis 0 when it depends on a batched input or when `force` asks for it
 * (instantiate), unbatched otherwise. JAX: batching.py `batch_jaxpr`.
 */
export function batchClosed(jaxpr: Jaxpr, axis: AxisData, inBatched: readonly boolean[], force: boolean | readonly boolean[]): { jaxpr: Jaxpr; outBatched: boolean[] } {
  const forced = (i: number) => (typeof force === "boolean" ? force : force[i]);
  const avals = jaxpr.invars.map((v, i) => (inBatched[i] ? withLead(v.aval, axis.size) : v.aval));
  let outBatched: boolean[] = [];
  const traced = traceFlat((ys) => {
    const r = vmapList((zs) => evalJaxpr(jaxpr, undefined, zs), axis.size, ys, inBatched.map((b) => (b ? 0 : null)), undefined, undefined, axis.name);
    outBatched = r.outDims.map((d, i) => d !== null || forced(i));
    return r.outs.map((o, i) => {
      const v = toValue(o);
      const d = r.outDims[i];
      return d === null && !forced(i) ? v : moveBatchAxis(axis.size, d, 0, v);
    });
  }, avals);
  return { jaxpr: traced.jaxpr, outBatched };
}

/** Zeros of an aval, staged as JAX stages them (a broadcast of a scalar literal). */
export function zerosOf(a: ShapedArray): Value {
  return lax.broadcastInDim(scalarOfType(0, a.dtype), [...a.shape], []);
}

/**
 * The pullback of `jaxpr` as a jaxpr: inputs are its primal inputs then the cotangents of the
 * outputs `ctMask` marks; outputs are a cotangent for every input (zeros where none flows).
 */
export function pullbackClosed(jaxpr: Jaxpr, ctMask: readonly boolean[]): Jaxpr {
  const n = jaxpr.invars.length;
  const avals = [...jaxpr.inAvals, ...jaxpr.outAvals.filter((_, i) => ctMask[i])];
  return traceFlat((ys) => {
    let k = n;
    const cts = ctMask.map((m) => (m ? ys[k++] : null));
    const [, pull] = vjp((zs) => evalJaxpr(jaxpr, undefined, zs), ys.slice(0, n));
    return pull(cts).map((c, i) => c ?? zerosOf(jaxpr.invars[i].aval));
  }, avals).jaxpr;
}

/**
 * Provenance of a control-flow equation: every result cell may read every operand cell (which
 * branch runs, or how often a loop turns, is known only from the values).
 */
export function allCells(xs: CellSets[], _params: unknown, ctx: CellContext): CellSets[] {
  const all = ctx.union(xs.flatMap((x) => x.cells));
  return ctx.outShapes.map((shape) => ({ shape, cells: new Array(shape.reduce((a, b) => a * b, 1)).fill(all) }));
}
