/**
 * From a traced jaxpr to something that runs: the pass pipeline, then fusion and codegen when the
 * page allows generated code, or the impl interpreter when it does not (CSP). Executables are
 * cached per jaxpr object and mode, so a jitted function compiles once per signature and a
 * batched or differentiated jaxpr compiles once when it is first run. JAX: pxla/dispatch's
 * `_cached_lowering_to_hlo` + compile cache, keyed there on the jaxpr too.
 */
import type { NDArray } from "../array/ndarray";
import { compileProgram } from "./codegen";
import { canCompile } from "./csp";
import { fuse } from "./fuse";
import { runJaxprImpl } from "./interpret";
import type { Jaxpr } from "./jaxpr";
import { optimize } from "./passes";

export type ExecMode = "compiled" | "interpreted";

export interface Executable {
  readonly mode: ExecMode;
  /** Why an interpreted program is not compiled: the page's CSP, or its size (codegen's cap). */
  readonly interpretedReason: "csp" | "size" | null;
  /** The jaxpr after dce, cse and constant folding (what actually runs). */
  readonly optimized: Jaxpr;
  /** Generated JavaScript, or null when interpreted. */
  readonly source: string | null;
  readonly compileMs: number;
  run(args: readonly NDArray[]): NDArray[];
}

const cache = new WeakMap<Jaxpr, Partial<Record<ExecMode, Executable>>>();

export function executableFor(jaxpr: Jaxpr): Executable {
  const mode: ExecMode = canCompile() ? "compiled" : "interpreted";
  let entry = cache.get(jaxpr);
  if (!entry) cache.set(jaxpr, (entry = {}));
  return (entry[mode] ??= build(jaxpr, mode));
}

/** The executable already built for this jaxpr in the current mode, if any (for stats). */
export function cachedExecutable(jaxpr: Jaxpr): Executable | undefined {
  return cache.get(jaxpr)?.[canCompile() ? "compiled" : "interpreted"];
}

function build(jaxpr: Jaxpr, mode: ExecMode): Executable {
  const t0 = performance.now();
  const optimized = optimize(jaxpr);
  // A program too big to compile (codegen's MAX_SOURCE_CHARS) is interpreted: interpret.ts is
  // the definition of the IR, so the numbers are the same, and the call still succeeds.
  const compiled = mode === "compiled" ? compileProgram(fuse(optimized)) : null;
  if (compiled === null) {
    const interpretedReason = mode === "compiled" ? "size" : "csp";
    return { mode: "interpreted", interpretedReason, optimized, source: null, compileMs: performance.now() - t0, run: (args) => runJaxprImpl(optimized, args) };
  }
  return { mode, interpretedReason: null, optimized, source: compiled.source, compileMs: performance.now() - t0, run: compiled.run };
}
