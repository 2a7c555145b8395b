/**
 * The lambda language: `parseLambdaWith(src, host)` reads a Python/JAX lambda and returns a JS
 * function over the host's values. Parsing and name checks happen here, once; evaluation
 * happens on every call (evaluate.ts). Nothing in the source is ever run as JavaScript.
 */
import { EngineError } from "../errors";
import type { LambdaNode } from "./ast";
import { Evaluator } from "./evaluate";
import type { LangHost } from "./host";
import { parseLambdaSource } from "./parse";
import { checkNames } from "./resolve";

export type { Expr, LambdaNode } from "./ast";
export type { IndexItem, LangHost } from "./host";
export { paramNamesOf, withParamNames } from "./params";
export { parseExpression, parseLambdaHeader, parseLambdaSource, MAX_SOURCE_LENGTH } from "./parse";
export { checkNames } from "./resolve";
export { closestName, editDistance } from "./suggest";
export { composeLambdaSource, unparse } from "./unparse";

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
  return fn as LambdaFunction;
}
