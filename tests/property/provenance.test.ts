/**
 * Cell provenance checked by perturbation: change one input cell by a generic amount (0.731), run
 * vmap, and see which output cells changed. Every changed cell must be in that input cell's
 * provenance (soundness); for programs that cannot cancel a change (no max/min/comparisons, no
 * subtraction, no multiply by zero) the changed cells are exactly its provenance. Programs are
 * random lambdas (elementwise ops, reductions, dot/matmul, transposes, indexing, concatenation,
 * jit/grad/vmap inside) over random shapes, in_axes (None, negative, tuple prefixes) and out_axes.
 * The symbolic cells (traceVmap's `symbols`) are checked on the same programs: each reads exactly
 * its provenance, and evaluated on the inputs it gives the output's value.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { np, parseLambda, traceVmap, vmap, NDArray, type CellExpr, type VmapStory } from "../../engine";
import { unravel } from "../helpers/reference";
import { mulberry32 } from "../../app/state/fills";

const RUNS = 200;
const DELTA = 0.731;

/** A tiny seeded generator (the fast-check seed picks the program; the printed case replays it). */
function rng(seed: number) {
  const next = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
  return { next, int, pick };
}
type Rng = ReturnType<typeof rng>;

interface Val { src: string; shape: number[] }
/** An op: applicable or null. `clean` ops never cancel a change in an operand. */
interface Op { clean: boolean; make(r: Rng, x: Val, y: Val): Val | null }

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
const isSuffix = (short: number[], long: number[]) => short.length <= long.length && short.every((d, i) => d === long[long.length - short.length + i]);
const unary = (clean: boolean, f: (s: string) => string): Op => ({ clean, make: (_r, x) => ({ src: f(x.src), shape: x.shape }) });
/** y broadcast into x (same shape, a suffix, or a scalar). */
const binary = (clean: boolean, f: (a: string, b: string) => string): Op => ({
  clean,
  make: (_r, x, y) => (isSuffix(y.shape, x.shape) ? { src: f(x.src, y.src), shape: x.shape } : null),
});
const axisOf = (r: Rng, x: Val) => (x.shape.length ? r.int(-x.shape.length, x.shape.length - 1) : null);
const norm = (a: number, n: number) => (a < 0 ? a + n : a);

const ELEMENTWISE: Op[] = [
  unary(true, (s) => `jnp.sin(${s})`),
  unary(true, (s) => `jnp.cos(${s})`),
  unary(true, (s) => `(${s} * 1.5)`),
  unary(true, (s) => `(${s} + 0.25)`),
  binary(true, (a, b) => `(${a} + ${b})`),
  binary(true, (a, b) => `(${a} * ${b})`),
  binary(true, (a, b) => `(${a} / (jnp.square(${b}) + 1.0))`),
  binary(false, (a, b) => `(${a} - ${b})`),
  binary(false, (a, b) => `jnp.maximum(${a}, ${b})`),
  binary(false, (a, b) => `jnp.where(${a} > ${b}, ${a}, ${b})`),
  unary(false, (s) => `(${s} * 0.0)`),
];
const REDUCTIONS: Op[] = [
  { clean: true, make: (_r, x) => ({ src: `jnp.sum(${x.src})`, shape: [] }) },
  ...(["jnp.sum", "jnp.mean", "jnp.prod", "jnp.max"] as const).map((fn): Op => ({
    clean: fn !== "jnp.max",
    make: (r, x) => {
      const a = axisOf(r, x);
      return a === null ? null : { src: `${fn}(${x.src}, axis=${a})`, shape: x.shape.filter((_, i) => i !== norm(a, x.shape.length)) };
    },
  })),
];
const MOVES: Op[] = [
  { clean: true, make: (_r, x) => ({ src: `${x.src}.T`, shape: [...x.shape].reverse() }) },
  {
    clean: true,
    make: (r, x) => {
      if (x.shape.length < 2) return null;
      const [i, j] = [axisOf(r, x)!, axisOf(r, x)!];
      const s = [...x.shape];
      [s[norm(i, s.length)], s[norm(j, s.length)]] = [s[norm(j, s.length)], s[norm(i, s.length)]];
      return { src: `jnp.swapaxes(${x.src}, ${i}, ${j})`, shape: s };
    },
  },
  { clean: true, make: (_r, x) => ({ src: `${x.src}.reshape(-1)`, shape: [size(x.shape)] }) },
  { clean: true, make: (_r, x) => ({ src: `${x.src}[None]`, shape: [1, ...x.shape] }) },
  { clean: true, make: (r, x) => (x.shape.length ? { src: `${x.src}[${r.int(-x.shape[0], x.shape[0] - 1)}]`, shape: x.shape.slice(1) } : null) },
  { clean: true, make: (r, x) => (x.shape.length >= 2 ? { src: `${x.src}[:, ${r.int(0, x.shape[1] - 1)}]`, shape: [x.shape[0], ...x.shape.slice(2)] } : null) },
  { clean: true, make: (_r, x) => (x.shape.length ? { src: `${x.src}[..., ::-1]`, shape: x.shape } : null) },
  {
    clean: true,
    make: (_r, x) => (x.shape.length && x.shape[0] > 1 ? { src: `${x.src}[1:]`, shape: [x.shape[0] - 1, ...x.shape.slice(1)] } : null),
  },
  {
    clean: true,
    make: (_r, x, y) => {
      if (!x.shape.length || x.shape.length !== y.shape.length || x.shape.slice(1).join() !== y.shape.slice(1).join()) return null;
      return { src: `jnp.concatenate([${x.src}, ${y.src}])`, shape: [x.shape[0] + y.shape[0], ...x.shape.slice(1)] };
    },
  },
  { clean: true, make: (_r, x, y) => (x.shape.join() === y.shape.join() ? { src: `jnp.stack([${x.src}, ${y.src}], axis=-1)`, shape: [...x.shape, 2] } : null) },
];
const CONTRACTIONS: Op[] = [
  {
    clean: true,
    make: (r, x, y) => {
      const [xs, ys] = [x.shape, y.shape];
      if (xs.length < 1 || ys.length < 1 || xs.length > 2 || ys.length > 2) return null;
      const k = xs[xs.length - 1];
      if (ys[0] !== k) return null;
      const shape = [...xs.slice(0, -1), ...ys.slice(1)];
      return { src: r.next() < 0.5 ? `jnp.dot(${x.src}, ${y.src})` : `(${x.src} @ ${y.src})`, shape };
    },
  },
  { clean: true, make: (_r, x, y) => (x.shape.length === 1 && y.shape.length === 1 ? { src: `jnp.outer(${x.src}, ${y.src})`, shape: [x.shape[0], y.shape[0]] } : null) },
];
const INSIDE: Op[] = [
  { clean: true, make: (_r, x) => ({ src: `jax.jit(lambda u: jnp.sin(u) * 2.0)(${x.src})`, shape: x.shape }) },
  { clean: true, make: (_r, x) => (x.shape.length ? { src: `jax.jit(lambda u: jnp.sum(u, axis=0))(${x.src})`, shape: x.shape.slice(1) } : null) },
  binary(true, (a, b) => `jax.jit(lambda u, v: u * v)(${a}, ${b})`),
  { clean: true, make: (_r, x) => ({ src: `jax.grad(lambda u: jnp.sum(jnp.sin(u)))(${x.src})`, shape: x.shape }) },
  { clean: true, make: (_r, x) => (x.shape.length ? { src: `jax.vmap(lambda r: jnp.sum(r))(${x.src})`, shape: [x.shape[0]] } : null) },
  { clean: true, make: (_r, x) => (x.shape.length >= 2 ? { src: `jax.vmap(lambda r: r[::-1], in_axes=1)(${x.src})`, shape: [x.shape[1], x.shape[0], ...x.shape.slice(2)] } : null) },
];
/** Each family equally likely, whatever its number of ops. */
const GROUPS = [ELEMENTWISE, REDUCTIONS, MOVES, CONTRACTIONS, INSIDE];

interface Case {
  src: string;
  /** Per-example leaf shapes, and whether the second argument is a tuple (p[0], p[1]). */
  leaves: number[][];
  params: string[];
  tupleArg: boolean;
  inAxes: unknown[];
  leafAxes: (number | null)[];
  outAxes: number | number[];
  tupleOut: boolean;
  B: number;
  axisSize?: number;
  clean: boolean;
  seed: number;
}

const shapeArb = (r: Rng) => Array.from({ length: r.pick([0, 1, 1, 2, 2, 3]) }, () => r.int(1, 3));

function makeCase(seed: number): Case | null {
  const r = rng(seed);
  const layout = r.pick(["a", "ab", "pq"] as const);
  const first = shapeArb(r);
  // Shapes of the other leaves: often the same or a suffix, so binary ops apply.
  const other = () => r.pick([first, first.slice(1), shapeArb(r), [...first].reverse()]);
  const leaves = layout === "a" ? [first] : layout === "ab" ? [first, other()] : [first, other(), other()];
  const names = layout === "a" ? ["a"] : layout === "ab" ? ["a", "b"] : ["x", "p[0]", "p[1]"];
  const pool: Val[] = leaves.map((s, i) => ({ src: names[i], shape: s }));
  let clean = true;
  const steps = r.int(1, 5);
  for (let n = 0; n < steps; n++) {
    for (let tries = 0; tries < 40; tries++) {
      const op = r.pick(r.pick(GROUPS));
      const x = r.next() < 0.6 ? pool[pool.length - 1] : r.pick(pool);
      const v = op.make(r, x, r.pick(pool));
      if (!v || v.shape.length > 3 || size(v.shape) > 24 || v.src.length > 400) continue;
      pool.push(v);
      clean &&= op.clean;
      break;
    }
  }
  const tupleOut = pool.length > 2 && r.next() < 0.25;
  const outs = tupleOut ? [pool[pool.length - 1], r.pick(pool)] : [pool[pool.length - 1]];
  const B = r.int(1, 3);
  const axis = (s: number[]) => (r.next() < 0.3 ? null : r.int(-(s.length + 1), s.length));
  const leafAxes = leaves.map(axis);
  let inAxes: unknown[] = leafAxes;
  if (layout === "pq") {
    // in_axes for the tuple argument: one entry for both leaves (a prefix) or one per leaf.
    const shared = leafAxes[1] !== null && leaves[1].length === leaves[2].length && r.next() < 0.5;
    if (shared || (leafAxes[1] === null && r.next() < 0.5)) leafAxes[2] = leafAxes[1];
    inAxes = [leafAxes[0], leafAxes[1] === leafAxes[2] && r.next() < 0.7 ? leafAxes[1] : [leafAxes[1], leafAxes[2]]];
  }
  const outAxesList = outs.map((o) => r.int(-(o.shape.length + 1), o.shape.length));
  const body = tupleOut ? `(${outs[0].src}, ${outs[1].src})` : outs[0].src;
  const params = layout === "a" ? ["a"] : layout === "ab" ? ["a", "b"] : ["x", "p"];
  return {
    src: `lambda ${params.join(", ")}: ${body}`,
    leaves,
    params,
    tupleArg: layout === "pq",
    inAxes,
    leafAxes,
    outAxes: tupleOut ? outAxesList : outAxesList[0],
    tupleOut,
    B,
    ...(leafAxes.every((a) => a === null) ? { axisSize: B } : {}),
    clean,
    seed,
  };
}

/** Whole-argument shape of a leaf: B inserted at its (normalised) in_axes entry. */
function fullShape(s: number[], a: number | null, B: number): number[] {
  if (a === null) return s;
  const out = [...s];
  out.splice(norm(a, s.length + 1), 0, B);
  return out;
}

const values = (shape: number[], seed: number) => {
  const r = rng(seed);
  return Array.from({ length: size(shape) }, () => (r.next() < 0.5 ? -1 : 1) * (0.5 + r.next()));
};

function check(c: Case): void {
  const f = parseLambda(c.src);
  const shapes = c.leaves.map((s, l) => fullShape(s, c.leafAxes[l], c.B));
  const data = shapes.map((s, l) => values(s, c.seed * 7 + l));
  const args = (d: number[][]) => {
    const xs = d.map((v, l) => np.array(v, shapes[l]));
    return c.tupleArg ? [xs[0], [xs[1], xs[2]]] : xs;
  };
  const opts = c.axisSize === undefined ? {} : { axisSize: c.axisSize };
  const run = (d: number[][]) => {
    const out = vmap(f, c.inAxes, c.outAxes, opts)(...args(d));
    return (c.tupleOut ? (out as NDArray[]) : [out as NDArray]).map((o) => Array.from(o.flat()));
  };
  const story: VmapStory = traceVmap(f, c.inAxes, c.outAxes, args(data), { ...opts, symbols: true });
  const base = run(data);
  expect(story.values.map((v) => Array.from(v.data))).toEqual(base);
  // Symbolic cells: each reads exactly its provenance, and evaluated on the inputs gives the value.
  story.outputs.forEach((o, i) => {
    expect(o.symbols).toBeDefined();
    o.symbols!.forEach((e, j) => {
      const read: number[][] = shapes.map(() => []);
      const v = evalExpr(e, data, read);
      expect(read.map((r) => [...new Set(r)].sort((x, y) => x - y)), `symbols of out ${i} cell ${j}`).toEqual(o.provenance![j].sources.map((s) => [...s].sort((x, y) => x - y)));
      const want = base[i][j];
      if (v !== null && Number.isFinite(v) && Number.isFinite(want)) expect(Math.abs(v - want), `out ${i} cell ${j}`).toBeLessThanOrEqual(1e-3 * Math.max(1, Math.abs(want)));
    });
  });
  story.outputs.forEach((o) => {
    expect(o.provenance).toBeDefined();
    // k is the index along out_axes, and a mapped argument is read only in its slice k.
    o.provenance!.forEach((cell, j) => {
      expect(cell.k).toBe(o.outAxis === null ? null : unravel(j, o.shape)[o.outAxis]);
      cell.sources.forEach((cells, l) => {
        const a = story.args[l].inAxis;
        if (a !== null) for (const s of cells) expect(unravel(s, shapes[l])[a]).toBe(cell.k);
      });
    });
  });
  const r = rng(c.seed + 1);
  shapes.forEach((s, l) => {
    const n = size(s);
    const cells = n <= 6 ? [...Array(n).keys()] : Array.from({ length: 6 }, () => r.int(0, n - 1));
    for (const cell of cells) {
      const d = data.map((v) => [...v]);
      d[l][cell] += DELTA;
      const out = run(d);
      const changed: string[] = [];
      out.forEach((o, i) => o.forEach((v, j) => v !== base[i][j] && changed.push(`${i}:${j}`)));
      const prov: string[] = [];
      story.outputs.forEach((o, i) => o.provenance!.forEach((src, j) => src.sources[l].includes(cell) && prov.push(`${i}:${j}`)));
      const what = `leaf ${l} cell ${cell}`;
      expect(changed.filter((x) => !prov.includes(x)), `${what}: changed outside its provenance`).toEqual([]);
      if (c.clean) expect(changed, `${what}: provenance without a change`).toEqual(prov);
    }
  });
}

const CALLS: Record<string, (...xs: number[]) => number> = {
  exp: Math.exp, log: Math.log, sin: Math.sin, cos: Math.cos, tanh: Math.tanh, sqrt: Math.sqrt, abs: Math.abs,
  sign: Math.sign, sigmoid: (x) => 1 / (1 + Math.exp(-x)), maximum: Math.max, minimum: Math.min, select: (p, f, t) => (p ? t : f),
};
const INFIX: Record<string, (x: number, y: number) => number> = {
  "+": (x, y) => x + y, "-": (x, y) => x - y, "·": (x, y) => x * y, "/": (x, y) => x / y, "**": (x, y) => x ** y,
  "<": (x, y) => +(x < y), "<=": (x, y) => +(x <= y), ">": (x, y) => +(x > y), ">=": (x, y) => +(x >= y), "==": (x, y) => +(x === y), "!=": (x, y) => +(x !== y),
};
/** A symbolic cell's value on the inputs (null: an operation this evaluator does not know), noting the cells it reads. */
function evalExpr(e: CellExpr, data: number[][], read: number[][]): number | null {
  const all = (xs: CellExpr[]) => {
    const vs = xs.map((x) => evalExpr(x, data, read));
    return vs.some((v) => v === null) ? null : (vs as number[]);
  };
  switch (e.t) {
    case "in":
      read[e.leaf].push(e.cell);
      return data[e.leaf][e.cell];
    case "const":
      return e.text === "True" ? 1 : e.text === "False" ? 0 : Number(e.text);
    case "reduce": {
      const vs = all(e.terms);
      if (!vs) return null;
      return e.op === "sum" ? vs.reduce((a, b) => a + b, 0) : e.op === "prod" ? vs.reduce((a, b) => a * b, 1) : e.op === "max" ? Math.max(...vs) : Math.min(...vs);
    }
    case "op": {
      const vs = all(e.args);
      if (!vs) return null;
      if (e.form === "infix") return INFIX[e.op]?.(vs[0], vs[1]) ?? null;
      if (e.form === "prefix") return -vs[0];
      if (e.form === "power") return vs[0] ** Number(e.op);
      return CALLS[e.op]?.(...vs) ?? null;
    }
  }
}

const caseArb = fc.integer({ min: 1, max: 2 ** 31 - 1 }).map(makeCase).filter((c): c is Case => c !== null);

/**
 * The generator's own shape rule for each op must be the engine's (which is JAX's): a wrong rule
 * builds programs JAX rejects (e.g. a `jnp.stack` of different shapes, "All input arrays must
 * have the same shape."), which the property would report as a provenance failure.
 */
describe("the program generator's shapes", () => {
  it("every op's claimed shape is the shape the engine computes, for operands of rank 0 to 3", () => {
    const shapes: number[][] = [[], [2], [3], [2, 3], [3, 2], [1, 2, 2], [2, 1, 3], [2, 3, 2]];
    const r = rng(7);
    let checked = 0;
    for (const op of GROUPS.flat()) {
      for (const xs of shapes) {
        for (const ys of shapes) {
          const made = op.make(r, { src: "x", shape: xs }, { src: "y", shape: ys });
          if (!made) continue;
          const f = parseLambda(`lambda x, y: ${made.src}`) as (...a: unknown[]) => NDArray;
          const out = f(np.ones(xs), np.ones(ys));
          expect(out.shape, made.src + ` with x ${JSON.stringify(xs)}, y ${JSON.stringify(ys)}`).toEqual(made.shape);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});

describe("provenance by perturbation (property)", () => {
  it(`random programs, shapes, in_axes and out_axes (${RUNS} runs)`, () => {
    fc.assert(fc.property(caseArb, check), { numRuns: RUNS });
  });
});
