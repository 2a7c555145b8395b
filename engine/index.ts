/**
 * The engine's public surface (the engine contract, a project document kept beside the repository).
 * Everything outside engine/
 * reaches the engine only through these names; change them only by adding.
 */
import { isLambdaSource, parseFunctionWith, parseLambdaHeader, programReaderLoaded, setProgramReader } from "./lang";
import { EngineError as EngineErrorClass } from "./errors";
import { engineHost, withProgramExtras } from "./langHost";
import { lazyFamily, loadEngineFamilies } from "./lazyFamily";

export { NDArray } from "./array/ndarray";
export { np } from "./numpy/np";
export { jnp, nn } from "./numpy";
export { loadLax } from "./control/lazy";
export type { Lax } from "./control";
export { vmap } from "./transforms/vmap";
export { loopMap, pmap, runPmap } from "./transforms/mapsLazy";
export type { PmapOptions, PmapRun, PmapLane } from "./transforms/pmap";
export { loadEngineFamilies, engineFamiliesLoaded } from "./lazyFamily";
export { loadOnce, type LoadOnce } from "./loadOnce";

export { grad, valueAndGrad, jit, jitStats } from "./transforms/gradJitLazy";
export type { JitStats } from "./transforms/jit";
export { canCompile, setCodegenAllowed } from "./ir/csp";
export { makeJaxpr } from "./ir/jaxpr";
export { traceVmap, traceVmapBody, type VmapBody } from "./transforms/story";
export { describeArgs } from "./transforms/describe";
export { gradTape, vmapRewrite, languageNames } from "./panelTools";
export type { GradTape, TapeArray, TapeVar, TapeInput, TapeEqn, BackwardStep } from "./transforms/tape";
export type { VmapRewrite, RewriteJaxpr, RewriteEqn, PerExampleEqn, BatchedEqn, RewriteVar, RewriteOrigin } from "./transforms/rewrite";
export { EngineError, pyShape, pyTuple, type ClashOperand, type ErrorKind, type ErrorWhere } from "./errors";
export { MAX_ELEMENTS } from "./limits";
export { config } from "./config";
export type { DType } from "./array/dtype";
export { pyScalar } from "./array/scalarText";
export { MAX_SOURCE_LENGTH } from "./lang";
/** The language's dotted names with their signatures (an editor's completions) and an error's line/column. */
export type { LanguageName } from "./lang/completions";
export { sourcePosition } from "./lang/tokens";
export { DEFAULT_WORK_BUDGET, MAX_DEPTH, withWorkBudget, withinWorkBudget, type WithinBudget, type WorkBudget } from "./limits";
export type * from "./transforms/storyTypes";

export type { ImportResult, ImportedCall, ImportFailure, ImportedArg, ImportedAxes } from "./programs/importJax";

/**
 * `importJax(source)` (importJax.ts), loaded on demand: the importer, the reader of programs and
 * jax.random's samplers are a chunk of their own, so the first screen carries none of them.
 */
export async function loadImporter(): Promise<{ importJax: typeof import("./programs/importJax").importJax; lineColumn: typeof import("./programs/importJax").lineColumn }> {
  const m = await import("./programs/index");
  await loadProgramReader();
  return { importJax: m.importJax, lineColumn: m.lineColumn };
}

/**
 * Parse a Python/JAX lambda — or a program of `def`s whose last definition is the function —
 * into a function over engine values (never evaluates JavaScript).
 */
export function parseLambda(src: string) {
  return parseFunctionWith(src, engineHost);
}

/**
 * Loads the reader of def programs (the statements, imports, jax.random …) and registers it, so
 * `parseLambda`/`lambdaParams` read def programs; until then they answer with an EngineError
 * saying it is loading. A separate chunk, so the first screen carries only the lambda path.
 * `importJax` needs no loading (it brings its reader with it).
 */
export async function loadProgramReader(): Promise<void> {
  if (programReaderLoaded()) return;
  const m = await import("./programs/index");
  withProgramExtras(m.PROGRAM_EXTRAS);
  setProgramReader(m.parseProgramFunction);
}
export { programReaderLoaded, PROGRAM_READER_LOADING } from "./lang";

/**
 * `src` with its function's result wrapped in `outer` (`jnp.sum`): a lambda's body (composed on
 * its parsed form), or, for a def program, one more last binding,
 * `name_loss = lambda p1, p2: outer(name(p1, p2))`. Throws the parser's EngineError.
 */
export function composeLambdaSource(src: string, outer: string): string {
  if (isLambdaSource(src)) return sourceWriter.need("composing a function's source").composeLambdaSource(src, outer);
  const header = lambdaParams(src);
  if (!header.ok) throw header.error;
  const name = header.name ?? "f";
  const ps = header.params.join(", ");
  return `${src.trimEnd()}\n${name}_loss = lambda ${ps}: ${outer}(${name}(${ps}))`;
}

/** The writer of sources from parsed lambdas (lang/unparse.ts): only the panels compose sources. */
const sourceWriter = lazyFamily(() => import("./lang/unparse"));

/** True when a function source is a def program (a line starts with def, import, from or `@`), not a lambda. */
export function isFunctionProgram(src: string): boolean {
  return !isLambdaSource(src);
}

/** `lambdaParams`' answer: a def program's also names its function (the last definition). */
export type FunctionParams = ReturnType<typeof parseLambdaHeader> & { name?: string };
let lastProgramParams: { src: string; loaded: boolean; result: FunctionParams } | null = null;

/**
 * The parameter names of `lambda p1, p2: …`, read from its header alone (the body need not parse
 * yet), or the parser's syntax error. Never throws.
 */
export function lambdaParams(src: string): FunctionParams {
  if (typeof src !== "string" || isLambdaSource(src)) return parseLambdaHeader(src);
  // A def program: its function's parameters, from running its top level (memoized on the text).
  if (lastProgramParams?.src !== src || lastProgramParams.loaded !== programReaderLoaded()) {
    let result: FunctionParams;
    try {
      const fn = parseFunctionWith(src, engineHost);
      result = { ok: true, params: [...fn.params], bodyStart: 0, name: (fn as { pyName?: string }).pyName };
    } catch (e) {
      if (!(e instanceof EngineErrorClass)) throw e;
      result = { ok: false, error: e };
    }
    lastProgramParams = { src, loaded: programReaderLoaded(), result };
  }
  return lastProgramParams.result;
}

// The families the built app loads on first use (lazyFamily.ts: jax.lax, indexing by values,
// pmap, grad and jit, symbolic cells, printing jaxprs, composing sources). Anywhere else — Node,
// tests, the dev server — they load here, last, before any caller runs, so the engine answers
// every call synchronously.
if (!(typeof import.meta.env === "object" && import.meta.env.PROD === true)) await loadEngineFamilies();
