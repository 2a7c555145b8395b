/**
 * `importJax(source)`: reads a pasted JAX snippet (the lambda language's programs) and returns the
 * explorer's call: the LAST `jax.vmap` call the program makes at its top level — made by
 * `jax.vmap(f, …)`, `partial(jax.vmap, …)(f)` or a `@partial(jax.vmap, …)` / `@jax.vmap`
 * decorator, called at once or later through a name — with its function as source text, its
 * arguments' shapes and values, in_axes, out_axes and axis_size, plus what `print` printed.
 * The function's text is the user's own: a lambda as written, or the top-level statements the
 * function needs (imports, defs, assignments) in their order, with the vmapped def last.
 * Never throws: what it cannot read comes back as an error with its line and column.
 */
import { NDArray } from "../array/ndarray";
import { isValue } from "../core/tracer";
import { config } from "../config";
import { EngineError, pyShape } from "../errors";
import { isLambdaSource, LAMBDA_ENDS, paramNamesOf, parseLambdaWith, type Expr, type LangHost } from "../lang";
import type { DefStmt, Program, Stmt } from "../lang/ast";
import { DEFS, ProgramRunner, type MadeAt } from "../lang/programs/exec";
import { boundNames, callsByPos, exprStart, freeNamesOf, stmtNames } from "../lang/programs/freeNames";
import { parseProgram } from "../lang/programs/program";
import { engineHost, withProgramExtras } from "../langHost";
import { PROGRAM_EXTRAS } from "./programExtras";
import { keepParamNames } from "../core/fnmeta";
import { parseProgramFunction } from "../lang/programs/programFunction";

/** An argument: an array (shape and row-major values) or a tuple of arguments. */
export type ImportedArg = { kind: "leaf"; shape: number[]; values: Float64Array } | { kind: "tuple"; items: ImportedArg[] };
export type ImportedAxes = number | null | ImportedAxes[];

export interface ImportedCall {
  ok: true;
  /** The explorer's function: a lambda, or a def program (engine/lang/index.ts parseFunctionWith). */
  fnSource: string;
  params: string[];
  /** One per parameter. */
  args: ImportedArg[];
  inAxes: ImportedAxes[];
  outAxes: ImportedAxes;
  axisSize: number | null;
  /** `jax.config.update("jax_enable_x64", True)` ran. */
  x64: boolean;
  /** The vmap call's result shape, as Python prints it: `(2, 4)`, or a tuple of them. */
  outShape: string;
  /** What `print(...)` printed, with the 1-based line of each print call. */
  printed: { line: number; text: string }[];
}

export interface ImportFailure {
  ok: false;
  error: EngineError;
  /** 1-based line and column of the construct (or of the statement that raised). */
  line: number;
  column: number;
  printed: { line: number; text: string }[];
}

export type ImportResult = ImportedCall | ImportFailure;

interface Recorded {
  made: MadeAt;
  fun: unknown;
  inAxes: unknown;
  outAxes: unknown;
  axisSize: number | null;
  args: unknown[];
  kw: number;
  result: unknown;
  /** The top-level statement during which the call ran. */
  stmt: Stmt | null;
}

/** 1-based line and column of a 0-based offset. */
export function lineColumn(src: string, offset: number): { line: number; column: number } {
  const before = src.slice(0, Math.max(0, offset));
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
}

/** A host whose vmap reports each top-level call of a function it made (nested calls are the function's own work). */
function observingHost(host: LangHost, runner: () => ProgramRunner, calls: Recorded[]): LangHost {
  let inside = 0;
  return {
    ...host,
    vmap: (fun, inAxes, outAxes, opts) => {
      const made = runner().madeAtNow();
      const vf = host.vmap(fun, inAxes, outAxes, opts);
      const observed = (...args: unknown[]) => {
        // A call inside a function being transformed (its arguments are tracers) is that function's work.
        if (inside > 0 || hasTracer(args)) return vf(...args);
        inside++;
        try {
          const result = vf(...args);
          calls.push({ made, fun, inAxes, outAxes, axisSize: opts?.axisSize ?? null, args, kw: 0, result, stmt: runner().stmt });
          return result;
        } finally {
          inside--;
        }
      };
      return keepParamNames(vf, observed);
    },
  };
}

const hasTracer = (v: unknown): boolean => (Array.isArray(v) ? v.some(hasTracer) : isValue(v) && !(v instanceof NDArray));

function toArg(v: unknown, where: string): ImportedArg {
  if (v instanceof NDArray) return { kind: "leaf", shape: [...v.shape], values: v.dense() };
  if (typeof v === "number" || typeof v === "boolean") return { kind: "leaf", shape: [], values: Float64Array.of(Number(v)) };
  if (Array.isArray(v)) return { kind: "tuple", items: v.map((x, i) => toArg(x, `${where}[${i}]`)) };
  if (isValue(v)) throw new EngineError("unsupported", `${where} is not a concrete array`);
  const what = v !== null && typeof v === "object" && Object.getPrototypeOf(v) === null ? "a dict" : engineHost.isKey?.(v) ? "a PRNG key" : "this kind of value";
  throw new EngineError("unsupported", `the explorer cannot take ${what} as ${where}: pass arrays, or tuples of arrays`);
}

function toAxes(v: unknown, what: string): ImportedAxes {
  if (v === null || (typeof v === "number" && Number.isInteger(v))) return v;
  if (Array.isArray(v)) return v.map((x) => toAxes(x, what));
  throw new EngineError("unsupported", `the explorer reads ${what} made of ints, None and tuples; a dict is not supported yet`);
}

function shapeText(v: unknown): string {
  if (v instanceof NDArray) return pyShape(v.shape);
  if (Array.isArray(v)) return v.length === 1 ? `(${shapeText(v[0])},)` : `(${v.map(shapeText).join(", ")})`;
  return "()";
}

/** The expression a recorded vmap mapped (`f` in `jax.vmap(f, …)` or `partial(jax.vmap, …)(f)`), if found. */
function mappedExpr(program: Program, made: MadeAt): Expr | null {
  const call = callsByPos(program.body).get(made.callPos);
  if (!call) return null;
  return call.args[0] ?? call.keywords.find((k) => k.name === "fun")?.value ?? null;
}

const MODULE_NAMES = new Set(["jnp", "jax"]);

/**
 * The function's source: the statements before `upTo` that bind what `target` reads (and what
 * those read), in order, then the target: the vmapped def (without its decorators) or `f = expr`.
 */
function functionSource(program: Program, src: string, upTo: number, target: { def: DefStmt; keepDecorators: boolean } | { expr: Expr }): string {
  const needed = "def" in target ? stmtNames(target.keepDecorators ? target.def : { ...target.def, decorators: [] }) : freeNamesOf(target.expr);
  const chosen = new Set<number>();
  for (let i = upTo - 1; i >= 0; i--) {
    const s = program.body[i];
    if ("def" in target && s === target.def) continue;
    const binds = boundNames(s).filter((n) => needed.has(n));
    if (binds.length === 0) continue;
    chosen.add(i);
    // The nearest binding before the call is the one the function sees; what it reads may need earlier ones.
    for (const n of binds) needed.delete(n);
    for (const n of stmtNames(s)) needed.add(n);
  }
  const parts = [...chosen].sort((a, b) => a - b).map((i) => src.slice(program.body[i].pos, program.body[i].end));
  if ("def" in target) {
    parts.push(src.slice(target.keepDecorators ? target.def.pos : target.def.defPos, target.def.end));
  } else {
    const used = new Set([...chosen].flatMap((i) => boundNames(program.body[i])));
    const name = ["f", "fn", "func", "g", "h"].find((n) => !used.has(n) && !needed.has(n)) ?? "f_mapped";
    parts.push(`${name} = ${src.slice(exprStart(target.expr), exprEnd(src, target.expr))}`);
  }
  return parts.join("\n");
}

/** The end offset of an expression's text: up to a top-level ',' or newline, or the bracket that closes around it. */
function exprEnd(src: string, e: Expr): number {
  if (e.type === "lambda" && LAMBDA_ENDS.has(e)) return LAMBDA_ENDS.get(e)!;
  if (e.type === "name") return e.pos + e.name.length;
  let depth = 0;
  for (let i = exprStart(e); i < src.length; i++) {
    const c = src[i];
    if (c === "'" || c === '"') {
      const close = src.indexOf(c, i + 1);
      i = close < 0 ? src.length : close;
    } else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) {
      if (depth === 0) return trimEnd(src, e.pos, i);
      depth--;
    } else if ((c === "," || c === "\n") && depth === 0) return trimEnd(src, e.pos, i);
  }
  return trimEnd(src, e.pos, src.length);
}

const trimEnd = (src: string, from: number, to: number) => from + src.slice(from, to).trimEnd().length;

/** A lambda that reads only its parameters, jnp and jax can stand alone as the explorer's function. */
function standaloneLambda(e: Expr): boolean {
  return e.type === "lambda" && [...freeNamesOf(e)].every((n) => MODULE_NAMES.has(n));
}

/**
 * The explorer's function for the mapped expression `e`, read before statement `upTo`: a
 * standalone lambda as written; a name is followed to its last top-level binding (a def, or
 * `name = value`, whose value is read the same way); anything else is `f = expr` after what it needs.
 */
function sourceOfExpr(program: Program, src: string, upTo: number, e: Expr): string {
  if (standaloneLambda(e)) return src.slice(e.pos, exprEnd(src, e));
  if (e.type === "name") {
    for (let i = upTo - 1; i >= 0; i--) {
      const s = program.body[i];
      if (!boundNames(s).includes(e.name)) continue;
      if (s.type === "def") return functionSource(program, src, upTo, { def: s, keepDecorators: true });
      if (s.type === "assign" && s.targets.length === 1 && s.targets[0].type === "name") return sourceOfExpr(program, src, i, s.value);
      break;
    }
  }
  return functionSource(program, src, upTo, { expr: e });
}

function fnSourceOf(program: Program, src: string, rec: Recorded): string {
  const upTo = rec.stmt ? program.body.indexOf(rec.stmt) : program.body.length;
  // The def the vmap decorated: its decorators go (the explorer's vmap is that one).
  if (rec.made.decorated) return functionSource(program, src, upTo, { def: rec.made.decorated, keepDecorators: false });
  const e = mappedExpr(program, rec.made);
  if (e) return sourceOfExpr(program, src, upTo, e);
  const def = DEFS.get(rec.fun as never);
  if (def) return functionSource(program, src, upTo, { def, keepDecorators: true });
  throw new EngineError("unsupported", "could not find the source of the function this jax.vmap maps");
}

/**
 * Where the failure is shown: the error's own column, else the statement running when it was
 * raised, else (a call the explorer cannot take, found after the run) the statement of that call.
 */
function failure(src: string, e: unknown, runner: ProgramRunner | null, callPos: number | null, printed: ImportedCall["printed"]): ImportFailure {
  const error = e instanceof EngineError ? e : new EngineError("unsupported", `Internal error: ${e instanceof Error ? e.message : String(e)}`);
  const offset = error.column !== undefined ? error.column - 1 : runner?.stmt ? runner.stmt.pos : (callPos ?? 0);
  return { ok: false, error, ...lineColumn(src, Math.min(offset, src.length)), printed };
}

/** See the file header. */
export function importJax(source: string, host: LangHost = engineHost): ImportResult {
  withProgramExtras(PROGRAM_EXTRAS);
  const x64Before = config.jax_enable_x64;
  let runner: ProgramRunner | null = null;
  let printed: ImportedCall["printed"] = [];
  let callPos: number | null = null;
  try {
    if (typeof source !== "string") throw new EngineError("syntax", "invalid syntax: the source must be a string");
    const program = parseProgram(source);
    const calls: Recorded[] = [];
    const r = new ProgramRunner(observingHost(host, () => r, calls), source);
    runner = r;
    try {
      r.run(program);
    } finally {
      printed = r.printed.map((p) => ({ line: lineColumn(source, p.pos).line, text: p.text }));
    }
    const rec = calls[calls.length - 1];
    if (!rec) {
      throw new EngineError("unsupported", "no jax.vmap call found: the last jax.vmap(f, …)(args) call in the snippet becomes the explorer's (for example out = jax.vmap(f, in_axes=0)(x))", { column: source.trimEnd().length + 1 });
    }
    callPos = rec.stmt?.pos ?? null;
    const x64 = config.jax_enable_x64;
    const fnSource = fnSourceOf(program, source, rec);
    const fn = isLambdaSource(fnSource) ? parseLambdaWith(fnSource, host) : parseProgramFunction(fnSource, host);
    const params = paramNamesOf(fn) ?? [];
    const args = rec.args.map((a, i) => toArg(a, `argument ${params[i] ?? i}`));
    if (args.length !== params.length) {
      throw new EngineError("unsupported", `the explorer passes one argument per parameter: the function takes ${params.length} (${params.join(", ")}), the vmap call passes ${args.length}`, { column: (rec.stmt?.pos ?? 0) + 1 });
    }
    const inAxes = Array.isArray(rec.inAxes) ? (rec.inAxes as unknown[]).map((a) => toAxes(a, "in_axes")) : params.map(() => toAxes(rec.inAxes, "in_axes"));
    return { ok: true, fnSource, params, args, inAxes, outAxes: toAxes(rec.outAxes, "out_axes"), axisSize: rec.axisSize, x64, outShape: shapeText(rec.result), printed };
  } catch (e) {
    return failure(source, e, runner, callPos, printed);
  } finally {
    config.update("jax_enable_x64", x64Before);
  }
}
