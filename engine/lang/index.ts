/**
 * The lambda language: `parseLambdaWith(src, host)` reads a Python/JAX lambda and returns a JS
 * function over the host's values. Parsing and name checks happen here, once; evaluation
 * happens on every call (evaluate.ts). Nothing in the source is ever run as JavaScript.
 */
import { markStable } from "../core/fnmeta";
import { EngineError } from "../errors";
import type { LambdaNode } from "./ast";
import { Evaluator } from "./evaluate";
import type { LangHost } from "./host";
import { parseLambdaSource } from "./parse";
import { checkNames } from "./resolve";

export type { Expr, LambdaNode } from "./ast";
export type { IndexItem, LangHost } from "./host";
export { paramNamesOf, withParamNames } from "./params";
export { LAMBDA_ENDS, parseExpression, parseLambdaHeader, parseLambdaSource, MAX_SOURCE_LENGTH } from "./parse";
export { checkNames } from "./resolve";
export { closestName, editDistance } from "./suggest";

/**
 * A function source is a program when a line starts with `def`, `import`, `from` or a decorator;
 * anything else takes the lambda path, unchanged (its errors included).
 */
export const isLambdaSource = (src: string): boolean => !/^[ \t]*(?:def|import|from)\b|^[ \t]*@/m.test(src);

/** The function a lambda source evaluates to, with its parameter names and source text. */
export type LambdaFunction = ((...args: any[]) => any) & {
  readonly params: string[];
  readonly source: string;
  readonly paramNames: readonly string[];
};

/** Parses and name-checks `src` (throws EngineError "syntax" / "unsupported"), then returns its function. */
export function parseLambdaWith(src: string, host: LangHost): LambdaFunction {
  if (typeof src !== "string") throw new EngineError("syntax", "invalid syntax: the source must be a string");
  const ast: LambdaNode = parseLambdaSource(src);
  checkNames(ast);
  const fn = new Evaluator(host).makeLambda(ast, null);
  Object.defineProperty(fn, "params", { value: [...ast.params], enumerable: true });
  Object.defineProperty(fn, "source", { value: src, enumerable: true });
  // No enclosing scope: it reads its parameters and the host's modules only.
  return markStable(fn) as LambdaFunction;
}

/**
 * The reader of def programs (programFunction.ts) is registered when it is loaded
 * (engine/index.ts loadProgramReader), so the page's first screen carries only the lambda path.
 */
let programReader: ((src: string, host: LangHost) => LambdaFunction) | null = null;
export function setProgramReader(read: (src: string, host: LangHost) => LambdaFunction): void {
  programReader = read;
}
export const programReaderLoaded = (): boolean => programReader !== null;

/** What parsing a def program says while its reader is still loading. */
export const PROGRAM_READER_LOADING = "the reader of def programs is loading";

/**
 * The explorer's function from its box: a lambda (the lambda path above, unchanged), or a def
 * program (programFunction.ts), once its reader is loaded.
 */
export function parseFunctionWith(src: string, host: LangHost): LambdaFunction {
  if (typeof src !== "string") throw new EngineError("syntax", "invalid syntax: the source must be a string");
  if (isLambdaSource(src)) return parseLambdaWith(src, host);
  if (!programReader) throw new EngineError("unsupported", PROGRAM_READER_LOADING);
  return programReader(src, host);
}
