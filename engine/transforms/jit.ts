/**
 * jax.jit: flatten the pytree arguments, look the abstract signature (tree structure + each leaf's
 * shape) up in a per-function cache, trace once per new signature into a jaxpr, and bind the
 * `jit` primitive on it: with arrays it runs the compiled program (passes → fusion → generated JS,
 * or the impl interpreter under a CSP that forbids eval); with tracers it composes with vmap, grad
 * and an enclosing jit through the primitive's rules. Tracer constants captured from an enclosing
 * transformation become leading arguments (JAX: pe.convert_constvars_jaxpr) and such traces are
 * not cached. Stats feed the UI's jit panel. JAX: jax/_src/pjit.py (`_infer_params`, cache).
 */
import { keepParamNames } from "../core/fnmeta";
import { treeDefKey, treeFlatten, treeUnflatten, type TreeDef } from "../core/pytree";
import { x64Enabled } from "../config";
import { avalOf, bind, isTracer, toValue, type Value } from "../core/tracer";
import { cachedExecutable, type ExecMode } from "../ir/compile";
import { Jaxpr, traceToJaxpr } from "../ir/jaxpr";
import { withBudgetScope } from "../limits";
import { jitP } from "./jitCall";
// Eager vmap runs big calls through this compiler once it is loaded (vmapProgram.ts registers).
import "./vmapProgram";

interface Entry {
  jaxpr: Jaxpr;
  /** Tracer constants hoisted into leading arguments (empty for cacheable traces). */
  extra: Value[];
  outTree: TreeDef;
}

export interface JitStats {
  /** How many times the Python-side function was traced (once per new signature). */
  readonly traces: number;
  readonly cacheSize: number;
  readonly lastTraceMs: number;
  /** Time of the last compile this function caused (passes + fusion + codegen), ms. */
  readonly lastCompileMs: number;
  /** The jaxpr of the last call's signature, in JAX's text. */
  readonly jaxpr: string;
  /** The same after dce/cse/constant folding, once it has run on arrays. */
  readonly optimizedJaxpr: string | null;
  /** Generated JavaScript of the last call's program (null when interpreted or not yet run). */
  readonly source: string | null;
  readonly mode: ExecMode | null;
  /** When interpreted: because the page's CSP forbids eval, or because the program is too big to compile. */
  readonly interpretedReason: "csp" | "size" | null;
}

export interface Jitted {
  (...args: unknown[]): any;
  readonly stats: JitStats;
}

/** Turns tracer constants into leading invars so they can be passed as arguments. */
function hoistTracerConsts(j: Jaxpr): { jaxpr: Jaxpr; extra: Value[] } {
  const hoist = j.consts.map(isTracer);
  if (!hoist.some(Boolean)) return { jaxpr: j, extra: [] };
  const pick = <T>(xs: readonly T[], want: boolean) => xs.filter((_, i) => hoist[i] === want);
  return {
    jaxpr: new Jaxpr(pick(j.constvars, false), pick(j.consts, false), [...pick(j.constvars, true), ...j.invars], j.eqns, j.outvars),
    extra: pick(j.consts, true),
  };
}

export function jit(fun: Function, opts: { name?: string } = {}): Jitted {
  const name = opts.name ?? (fun.name || "<lambda>");
  const cache = new Map<string, Entry>();
  let traces = 0;
  let lastTraceMs = 0;
  let lastCompileMs = 0;
  let last: Entry | undefined;

  const jitted = (...args: unknown[]) => withBudgetScope(() => call(args));
  const call = (args: unknown[]) => {
    const [leaves, inTree] = treeFlatten(args);
    const vals = leaves.map(toValue);
    // JAX's cache key: the avals (shape, dtype, weak_type) and the x64 flag the trace read.
    let key = `${treeDefKey(inTree)}|x64=${x64Enabled()}`;
    for (const v of vals) key += `|${v.dtype}${v.weak ? "*" : ""}[${v.shape.join(",")}]`;
    let entry = cache.get(key);
    if (!entry) {
      const t0 = performance.now();
      const traced = traceToJaxpr(fun as (...a: unknown[]) => unknown, vals.map(avalOf), inTree);
      traces++;
      lastTraceMs = performance.now() - t0;
      entry = { ...hoistTracerConsts(traced.jaxpr), outTree: traced.outTree };
      if (entry.extra.length === 0) cache.set(key, entry);
    }
    last = entry;
    const before = cachedExecutable(entry.jaxpr);
    const outs = bind(jitP, [...entry.extra, ...vals], { jaxpr: entry.jaxpr, name });
    const exec = cachedExecutable(entry.jaxpr);
    if (exec && exec !== before) lastCompileMs = exec.compileMs;
    return treeUnflatten(entry.outTree, outs);
  };

  const stats = (): JitStats => {
    const exec = last && cachedExecutable(last.jaxpr);
    return {
      traces,
      cacheSize: cache.size,
      lastTraceMs,
      lastCompileMs,
      jaxpr: last ? last.jaxpr.toString() : "",
      optimizedJaxpr: exec ? exec.optimized.toString() : null,
      source: exec?.source ?? null,
      mode: exec?.mode ?? null,
      interpretedReason: exec?.interpretedReason ?? null,
    };
  };
  Object.defineProperty(jitted, "stats", { get: stats });
  // functools.wraps in JAX: jit(jit(f)) and error texts still say f.
  Object.defineProperty(jitted, "name", { value: name });
  return keepParamNames(fun, jitted) as Jitted;
}

