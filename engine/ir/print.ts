/**
 * JAX's jaxpr text, laid out by a port of JAX's Wadler–Lindig pretty printer (width 80):
 * `{ lambda ; a:f32[]. let b:f32[] = cos a; c:f32[] = sin b in (c,) }` when a jaxpr fits on a
 * line, one equation per line otherwise; params sorted by name and broken one per line when they
 * do not fit; variables a, b, …, z, ba, bb … in printing order; unused outputs of the top-level
 * jaxpr printed `_`; a nested jaxpr used twice or with more than 10 equations printed once, first,
 * as `let name = { … } in`. JAX: jax/_src/pretty_printer.py, core.py (pp_toplevel_jaxpr, pp_eqn).
 */
import { pyScalar } from "../array/scalarText";
import type { Atom, Eqn, Jaxpr, Var } from "./jaxpr";

// ---- documents (pretty_printer.py) ----

type Doc =
  | { t: "text"; s: string }
  | { t: "cat"; c: Doc[] }
  | { t: "brk"; s: string }
  | { t: "group"; c: Doc }
  | { t: "nest"; n: number; c: Doc };

const text = (s: string): Doc => ({ t: "text", s });
const cat = (...c: Doc[]): Doc => ({ t: "cat", c });
/** cat of a list of any length (a spread call would put every element on the JS stack). */
const catList = (c: Doc[]): Doc => ({ t: "cat", c });
const brk = (s = " "): Doc => ({ t: "brk", s });
const group = (c: Doc): Doc => ({ t: "group", c });
const nest = (n: number, c: Doc): Doc => ({ t: "nest", n, c });
const NIL: Doc = cat();
function join(sep: Doc, docs: Doc[]): Doc {
  const c: Doc[] = [];
  docs.forEach((d, i) => (i ? c.push(sep, d) : c.push(d)));
  return catList(c);
}

type Frame = [indent: number, flat: boolean, doc: Doc];

/** JAX's _fits: only the group itself has to fit in what is left of the line. */
function fits(doc: Doc, width: number, indent: number): boolean {
  const agenda: Frame[] = [[indent, true, doc]];
  while (width >= 0 && agenda.length) {
    const [i, flat, d] = agenda.pop()!;
    if (d.t === "text") width -= d.s.length;
    else if (d.t === "cat") for (let k = d.c.length - 1; k >= 0; k--) agenda.push([i, flat, d.c[k]]);
    else if (d.t === "brk") {
      if (!flat) return true;
      width -= d.s.length;
    } else if (d.t === "nest") agenda.push([i + d.n, flat, d.c]);
    else agenda.push([i, true, d.c]);
  }
  return width >= 0;
}

function format(doc: Doc, width = 80): string {
  const lines: string[] = [];
  let line = "";
  const agenda: Frame[] = [[0, false, doc]];
  while (agenda.length) {
    const [i, flat, d] = agenda.pop()!;
    if (d.t === "text") line += d.s;
    else if (d.t === "cat") for (let k = d.c.length - 1; k >= 0; k--) agenda.push([i, flat, d.c[k]]);
    else if (d.t === "brk") {
      if (flat) line += d.s;
      else {
        lines.push(line);
        line = " ".repeat(i);
      }
    } else if (d.t === "nest") agenda.push([i + d.n, flat, d.c]);
    else agenda.push([i, fits(d.c, width - line.length, i), d.c]);
  }
  lines.push(line);
  return lines.join("\n");
}

// ---- values ----

export { pyFloat, pyScalar } from "../array/scalarText";

/**
 * Splits printParams' text into `key=value` pairs at top-level spaces (a value may hold spaces
 * inside brackets, e.g. `dimension_numbers=(([1], [0]), ([], []))`).
 */
export function splitParams(s: string): [string, string][] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if ("([{".includes(ch)) depth++;
    else if (")]}".includes(ch)) depth--;
    if (depth === 0 && /\s/.test(ch) && /^\s*[A-Za-z_]\w*=/.test(s.slice(i))) {
      if (cur.trim()) parts.push(cur.trim());
      cur = "";
      continue;
    }
    cur += ch;
  }
  if (cur.trim()) parts.push(cur.trim());
  return parts.map((p) => {
    const k = p.indexOf("=");
    return k < 0 ? [p, ""] : [p.slice(0, k), p.slice(k + 1)];
  });
}

// ---- jaxprs (core.py) ----

function nameOf(n: number): string {
  let s = "";
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n);
  return s;
}

class Ctx {
  private readonly names = new Map<Var, string>();
  private next = 0;
  readonly shared = new Map<Jaxpr, string>();
  readonly sharedNames = new Set<string>();
  constructor(drop: Iterable<Var>) {
    for (const v of drop) this.names.set(v, "_");
  }
  name(v: Var): string {
    let s = this.names.get(v);
    if (s === undefined) {
      do s = nameOf(this.next++);
      while (this.sharedNames.has(s));
      this.names.set(v, s);
    }
    return s;
  }
}

function atomText(a: Atom, ctx: Ctx): string {
  if (a.kind === "var") return ctx.name(a);
  const v = a.val.size === 1 && a.val.ndim === 0 ? pyScalar(a.val.data[a.val.offset], a.val.dtype) : "[...]";
  return `${v}:${a.aval.str()}`;
}

function ppVars(vs: readonly Atom[], ctx: Ctx, types: boolean, sep = ""): Doc {
  const docs = vs.map((v) => text(types ? `${atomText(v, ctx)}:${v.aval.str()}` : atomText(v, ctx)));
  return nest(2, group(join(cat(text(sep), group(brk())), docs)));
}

function paramsOf(e: Eqn): [string, unknown][] {
  const pairs: [string, unknown][] = e.prim.printParams ? splitParams(e.prim.printParams(e.params, e.outputs.map((v) => v.aval))) : [];
  for (const [k, v] of Object.entries(e.params ?? {})) if (isJaxprLike(v) || isJaxprTuple(v)) pairs.push([k, v]);
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  // JAX's _pjit_pp_rule moves name= to the front "to make the equation easier to scan".
  const i = pairs.findIndex(([k]) => k === "name");
  if (i > 0) pairs.unshift(...pairs.splice(i, 1));
  return pairs;
}

function isJaxprLike(v: unknown): v is Jaxpr {
  return typeof v === "object" && v !== null && (v as { kind?: string }).kind === "jaxpr";
}

/** A tuple of jaxprs (cond's branches). */
function isJaxprTuple(v: unknown): v is Jaxpr[] {
  return Array.isArray(v) && v.length > 0 && v.every(isJaxprLike);
}

/** JAX's pp_jaxprs: `(`, the jaxprs one per line when they do not fit, `)`. */
function ppJaxprs(js: readonly Jaxpr[], ctx: Ctx): Doc {
  return group(cat(nest(2, cat(text("("), brk(""), join(brk(), js.map((j) => ppJaxpr(j, ctx))))), brk(""), text(")")));
}

function ppParam(v: unknown, ctx: Ctx): Doc {
  if (isJaxprLike(v)) return ppJaxpr(v, ctx);
  if (isJaxprTuple(v)) return ppJaxprs(v, ctx);
  return text(String(v));
}

function ppEqn(e: Eqn, ctx: Ctx): Doc {
  const lhs = ppVars(e.outputs, ctx, true);
  const kv = paramsOf(e).map(([k, v]) => cat(text(`${k}=`), ppParam(v, ctx)));
  const params = kv.length ? group(cat(nest(2, cat(text("["), brk(""), join(brk(), kv))), brk(""), text("]"))) : NIL;
  const rhs = cat(text(e.prim.name), params, text(" "), ppVars(e.inputs, ctx, false));
  return e.outputs.length ? cat(lhs, text(" = "), rhs) : rhs;
}

function ppJaxpr(j: Jaxpr, ctx: Ctx, define = false): Doc {
  const sharedName = ctx.shared.get(j);
  if (sharedName && !define) return text(sharedName);
  const constvars = ppVars(j.constvars, ctx, true);
  const invars = ppVars(j.invars, ctx, true);
  const eqns = join(brk("; "), j.eqns.map((e) => ppEqn(e, ctx)));
  const outvars = cat(text("("), ppVars(j.outvars, ctx, false, ","), text(j.outvars.length === 1 ? ",)" : ")"));
  const body = cat(text("{ "), text("lambda "), constvars, text("; "), invars, text(". "), text("let"), nest(2, cat(brk(), eqns)), brk(), text("in "), outvars);
  return cat(group(nest(2, body)), text(" }"));
}

function subJaxprs(e: Eqn): Jaxpr[] {
  return Object.values(e.params ?? {}).flatMap((v) => (isJaxprLike(v) ? [v] : isJaxprTuple(v) ? v : []));
}

/** Unused equation outputs of the top-level jaxpr (JAX's _dropvars). */
function dropVars(j: Jaxpr): Var[] {
  const used = new Set<Atom>(j.outvars);
  const drop: Var[] = [];
  for (let i = j.eqns.length - 1; i >= 0; i--) {
    for (const v of j.eqns[i].outputs) if (!used.has(v)) drop.push(v);
    for (const a of j.eqns[i].inputs) used.add(a);
  }
  return drop;
}

export function printJaxpr(top: Jaxpr, width = 80): string {
  const ctx = new Ctx(dropVars(top));
  // JAX hoists a sub-jaxpr seen more than once, or with more than 10 equations, to the front.
  const counts = new Map<Jaxpr, number>();
  const names = new Map<Jaxpr, string>();
  // JAX counts one use per path from the top (its breadth-first walk visits a jaxpr once per
  // reference). Walking every path is exponential when nested jaxprs share sub-jaxprs, so we
  // walk each jaxpr once, in the same first-sight order, and count paths (capped at 2) over
  // the DAG in topological order; a count of 1 means "print inline", as in JAX.
  const refs = new Map<Jaxpr, Jaxpr[]>();
  const order: Jaxpr[] = [top];
  const listed = new Set<Jaxpr>(order);
  for (let q = 0; q < order.length; q++) {
    const j = order[q];
    const subs: Jaxpr[] = [];
    for (const e of j.eqns) {
      const name = typeof e.params?.name === "string" ? e.params.name.replace(/^<+|>+$/g, "") : undefined;
      for (const s of subJaxprs(e)) {
        subs.push(s);
        if (name !== undefined && !names.has(s)) names.set(s, name);
        if (!listed.has(s)) listed.add(s), order.push(s);
      }
    }
    refs.set(j, subs);
  }
  const indegree = new Map<Jaxpr, number>();
  for (const subs of refs.values()) for (const s of subs) indegree.set(s, (indegree.get(s) ?? 0) + 1);
  const paths = new Map<Jaxpr, number>([[top, 1]]);
  const ready: Jaxpr[] = [top];
  while (ready.length) {
    const j = ready.pop()!;
    for (const s of refs.get(j)!) {
      paths.set(s, Math.min(2, (paths.get(s) ?? 0) + paths.get(j)!));
      indegree.set(s, indegree.get(s)! - 1);
      if (indegree.get(s) === 0) ready.push(s);
    }
  }
  for (const j of order) counts.set(j, paths.get(j)! * (j !== top && j.eqns.length > 10 ? 2 : 1));
  const nameCounts = new Map<string, number>();
  const docs: Doc[] = [];
  const shared: [string, Jaxpr][] = [];
  for (const [j, c] of counts) {
    if (c === 1) continue;
    let name = names.get(j) ?? "jaxpr";
    const n = nameCounts.get(name) ?? 0;
    nameCounts.set(name, n + 1);
    if (n > 0) {
      name += String(n);
      nameCounts.set(name, (nameCounts.get(name) ?? 0) + 1);
    }
    ctx.shared.set(j, name);
    ctx.sharedNames.add(name);
    shared.push([name, j]);
  }
  for (const [name, j] of shared) docs.push(cat(text(`let ${name} = `), ppJaxpr(j, ctx, true), text(" in"), brk()));
  docs.push(ppJaxpr(top, ctx));
  return format(catList(docs), width);
}

/**
 * The top-level jaxpr printed piece by piece, with the names `printJaxpr` gives (constvars,
 * invars, then each equation in order): each variable's name and each equation's own text, for
 * views that show a jaxpr equation by equation (the vmap rewrite, the computation graph).
 */
export function jaxprParts(top: Jaxpr, width = 80): { names: Map<Var, string>; atom: (a: Atom) => string; eqns: string[] } {
  const ctx = new Ctx(dropVars(top));
  const names = new Map<Var, string>();
  const name = (v: Var) => {
    const s = ctx.name(v);
    names.set(v, s);
    return s;
  };
  top.constvars.forEach(name);
  top.invars.forEach(name);
  const eqns = top.eqns.map((e) => {
    e.outputs.forEach(name);
    e.inputs.forEach((a) => a.kind === "var" && name(a));
    return format(ppEqn(e, ctx), width);
  });
  top.outvars.forEach((a) => a.kind === "var" && name(a));
  return { names, atom: (a) => atomText(a, ctx), eqns };
}
