/**
 * Quiz questions: random calls at three levels, drawn from a seed so a question can be
 * drawn again (and tested). Only the call is drawn here; whether it gives a shape or an error,
 * and which, is the engine's answer (answer.ts), never worked out here.
 *  - easy: two 2-d arrays, an element-wise f, each mapped along 0 or 1, out_axes 0;
 *  - medium: None, negative axes, out_axes anywhere (negative too), 2-d or 3-d;
 *  - hard: tuple arguments and results, a nested vmap, and calls that raise.
 */
import { explorerOf, leaf, tuple, type ArgTree, type AxisTree, type ExplorerState } from "../state/explorerTypes";
import { mulberry32 } from "../state/fills";
import type { QuizLevel } from "../state/lessonSlice";

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const insert = (shape: number[], at: number, size: number) => [...shape.slice(0, at), size, ...shape.slice(at)];
const OPS = ["a + b", "a * b", "a - b", "jnp.maximum(a, b)"];

function easy(r: Rand): ExplorerState {
  const B = pick(r, [2, 3]);
  const m = pick(r, [2, 3, 4]);
  const ia = pick(r, [0, 1]);
  const ib = pick(r, [0, 1]);
  return explorerOf(`lambda a, b: ${pick(r, OPS)}`, [["a", leaf(...insert([m], ia, B)), ia], ["b", leaf(...insert([m], ib, B)), ib]], 0);
}

/** An axis of an array of `rank` axes, written positive or negative. */
const written = (r: Rand, axis: number, rank: number) => (r() < 0.4 ? axis - rank : axis);

function medium(r: Rand): ExplorerState {
  const rank = pick(r, [1, 2]);
  const core = Array.from({ length: rank }, () => pick(r, [2, 3, 4]));
  const B = pick(r, [2, 3, 5]);
  // One argument may be None (passed whole); never both.
  const noneAt = pick(r, [-1, 0, 1]);
  const arg = (i: number): [ArgTree, AxisTree] => {
    if (i === noneAt) return [leaf(...core), null];
    const at = Math.floor(r() * (rank + 1));
    return [leaf(...insert(core, at, B)), written(r, at, rank + 1)];
  };
  const [ta, xa] = arg(0);
  const [tb, xb] = arg(1);
  const out = Math.floor(r() * (rank + 1));
  return explorerOf(`lambda a, b: ${pick(r, OPS)}`, [["a", ta, xa], ["b", tb, xb]], written(r, out, rank + 1));
}

const HARD: ((r: Rand) => ExplorerState)[] = [
  // A tuple argument with nested in_axes.
  (r) => {
    const B = pick(r, [2, 3]);
    const m = pick(r, [2, 3]);
    const scaleMapped = r() < 0.5;
    return explorerOf(
      "lambda p, x: p[0] * x + p[1]",
      [["p", tuple(scaleMapped ? leaf(B, m) : leaf(m), leaf(m)), [scaleMapped ? 0 : null, null]], ["x", leaf(...insert([m], pick(r, [0, 1]), B)), pick(r, [0, 1, -1])]],
      0,
    );
  },
  // A tuple result with one out_axes per result.
  (r) => {
    const B = pick(r, [2, 3]);
    const m = pick(r, [2, 4]);
    return explorerOf("lambda a, b: (a + b, a * b)", [["a", leaf(B, m), 0], ["b", leaf(B, m), 0]], [pick(r, [0, 1, -1]), pick(r, [0, 1, null])]);
  },
  // A nested vmap: the inner one keeps one argument whole.
  (r) => {
    const n = pick(r, [2, 3]);
    const m = pick(r, [2, 4]);
    const d = pick(r, [2, 3]);
    const inner = pick(r, ["(0, None)", "(None, 0)"]);
    return explorerOf(`lambda x, y: jax.vmap(lambda u, v: jnp.sum(u * v), in_axes=${inner})(x, y)`, [["x", leaf(n, d), 0], ["y", leaf(m, d), null]], pick(r, [0, 1]));
  },
  // Calls that raise: sizes that disagree, an axis too far, out_axes too far or None.
  (r) => {
    const kind = pick(r, ["sizes", "axis", "out", "none"]);
    const s = leaf(2, 3);
    if (kind === "sizes") return explorerOf("lambda a, b: a + b", [["a", s, 0], ["b", s, 1]], 0);
    if (kind === "axis") return explorerOf("lambda a, b: a + b", [["a", s, pick(r, [2, -3])], ["b", s, 0]], 0);
    if (kind === "out") return explorerOf("lambda a, b: a + b", [["a", leaf(3, 3), 0], ["b", leaf(3, 3), 1]], pick(r, [2, -3]));
    return explorerOf("lambda a, b: a * b", [["a", leaf(3, 2), 0], ["b", leaf(2), null]], null);
  },
];

function hard(r: Rand): ExplorerState {
  return pick(r, HARD)(r);
}

const LEVELS: Record<QuizLevel, (r: Rand) => ExplorerState> = { easy, medium, hard };

/** Question `n` of a quiz at `level` started with `seed`. */
export function drawQuestion(level: QuizLevel, seed: number, n: number): ExplorerState {
  const r = mulberry32((seed ^ Math.imul(n + 1, 0x9e3779b1)) >>> 0);
  return LEVELS[level](r);
}
