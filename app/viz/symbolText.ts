/**
 * Symbolic cells as text: an output cell's expression (the engine's CellExpr, core/symbols.ts) written with Python's
 * precedence: `a₀₁ + b₁₀`, `(a₀ - b₀)²`. A reduction whose terms differ only in the index they
 * run over is written with a bound index, `Σ m₀ⱼ·vⱼ`; otherwise its terms are listed
 * (`a₀ + a₁`), the middle elided past four (`a₀ + a₁ + … + a₉`).
 */
import type { CellExpr, ReduceSymbol } from "../../engine";
// Types only: the cell names and the namer live in cellNames.ts, part of the first screen, which
// this module (loaded later) must not split into a chunk of its own.
import type { Index, NameCell } from "./cellNames";

const SUP: Record<string, string> = { "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻", ".": "·" };

const superscript = (s: string) => Array.from(s, (c) => SUP[c] ?? c).join("");

/** Binding strength of an expression where it stands as an operand (higher binds tighter). */
function strength(e: CellExpr): number {
  if (e.t === "op") return e.form === "infix" ? e.prec : e.form === "prefix" ? 3 : e.form === "power" ? 4 : 9;
  if (e.t === "reduce") return 0.5;
  // A negative constant reads like a unary minus: (-1.0)², x - (-1.0).
  if (e.t === "const" && e.text.startsWith("-")) return 3;
  return 9;
}

const REDUCE_SIGN: Record<ReduceSymbol, string> = { sum: "Σ", prod: "Π", max: "max", min: "min" };

/** The text of `e`; cells named by `name` (see cellNamer). */
export function exprText(e: CellExpr, name: NameCell, shapes: readonly (readonly number[])[], compact = true): string {
  const w = new Writer(name, shapes, compact);
  return w.text(e, new Map());
}

type Bound = Map<string, Index[]>;

class Writer {
  constructor(
    private readonly name: NameCell,
    private readonly shapes: readonly (readonly number[])[],
    /** Reductions with bound indices (`Σ m₀ⱼ·vⱼ`) where they allow; else always listed. */
    private readonly compact: boolean,
  ) {}

  text(e: CellExpr, bound: Bound): string {
    switch (e.t) {
      case "in": {
        const key = `${e.leaf}:${e.cell}`;
        return this.name.name(e.leaf, bound.get(key) ?? this.name.unravel(e.cell, this.shapes[e.leaf] ?? []));
      }
      case "const":
        return e.text;
      case "reduce":
        return this.reduce(e.op, e.terms, bound);
      case "op": {
        const arg = (x: CellExpr, min: number) => {
          const t = this.text(x, bound);
          return strength(x) < min ? `(${t})` : t;
        };
        if (e.form === "prefix") return `${e.op}${arg(e.args[0], 3)}`;
        if (e.form === "power") return `${arg(e.args[0], 5)}${superscript(e.op)}`;
        // Left-associative: the right operand of an equal precedence needs parentheses (a - (b - c)),
        // except ** (right-associative: its left operand does).
        if (e.form !== "infix") return `${e.op}(${e.args.map((x) => this.text(x, bound)).join(", ")})`;
        const [x, y] = e.args;
        const right = e.op === "**";
        const sep = e.op === "·" ? "·" : ` ${e.op} `;
        return `${arg(x, e.prec + (right ? 0.5 : 0))}${sep}${arg(y, e.prec + (right ? 0 : 0.5))}`;
      }
    }
  }

  /** A reduction: with bound indices when its terms allow (see the header), else listed. */
  reduce(op: ReduceSymbol, terms: CellExpr[], bound: Bound): string {
    const sign = REDUCE_SIGN[op];
    const compact = this.compact && terms.length >= 3 ? this.boundForm(terms, bound) : null;
    if (compact !== null) {
      const body = compact.body;
      return `${sign} ${strength(compact.term) < 2 ? `(${body})` : body}`;
    }
    const min = op === "sum" ? 1 : op === "prod" ? 2.5 : 0;
    const parts = terms.map((t) => (strength(t) < min ? `(${this.text(t, bound)})` : this.text(t, bound)));
    const shown = parts.length > 4 ? [parts[0], parts[1], "…", parts[parts.length - 1]] : parts;
    if (op === "sum" || op === "prod") return shown.join(op === "sum" ? " + " : "·");
    return `${op}(${shown.join(", ")})`;
  }

  /**
   * The terms as one term over bound indices, or null: every term has the same form, and the
   * indices that change from term to term run together over whole ranges 0…n-1, the terms being
   * every combination of them once, in order (`m₀₀·v₀, m₀₁·v₁, …` → `m₀ⱼ·vⱼ`).
   */
  boundForm(terms: CellExpr[], outer: Bound): { body: string; term: CellExpr } | null {
    const refs = terms.map((t) => inputs(t));
    const skeleton = (t: CellExpr): string => JSON.stringify(t, (k, v) => (k === "cell" ? 0 : v));
    const first = skeleton(terms[0]);
    if (terms.some((t) => skeleton(t) !== first)) return null;
    // Columns: per (input position, axis) the index it has in each term.
    const columns: { p: number; d: number; seq: number[] }[] = [];
    refs[0].forEach((r, p) => {
      const shape = this.shapes[r.leaf] ?? [];
      const idx = refs.map((rs) => this.name.unravel(rs[p].cell, shape));
      shape.forEach((_, d) => columns.push({ p, d, seq: idx.map((x) => x[d]) }));
    });
    const varying = columns.filter((c) => c.seq.some((x) => x !== c.seq[0]));
    const groups: number[][] = [];
    const groupOf = varying.map((c) => {
      const key = c.seq.join(",");
      let g = groups.findIndex((s) => s.join(",") === key);
      if (g < 0) g = groups.push(c.seq) - 1;
      return g;
    });
    const depth = Math.max(-1, ...[...outer.values()].flatMap((ix) => ix.map((i) => (typeof i === "number" ? -1 : i.v)))) + 1;
    if (groups.length === 0 || depth + groups.length > this.name.bound) return null;
    const extents = groups.map((s) => Math.max(...s) + 1);
    if (extents.reduce((a, b) => a * b, 1) !== terms.length) return null;
    // Row-major enumeration of the product of the ranges, in the terms' order.
    for (let t = 0; t < terms.length; t++) {
      let rest = t;
      for (let g = groups.length - 1; g >= 0; g--) {
        if (groups[g][t] !== rest % extents[g]) return null;
        rest = Math.floor(rest / extents[g]);
      }
    }
    // Term 0's cells with the changing indices bound (an enclosing reduction's bound ones kept).
    const bound: Bound = new Map(outer);
    const named = new Map<string, string>();
    for (const [p, r] of refs[0].entries()) {
      const key = `${r.leaf}:${r.cell}`;
      const idx: Index[] = [...(outer.get(key) ?? this.name.unravel(r.cell, this.shapes[r.leaf] ?? []))];
      varying.forEach((c, i) => {
        if (c.p === p) idx[c.d] = { v: depth + groupOf[i] };
      });
      // One cell read at two places that change differently cannot carry one name.
      const text = JSON.stringify(idx);
      if ((named.get(key) ?? text) !== text) return null;
      named.set(key, text);
      bound.set(key, idx);
    }
    return { body: this.text(terms[0], bound), term: terms[0] };
  }
}

/** The input cells an expression reads, in writing order (with repeats). */
function inputs(e: CellExpr, out: { leaf: number; cell: number }[] = []): { leaf: number; cell: number }[] {
  if (e.t === "in") out.push(e);
  else if (e.t === "op") e.args.forEach((x) => inputs(x, out));
  else if (e.t === "reduce") e.terms.forEach((x) => inputs(x, out));
  return out;
}
