/**
 * A def program as the explorer's function: its top level runs once, here, under the work
 * budget, and the value of its last top-level binding (`def name…` or `name = …`) is the
 * function; its functions run on every call. Loaded lazily (engine/index.ts loadProgramReader).
 */
import { EngineError } from "../../errors";
import { callValue, makeCallable } from "../builtins";
import { ProgramRunner } from "./exec";
import type { LangHost } from "../host";
import type { LambdaFunction } from "../index";
import { paramNamesOf } from "../params";
import { parseProgram } from "./program";
import { unsupported } from "../resolve";

export function parseProgramFunction(src: string, host: LangHost): LambdaFunction {
  if (typeof src !== "string") throw new EngineError("syntax", "invalid syntax: the source must be a string");
  const program = parseProgram(src);
  const r = new ProgramRunner(host, src).run(program);
  if (!r.last) {
    throw unsupported("the function must be a lambda, or a program whose last definition (def name(...): or name = ...) is the function", 0);
  }
  const f = r.globals.get(r.last.name);
  if (typeof f !== "function") throw unsupported(`'${r.last.name}' is not a function: the program's last definition must be the function`, r.last.stmt.pos, "TypeError");
  const params = paramNamesOf(f) ?? [];
  const fn = makeCallable((a, kw, pos) => callValue(f, a, kw, pos, host), params, r.last.name);
  Object.defineProperty(fn, "params", { value: [...params], enumerable: true });
  Object.defineProperty(fn, "source", { value: src, enumerable: true });
  return fn as unknown as LambdaFunction;
}
