/**
 * Elementwise primitives: values against plain JS math with a loop broadcasting reference,
 * JAX's broadcasting error texts, select_n's case order, and emit templates that evaluate to
 * exactly the kernel's value (including NaN, ±0 and ±inf).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NDArray } from "../../../engine/array/ndarray";
import type { PrimitiveDef } from "../../../engine/core/primitive";
import * as P from "../../../engine/primitives";
import { closeTo, fromEngine, randomRef, toEngine, zipRef } from "../../helpers/reference";
import { useX64 } from "../../helpers/x64";
import { tanh } from "../../../engine/array/tanh";
import { runtimeMath } from "../../../engine/ir/codegen";

// References are float64 loops: compare with x64 on.
useX64();

const scalar = (v: number) => new NDArray(Float64Array.of(v), []);
const run = (prim: PrimitiveDef, xs: NDArray[], params: unknown = {}) => prim.impl(xs, params)[0];

const unaryMath: [PrimitiveDef, (x: number) => number][] = [
  [P.negP, (x) => -x],
  [P.expP, Math.exp],
  [P.logP, Math.log],
  [P.sinP, Math.sin],
  [P.cosP, Math.cos],
  // The engine's own tanh, within 2 ulp of Math.tanh (tests/engine/tanh.test.ts).
  [P.tanhP, tanh],
  [P.logisticP, (x) => 1 / (1 + Math.exp(-x))],
  [P.sqrtP, Math.sqrt],
  [P.absP, Math.abs],
  [P.signP, (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN)],
  [P.squareP, (x) => x * x],
];

const binaryMath: [PrimitiveDef, (a: number, b: number) => number][] = [
  [P.addP, (a, b) => a + b],
  [P.subP, (a, b) => a - b],
  [P.mulP, (a, b) => a * b],
  [P.divP, (a, b) => a / b],
  [P.powP, (a, b) => Math.pow(a, b)],
  [P.maxP, (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b))],
  [P.minP, (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b))],
  [P.ltP, (a, b) => (a < b ? 1 : 0)],
  [P.leP, (a, b) => (a <= b ? 1 : 0)],
  [P.gtP, (a, b) => (a > b ? 1 : 0)],
  [P.geP, (a, b) => (a >= b ? 1 : 0)],
  [P.eqP, (a, b) => (a === b ? 1 : 0)],
  [P.neP, (a, b) => (a !== b ? 1 : 0)],
];

/** Shapes that broadcast: a target shape, then each operand drops leading axes / sets some to 1. */
const broadcastPair = fc
  .array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 4 })
  .chain((shape) =>
    fc.tuple(
      ...[0, 1].map(() =>
        fc.tuple(fc.integer({ min: 0, max: shape.length }), fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length })).map(
          ([drop, ones]) => shape.slice(drop).map((d, i) => (ones[i + drop] ? 1 : d)),
        ),
      ),
    ),
  );

describe("unary elementwise", () => {
  it.each(unaryMath.map(([p, f]) => [p.name, p, f] as const))("%s matches Math on a strided view", (_n, prim, f) => {
    const base = randomRef([3, 4], 5, 0.1, 2);
    const x = toEngine(base);
    const view = P.transposeP.impl([x], { perm: [1, 0] })[0];
    const out = fromEngine(run(prim, [view]));
    const expected = { shape: [4, 3], data: [] as number[] };
    for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) expected.data.push(f(base.data[j * 4 + i]));
    expect(closeTo(out, expected, 0, 0)).toBeNull();
  });

  it("integer_pow multiplies by squaring (JAX `_integer_pow`), reciprocal for negative powers", () => {
    const x = toEngine({ shape: [4], data: [1.1, -2, 0, 3] });
    expect(run(P.integerPowP, [x], { y: 3 }).tolist()).toEqual([1.1 * 1.1 * 1.1, -8, 0, 27]);
    expect(run(P.integerPowP, [x], { y: 5 }).tolist()).toEqual([1.1 * (1.1 * 1.1 * (1.1 * 1.1)), -32, 0, 243]);
    expect(run(P.integerPowP, [x], { y: -2 }).tolist()).toEqual([1 / (1.1 * 1.1), 0.25, Infinity, 1 / 9]);
    expect(run(P.integerPowP, [toEngine({ shape: [2], data: [NaN, 0] })], { y: 0 }).tolist()).toEqual([1, 1]);
  });
});

describe("binary elementwise", () => {
  it.each(binaryMath.map(([p, f]) => [p.name, p, f] as const))("%s broadcasts like NumPy (property)", (_n, prim, f) => {
    fc.assert(
      fc.property(broadcastPair, fc.integer(), ([sa, sb], seed) => {
        const a = randomRef(sa, seed, 0.5, 2);
        const b = randomRef(sb, seed + 1, 0.5, 2);
        const out = fromEngine(run(prim, [toEngine(a), toEngine(b)]));
        expect(closeTo(out, zipRef(f, a, b), 0, 0)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it("max and min propagate NaN from either side", () => {
    const a = toEngine({ shape: [3], data: [NaN, 1, 2] });
    const b = toEngine({ shape: [3], data: [0, NaN, 1] });
    expect(run(P.maxP, [a, b]).tolist()).toEqual([NaN, NaN, 2]);
    expect(run(P.minP, [a, b]).tolist()).toEqual([NaN, NaN, 1]);
  });

  it("raises JAX's broadcasting errors with the lax name", () => {
    const a = toEngine(randomRef([2, 3]));
    const b = toEngine(randomRef([3, 2]));
    expect(() => run(P.subP, [a, b])).toThrow("sub got incompatible shapes for broadcasting: (2, 3), (3, 2).");
    const shape = P.addP.shape.bind(P.addP);
    expect(() => shape([{ shape: [2, 3] }, { shape: [3, 2] }] as never, {})).toThrow("add got incompatible shapes for broadcasting: (2, 3), (3, 2).");
    expect(() => shape([{ shape: [2, 3, 5, 7, 9] }, { shape: [2, 5, 7, 9] }] as never, {})).toThrow(
      "Incompatible shapes for broadcasting: shapes=[(2, 3, 5, 7, 9), (2, 5, 7, 9)]",
    );
    expect(() => run(P.mulP, [a, b])).toThrow(expect.objectContaining({ kind: "shape-error" }));
  });
});

describe("select_n", () => {
  it("takes case 0 where the predicate is 0 and case 1 elsewhere (JAX's order)", () => {
    const pred = toEngine({ shape: [4], data: [0, 1, 0, 2] });
    const onFalse = toEngine({ shape: [4], data: [10, 11, 12, 13] });
    const onTrue = toEngine({ shape: [], data: [-1] });
    expect(run(P.selectNP, [pred, onFalse, onTrue]).tolist()).toEqual([10, -1, 12, -1]);
  });

  it("broadcasts predicate and cases", () => {
    const pred = toEngine({ shape: [2, 1], data: [1, 0] });
    const c0 = toEngine({ shape: [3], data: [1, 2, 3] });
    const c1 = toEngine({ shape: [2, 3], data: [4, 5, 6, 7, 8, 9] });
    expect(run(P.selectNP, [pred, c0, c1]).tolist()).toEqual([[4, 5, 6], [1, 2, 3]]);
  });
});

describe("emit templates", () => {
  const specials = [0, -0, 1, -1, 0.5, -2.5, 3, NaN, Infinity, -Infinity];
  const evaluate = (prim: PrimitiveDef, args: number[], params: unknown) => {
    const names = args.map((_, i) => `v${i}`);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    // Generated code reaches the engine's own math as `M` (codegen's runtime).
    return new Function("M", ...names, `return ${prim.emit!(names, params)};`)(runtimeMath, ...args) as number;
  };
  const same = (a: number, b: number) => Object.is(a, b);

  it("unary templates equal the kernel bit for bit", () => {
    const prims: [PrimitiveDef, unknown][] = [...unaryMath.map(([p]) => [p, {}] as [PrimitiveDef, unknown]), ...[-3, -2, 0, 1, 2, 5, 6].map((y) => [P.integerPowP, { y }] as [PrimitiveDef, unknown])];
    for (const [prim, params] of prims) {
      for (const v of [...specials, 1.1, -0.7]) {
        const k = run(prim, [scalar(v)], params).item();
        expect(same(evaluate(prim, [v], params), k), `${prim.name}(${v}) ${JSON.stringify(params)}`).toBe(true);
      }
    }
  });

  it("binary and select_n templates equal the kernel bit for bit (negative literals too)", () => {
    for (const [prim] of binaryMath) {
      for (const a of specials) for (const b of specials) {
        const k = run(prim, [scalar(a), scalar(b)]).item();
        expect(same(evaluate(prim, [a, b], {}), k), `${prim.name}(${a}, ${b})`).toBe(true);
        // A literal operand spelled by codegen, e.g. `-1`, must still parse.
        const lit = `${prim.emit!(["v0", String(b)], {})}`;
        if (Number.isFinite(b) && !Object.is(b, -0)) expect(same(new Function("v0", `return ${lit};`)(a), k), lit).toBe(true);
      }
    }
    for (const p of [0, 1, NaN, -2]) {
      const k = run(P.selectNP, [scalar(p), scalar(7), scalar(8)]).item();
      expect(evaluate(P.selectNP, [p, 7, 8], {})).toBe(k);
    }
  });
});
