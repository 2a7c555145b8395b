/**
 * The meaning of a jaxpr. `evalJaxpr` binds each equation's primitive, so it runs eagerly on
 * arrays and is itself traceable (vmap, grad and jit of an interpreted jaxpr just work);
 * `runJaxprImpl` calls each primitive's impl directly: the same meaning with no trace-stack
 * lookups, used as jit's fallback when the page's CSP forbids generated code, and safe to call
 * while some other trace is active (constant folding during tracing).
 * JAX: core.eval_jaxpr; tinygrad's runtime/ops_python.py plays the same "definition" role.
 */
import type { NDArray } from "../array/ndarray";
import { bind, type Value } from "../core/tracer";
import { Lit, type Atom, type Jaxpr, type Var } from "./jaxpr";

function run<T>(jaxpr: Jaxpr, consts: readonly T[], args: readonly T[], apply: (e: Jaxpr["eqns"][number], xs: T[]) => T[]): T[] {
  if (args.length !== jaxpr.invars.length) {
    throw new Error(`jaxpr expects ${jaxpr.invars.length} arguments, got ${args.length}`);
  }
  const env = new Map<Var, T>();
  jaxpr.constvars.forEach((v, i) => env.set(v, consts[i]));
  jaxpr.invars.forEach((v, i) => env.set(v, args[i]));
  const read = (a: Atom): T => (a instanceof Lit ? (a.val as T) : (env.get(a) as T));
  for (const e of jaxpr.eqns) {
    const outs = apply(e, e.inputs.map(read));
    e.outputs.forEach((v, i) => env.set(v, outs[i]));
  }
  return jaxpr.outvars.map(read);
}

/** Evaluates by binding: what the jaxpr means under whatever transformations are active. */
export function evalJaxpr(jaxpr: Jaxpr, consts: readonly Value[] | undefined, args: readonly Value[]): Value[] {
  return run<Value>(jaxpr, consts ?? jaxpr.consts, args, (e, xs) => bind(e.prim, xs, e.params));
}

/** Evaluates on concrete arrays by calling impl rules directly (never enters a trace). */
export function runJaxprImpl(jaxpr: Jaxpr, args: readonly NDArray[], consts?: readonly NDArray[]): NDArray[] {
  return run<NDArray>(jaxpr, consts ?? (jaxpr.consts as NDArray[]), args, (e, xs) => e.prim.impl(xs, e.params));
}
