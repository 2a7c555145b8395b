/**
 * The typed IR (a jaxpr) and the trace that builds it. Var/Lit/Eqn/Jaxpr mirror JAX's
 * core.Var/Literal/JaxprEqn/ClosedJaxpr (consts live on the Jaxpr, so it is "closed"). A
 * JaxprTrace records one Eqn per bind, with output avals from prim.shape; traceToJaxpr runs it as
 * the *dynamic* trace, so even binds on plain constants inside the function are staged
 * (Autodidax "On-the-fly ('final style') and staged ('initial style') processing" / "jit";
 * JAX: jax/_src/interpreters/partial_eval.py DynamicJaxprTrace, core.check_jaxpr).
 */
import type { NDArray } from "../array/ndarray";
import { shapesEqual } from "../array/shape";
import { ShapedArray } from "../core/aval";
import type { PrimitiveDef } from "../core/primitive";
import { Trace, Tracer, avalOf, isTracer, toValue, withDynamicTrace, type MainTrace, type Value } from "../core/tracer";
import { lazyFamily } from "../lazyFamily";
import { treeFlatten, treeUnflatten, type TreeDef } from "../core/pytree";
import { withBudgetScope } from "../limits";

export class Var {
  readonly kind = "var";
  constructor(readonly aval: ShapedArray) {}
}

/** A constant inlined in an equation; JAX inlines scalar constants and prints them `2.0:f32[]`. */
export class Lit {
  readonly kind = "lit";
  readonly aval: ShapedArray;
  constructor(readonly val: NDArray) {
    this.aval = new ShapedArray(val.shape, val.dtype, val.weak);
  }
}

export type Atom = Var | Lit;

export interface Eqn {
  readonly prim: PrimitiveDef;
  readonly inputs: readonly Atom[];
  readonly params: any;
  readonly outputs: readonly Var[];
}

export class Jaxpr {
  readonly kind = "jaxpr";
  constructor(
    readonly constvars: readonly Var[],
    /** One value per constvar: arrays, or tracers of an enclosing trace until jit hoists them. */
    readonly consts: readonly Value[],
    readonly invars: readonly Var[],
    readonly eqns: readonly Eqn[],
    readonly outvars: readonly Atom[],
  ) {
    if (consts.length !== constvars.length) throw new Error("Jaxpr: one const per constvar");
  }
  get inAvals(): ShapedArray[] {
    return this.invars.map((v) => v.aval);
  }
  get outAvals(): ShapedArray[] {
    return this.outvars.map((v) => v.aval);
  }
  /** JAX's text of the jaxpr (print.ts, a family of its own: only the panels print jaxprs). */
  toString(): string {
    return jaxprPrinter.need("printing a jaxpr").printJaxpr(this);
  }
}

const jaxprPrinter = lazyFamily(() => import("./print"));

class JaxprTracer extends Tracer {
  constructor(
    readonly trace: JaxprTrace,
    private readonly _aval: ShapedArray,
  ) {
    super();
  }
  get aval(): ShapedArray {
    return this._aval;
  }
}

/** Per-trace state, kept on the MainTrace (a Trace object is re-made on every bind). */
class Builder {
  readonly eqns: Eqn[] = [];
  readonly vars = new Map<Tracer, Var>();
  readonly constTracers = new Map<Value, JaxprTracer>();
  readonly constvars: Var[] = [];
  readonly consts: Value[] = [];
  constructor(readonly watcher?: EqnWatcher) {}

  fresh(trace: JaxprTrace, aval: ShapedArray): JaxprTracer {
    const t = new JaxprTracer(trace, aval);
    this.vars.set(t, new Var(aval));
    return t;
  }

  /** A value from outside (array, or tracer of a lower level) becomes a constvar, once per value. */
  constant(trace: JaxprTrace, x: Value): JaxprTracer {
    let t = this.constTracers.get(x);
    if (!t) {
      t = this.fresh(trace, avalOf(x));
      this.constTracers.set(x, t);
      this.constvars.push(this.vars.get(t)!);
      this.consts.push(x);
    }
    return t;
  }

  varOf(t: Tracer): Var {
    const v = this.vars.get(t);
    if (!v) throw new Error("jaxpr tracer used outside the trace that made it (an escaped tracer)");
    return v;
  }

  /**
   * Closes the jaxpr. Scalar array constants become inline literals like JAX's `_inline_literals`;
   * every other constant stays a constvar (tracer constants included: jit hoists those).
   */
  build(ins: Tracer[], outs: Tracer[]): Jaxpr {
    const lits = new Map<Var, Lit>();
    const constvars: Var[] = [];
    const consts: Value[] = [];
    this.constvars.forEach((v, i) => {
      const c = this.consts[i];
      if (!isTracer(c) && c.ndim === 0) lits.set(v, new Lit(c));
      else {
        constvars.push(v);
        consts.push(c);
      }
    });
    const atom = (v: Var): Atom => lits.get(v) ?? v;
    const eqns = this.eqns.map((e) => (e.inputs.some((a) => a instanceof Var && lits.has(a)) ? { ...e, inputs: e.inputs.map((a) => (a instanceof Var ? atom(a) : a)) } : e));
    return new Jaxpr(constvars, consts, ins.map((t) => this.varOf(t)), eqns, outs.map((t) => atom(this.varOf(t))));
  }
}

class JaxprTrace extends Trace<Builder> {
  get builder(): Builder {
    return this.main.data;
  }
  pure(x: Value): Tracer {
    return this.builder.constant(this, x);
  }
  process<P>(prim: PrimitiveDef<P>, tracers: Tracer[], params: P): Tracer[] {
    const b = this.builder;
    const outAvals = prim.shape(tracers.map((t) => t.aval), params);
    const outs = outAvals.map((a) => b.fresh(this, a));
    const eqn: Eqn = { prim, inputs: tracers.map((t) => b.varOf(t)), params, outputs: outs.map((t) => b.varOf(t)) };
    b.eqns.push(eqn);
    b.watcher?.(eqn, outs);
    return outs;
  }
}

/**
 * Told of every equation as the trace records it, with the tracers its outputs became (the vmap
 * rewrite view, transforms/rewrite.ts, tags each batched equation with the batching rule that
 * emitted it). Closing the jaxpr may copy an equation to inline literals but keeps its `outputs`.
 */
export type EqnWatcher = (eqn: Eqn, outs: readonly Tracer[]) => void;

export interface Traced {
  jaxpr: Jaxpr;
  /** Structure of the function's result (a flat function returning a JS array gives a tuple). */
  outTree: TreeDef;
}

/**
 * Stages `fun` at `avals`. With `inTree`, the flat avals are rebuilt into `fun`'s pytree arguments;
 * without it, `fun` receives one tracer per aval. The result may be any pytree of values/numbers.
 */
export function traceToJaxpr(fun: (...args: any[]) => unknown, avals: readonly ShapedArray[], inTree?: TreeDef): Traced {
  return traceFlat((ins) => {
    const args = inTree ? (treeUnflatten(inTree, ins) as unknown[]) : ins;
    return fun(...(Array.isArray(args) ? args : [args]));
  }, avals);
}

/**
 * Stages `fun` at `avals`, passing the input tracers as ONE list: the jaxprs jit derives (batched,
 * backward) may have any number of inputs, and spreading them into arguments puts each on the JS
 * stack.
 */
export function traceFlat(fun: (ins: Value[]) => unknown, avals: readonly ShapedArray[], watcher?: EqnWatcher): Traced {
  return withDynamicTrace(
    (m: MainTrace<Builder>) => new JaxprTrace(m),
    new Builder(watcher),
    (main) => {
      const trace = new JaxprTrace(main);
      const b = main.data;
      const ins = avals.map((a) => b.fresh(trace, a));
      const [leaves, outTree] = treeFlatten(fun(ins));
      const outs = leaves.map((l) => raise(trace, toValue(l)));
      return { jaxpr: b.build(ins, outs), outTree };
    },
  );
}

function raise(trace: JaxprTrace, x: Value): Tracer {
  if (isTracer(x) && x.trace.main === trace.main) return x;
  return trace.pure(x);
}

export class JaxprTypeError extends Error {
  override name = "JaxprTypeError";
}

/**
 * Re-derives every aval with prim.shape and checks scoping (each var bound once, before use).
 * JAX: core.check_jaxpr. Run after every pass in tests.
 */
export function typecheckJaxpr(jaxpr: Jaxpr): void {
  const bound = new Set<Var>();
  const bind = (v: Var, aval: ShapedArray, what: string) => {
    if (bound.has(v)) throw new JaxprTypeError(`variable bound twice (${what})`);
    if (!shapesEqual(v.aval.shape, aval.shape)) {
      throw new JaxprTypeError(`${what}: binder has type ${v.aval.str()} but the value is ${aval.str()}`);
    }
    bound.add(v);
  };
  const read = (a: Atom, what: string): ShapedArray => {
    if (a instanceof Lit) {
      if (!shapesEqual(a.aval.shape, a.val.shape)) throw new JaxprTypeError(`${what}: literal does not match its type`);
      return a.aval;
    }
    if (!bound.has(a)) throw new JaxprTypeError(`${what}: variable used before it is bound`);
    return a.aval;
  };
  jaxpr.constvars.forEach((v, i) => bind(v, avalOf(jaxpr.consts[i]), `constvar ${i}`));
  jaxpr.invars.forEach((v, i) => bind(v, v.aval, `invar ${i}`));
  jaxpr.eqns.forEach((e, i) => {
    const what = `equation ${i} (${e.prim.name})`;
    const ins = e.inputs.map((a) => read(a, what));
    for (const p of Object.values(e.params ?? {})) if (p instanceof Jaxpr) typecheckJaxpr(p);
    const outs = e.prim.shape(ins, e.params);
    if (outs.length !== e.outputs.length) throw new JaxprTypeError(`${what}: ${outs.length} results for ${e.outputs.length} binders`);
    e.outputs.forEach((v, j) => bind(v, outs[j], what));
  });
  jaxpr.outvars.forEach((a, i) => read(a, `output ${i}`));
}

/** What makeJaxpr returns: the closed jaxpr plus the argument and result structures. */
export interface ClosedJaxpr {
  readonly jaxpr: Jaxpr;
  readonly inTree: TreeDef;
  readonly outTree: TreeDef;
  toString(): string;
}

/** jax.make_jaxpr: `makeJaxpr(f)(...args)` traces f at the arguments' shapes (values unused). */
export function makeJaxpr(fun: Function): (...args: unknown[]) => ClosedJaxpr {
  return (...args: unknown[]) =>
    withBudgetScope(() => {
      const [leaves, inTree] = treeFlatten(args);
      const avals = leaves.map((l) => avalOf(toValue(l)));
      const { jaxpr, outTree } = traceToJaxpr(fun as (...a: unknown[]) => unknown, avals, inTree);
      return { jaxpr, inTree, outTree, toString: () => jaxpr.toString() } as ClosedJaxpr;
    });
}
