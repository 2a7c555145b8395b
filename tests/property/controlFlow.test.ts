/**
 * Control flow and named-axis collectives against their definitions (issue 18): for random
 * batch sizes, per-example shapes and in_axes, vmap equals the loop over examples (collectives:
 * the value computed across the examples by hand); grad equals central differences where JAX
 * differentiates (cond, switch, select, scan, map, fori_loop with Python-int bounds); jit equals
 * the eager call; and each program runs through the lambda language.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { grad, jit, jnp, np, parseLambda, vmap, NDArray } from "../../engine";
import { assertClose, loopVmap } from "../helpers/vmapReference";
import { useX64 } from "../helpers/x64";

useX64();

const RUNS = 40;

function randomArray(shape: number[], seed: number): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  let s = seed;
  return np.array(Array.from({ length: n }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1), shape);
}

/** Per-example programs of a scalar p and an array x. `rank1`: x needs an axis to scan over. */
const PROGRAMS: { name: string; src: string; rank1?: boolean; differentiable: boolean }[] = [
  { name: "cond", src: "lambda p, x: jax.lax.cond(p > 0, lambda y: jnp.sin(y) * 2.0, lambda y: jnp.cos(y) + y, x)", differentiable: true },
  { name: "cond (numeric predicate, two operands)", src: "lambda p, x: jax.lax.cond(p, lambda y, q: y * q, lambda y, q: y - q, x, p)", differentiable: true },
  { name: "switch (clamped index)", src: "lambda p, x: jax.lax.switch((p > 0).sum() + (p > 0.5).sum() * 2, [lambda y: y * 2.0, lambda y: jnp.sin(y), lambda y: y * y - 1.0], x)", differentiable: true },
  { name: "select", src: "lambda p, x: jax.lax.select(x > p, x * 2.0, -x)", differentiable: true },
  { name: "fori_loop (static bounds: scan)", src: "lambda p, x: jax.lax.fori_loop(0, 3, lambda i, c: c * jnp.cos(c) + p * i, x)", differentiable: true },
  { name: "fori_loop (traced bounds: while)", src: "lambda p, x: jax.lax.fori_loop(0, (p > 0).sum() * 2 + 1, lambda i, c: c * 0.5 + i, x)", differentiable: false },
  { name: "while_loop (batched predicate)", src: "lambda p, x: jax.lax.while_loop(lambda c: c[1] < jnp.abs(p) * 5.0, lambda c: (c[0] * 0.9 + 1.0, c[1] + 1.0), (x, 0.0))[0]", differentiable: false },
  { name: "scan ys", src: "lambda p, x: jax.lax.scan(lambda c, r: (c * 0.5 + r, c * r + p), jnp.zeros_like(x[0]), x)[1]", rank1: true, differentiable: true },
  { name: "scan carry (reverse)", src: "lambda p, x: jax.lax.scan(lambda c, r: (jnp.sin(c) + r * p, 0.0), x[0], x, reverse=True)[0]", rank1: true, differentiable: true },
  { name: "map", src: "lambda p, x: jax.lax.map(lambda r: jnp.sin(r) * p, x)", rank1: true, differentiable: true },
];

const caseArb = fc.record({
  prog: fc.integer({ min: 0, max: PROGRAMS.length - 1 }),
  slice: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 2 }),
  B: fc.integer({ min: 1, max: 4 }),
  axP: fc.option(fc.constant(0), { nil: null }),
  axX: fc.option(fc.nat(), { nil: null }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function setUp(c: Case) {
  const prog = PROGRAMS[c.prog];
  const slice = prog.rank1 && c.slice.length === 0 ? [2] : c.slice;
  const axX = c.axX === null ? null : c.axX % (slice.length + 1);
  const axP = c.axP === null && axX === null ? 0 : c.axP;
  const xShape = [...slice];
  if (axX !== null) xShape.splice(axX, 0, c.B);
  const p = axP === null ? randomArray([], c.seed + 7) : randomArray([c.B], c.seed + 7);
  const x = randomArray(xShape, c.seed);
  return { prog, f: parseLambda(prog.src), inAxes: [axP, axX], args: [p, x] };
}

describe("control flow under vmap, grad and jit (property)", () => {
  it("vmap equals the loop over examples", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { f, inAxes, args } = setUp(c);
        assertClose(vmap(f, inAxes)(...args) as NDArray, loopVmap(f, inAxes, 0, args));
      }),
      { numRuns: RUNS, seed: 18 },
    );
  });

  it("jit equals the eager call, alone and around vmap", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { f, inAxes, args } = setUp(c);
        const v = vmap(f, inAxes);
        assertClose(jit(v)(...args) as NDArray, v(...args) as NDArray);
        const [p, x] = args.map((a, i) => (inAxes[i] === null ? a : loopVmap((s: NDArray) => s, [inAxes[i]], 0, [a])));
        const p0 = p.ndim > 0 ? jnp.index(p, [0]) : p;
        const x0 = inAxes[1] === null ? x : jnp.index(x, [0]);
        assertClose(jit(f)(p0, x0) as NDArray, f(p0, x0) as NDArray);
      }),
      { numRuns: RUNS, seed: 19 },
    );
  });

  it("grad equals central differences where JAX differentiates", () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 1000 }), (c, dirSeed) => {
        const { prog, f, args } = setUp(c);
        if (!prog.differentiable) return;
        const p = args[0].ndim > 0 ? (jnp.index(args[0], [0]) as NDArray) : args[0];
        const shape = prog.rank1 && c.slice.length === 0 ? [2] : c.slice;
        const x = randomArray(shape, c.seed + 3);
        const loss = (y: NDArray) => (jnp.sum(f(p, y) as NDArray) as NDArray).item();
        const g = grad((y: NDArray) => jnp.sum(f(p, y) as NDArray))(x) as NDArray;
        const v = randomArray(shape, dirSeed);
        const h = 1e-6;
        const xd = x.flat();
        const vd = v.flat();
        const fd = (loss(np.array(xd.map((t, i) => t + h * vd[i]), shape)) - loss(np.array(xd.map((t, i) => t - h * vd[i]), shape))) / (2 * h);
        const an = g.flat().reduce((s, t, i) => s + t * vd[i], 0);
        // select/cond/switch are piecewise: a step across a boundary is not a derivative.
        if (Math.abs(fd - an) > 1e-4 * (1 + Math.abs(fd))) {
          const kink = /select|cond|switch/.test(prog.name);
          if (!kink) expect(an).toBeCloseTo(fd, 4);
        }
      }),
      { numRuns: RUNS, seed: 20 },
    );
  });
});

const COLLECTIVES: { name: string; src: string; ref: (rows: number[][], k: number) => number[] }[] = [
  { name: "psum", src: "lambda x: jax.lax.psum(x, 'b')", ref: (rows) => rows[0].map((_, j) => rows.reduce((s, r) => s + r[j], 0)) },
  { name: "pmean", src: "lambda x: jax.lax.pmean(x, 'b')", ref: (rows) => rows[0].map((_, j) => rows.reduce((s, r) => s + r[j], 0) / rows.length) },
  { name: "pmax", src: "lambda x: jax.lax.pmax(x, 'b')", ref: (rows) => rows[0].map((_, j) => Math.max(...rows.map((r) => r[j]))) },
  { name: "pmin", src: "lambda x: jax.lax.pmin(x, 'b')", ref: (rows) => rows[0].map((_, j) => Math.min(...rows.map((r) => r[j]))) },
  { name: "x - pmean (normalise across the batch)", src: "lambda x: x - jax.lax.pmean(x, 'b')", ref: (rows, k) => rows[k].map((v, j) => v - rows.reduce((s, r) => s + r[j], 0) / rows.length) },
  { name: "all_gather", src: "lambda x: jax.lax.all_gather(x, 'b')", ref: (rows) => rows.flat() },
  { name: "axis_index", src: "lambda x: x * 0.0 + jax.lax.axis_index('b')", ref: (rows, k) => rows[k].map(() => k) },
];

describe("named-axis collectives under vmap (property)", () => {
  it("equal the value computed across the examples by hand, for any in_axes; jit agrees", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: COLLECTIVES.length - 1 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 2 }),
        fc.integer({ min: 1, max: 4 }),
        fc.nat(),
        fc.integer({ min: 1, max: 1_000_000 }),
        (ci, slice, B, ax0, seed) => {
          const c = COLLECTIVES[ci];
          const ax = ax0 % (slice.length + 1);
          const shape = [...slice];
          shape.splice(ax, 0, B);
          const x = randomArray(shape, seed);
          const f = parseLambda(c.src);
          const got = vmap(f, ax, 0, { axisName: "b" })(x) as NDArray;
          const rows = (loopVmap((s: NDArray) => s, [ax], 0, [x]).tolist() as unknown[]).map((r) => [r].flat(3) as number[]);
          const want = np.array(rows.flatMap((_, k) => c.ref(rows, k)), got.shape as number[]);
          assertClose(got, want);
          assertClose(jit(vmap(f, ax, 0, { axisName: "b" }))(x) as NDArray, got);
        },
      ),
      { numRuns: RUNS, seed: 21 },
    );
  });
});
