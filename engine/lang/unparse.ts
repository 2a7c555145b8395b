/**
 * Source text from the AST, Python's `ast.unparse` for our lambda language: canonical spacing,
 * parentheses only where precedence needs them, no comments or line continuations. So a
 * program can be composed on its parsed form (`composeLambdaSource`: wrap a lambda's body in a
 * call) and printed back as a valid lambda, whatever the user's layout was.
 */
import type { Expr, LambdaNode, SliceNode } from "./ast";
import { parseExpression, parseLambdaSource } from "./parse";

// Python's precedence, lowest first (only the levels the language has).
const LAMBDA = 0;
const COMPARE = 1;
const ADDITIVE = 2;
const MULTIPLICATIVE = 3;
const UNARY = 4;
const POWER = 5;
const POSTFIX = 6;

function precedence(e: Expr): number {
  switch (e.type) {
    case "lambda":
      return LAMBDA;
    case "compare":
      return COMPARE;
    case "binary":
      return e.op === "+" || e.op === "-" ? ADDITIVE : e.op === "**" ? POWER : MULTIPLICATIVE;
    case "unary":
      return UNARY;
    default:
      return POSTFIX;
  }
}

const ESCAPES: Record<string, string> = { "\\": "\\\\", "'": "\\'", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0" };

function numberText(value: number, isFloat: boolean): string {
  if (value === Infinity) return "1e999";
  const s = String(value);
  return isFloat && /^-?\d+$/.test(s) ? `${s}.0` : s;
}

/** `e` printed where an expression of at least precedence `min` is needed. */
function at(e: Expr, min: number): string {
  const s = unparse(e);
  return precedence(e) < min ? `(${s})` : s;
}

function sliceText(s: SliceNode): string {
  const part = (p: Expr | null) => (p === null ? "" : unparse(p));
  return `${part(s.start)}:${part(s.stop)}${s.step === null ? "" : `:${part(s.step)}`}`;
}

export function unparse(e: Expr): string {
  switch (e.type) {
    case "number":
      return numberText(e.value, e.isFloat);
    case "string":
      return `'${[...e.value].map((c) => ESCAPES[c] ?? c).join("")}'`;
    case "const":
      return e.value === null ? "None" : e.value ? "True" : "False";
    case "name":
      return e.name;
    case "ellipsis":
      return "...";
    case "binary": {
      const p = precedence(e);
      // `**` is right-associative and takes a unary exponent; the others are left-associative.
      return e.op === "**" ? `${at(e.left, POSTFIX)} ** ${at(e.right, UNARY)}` : `${at(e.left, p)} ${e.op} ${at(e.right, p + 1)}`;
    }
    case "compare":
      return `${at(e.left, ADDITIVE)} ${e.op} ${at(e.right, ADDITIVE)}`;
    case "unary":
      return `${e.op}${at(e.operand, UNARY)}`;
    case "attr":
      // `(1).sum()`: a number literal followed by `.` would read as a decimal point.
      return `${e.object.type === "number" ? `(${unparse(e.object)})` : at(e.object, POSTFIX)}.${e.name}`;
    case "call": {
      const args = [...e.args.map(unparse), ...e.keywords.map((k) => `${k.name}=${unparse(k.value)}`)];
      return `${at(e.func, POSTFIX)}(${args.join(", ")})`;
    }
    case "index":
      return `${at(e.object, POSTFIX)}[${e.items.map((it) => (it.type === "slice" ? sliceText(it) : unparse(it))).join(", ")}]`;
    case "tuple":
      return e.items.length === 1 ? `(${unparse(e.items[0])},)` : `(${e.items.map(unparse).join(", ")})`;
    case "list":
      return `[${e.items.map(unparse).join(", ")}]`;
    case "dict":
      return `{${e.keys.map((k, i) => `${unparse(k)}: ${unparse(e.values[i])}`).join(", ")}}`;
    case "lambda":
      return `lambda${e.params.length ? ` ${e.params.join(", ")}` : ""}: ${unparse(e.body)}`;
  }
}

/**
 * `lambda a, b: outer(body)` from `lambda a, b: body`, composed on the parsed lambda, so comments,
 * line continuations and layout in `src` cannot break it. `outer` is a callable expression such
 * as `jnp.sum`. Throws the parser's EngineError when either does not parse.
 */
export function composeLambdaSource(src: string, outer: string): string {
  const f: LambdaNode = parseLambdaSource(src);
  const call: Expr = { type: "call", func: parseExpression(outer), args: [f.body], keywords: [], pos: f.body.pos };
  return unparse({ ...f, body: call });
}
