/**
 * Eager vmap through jit's compiled path. Batching primitive by primitive makes a fresh array
 * for every intermediate and copies every moved axis; on big arguments that costs several
 * times the work itself. So a call on concrete arrays first traces the whole batched call
 * (vmap, then out_axes) into a jaxpr and runs it as jit does: passes, fused loops that read
 * moved axes through strides and write the result in its final layout, or the impl
 * interpreter where the page's CSP forbids generated code (ir/compile.ts). Numbers are the same
 * bit for bit, as for jit(f) against f (tests/engine/jit, tests/engine/ir).
 *
 * The eager path stays the definition: whenever the attempt cannot give eager's answer it is
 * dropped, its budget use undone (limits.ts restoreBudget), and the call runs eagerly, so
 * errors are raised by eager vmap itself, with its texts at its point. That is the case when
 * tracing fails (f reads an unmapped argument's value, or raises anything at all), when f's
 * result has a leaf that is not an array computed from the arguments, when f has a side
 * effect (print; core/speculation.ts), and when running the program fails (the work budget).
 * A signature whose trace failed, or whose program has nothing to fuse (one dot; the
 * interpreter under a CSP), runs eagerly from then on. A function is traced again on every
 * call, as eager vmap calls it again: a global it reads may have changed; the program compiled
 * for an identical trace (ir/fingerprint.ts) is reused. Only a stable function (a lambda of
 * the lambda language, and transformations of one: core/fnmeta.ts) keeps its trace.
 * JAX runs eager vmap primitive by primitive (batching.py); XLA's fusion is what jit adds.
 */
import { NDArray } from "../array/ndarray";
import { sizeOf } from "../array/shape";
import { treeUnflatten, type TreeDef } from "../core/pytree";
import { speculatively } from "../core/speculation";
import { atTopLevel, avalOf, isTracer } from "../core/tracer";
import { executableFor } from "../ir/compile";
import { fingerprint } from "../ir/fingerprint";
import { traceFlat, type Jaxpr } from "../ir/jaxpr";
import { markBudget, restoreBudget } from "../limits";
import { x64Enabled } from "../config";
import { EAGER, setProgramRunner, type ProgramRunner } from "./vmap";

/**
 * Calls whose arguments hold fewer elements run eagerly, as the app's small examples do (their
 * first call would pay for compiling, a millisecond or more, to save microseconds). Measured
 * once compiled: vmap of a four-op chain and vmap(grad) of a small loss take as long either way
 * at 1,000–2,000 argument elements and 20–30% less at 4,000–8,000.
 */
export const MIN_COMPILED_ELEMENTS = 1 << 12;

/** Programs kept per vmapped function (each holds its constants): a few signatures. */
const MAX_PROGRAMS = 8;

/** What one vmapped function remembers between calls. */
interface ProgramCache {
  /** Signatures whose trace failed, or whose program fuses nothing: they run eagerly. */
  readonly eagerOnly: Set<string>;
  /** Compiled jaxprs by fingerprint, oldest first. */
  readonly programs: Map<string, Jaxpr>;
  /** A stable function's traces by signature (it would trace the same again). */
  readonly traces: Map<string, { jaxpr: Jaxpr; tree: TreeDef }>;
}

const caches = new WeakMap<object, ProgramCache>();

/** vmap's result for this call through a compiled program, or EAGER. */
export const runAsProgram: ProgramRunner = (owner, plan, batched, stable) => {
  if (!atTopLevel() || !plan.leaves.every((x) => x instanceof NDArray)) return EAGER;
  let elements = 0;
  for (const x of plan.leaves) elements += sizeOf(x.shape);
  if (elements < MIN_COMPILED_ELEMENTS) return EAGER;
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = { eagerOnly: new Set(), programs: new Map(), traces: new Map() }));
  // What the trace depends on besides f: the leaves' avals and the x64 flag (as jit's key).
  const signature = `x64=${x64Enabled()} ${plan.leaves.map((x) => `${x.dtype}${x.weak ? "*" : ""}[${x.shape.join(",")}]`).join(" ")}`;
  if (cache.eagerOnly.has(signature)) return EAGER;
  const mark = markBudget();
  let traced = stable ? cache.traces.get(signature) : undefined;
  if (!traced) {
    try {
      traced = speculatively(() => {
        let tree: TreeDef | undefined;
        const { jaxpr } = traceFlat((ys) => {
          const r = batched(ys);
          // A leaf that is not a traced array (a constant, a Python value) comes back as eager made it.
          if (!r.leaves.every(isTracer)) throw new NotTraceable();
          tree = r.tree;
          return r.leaves;
        }, plan.leaves.map(avalOf));
        return { jaxpr: program(cache!, jaxpr), tree: tree! };
      });
    } catch {
      restoreBudget(mark);
      cache.eagerOnly.add(signature);
      return EAGER;
    }
    if (stable) remember(cache.traces, signature, traced);
  }
  try {
    const exec = executableFor(traced.jaxpr);
    // Nothing fused (one dot, or the interpreter under a CSP): the program saves no arrays,
    // and tracing it costs time on every call, so this signature runs eagerly from now on.
    if (exec.mode !== "compiled" || !exec.optimized.eqns.some((e) => e.prim.elementwise)) cache.eagerOnly.add(signature);
    return treeUnflatten(traced.tree, exec.run(plan.leaves as NDArray[]));
  } catch {
    restoreBudget(mark);
    return EAGER;
  }
};

/** The jaxpr compiled for an identical earlier trace (its executable is cached), else this one. */
function program(cache: ProgramCache, jaxpr: Jaxpr): Jaxpr {
  const key = fingerprint(jaxpr);
  const known = cache.programs.get(key);
  remember(cache.programs, key, known ?? jaxpr);
  return known ?? jaxpr;
}

/** Sets `key` as the newest entry, dropping the oldest past MAX_PROGRAMS. */
function remember<T>(m: Map<string, T>, key: string, value: T): void {
  m.delete(key);
  if (m.size >= MAX_PROGRAMS) m.delete(m.keys().next().value!);
  m.set(key, value);
}

setProgramRunner(runAsProgram);

class NotTraceable extends Error {}
