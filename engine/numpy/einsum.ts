/**
 * jnp.einsum from reduce_sum, dot_general and transpose: explicit (`ij,jk->ik`) and implicit
 * (`ij,jk`: labels seen once, sorted) forms, with `...`. Operands are contracted pairwise left to
 * right; before each product a label no later term needs is summed away, shared labels still
 * needed become dot_general batch dims, the rest are contracted. A label twice in one operand
 * takes its diagonal first (`ii->`, `ii->i`); no size-1 broadcasting of labels. Messages are opt_einsum's, which JAX uses.
 * JAX: jax/_src/numpy/einsum.py (`_einsum`: sum unique labels, then dot_general with batch dims).
 */
import { EngineError } from "../errors";
import type { Value } from "../core/tracer";
import * as lax from "../primitives/lax";
import type { ArrayLike } from "./args";
import { defineJnp } from "./signature";
import { JNP_SIGNATURES } from "./signatures";

interface Term {
  v: Value;
  labels: string[];
}

const ELLIPSIS_BASE = 0x2460; // labels for `...` axes, outside the letters a user can write

function splitTerm(term: string, which: string): { letters: string[]; ellipsis: number } {
  const parts = term.split("...");
  if (parts.length > 2) throw new EngineError("shape-error", `einsum: more than one ellipsis in ${which} subscript '${term}'`);
  const letters = parts.join("").split("");
  for (const c of letters) if (!/[a-zA-Z]/.test(c)) throw new EngineError("shape-error", `Character '${c}' is not a valid symbol.`);
  return { letters, ellipsis: parts.length === 2 ? parts[0].length : -1 };
}

/** Label lists per operand and for the output (ellipsis axes get private labels, right-aligned). */
function parse(subscripts: string, xs: Value[]): { inputs: string[][]; output: string[] } {
  const s = subscripts.replace(/\s+/g, "");
  const arrow = s.split("->");
  if (arrow.length > 2) throw new EngineError("shape-error", "einsum: subscripts may contain only one '->'");
  const terms = arrow[0].split(",");
  if (terms.length !== xs.length) throw new EngineError("shape-error", "Number of einsum subscripts must be equal to the number of operands.");
  const parsed = terms.map((t, i) => splitTerm(t, `operand ${i}`));
  const ell = parsed.map((p, i) => (p.ellipsis < 0 ? 0 : xs[i].ndim - p.letters.length));
  parsed.forEach((p, i) => {
    if ((p.ellipsis < 0 && p.letters.length !== xs[i].ndim) || ell[i] < 0) {
      throw new EngineError("shape-error", `Einstein sum subscript '${terms[i]}' does not contain the correct number of indices for operand ${i}.`);
    }
  });
  const K = Math.max(0, ...ell);
  const pool = (k: number) => Array.from({ length: k }, (_, j) => String.fromCharCode(ELLIPSIS_BASE + K - k + j));
  const inputs = parsed.map((p, i) =>
    p.ellipsis < 0 ? p.letters : [...p.letters.slice(0, p.ellipsis), ...pool(ell[i]), ...p.letters.slice(p.ellipsis)],
  );
  let output: string[];
  if (arrow.length === 2) {
    const o = splitTerm(arrow[1], "output");
    for (const c of o.letters) {
      if (!inputs.some((l) => l.includes(c))) throw new EngineError("shape-error", `Output character '${c}' did not appear in the input`);
      if (o.letters.filter((d) => d === c).length > 1) throw new EngineError("shape-error", `Output character '${c}' appeared more than once in the output.`);
    }
    output = o.ellipsis < 0 ? o.letters : [...o.letters.slice(0, o.ellipsis), ...pool(K), ...o.letters.slice(o.ellipsis)];
  } else {
    const all = inputs.flat().filter((c) => c.charCodeAt(0) < ELLIPSIS_BASE);
    const once = [...new Set(all)].filter((c) => all.filter((d) => d === c).length === 1).sort();
    output = [...pool(K), ...once];
  }
  return { inputs, output };
}

function checkSizes(inputs: string[][], xs: Value[]): void {
  const size = new Map<string, number>();
  inputs.forEach((labels, i) => {
    labels.forEach((c, k) => {
      const n = xs[i].shape[k];
      const prev = size.get(c);
      if (prev !== undefined && prev !== n) {
        throw new EngineError("shape-error", `Size of label '${c}' for operand ${i} (${n}) does not match previous terms (${prev}).`);
      }
      size.set(c, n);
    });
  });
}

/**
 * A label written twice in one operand (`ii`) takes that operand's diagonal, as JAX's
 * `_einsum` does for repeated names, here from reshape and a strided slice: with the two
 * axes of size n last, flattened to n·n, the diagonal is every (n+1)-th element from 0. The
 * label then stands once, last; a third copy (`iii`) repeats the step. Every piece batches,
 * differentiates and compiles with its own primitive's rules.
 */
function diagonals(t: Term): Term {
  let { v, labels } = t;
  for (;;) {
    const c = labels.find((d, k) => labels.indexOf(d) !== k);
    if (c === undefined) return { v, labels };
    const p = labels.indexOf(c);
    const q = labels.indexOf(c, p + 1);
    const rest = labels.map((_, k) => k).filter((k) => k !== p && k !== q);
    const n = v.shape[p];
    const moved = lax.transpose(v, [...rest, p, q]);
    const lead = rest.map((k) => v.shape[k]);
    const flat = lax.reshape(moved, [...lead, n * n]);
    v = lax.slice(flat, [...lead.map((m) => ({ start: 0, step: 1, size: m })), { start: 0, step: n + 1, size: n }]);
    labels = [...rest.map((k) => labels[k]), c];
  }
}

/** Sums away the labels of `t` not in `keep`. */
function sumOut(t: Term, keep: Set<string>): Term {
  const axes = t.labels.flatMap((c, i) => (keep.has(c) ? [] : [i]));
  if (!axes.length) return t;
  return { v: lax.reduceSum(t.v, axes), labels: t.labels.filter((c) => keep.has(c)) };
}

/** jnp.einsum(subscripts, *operands): the subscripts string form only (not the interleaved one). */
export const einsum = defineJnp<(subscripts: string, ...operands: ArrayLike[]) => Value>(
  JNP_SIGNATURES.einsum,
  (subscripts: string, _out: null, _optimize: unknown, _precision: unknown, _pet: unknown, ...xs: Value[]) => {
    const { inputs, output } = parse(subscripts, xs);
    checkSizes(inputs, xs);
    const terms: Term[] = xs.map((v, i) => diagonals({ v, labels: inputs[i] }));
    let cur = terms[0];
    for (let j = 1; j < terms.length; j++) {
      const later = new Set([...output, ...terms.slice(j + 1).flatMap((t) => t.labels)]);
      cur = sumOut(cur, new Set([...later, ...terms[j].labels]));
      const next = sumOut(terms[j], new Set([...later, ...cur.labels]));
      const shared = cur.labels.filter((c) => next.labels.includes(c));
      const batch = shared.filter((c) => later.has(c));
      const contract = shared.filter((c) => !later.has(c));
      const v = lax.dotGeneral(cur.v, next.v, {
        lhsContract: contract.map((c) => cur.labels.indexOf(c)),
        rhsContract: contract.map((c) => next.labels.indexOf(c)),
        lhsBatch: batch.map((c) => cur.labels.indexOf(c)),
        rhsBatch: batch.map((c) => next.labels.indexOf(c)),
      });
      const free = (t: Term) => t.labels.filter((c) => !shared.includes(c));
      cur = { v, labels: [...batch, ...free(cur), ...free(next)] };
    }
    cur = sumOut(cur, new Set(output));
    return lax.transpose(cur.v, output.map((c) => cur.labels.indexOf(c)));
  },
);
