/**
 * Indexing by values (gather, scatter, dynamic_slice) as properties: for random shapes, indices
 * in and out of bounds and in_axes, (1) eager results equal plain-JS references written from
 * JAX's documented semantics (negative indices wrap; `x[idx]` clamps, `take` fills, `.at[]`
 * updates drop what is out of bounds), (2) vmap equals the loop, (3) grad equals central
 * differences along a random direction, (4) jit equals eager bit for bit.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { grad, jit, NDArray, np, parseLambda, vmap } from "../../engine";
import { assertClose, loopVmap } from "../helpers/vmapReference";
import { useX64 } from "../helpers/x64";

useX64();

const RUNS = 120;

function randomArray(shape: number[], seed: number): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  let s = seed;
  return np.array(Array.from({ length: n }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 4 - 2), shape);
}
const ints = (data: number[], shape: number[]) => np.array(data, shape, "int64");
const flat = (x: unknown) => Array.from((x as NDArray).flat());
const wrap = (i: number, n: number) => (i < 0 ? i + n : i);
const clamp = (i: number, n: number) => Math.min(Math.max(wrap(i, n), 0), n - 1);
const inBounds = (i: number, n: number) => wrap(i, n) >= 0 && wrap(i, n) < n;

/** A case: operand shape (n, ...rest), an index array (values in [-n-2, n+2)), a batch size and axes. */
const caseArb = fc
  .record({
    n: fc.integer({ min: 1, max: 4 }),
    rest: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
    idxShape: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
    B: fc.integer({ min: 1, max: 3 }),
    xAxis: fc.option(fc.nat(), { nil: null }),
    iAxis: fc.option(fc.nat(), { nil: null }),
    seed: fc.integer({ min: 1, max: 100_000 }),
  })
  .filter((c) => c.xAxis !== null || c.iAxis !== null);

function indexValues(count: number, n: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: count }, () => Math.floor(((s = (s * 48271) % 2147483647) / 2147483647) * (2 * n + 4)) - n - 2);
}

const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/** Per-example x[idx] by JAX's rule (wrap negatives, clamp: promise_in_bounds), in plain JS. */
function gatherRef(x: NDArray, idx: NDArray): number[] {
  const xs = flat(x);
  const row = size(x.shape.slice(1));
  return flat(idx).flatMap((i) => xs.slice(clamp(i, x.shape[0]) * row, clamp(i, x.shape[0]) * row + row));
}

/** Batched operands for a case: per-example shapes with the batch axis inserted at the case's axes. */
function batched(c: { n: number; rest: number[]; idxShape: number[]; B: number; xAxis: number | null; iAxis: number | null; seed: number }) {
  const xShape = [c.n, ...c.rest];
  const xAxis = c.xAxis === null ? null : c.xAxis % (xShape.length + 1);
  const iAxis = c.iAxis === null ? null : c.iAxis % (c.idxShape.length + 1);
  const withB = (s: number[], a: number | null) => (a === null ? s : [...s.slice(0, a), c.B, ...s.slice(a)]);
  const x = randomArray(withB(xShape, xAxis), c.seed);
  const iShape = withB(c.idxShape, iAxis);
  const idx = ints(indexValues(size(iShape), c.n, c.seed + 7), iShape);
  return { x, idx, xAxis, iAxis };
}

describe("indexing by values: eager equals JAX's semantics", () => {
  it(`x[idx] wraps negatives and clamps (${RUNS} runs)`, () => {
    const f = parseLambda("lambda x, i: x[i]");
    fc.assert(
      fc.property(caseArb, (c) => {
        const x = randomArray([c.n, ...c.rest], c.seed);
        const idx = ints(indexValues(size(c.idxShape), c.n, c.seed + 1), c.idxShape);
        const y = f(x, idx) as NDArray;
        expect(y.shape).toEqual([...c.idxShape, ...c.rest]);
        expect(flat(y)).toEqual(gatherRef(x, idx));
      }),
      { numRuns: RUNS },
    );
  });

  it("jnp.take fills out-of-bounds with NaN; .at[].get(mode='fill', fill_value=-1)", () => {
    const x = np.array([10, 11, 12]);
    const idx = ints([0, 3, -1, -4, 2], [5]);
    expect(flat(parseLambda("lambda x, i: jnp.take(x, i)")(x, idx))).toEqual([10, NaN, 12, NaN, 12]);
    expect(flat(parseLambda("lambda x, i: x.at[i].get(mode='fill', fill_value=-1)")(x, idx))).toEqual([10, -1, 12, -1, 12]);
    expect(flat(parseLambda("lambda x, i: jnp.take(x, i, mode='clip')")(x, idx))).toEqual([10, 12, 10, 10, 12]);
  });

  it(`x.at[idx].add/set drop out-of-bounds updates; add accumulates repeats (${RUNS} runs)`, () => {
    const add = parseLambda("lambda x, i, y: x.at[i].add(y)");
    const set = parseLambda("lambda x, i, y: x.at[i].set(y)");
    fc.assert(
      fc.property(caseArb, (c) => {
        const x = randomArray([c.n, ...c.rest], c.seed);
        const ivals = indexValues(size(c.idxShape), c.n, c.seed + 1);
        const idx = ints(ivals, c.idxShape);
        const y = randomArray([...c.idxShape, ...c.rest], c.seed + 2);
        const row = size(c.rest);
        const want = flat(x);
        const yv = flat(y);
        ivals.forEach((i, k) => {
          if (inBounds(i, c.n)) for (let r = 0; r < row; r++) want[wrap(i, c.n) * row + r] += yv[k * row + r];
        });
        flat(add(x, idx, y)).forEach((v, j) => expect(v).toBeCloseTo(want[j], 12));
        // set: the cells no update reaches keep x; each reached cell holds one of its updates.
        const got = flat(set(x, idx, y));
        const xs = flat(x);
        for (let cell = 0; cell < c.n; cell++) {
          const writers = ivals.map((i, k) => [i, k]).filter(([i]) => inBounds(i, c.n) && wrap(i, c.n) === cell);
          for (let r = 0; r < row; r++) {
            const v = got[cell * row + r];
            if (writers.length === 0) expect(v).toBe(xs[cell * row + r]);
            else expect(writers.map(([, k]) => yv[k * row + r])).toContain(v);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("x[i] with a traced int scalar clamps (dynamic_slice) and wraps negatives", () => {
    const f = parseLambda("lambda x, i: x[i]");
    const x = np.array([[1, 2], [3, 4], [5, 6]]);
    for (const [i, row] of [[0, 0], [2, 2], [5, 2], [-1, 2], [-3, 0], [-7, 0]]) {
      expect(flat(f(x, ints([i], []).reshape([])))).toEqual(flat(x).slice(row * 2, row * 2 + 2));
    }
  });

  it("take_along_axis picks along one axis, as np.take_along_axis", () => {
    const f = parseLambda("lambda x, i: jnp.take_along_axis(x, i, axis=1)");
    const x = np.array([[4, 3, 5], [2, 6, 7]]);
    expect((f(x, ints([1, 2, 0, 0, 2, 1], [2, 3])) as NDArray).tolist()).toEqual([[3, 5, 4], [2, 7, 6]]);
    const am = parseLambda("lambda x: jnp.take_along_axis(x, jnp.argmin(x, axis=1, keepdims=True), axis=1)");
    expect((am(x) as NDArray).tolist()).toEqual([[3], [2]]);
  });
});

describe("indexing by values under vmap equals the loop (property)", () => {
  const bodies = [
    "x[i]",
    "jnp.take(x, i, axis=0)",
    "x.at[i].add(1.0)",
    "x.at[i].set(-5.0)",
    "x.at[i].multiply(3.0)",
    "x.at[i].max(0.5)",
    "x.at[i].min(0.5)",
    "x.at[i].get(mode='fill', fill_value=7.0)",
    "x[jnp.argmax(x, axis=0)]",
  ];
  it(`random shapes, indices in and out of bounds, in_axes (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(caseArb, fc.constantFrom(...bodies), (c, body) => {
        const f = parseLambda(`lambda x, i: ${body}`);
        const { x, idx, xAxis, iAxis } = batched(c);
        fc.pre(!(body.includes("argmax") && iAxis === null && xAxis === null));
        const got = vmap(f, [xAxis, iAxis])(x, idx) as NDArray;
        assertClose(got, loopVmap(f, [xAxis, iAxis], 0, [x, idx]), 0);
      }),
      { numRuns: RUNS },
    );
  });

  it("a scalar traced index: dynamic_slice batched into a gather, and dynamic_update_slice into a scatter", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { x, xAxis } = batched(c);
        const iv = ints(indexValues(c.B, c.n, c.seed), [c.B]);
        for (const body of ["x[i]", "x.at[i].set(x[0])", "x[i, ...] * 2.0"]) {
          const f = parseLambda(`lambda x, i: ${body}`);
          assertClose(vmap(f, [xAxis, 0])(x, iv) as NDArray, loopVmap(f, [xAxis, 0], 0, [x, iv]), 0);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("grad of indexing equals finite differences (property)", () => {
  const bodies = [
    "jnp.sum(jnp.sin(x[i]) * 1.5)",
    "jnp.sum(jnp.take(x, i, axis=0) ** 2)",
    "jnp.sum(jnp.tanh(x.at[i].add(x[0] * 2.0)))",
    "jnp.sum(jnp.sin(x.at[i].set(x[-1] * 3.0)))",
    "jnp.sum(x.at[i].multiply(2.0) * x)",
    "jnp.sum(x.at[i].max(x[0] * 0.5))",
    "jnp.sum(x[i[0]] * x[i[-1]])",
  ];
  it(`random functions, shapes, in-bounds indices and directions (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(caseArb, fc.constantFrom(...bodies), (c, body) => {
        fc.pre(!body.includes("i[0]") || c.idxShape.length > 0);
        const f = parseLambda(`lambda x, i: ${body}`);
        const x = randomArray([c.n, ...c.rest], c.seed);
        const idx = ints(indexValues(size(c.idxShape), c.n, c.seed + 1).map((i) => ((i % c.n) + c.n) % c.n), c.idxShape);
        // A max straddling a tie measures an average slope: keep the points clear of ties.
        const xs = flat(x);
        fc.pre(xs.every((t, a) => xs.every((u, b) => a === b || Math.abs(t - 0.5 * u) > 1e-3)));
        const v = randomArray([c.n, ...c.rest], c.seed + 3);
        const g = grad((xx: NDArray) => f(xx, idx))(x) as NDArray;
        const h = 1e-6;
        const at = (s: number) => (f(np.array(xs.map((t, k) => t + s * h * flat(v)[k]), [...x.shape]), idx) as NDArray).item();
        const fd = (at(1) - at(-1)) / (2 * h);
        const an = flat(g).reduce((acc, t, k) => acc + t * flat(v)[k], 0);
        expect(Math.abs(an - fd)).toBeLessThan(1e-6 * (1 + Math.abs(fd)));
      }),
      { numRuns: RUNS },
    );
  });

  it("x.at[i].set(y) with a repeated index: only the update that landed gets y's cotangent", () => {
    const f = parseLambda("lambda y, x, i: jnp.sum(x.at[i].set(y) * jnp.array([1.0, 2.0, 3.0]))");
    const g = grad(f)(np.array([5, 6]), np.ones([3]), ints([1, 1], [2])) as NDArray;
    const got = flat(g);
    // Exactly one of the two updates landed on cell 1 (weight 2).
    expect([...got].sort()).toEqual([0, 2]);
  });
});

describe("jit equals eager for indexing by values (property)", () => {
  const bodies = ["x[i] * 2.0", "x.at[i].add(x[0])", "jnp.take(x, i, axis=0, mode='clip')", "x.at[i].get(mode='fill')"];
  it(`bit for bit (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(caseArb, fc.constantFrom(...bodies), (c, body) => {
        const f = parseLambda(`lambda x, i: ${body}`);
        const x = randomArray([c.n, ...c.rest], c.seed);
        const idx = ints(indexValues(size(c.idxShape), c.n, c.seed + 1), c.idxShape);
        expect(flat(jit(f)(x, idx))).toEqual(flat(f(x, idx)));
      }),
      { numRuns: RUNS },
    );
  });
});
