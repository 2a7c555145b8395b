/**
 * The summation order (engine/array/summation.ts): eager reduce_sum, jit's fused loops (both of
 * its code shapes: the innermost loop unrolled by lanes with a tail, and a lane counter when
 * the reduced levels do not merge) and the impl interpreter (the CSP fallback) all give the
 * lane-order sum of a plain reference, bit for bit; and the order is no less accurate than one
 * accumulator, against an exact sum.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { jit, jnp, NDArray } from "../../engine";
import { SUM_LANES, sumRange } from "../../engine/array/summation";
import { laneCombine } from "../../engine/ir/codegen";
import { setCodegenAllowed } from "../../engine/ir/csp";
import { jitStats } from "../../engine/transforms/gradJitLazy";
import { laneSum, ravel, sizeOf, stridesOf, unravel } from "../helpers/reference";
import { useX64 } from "../helpers/x64";

useX64();
afterEach(() => setCodegenAllowed(null));

type V = ReturnType<typeof jnp.sin>;

/** Doubles over many magnitudes and both signs, so any change of order changes the rounding. */
const wide = fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.integer({ min: -8, max: 8 })).map(([m, e]) => m * 10 ** e);

/**
 * How the summed array (shape, data row-major) reaches the sum: a dense argument; an argument
 * stored transposed (same values, reversed strides); or a dense argument holding the transpose,
 * transposed back inside the function (the fused loop then reads a view through its strides).
 */
type Mode = "dense" | "strided" | "inside";
function argumentOf(shape: number[], data: number[], mode: Mode): NDArray {
  if (mode === "dense") return new NDArray(Float64Array.from(data), shape);
  const rev = [...shape].reverse();
  const store = new Float64Array(data.length);
  data.forEach((v, j) => (store[ravel([...unravel(j, shape)].reverse(), rev)] = v));
  return mode === "strided" ? new NDArray(store, shape, [...stridesOf(rev)].reverse()) : new NDArray(store, rev);
}

/** sum(v*v*0.5 + v) over `axes` of the array the argument stands for (see Mode). */
const summed = (axes: number[], mode: Mode) => (v: V) => {
  const u = mode === "inside" ? jnp.transpose(v) : v;
  return jnp.sum(jnp.add(jnp.multiply(jnp.multiply(u, u), 0.5), u), axes);
};

/** The reference: for each kept index, the terms in row-major order of the reduced axes, lane-summed. */
function laneReduce(shape: number[], data: number[], axes: number[]): number[] {
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const keptShape = kept.map((i) => shape[i]);
  const redShape = axes.map((i) => shape[i]);
  return Array.from({ length: sizeOf(keptShape) }, (_, k) => {
    const ki = unravel(k, keptShape);
    const terms = Array.from({ length: sizeOf(redShape) }, (_, r) => {
      const ri = unravel(r, redShape);
      const idx = shape.map((_, d) => (kept.includes(d) ? ki[kept.indexOf(d)] : ri[axes.indexOf(d)]));
      return data[ravel(idx, shape)];
    });
    return laneSum(terms.map((t) => t * t * 0.5 + t));
  });
}

const caseArb = fc
  .array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      data: fc.array(wide, { minLength: sizeOf(shape), maxLength: sizeOf(shape) }),
      // Trailing axes (one fused loop), or any non-empty set of axes.
      axes: fc.oneof(
        fc.integer({ min: 1, max: shape.length }).map((k) => shape.map((_, i) => i).slice(shape.length - k)),
        fc.subarray(shape.map((_, i) => i), { minLength: 1 }),
      ),
      mode: fc.constantFrom<Mode>("dense", "strided", "inside"),
    }),
  );

describe("summation order", () => {
  it("sumRange is the lane order, and laneCombine writes the same pairing", () => {
    expect(laneCombine(Array.from({ length: SUM_LANES }, (_, l) => `l${l}`))).toBe("((l0 + l1) + (l2 + l3))");
    fc.assert(
      fc.property(fc.array(wide, { maxLength: 40 }), fc.nat(3), (xs, start) => {
        const padded = Float64Array.from([...Array<number>(start).fill(7), ...xs]);
        expect(sumRange(padded, start, xs.length)).toBe(laneSum(xs));
      }),
      { numRuns: 300 },
    );
  });

  it("eager, jit compiled and jit interpreted sums equal the lane-order reference bit for bit", () => {
    fc.assert(
      fc.property(caseArb, ({ shape, data, axes, mode }) => {
        const x = argumentOf(shape, data, mode);
        const f = summed(axes, mode);
        const want = laneReduce(shape, data, axes);
        const eager = (f(x) as NDArray).flat();
        const compiled = (jit(f)(x) as NDArray).flat();
        setCodegenAllowed(false);
        const interpreted = (jit(f)(x) as NDArray).flat();
        setCodegenAllowed(null);
        const same = (got: Float64Array) => got.length === want.length && want.every((w, i) => Object.is(got[i], w));
        expect(same(eager), `eager ${[...eager]} vs ${want}`).toBe(true);
        expect(same(compiled), "compiled").toBe(true);
        expect(same(interpreted), "interpreted").toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("the fused loop's two code shapes: unrolled lanes with a tail, and a lane counter", () => {
    const g = (v: V) => jnp.sum(jnp.multiply(v, 3.0));
    // (3, 5, 3) dense: the reduced axes merge into one level of 15 (unrolled, tail of 3).
    // Read through a transpose: two reduced levels of 5 and 3 (no lane from the index alone).
    const shape = [3, 5, 3];
    const data = Array.from({ length: 45 }, (_, i) => Math.sin(i * 1.7) * 10 ** ((i % 7) - 3));
    for (const mode of ["dense", "inside"] as const) {
      const jf = jit(summed([1, 2], mode));
      const got = (jf(argumentOf(shape, data, mode)) as NDArray).flat();
      expect([...got]).toEqual(laneReduce(shape, data, [1, 2]));
      expect(jitStats(jf).source).toMatch(mode === "inside" ? /g0L0\[g0c\] \+=/ : /\+= 4\)/);
    }
    // A length that is a multiple of the lanes: no tail; 1 and 0 elements.
    for (const n of [8, 1, 0]) {
      const xs = Array.from({ length: n }, (_, i) => 1 / (i + 3));
      expect((jit(g)(new NDArray(Float64Array.from(xs), [n])) as NDArray).item()).toBe(laneSum(xs.map((v) => v * 3)));
    }
  });

  it("is no less accurate than one accumulator (error against an exact sum)", () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    let laneErr = 0;
    let seqErr = 0;
    for (let trial = 0; trial < 40; trial++) {
      const xs = Float64Array.from({ length: 4099 }, () => rand() * 10 ** Math.floor(rand() * 4));
      const exact = exactSum(xs);
      let seq = 0;
      for (const v of xs) seq += v;
      const lanes = sumRange(xs, 0, xs.length);
      const abs = xs.reduce((a, v) => a + Math.abs(v), 0);
      // Higham's bound for n/4 + 2 sequential adds: γ_k Σ|x|, k·u/(1 − k·u).
      const k = xs.length / 4 + 2;
      expect(Math.abs(lanes - exact)).toBeLessThanOrEqual(((k * 2 ** -53) / (1 - k * 2 ** -53)) * abs);
      laneErr += Math.abs(lanes - exact);
      seqErr += Math.abs(seq - exact);
    }
    expect(laneErr).toBeLessThanOrEqual(seqErr);
  });
});

/** Σ xs exactly rounded once: Shewchuk's partials (Python's math.fsum). */
function exactSum(xs: ArrayLike<number>): number {
  const partials: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    let x = xs[i];
    let j = 0;
    for (const p of partials) {
      let y = p;
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[j++] = lo;
      x = hi;
    }
    partials.length = j;
    partials.push(x);
  }
  return partials.reduce((a, b) => a + b, 0);
}

describe("dot's matrix-vector kernel sums in the same order", () => {
  it("dot(A, v) = sum(A * v, axis=1) bit for bit, eager and jitted, tails of every length", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 1, max: 10_000 }), (m, k, seed) => {
        // Values over several decades, none exact in binary, so any change of order shows.
        const fill = (n: number, s: number) => Float64Array.from({ length: n }, (_, i) => Math.sin(s * 12.9898 + i * 78.233) * 10 ** ((i * s) % 7));
        const A = new NDArray(fill(m * k, seed), [m, k]);
        const v = new NDArray(fill(k, seed + 1), [k]);
        const dot = (jnp.dot(A, v) as NDArray).flat();
        const summed = (jnp.sum(jnp.multiply(A, v), 1) as NDArray).flat();
        const jitted = (jit((a: V, b: V) => jnp.sum(jnp.multiply(a, b), 1))(A, v) as NDArray).flat();
        const want = Array.from({ length: m }, (_, i) => laneSum(Array.from({ length: k }, (_, j) => A.data[i * k + j] * v.data[j])));
        expect([...dot]).toEqual(want);
        expect([...summed]).toEqual(want);
        expect([...jitted]).toEqual(want);
      }),
      { numRuns: 200 },
    );
    // A tail of two: the sixth product goes to lane 1, where 2⁵³ + 1 rounds back to 2⁵³.
    const A = new NDArray(Float64Array.from([0, 2 ** 53, 0, 0, 1, 1]), [1, 6]);
    expect((jnp.dot(A, new NDArray(new Float64Array(6).fill(1), [6])) as NDArray).item()).toBe(2 ** 53);
  });
});
