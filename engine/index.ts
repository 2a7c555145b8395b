/**
 * The engine's public surface (the engine contract, a project document kept beside the repository).
 * Everything outside engine/
 * reaches the engine only through these names; change them only by adding.
 */
import { parseLambdaHeader, parseLambdaWith } from "./lang";
export { composeLambdaSource } from "./lang";
import { engineHost } from "./langHost";

export { NDArray } from "./array/ndarray";
export { np } from "./numpy/np";
export { jnp, nn } from "./numpy";
export { loadLax } from "./control/lazy";
export type { Lax } from "./control";
export { vmap } from "./transforms/vmap";
export { loopMap } from "./transforms/loop";
export { pmap, runPmap, type PmapOptions, type PmapRun, type PmapLane } from "./transforms/pmap";
export { grad, valueAndGrad } from "./transforms/grad";
export { jit, jitStats, type JitStats } from "./transforms/jit";
export { canCompile, setCodegenAllowed } from "./ir/csp";
export { makeJaxpr } from "./ir/jaxpr";
export { traceVmap } from "./transforms/story";
export { describeArgs } from "./transforms/describe";
export { gradTape, type GradTape, type TapeArray, type TapeVar, type TapeInput, type TapeEqn, type BackwardStep } from "./transforms/tape";
export { vmapRewrite, type VmapRewrite, type RewriteJaxpr, type RewriteEqn, type PerExampleEqn, type BatchedEqn, type RewriteVar, type RewriteOrigin } from "./transforms/rewrite";
export { EngineError, pyShape, pyTuple, type ClashOperand, type ErrorKind, type ErrorWhere } from "./errors";
export { MAX_ELEMENTS } from "./limits";
export { config } from "./config";
export type { DType } from "./array/dtype";
export { pyScalar } from "./array/scalarText";
export { MAX_SOURCE_LENGTH } from "./lang";
/** The language's dotted names with their signatures (an editor's completions) and an error's line/column. */
export { languageNames, type LanguageName } from "./lang/completions";
export { sourcePosition } from "./lang/tokens";
export { DEFAULT_WORK_BUDGET, MAX_DEPTH, withWorkBudget, withinWorkBudget, type WithinBudget, type WorkBudget } from "./limits";
export type * from "./transforms/storyTypes";

/** Parse a Python/JAX lambda into a function over engine values (never evaluates JavaScript). */
export function parseLambda(src: string) {
  return parseLambdaWith(src, engineHost);
}

/**
 * The parameter names of `lambda p1, p2: …`, read from its header alone (the body need not parse
 * yet), or the parser's syntax error. Never throws.
 */
export function lambdaParams(src: string) {
  return parseLambdaHeader(src);
}
