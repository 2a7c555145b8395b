/**
 * Tracers, traces and `bind`: the interpreter stack every transformation plugs into.
 * Follows Autodidax ("Transformations as interpreters"): each transformation pushes a MainTrace
 * with a level; `bind` sends a primitive to the highest-level trace among its operands (or the
 * dynamic trace, used while staging a jaxpr), lifting lower-level values into it.
 * JAX: jax/_src/core.py (Tracer, Trace, find_top_trace, full_raise, full_lower).
 */
import { NDArray } from "../array/ndarray";
import { EngineError } from "../errors";
import { CALL_COST, chargeOps, TRACE_DEPTH_COST, withDepth } from "../limits";
import { scalarArray, scalarOfType } from "../array/create";
import { promote } from "../array/dtype";
import type { DType } from "../array/dtype";
import { ShapedArray } from "./aval";
import type { PrimitiveDef } from "./primitive";

export type Value = NDArray | Tracer;

/** One transformation level; `D` is the transformation's state (vmap's axis size, a jaxpr builder, a grad tape …). */
export interface MainTrace<D = unknown> {
  readonly level: number;
  // Method syntax (bivariant in D) so a MainTrace<Tape> sits on the one stack of MainTrace<unknown>.
  makeTrace(main: MainTrace<D>): Trace<D>;
  readonly data: D;
}

export abstract class Trace<D = unknown> {
  constructor(readonly main: MainTrace<D>) {}
  /** Wrap a value from below this level (constant w.r.t. this transformation). */
  abstract pure(x: Value): Tracer;
  /** Apply a primitive to tracers of this trace. */
  abstract process<P>(prim: PrimitiveDef<P>, tracers: Tracer[], params: P): Tracer[];
  lift(x: Value): Tracer {
    return this.pure(x);
  }
}

export abstract class Tracer {
  abstract readonly trace: Trace;
  /** What the function being traced sees: for vmap, the per-example shape. */
  abstract get aval(): ShapedArray;
  /** A tracer that adds nothing at its level collapses to the value below (Autodidax full_lower). */
  fullLower(): Value {
    return this;
  }
  get shape(): readonly number[] {
    return this.aval.shape;
  }
  get ndim(): number {
    return this.aval.ndim;
  }
  get size(): number {
    return this.aval.size;
  }
  get dtype(): DType {
    return this.aval.dtype;
  }
  get weak(): boolean {
    return this.aval.weak;
  }
}

class EvalTrace extends Trace<null> {
  pure(): Tracer {
    throw new Error("EvalTrace has no tracers");
  }
  process(): Tracer[] {
    throw new Error("EvalTrace is handled by bind directly");
  }
}

const evalMain: MainTrace<null> = { level: 0, makeTrace: (m) => new EvalTrace(m), data: null };
const stack: MainTrace[] = [evalMain];
let dynamic: MainTrace = evalMain;

/**
 * Runs `fn` with a new transformation level pushed; pops it however `fn` ends, so a throwing
 * user function never leaves the stack dirty (errors must lose nothing). Every level (vmap,
 * grad, jaxpr tracing, the batched and backward jaxprs of jit) spends depth budget, so
 * recursion through transformations ends in a RecursionError, never a stack overflow.
 */
export function withMainTrace<D, T>(makeTrace: (m: MainTrace<D>) => Trace<D>, data: D, fn: (main: MainTrace<D>) => T): T {
  return withDepth(TRACE_DEPTH_COST, () => {
    const main: MainTrace<D> = { level: stack.length, makeTrace, data };
    stack.push(main);
    try {
      return fn(main);
    } finally {
      stack.pop();
    }
  });
}

/** Like withMainTrace, and every bind goes to this level even without tracer operands (staging). */
export function withDynamicTrace<D, T>(makeTrace: (m: MainTrace<D>) => Trace<D>, data: D, fn: (main: MainTrace<D>) => T): T {
  return withMainTrace(makeTrace, data, (main) => {
    const prev = dynamic;
    dynamic = main;
    try {
      return fn(main);
    } finally {
      dynamic = prev;
    }
  });
}

export function isTracer(x: unknown): x is Tracer {
  return x instanceof Tracer;
}

export function isValue(x: unknown): x is Value {
  return x instanceof NDArray || x instanceof Tracer;
}

export function avalOf(x: Value): ShapedArray {
  return x instanceof Tracer ? x.aval : new ShapedArray(x.shape, x.dtype, x.weak);
}

/**
 * Numbers (Python scalars) become weakly typed 0-d arrays (an integral number a weak int, any
 * other a weak float), booleans bool arrays; anything else that is not a value is refused.
 */
export function toValue(x: unknown): Value {
  if (typeof x === "number" || typeof x === "boolean") return scalarArray(x);
  if (isValue(x)) return x;
  throw new EngineError("unsupported", `Value ${describe(x)} is not a valid JAX type`, { pyType: "TypeError" });
}

function describe(x: unknown): string {
  if (x === null || x === undefined) return "None";
  if (typeof x === "string") return `'${x}'`;
  if (Array.isArray(x)) return "tuple";
  return typeof x;
}

/**
 * Operands of an elementwise primitive with JS numbers (Python scalars in the rules, `2` in
 * `mul(x, 2)`) made weak arrays of their partners' promoted type, as jnp's promote_dtypes does,
 * so `x * 2` is `mul a 2.0:f32[]` in a jaxpr, as in JAX's.
 */
function scalarsLikePartners(args: readonly unknown[]): Value[] {
  const vals = args.map(toValue);
  if (!args.some((a) => typeof a === "number")) return vals;
  const t = promote(vals);
  return vals.map((v, i) => (typeof args[i] === "number" && v.dtype !== t.dtype ? scalarOfType(args[i] as number, t.dtype) : v));
}

function findTopTrace(xs: readonly Value[]): Trace {
  let top = dynamic;
  for (const x of xs) {
    if (x instanceof Tracer && x.trace.main.level > top.level) top = x.trace.main;
  }
  return top.makeTrace(top);
}

function fullRaise(trace: Trace, x: Value): Tracer {
  if (!(x instanceof Tracer)) return trace.pure(x);
  const level = trace.main.level;
  if (x.trace.main === trace.main) return x;
  if (x.trace.main.level < level) return trace.lift(x);
  throw new Error(`Can't lift level ${x.trace.main.level} to ${level}`);
}

function fullLower(x: Value): Value {
  return x instanceof Tracer ? x.fullLower() : x;
}

/** The params argument of `bind`: required unless the primitive takes none (`{}` fits its params). */
type ParamsArg<P> = {} extends P ? [params?: P] : [params: P];

/**
 * Apply a primitive to values: the one entry point every jnp function and rule goes through.
 * `P` ties the params to the primitive, so each bind site is checked against its params type.
 */
/** Told of every bind while set (watchBinds): how the shape story sees what a batching rule bound. */
let bindWatcher: ((prim: PrimitiveDef) => void) | null = null;

/** Runs `fn`, telling `watch` the primitive of every bind made meanwhile (nested watches restore the outer one). */
export function watchBinds<T>(watch: (prim: PrimitiveDef) => void, fn: () => T): T {
  const outer = bindWatcher;
  bindWatcher = watch;
  try {
    return fn();
  } finally {
    bindWatcher = outer;
  }
}

/** True when no transformation is running and no bind is watched: a bind would run its impl. */
export function atTopLevel(): boolean {
  return stack.length === 1 && dynamic === evalMain && bindWatcher === null;
}

export function bind<P>(prim: PrimitiveDef<P>, args: readonly unknown[], ...rest: ParamsArg<P>): Value[] {
  bindWatcher?.(prim as PrimitiveDef);
  const params = (rest[0] ?? {}) as P;
  const vals = prim.elementwise ? scalarsLikePartners(args) : args.map(toValue);
  const trace = findTopTrace(vals);
  if (trace instanceof EvalTrace) return prim.impl(vals as NDArray[], params);
  // Tracing does no element work, but each traced bind costs time and memory (nested grad
  // multiplies them): charge it like a call.
  chargeOps(CALL_COST);
  const outs = trace.process(prim, vals.map((v) => fullRaise(trace, v)), params);
  return outs.map(fullLower);
}

export function bind1<P>(prim: PrimitiveDef<P>, args: readonly unknown[], ...rest: ParamsArg<P>): Value {
  return bind(prim, args, ...rest)[0];
}
