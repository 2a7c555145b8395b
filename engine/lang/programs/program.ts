/**
 * Statements for the lambda language: a small Python program as JAX's documentation writes
 * one (imports, `def` with an indented body and decorators, assignments with tuple unpacking,
 * `return`, docstrings, comments, `print`). Grammar after CPython's `Grammar/python.gram`
 * (statements, simple_stmts, function_def, assignment), restricted to what the playground reads.
 * Everything else Python has (`for`, `while`, `if`, `class`, `with`, …) is reported with its
 * line and column and the closest form the playground does read.
 */
import type { EngineError } from "../../errors";
import type { BinOp, DefStmt, Expr, Param, Program, Stmt, Target } from "../ast";
import { Parser } from "../parse";
import { indentationError, locatedError, type Token } from "../tokens";
import { exprStart } from "./freeNames";
import { programLayout } from "./layout";

/** Defs nest at most this deep (a def inside a def inside …); expressions have their own caps. */
const MAX_BLOCK_DEPTH = 20;

/** The closest supported form for each Python statement the playground does not read. */
const STATEMENT_HINTS: Record<string, string> = {
  for: "write the loop body for one example and map it with jax.vmap, or use whole-array jnp operations",
  while: "use whole-array jnp operations instead of a loop",
  if: "use jnp.where(condition, x, y)",
  elif: "use jnp.where(condition, x, y)",
  else: "use jnp.where(condition, x, y)",
  class: "use functions (def) and pass parameters as tuples",
  with: "write the statements without the with block",
  try: "write the statements without try",
  except: "write the statements without try",
  finally: "write the statements without try",
  raise: "remove the raise statement",
  assert: "remove the assert statement",
  global: "pass the value as an argument instead",
  nonlocal: "pass the value as an argument instead",
  del: "remove the del statement",
  yield: "return the value instead",
  async: "use a plain def",
  await: "use a plain call",
  break: "use whole-array jnp operations instead of a loop",
  continue: "use whole-array jnp operations instead of a loop",
};

const AUG_OPS: Record<string, BinOp> = { "+=": "+", "-=": "-", "*=": "*", "/=": "/", "@=": "@", "**=": "**" };

export class ProgramParser extends Parser {
  private blockDepth = 0;

  constructor(src: string) {
    super(src, undefined, programLayout);
  }

  /** An "unsupported" error at `pos` with line, column, caret and the closest supported form. */
  private unsupportedAt(pos: number, what: string, hint?: string): EngineError {
    return locatedError(this.src, pos, "unsupported", what, hint ? `closest supported form: ${hint}` : undefined);
  }

  private kw(text: string, k = 0): boolean {
    const t = this.peek(k);
    return (t.kind === "name" || t.kind === "keyword") && t.text === text;
  }

  private endOfLine(): void {
    const t = this.peek();
    if (t.kind === "newline") {
      this.i++;
      return;
    }
    if (t.kind === "eof" || t.kind === "dedent") return;
    throw this.unexpected(t);
  }

  parseProgram(): Program {
    const body: Stmt[] = [];
    while (this.peek().kind !== "eof") {
      if (this.peek().kind === "newline") {
        this.i++;
        continue;
      }
      if (this.peek().kind === "indent") throw this.unexpected(this.peek());
      body.push(...this.parseStatement());
    }
    return { type: "program", body, source: this.src };
  }

  /** One statement, or the simple statements of one line. */
  private parseStatement(): Stmt[] {
    const t = this.peek();
    if (this.is("@") || this.kw("def")) return [this.parseDef()];
    if (t.kind === "name" && Object.hasOwn(STATEMENT_HINTS, t.text)) {
      const what = t.text === "for" || t.text === "while" ? `'${t.text}' loops are not supported` : t.text === "class" ? "classes are not supported" : `'${t.text}' statements are not supported`;
      throw this.unsupportedAt(t.pos, what, STATEMENT_HINTS[t.text]);
    }
    const s = this.parseSimple();
    this.endOfLine();
    return [s];
  }

  private parseDef(): DefStmt {
    const start = this.peek().pos;
    const decorators: Expr[] = [];
    while (this.eat("@")) {
      decorators.push(this.parseExpr());
      if (this.peek().kind !== "newline") throw this.unexpected(this.peek(), "expected a new line after the decorator");
      this.i++;
    }
    if (this.kw("class")) throw this.unsupportedAt(this.peek().pos, "classes are not supported", STATEMENT_HINTS.class);
    if (!this.kw("def")) throw this.unexpected(this.peek(), "expected 'def' after the decorator");
    const defTok = this.next();
    const nameTok = this.peek();
    if (nameTok.kind !== "name") throw this.unexpected(nameTok, "expected the function's name after 'def'");
    this.i++;
    this.expect("(");
    const params = this.parseParams();
    if (this.is("-") && this.is(">", 1)) {
      this.i += 2;
      this.parseExpr(); // a return annotation says nothing the playground uses
    }
    this.expect(":");
    if (++this.blockDepth > MAX_BLOCK_DEPTH) throw this.fail(defTok, `functions are nested too deeply (more than ${MAX_BLOCK_DEPTH} levels)`);
    const body = this.parseBlock();
    this.blockDepth--;
    return { type: "def", name: nameTok.text, params, body, decorators, pos: start, defPos: defTok.pos, end: lastEnd(body, nameTok.end ?? nameTok.pos) };
  }

  private parseParams(): Param[] {
    const params: Param[] = [];
    while (!this.is(")")) {
      const t = this.peek();
      if (this.is("*") || this.is("**")) throw this.unsupportedAt(t.pos, "'*args' and '**kwargs' parameters are not supported", "name each parameter");
      if (t.kind !== "name") throw this.unexpected(t, "expected a parameter name");
      if (params.some((p) => p.name === t.text)) throw this.fail(t, `duplicate argument '${t.text}' in function definition`);
      this.i++;
      if (this.eat(":")) this.parseExpr(); // annotation
      let dflt: Expr | null = null;
      if (this.eat("=")) dflt = this.parseExpr();
      else if (params.some((p) => p.default !== null)) throw this.fail(t, "parameter without a default follows parameter with a default");
      params.push({ name: t.text, default: dflt, pos: t.pos });
      if (!this.eat(",")) break;
    }
    this.expect(")");
    return params;
  }

  /** An indented block, or simple statements on the def's own line. */
  private parseBlock(): Stmt[] {
    if (this.peek().kind !== "newline") {
      const s = this.parseSimple();
      this.endOfLine();
      return [s];
    }
    this.i++;
    if (this.peek().kind !== "indent") throw indentationError(this.src, this.peek().pos, "expected an indented block");
    this.i++;
    const body: Stmt[] = [];
    while (this.peek().kind !== "dedent" && this.peek().kind !== "eof") {
      if (this.peek().kind === "newline") {
        this.i++;
        continue;
      }
      body.push(...this.parseStatement());
    }
    if (this.peek().kind === "dedent") this.i++;
    return body;
  }

  private parseSimple(): Stmt {
    const t = this.peek();
    const at = (): number => this.peek(-1).end ?? t.pos;
    if (this.kw("pass")) {
      this.i++;
      return { type: "pass", pos: t.pos, end: at() };
    }
    if (this.kw("return")) {
      this.i++;
      const k = this.peek().kind;
      const value = k === "newline" || k === "eof" || k === "dedent" ? null : this.parseExprList();
      return { type: "return", value, pos: t.pos, end: at() };
    }
    if (this.kw("import")) return this.parseImport();
    if (this.kw("from")) return this.parseFromImport();
    if (t.kind === "name" && Object.hasOwn(STATEMENT_HINTS, t.text)) {
      throw this.unsupportedAt(t.pos, `'${t.text}' statements are not supported`, STATEMENT_HINTS[t.text]);
    }
    const first = this.parseExprList();
    const op = this.peek();
    if (op.kind === "op" && Object.hasOwn(AUG_OPS, op.text)) {
      if (first.type !== "name") throw this.fail(op, "only a name can be the target of an augmented assignment");
      this.i += 1;
      const value = this.parseExprList();
      return { type: "augassign", target: { type: "name", name: first.name, pos: first.pos }, op: AUG_OPS[op.text], value, pos: t.pos, end: at() };
    }
    if (!this.is("=")) return { type: "expr", value: first, pos: t.pos, end: at() };
    const targets: Target[] = [this.toTarget(first)];
    let value = first;
    while (this.eat("=")) {
      value = this.parseExprList();
      if (this.is("=")) targets.push(this.toTarget(value));
    }
    return { type: "assign", targets, value, pos: t.pos, end: at() };
  }

  /** `a, b` (a tuple without parentheses) or one expression. */
  private parseExprList(): Expr {
    const first = this.parseExpr();
    if (!this.is(",")) return first;
    const items = [first];
    while (this.eat(",")) {
      const k = this.peek();
      if (k.kind === "newline" || k.kind === "eof" || k.kind === "dedent" || this.is("=") || this.is(")")) break;
      items.push(this.parseExpr());
    }
    return { type: "tuple", items, pos: first.pos };
  }

  private toTarget(e: Expr): Target {
    if (e.type === "name") return { type: "name", name: e.name, pos: e.pos };
    if (e.type === "tuple" || e.type === "list") return { type: "tuple", items: e.items.map((x) => this.toTarget(x)), pos: e.pos };
    if (e.type === "index" || e.type === "attr") {
      throw this.unsupportedAt(exprStart(e), "assigning to an element or attribute is not supported", "JAX arrays are immutable: x = x.at[i].set(v) in JAX, or build a new array with jnp");
    }
    throw this.fail(tokenAt(e.pos), "cannot assign to expression");
  }

  private dotted(): { name: string; pos: number } {
    const t = this.peek();
    if (t.kind !== "name") throw this.unexpected(t, "expected a module name");
    this.i++;
    let name = t.text;
    while (this.eat(".")) {
      const n = this.peek();
      if (n.kind !== "name") throw this.unexpected(n, "expected a module name after '.'");
      this.i++;
      name += `.${n.text}`;
    }
    return { name, pos: t.pos };
  }

  private alias(): string | null {
    if (!this.kw("as")) return null;
    this.i++;
    const a = this.peek();
    if (a.kind !== "name") throw this.unexpected(a, "expected a name after 'as'");
    this.i++;
    return a.text;
  }

  private parseImport(): Stmt {
    const start = this.next().pos;
    const names: { module: string; alias: string; pos: number }[] = [];
    do {
      const m = this.dotted();
      // `import jax.numpy` binds `jax`, as in Python.
      names.push({ module: m.name, alias: this.alias() ?? m.name.split(".")[0], pos: m.pos });
    } while (this.eat(","));
    return { type: "import", names, pos: start, end: this.peek(-1).end ?? start };
  }

  private parseFromImport(): Stmt {
    const start = this.next().pos;
    const m = this.dotted();
    if (!this.kw("import")) throw this.unexpected(this.peek(), "expected 'import'");
    this.i++;
    const paren = this.eat("(");
    const names: { name: string; alias: string; pos: number }[] = [];
    do {
      if (paren && this.is(")")) break;
      const n = this.peek();
      if (this.is("*")) throw this.unsupportedAt(n.pos, "'import *' is not supported", `from ${m.name} import name1, name2`);
      if (n.kind !== "name") throw this.unexpected(n, "expected a name to import");
      this.i++;
      names.push({ name: n.text, alias: this.alias() ?? n.text, pos: n.pos });
    } while (this.eat(","));
    if (paren) this.expect(")");
    return { type: "from", module: m.name, names, pos: start, end: this.peek(-1).end ?? start };
  }
}

function tokenAt(pos: number): Token {
  return { kind: "op", text: "", pos };
}

function lastEnd(body: Stmt[], fallback: number): number {
  const last = body[body.length - 1];
  return last ? last.end : fallback;
}

/** Parses a whole program; throws the first syntax or unsupported-construct EngineError. */
export function parseProgram(src: string): Program {
  return new ProgramParser(src).parseProgram();
}
