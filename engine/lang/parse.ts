/**
 * Recursive-descent parser for the lambda language, with Python's precedence:
 * lambda < comparison < `+ -` < `* / @` < unary `-` < `**` (right-assoc) < call/attr/index.
 * Grammar follows CPython's `Grammar/python.gram` (expression, comparison, sum, term,
 * factor, power, primary, slices) restricted to what the playground reads.
 * Two caps keep hostile input harmless: recursion depth (CPython's parser has the same
 * 200-level limit) and AST height, so neither parsing nor evaluation can overflow the stack.
 */
import { EngineError } from "../errors";
import type { BinOp, CmpOp, Expr, Keyword, LambdaNode, SliceNode } from "./ast";
import { indentationError, PY_KEYWORDS, syntaxError, tokenize, type LayoutFactory, type Token } from "./tokens";

export const MAX_SOURCE_LENGTH = 10_000;

/** Where each parsed lambda's text ends (just past its body), so importJax can copy it as written. */
export const LAMBDA_ENDS = new WeakMap<LambdaNode, number>();
const MAX_NESTING = 200;
const MAX_HEIGHT = 500;

const CMP_OPS = new Set(["<", "<=", ">", ">=", "==", "!="]);
const KEYWORD_HINTS: Record<string, string> = {
  if: "conditional expressions are not supported; use jnp.where(cond, x, y)",
  else: "conditional expressions are not supported; use jnp.where(cond, x, y)",
  and: "boolean operators are not supported",
  or: "boolean operators are not supported",
  not: "boolean operators are not supported",
  for: "comprehensions are not supported",
};

/** Parses a whole source that must be one `lambda …: …`. */
export function parseLambdaSource(src: string): LambdaNode {
  const p = new Parser(src);
  const first = p.peek();
  if (!(first.kind === "keyword" && first.text === "lambda")) {
    throw p.fail(first, "expected 'lambda'", "the source must be a lambda, e.g. lambda x: x * 2");
  }
  const lam = p.parseLambda();
  p.expectEnd();
  return lam;
}

/**
 * Reads only the header of `lambda p1, p2: …` (the body may not parse yet: a UI keeps drawing
 * the arguments while the user types). Never throws: the names and the offset where the body
 * starts (just past the colon), or the syntax error.
 */
export function parseLambdaHeader(src: string): { ok: true; params: string[]; bodyStart: number } | { ok: false; error: EngineError } {
  try {
    const p = new Parser(src, ":");
    const first = p.peek();
    if (!(first.kind === "keyword" && first.text === "lambda")) {
      throw p.fail(first, "expected 'lambda'", "the source must be a lambda, e.g. lambda x: x * 2");
    }
    const params = p.parseLambdaParams();
    return { ok: true, params, bodyStart: p.peek(-1).pos + 1 };
  } catch (e) {
    if (e instanceof EngineError) return { ok: false, error: e };
    throw e;
  }
}

/** Parses any single expression (a lambda or not) up to the end of the source. */
export function parseExpression(src: string): Expr {
  const p = new Parser(src);
  const e = p.parseExpr();
  p.expectEnd();
  return e;
}

function checkLength(src: string): void {
  if (src.length > MAX_SOURCE_LENGTH) {
    throw new EngineError(
      "syntax",
      `invalid syntax: the source is ${src.length.toLocaleString("en-US")} characters long; the limit is ${MAX_SOURCE_LENGTH.toLocaleString("en-US")}`,
      { column: MAX_SOURCE_LENGTH + 1 },
    );
  }
}

/** The expression parser; program.ts extends it with statements. */
export class Parser {
  protected readonly toks: Token[];
  protected i = 0;
  private depth = 0;
  private readonly heights = new WeakMap<object, number>();

  constructor(protected readonly src: string, stopAfter?: string, layout?: LayoutFactory) {
    checkLength(src);
    this.toks = tokenize(src, stopAfter, layout);
  }

  peek(k = 0): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)];
  }

  protected next(): Token {
    const t = this.toks[this.i];
    if (t.kind !== "eof") this.i++;
    return t;
  }

  protected is(text: string, k = 0): boolean {
    const t = this.peek(k);
    return (t.kind === "punct" || t.kind === "op") && t.text === text;
  }

  protected eat(text: string): boolean {
    if (!this.is(text)) return false;
    this.i++;
    return true;
  }

  fail(tok: Token, what: string, hint?: string): EngineError {
    return syntaxError(this.src, tok.pos, what, hint);
  }

  /** The error for a token we cannot use here; names the Python feature when it is one we lack. */
  protected unexpected(tok: Token, expected?: string): EngineError {
    // A line indented deeper than its block, where no block opens: Python's IndentationError.
    if (tok.kind === "indent") return indentationError(this.src, tok.pos, "unexpected indent");
    if (tok.kind === "name" && PY_KEYWORDS.has(tok.text)) {
      return this.fail(tok, `'${tok.text}' is not supported`, KEYWORD_HINTS[tok.text]);
    }
    if (tok.kind === "op" && (tok.text === "//" || tok.text === "%")) {
      return this.fail(tok, `operator '${tok.text}' is not supported`);
    }
    if (tok.kind === "punct" && tok.text === "=" && !expected) {
      return this.fail(tok, "unexpected '='", "did you mean '=='?");
    }
    if (expected) return this.fail(tok, expected);
    if (tok.kind === "eof") return this.fail(tok, "unexpected end of input");
    return this.fail(tok, `unexpected ${describe(tok)}`);
  }

  protected expect(text: string): Token {
    const t = this.peek();
    if (!this.eat(text)) throw this.unexpected(t, `expected '${text}'`);
    return t;
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.kind === "eof") return;
    if (t.kind === "punct" && t.text === ",") {
      throw this.fail(t, "unexpected ','", "to return a tuple, put it in parentheses: lambda x: (x, x)");
    }
    throw this.unexpected(t);
  }

  private enter(tok: Token): void {
    if (++this.depth > MAX_NESTING) {
      throw this.fail(tok, `expression is nested too deeply (more than ${MAX_NESTING} levels)`);
    }
  }

  /** Records the node's height; a tall AST (e.g. 1000 chained `+`) would overflow evaluation. */
  protected node<T extends Expr | SliceNode>(n: T, ...children: (Expr | SliceNode | null)[]): T {
    let h = 0;
    for (const c of children) if (c) h = Math.max(h, this.heights.get(c) ?? 1);
    if (h + 1 > MAX_HEIGHT) {
      throw syntaxError(this.src, n.pos, `expression is too long or nested too deeply (more than ${MAX_HEIGHT} levels)`);
    }
    this.heights.set(n, h + 1);
    return n;
  }

  parseExpr(): Expr {
    this.enter(this.peek());
    const t = this.peek();
    const e = t.kind === "keyword" && t.text === "lambda" ? this.parseLambda() : this.parseComparison();
    this.depth--;
    return e;
  }

  parseLambda(): LambdaNode {
    const kw = this.peek();
    const params = this.parseLambdaParams();
    const body = this.parseExpr();
    const lam = this.node({ type: "lambda", params, body, pos: kw.pos }, body);
    LAMBDA_ENDS.set(lam, this.peek(-1).end ?? kw.pos);
    return lam;
  }

  /** `lambda p1, p2:` up to and including the colon. */
  parseLambdaParams(): string[] {
    this.next();
    const params: string[] = [];
    while (!this.is(":")) {
      const t = this.peek();
      if (this.is("*") || this.is("**")) throw this.fail(t, "'*args' and '**kwargs' parameters are not supported");
      if (t.kind !== "name" || PY_KEYWORDS.has(t.text)) throw this.unexpected(t, "expected a parameter name or ':'");
      if (params.includes(t.text)) throw this.fail(t, `duplicate argument '${t.text}' in function definition`);
      params.push(t.text);
      this.i++;
      if (this.is("=")) throw this.fail(this.peek(), "default parameter values are not supported");
      if (!this.eat(",")) break;
    }
    this.expect(":");
    return params;
  }

  private parseComparison(): Expr {
    const left = this.parseAdditive();
    const t = this.peek();
    if (t.kind !== "op" || !CMP_OPS.has(t.text)) return left;
    this.i++;
    const right = this.parseAdditive();
    const u = this.peek();
    if (u.kind === "op" && CMP_OPS.has(u.text)) throw this.fail(u, "chained comparisons such as a < b < c are not supported");
    return this.node({ type: "compare", op: t.text as CmpOp, left, right, pos: t.pos }, left, right);
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (this.is("+") || this.is("-")) {
      const t = this.next();
      const right = this.parseMultiplicative();
      left = this.node({ type: "binary", op: t.text as BinOp, left, right, pos: t.pos }, left, right);
    }
    return left;
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    while (this.is("*") || this.is("/") || this.is("@") || this.is("//") || this.is("%")) {
      const t = this.next();
      if (t.text === "//" || t.text === "%") throw this.unexpected(t);
      const right = this.parseUnary();
      left = this.node({ type: "binary", op: t.text as BinOp, left, right, pos: t.pos }, left, right);
    }
    return left;
  }

  private parseUnary(): Expr {
    if (this.is("-") || this.is("+")) {
      const t = this.next();
      this.enter(t);
      const operand = this.parseUnary();
      this.depth--;
      return this.node({ type: "unary", op: t.text as "-" | "+", operand, pos: t.pos }, operand);
    }
    return this.parsePower();
  }

  // `-x**2` is -(x**2) and `2**-1` is 2**(-1): the exponent is a unary expression.
  private parsePower(): Expr {
    const base = this.parsePostfix();
    if (!this.is("**")) return base;
    const t = this.next();
    this.enter(t);
    const exp = this.parseUnary();
    this.depth--;
    return this.node({ type: "binary", op: "**", left: base, right: exp, pos: t.pos }, base, exp);
  }

  private parsePostfix(): Expr {
    let e = this.parseAtom();
    while (true) {
      const t = this.peek();
      if (this.eat("(")) {
        const { args, keywords } = this.parseCallArgs();
        e = this.node({ type: "call", func: e, args, keywords, pos: t.pos }, e, ...args, ...keywords.map((k) => k.value));
      } else if (this.eat("[")) {
        const items = this.parseSubscripts(t);
        e = this.node({ type: "index", object: e, items, pos: t.pos }, e, ...items);
      } else if (this.eat(".")) {
        const name = this.peek();
        if (name.kind !== "name" || PY_KEYWORDS.has(name.text)) throw this.unexpected(name, "expected an attribute name after '.'");
        this.i++;
        e = this.node({ type: "attr", object: e, name: name.text, pos: name.pos }, e);
      } else {
        return e;
      }
    }
  }

  private parseAtom(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case "number":
        this.i++;
        return this.node({ type: "number", value: t.num ?? NaN, isFloat: t.isFloat ?? false, pos: t.pos });
      case "string": {
        this.i++;
        let value = t.text;
        // Python joins adjacent literals: 'ij,jk' '->ik'.
        while (this.peek().kind === "string") value += this.next().text;
        return this.node({ type: "string", value, pos: t.pos });
      }
      case "keyword":
        if (t.text === "lambda") throw this.fail(t, "unexpected 'lambda'", "put the lambda in parentheses");
        this.i++;
        return this.node({ type: "const", value: t.text === "None" ? null : t.text === "True", pos: t.pos });
      case "name":
        if (PY_KEYWORDS.has(t.text)) throw this.unexpected(t);
        this.i++;
        return this.node({ type: "name", name: t.text, pos: t.pos });
      case "punct":
        if (t.text === "...") {
          this.i++;
          return this.node({ type: "ellipsis", pos: t.pos });
        }
        if (t.text === "(") return this.parseParens();
        if (t.text === "[") {
          this.i++;
          const items = this.parseSequence("]");
          return this.node({ type: "list", items, pos: t.pos }, ...items);
        }
        if (t.text === "{") return this.parseDict();
        break;
    }
    throw this.unexpected(t, t.kind === "eof" ? "unexpected end of input" : undefined);
  }

  private parseParens(): Expr {
    const open = this.next();
    if (this.eat(")")) return this.node({ type: "tuple", items: [], pos: open.pos });
    const first = this.parseExpr();
    if (!this.is(",")) {
      this.expect(")");
      return first;
    }
    this.i++;
    const items = [first, ...this.parseSequence(")")];
    return this.node({ type: "tuple", items, pos: open.pos }, ...items);
  }

  /** Comma-separated expressions up to `close` (consumed); a trailing comma is allowed. */
  private parseSequence(close: string): Expr[] {
    const items: Expr[] = [];
    while (!this.is(close)) {
      items.push(this.parseExpr());
      if (!this.eat(",")) break;
    }
    this.expect(close);
    return items;
  }

  private parseDict(): Expr {
    const open = this.next();
    const keys: Expr[] = [];
    const values: Expr[] = [];
    while (!this.is("}")) {
      keys.push(this.parseExpr());
      this.expect(":");
      values.push(this.parseExpr());
      if (!this.eat(",")) break;
    }
    this.expect("}");
    return this.node({ type: "dict", keys, values, pos: open.pos }, ...keys, ...values);
  }

  private parseCallArgs(): { args: Expr[]; keywords: Keyword[] } {
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    while (!this.is(")")) {
      const t = this.peek();
      if (this.is("*") || this.is("**")) throw this.fail(t, "'*' and '**' unpacking in calls is not supported");
      if (t.kind === "name" && this.is("=", 1)) {
        if (PY_KEYWORDS.has(t.text)) throw this.unexpected(t);
        if (keywords.some((k) => k.name === t.text)) throw this.fail(t, `keyword argument repeated: ${t.text}`);
        this.i += 2;
        keywords.push({ name: t.text, value: this.parseExpr(), pos: t.pos });
      } else {
        if (keywords.length > 0) throw this.fail(t, "positional argument follows keyword argument");
        args.push(this.parseExpr());
      }
      if (!this.eat(",")) break;
    }
    this.expect(")");
    return { args, keywords };
  }

  private parseSubscripts(open: Token): (Expr | SliceNode)[] {
    const items: (Expr | SliceNode)[] = [];
    if (this.is("]")) throw this.fail(this.peek(), "expected an index", "e.g. x[0], x[:, 1] or x[None]");
    while (!this.is("]")) {
      items.push(this.parseSubscript());
      if (!this.eat(",")) break;
    }
    const close = this.peek();
    if (!this.eat("]")) throw this.unexpected(close, close.kind === "eof" ? `'[' at column ${open.pos + 1} was never closed` : "expected ']'");
    return items;
  }

  private parseSubscript(): Expr | SliceNode {
    const pos = this.peek().pos;
    const start = this.is(":") ? null : this.parseExpr();
    if (!this.eat(":")) return start as Expr;
    const ends = () => this.is(",") || this.is("]");
    const stop = this.is(":") || ends() ? null : this.parseExpr();
    let step: Expr | null = null;
    if (this.eat(":") && !ends()) step = this.parseExpr();
    return this.node({ type: "slice", start, stop, step, pos }, start, stop, step);
  }
}

function describe(tok: Token): string {
  if (tok.kind === "eof") return "end of input";
  if (tok.kind === "newline") return tok.text === ";" ? "';'" : "end of line";
  if (tok.kind === "indent") return "indent";
  if (tok.kind === "dedent") return "unindent";
  if (tok.kind === "string") return "string";
  return `'${tok.text}'`;
}
