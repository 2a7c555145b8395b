/**
 * Which names a piece of a program reads from outside itself, and which names a statement
 * binds: how importJax copies exactly the statements a function needs (Python's own rule for
 * free variables, simplified: a name assigned anywhere in a def is local to it).
 */
import type { Expr, SliceNode, Stmt } from "../ast";

/** An expression's sub-expressions (a lambda's body included), in source order. */
function children(e: Expr | SliceNode): (Expr | SliceNode | null)[] {
  switch (e.type) {
    case "attr": return [e.object];
    case "call": return [e.func, ...e.args, ...e.keywords.map((k) => k.value)];
    case "index": return [e.object, ...e.items];
    case "slice": return [e.start, e.stop, e.step];
    case "binary": case "compare": return [e.left, e.right];
    case "unary": return [e.operand];
    case "tuple": case "list": return e.items;
    case "dict": return [...e.keys, ...e.values];
    case "lambda": return [e.body];
    default: return [];
  }
}

function exprNames(e: Expr | SliceNode | null, bound: ReadonlySet<string>, out: Set<string>): void {
  if (!e) return;
  if (e.type === "name") {
    if (!bound.has(e.name)) out.add(e.name);
    return;
  }
  const inner = e.type === "lambda" ? new Set([...bound, ...e.params]) : bound;
  for (const c of children(e)) exprNames(c, inner, out);
}

/** The names a statement binds in its scope. */
export function boundNames(s: Stmt): string[] {
  switch (s.type) {
    case "def":
      return [s.name];
    case "assign": {
      const out: string[] = [];
      const walk = (t: (typeof s.targets)[number]): void => {
        if (t.type === "name") out.push(t.name);
        else t.items.forEach(walk);
      };
      s.targets.forEach(walk);
      return out;
    }
    case "augassign":
      return [s.target.name];
    case "import":
      return s.names.map((n) => n.alias);
    case "from":
      return s.names.map((n) => n.alias);
    default:
      return [];
  }
}

/** Free names of statements run in one scope (`bound` holds the scope's own names). */
function stmtsNames(stmts: readonly Stmt[], bound: ReadonlySet<string>, out: Set<string>): void {
  for (const s of stmts) stmtNames(s, bound, out, true);
}

/** The names `s` reads from outside: for a def, its decorators, defaults and body minus its locals. */
export function stmtNames(s: Stmt, bound: ReadonlySet<string> = new Set(), out = new Set<string>(), inner = false): Set<string> {
  switch (s.type) {
    case "def": {
      for (const d of s.decorators) exprNames(d, bound, out);
      for (const p of s.params) exprNames(p.default, bound, out);
      const locals = new Set([...bound, ...s.params.map((p) => p.name), ...s.body.flatMap(boundNames)]);
      stmtsNames(s.body, locals, out);
      return out;
    }
    case "augassign":
      // `x += 1` reads x first (at the top level, from an earlier binding).
      if (!bound.has(s.target.name) || !inner) out.add(s.target.name);
      exprNames(s.value, bound, out);
      return out;
    case "assign": case "expr": case "return":
      exprNames(s.value, bound, out);
      return out;
    default:
      return out;
  }
}

/** Where an expression's text starts (a call's, an attribute's, an index's or an operator's `pos` is inside it). */
export function exprStart(e: Expr): number {
  switch (e.type) {
    case "call": return exprStart(e.func);
    case "attr": case "index": return exprStart(e.object);
    case "binary": case "compare": return exprStart(e.left);
    default: return e.pos;
  }
}

export function freeNamesOf(e: Expr): Set<string> {
  const out = new Set<string>();
  exprNames(e, new Set(), out);
  return out;
}

/** Every call node in a program, by the offset of its `(` (how a recorded call finds its source). */
export function callsByPos(stmts: readonly Stmt[]): Map<number, Extract<Expr, { type: "call" }>> {
  const out = new Map<number, Extract<Expr, { type: "call" }>>();
  const visit = (e: Expr | SliceNode | null): void => {
    if (!e) return;
    if (e.type === "call") out.set(e.pos, e);
    children(e).forEach(visit);
  };
  const walk = (s: Stmt): void => {
    switch (s.type) {
      case "def":
        s.decorators.forEach(visit);
        s.params.forEach((p) => visit(p.default));
        return s.body.forEach(walk);
      case "assign": case "augassign": case "expr":
        return visit(s.value);
      case "return":
        return visit(s.value);
      default:
        return;
    }
  };
  stmts.forEach(walk);
  return out;
}
