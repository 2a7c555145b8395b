/**
 * Reads a shape as a person types it or a link carries it: `(2, 3)`, a bare `3` (as `(3,)`),
 * `()` for a scalar, or a tuple of shapes `((3,), (3,))` for a tuple argument (a pytree JAX maps
 * leaf by leaf). The Shape editor and the URL decoder both read through here, so both refuse the
 * same texts with the same words, and the words say exactly what is wrong
 * ("a dimension cannot be negative: -1"), as NumPy does for `np.zeros((-1, 2))`.
 */
import { leaf, tuple, type ArgTree } from "./explorerTypes";
import { parsePyLiteral, type PyLit } from "./pyLiteral";

/** At most this many axes per array (the layout tiles up to rank 8). */
export const MAX_RANK = 8;
/** Larger dimensions are refused here; the engine's element limit refuses smaller products. */
export const MAX_DIM = 1_000_000_000;
/** At most this many arrays in one tuple argument. */
export const MAX_LEAVES = 16;

export type ShapeRead = { ok: true; tree: ArgTree } | { ok: false; problem: string };

const fmt = (n: number) => n.toLocaleString("en-US");
const bad = (problem: string): ShapeRead => ({ ok: false, problem });

// A number as a person might write one in a shape, not glued to a name (`a2` is a name).
const NUMBER = /(?<![A-Za-z_0-9.])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g;

/** The first number that cannot be a dimension, said in words; null when every number can. */
function numberProblem(text: string): string | null {
  for (const m of text.matchAll(NUMBER)) {
    const tok = m[0];
    const v = Number(tok);
    if (/[.eE]/.test(tok) && !Number.isInteger(v)) return `a dimension must be a whole number, not ${tok}`;
    if (/[.eE]/.test(tok)) return `a dimension must be written as a whole number, not ${tok}`;
    if (v < 0) return `a dimension cannot be negative: ${tok}`;
    if (v > MAX_DIM) return `a dimension cannot be larger than ${fmt(MAX_DIM)}: ${tok}`;
  }
  return null;
}

/** Nothing between an opening bracket or a comma and the next comma: `(2,,3)`, `(,)`. */
function emptyEntry(text: string): string | null {
  const m = /[([,]\s*,/.exec(text);
  if (!m) return null;
  return `a dimension is missing before the comma at column ${m.index + m[0].length}`;
}

function toTree(v: PyLit, top: boolean): ArgTree | string {
  if (v === null) return "a dimension cannot be None";
  if (typeof v === "number") return top ? leaf(v) : "a dimension outside a shape";
  if (v.every((x) => typeof x === "number")) {
    if (v.length > MAX_RANK) return `at most ${MAX_RANK} axes, this shape has ${v.length}`;
    return leaf(...(v as number[]));
  }
  if (v.some((x) => x === null)) return "a dimension cannot be None";
  if (!v.every(Array.isArray)) return "numbers and shapes mixed: write a shape like (2, 3) or a tuple of shapes like ((2,), (3,))";
  const items: ArgTree[] = [];
  for (const x of v) {
    const t = toTree(x, false);
    if (typeof t === "string") return t;
    items.push(t);
  }
  return tuple(...items);
}

const leafCount = (t: ArgTree): number => (t.kind === "leaf" ? 1 : t.items.reduce((n, x) => n + leafCount(x), 0));

/** Reads `text` as a shape (or, unless `leafOnly`, a tuple of shapes). Never throws. */
export function readShape(text: string, leafOnly = false): ShapeRead {
  if (text.trim() === "") return bad("the shape is empty: write () for a scalar, or a shape like (2, 3)");
  const early = numberProblem(text) ?? emptyEntry(text);
  if (early) return bad(early);
  let lit: PyLit;
  try {
    lit = parsePyLiteral(text);
  } catch (e) {
    return bad(`not a shape: ${(e as Error).message}`);
  }
  const tree = toTree(lit, true);
  if (typeof tree === "string") return bad(tree);
  if (leafOnly && tree.kind !== "leaf") return bad("one array here: write a shape like (2, 3)");
  const n = leafCount(tree);
  if (n > MAX_LEAVES) return bad(`at most ${MAX_LEAVES} arrays in a tuple argument, this one has ${n}`);
  return { ok: true, tree };
}
