/** Reductions against the loop reference for random shapes and axis sets, on strided views too. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PrimitiveDef } from "../../../engine/core/primitive";
import * as P from "../../../engine/primitives";
import { closeTo, fromEngine, randomRef, reduceRef, toEngine, transposeRef } from "../../helpers/reference";
import { useX64 } from "../../helpers/x64";

// References are float64 loops: compare with x64 on.
useX64();

const reducers: [PrimitiveDef, (a: number, v: number) => number, number][] = [
  [P.reduceSumP, (a, v) => a + v, 0],
  [P.reduceProdP, (a, v) => a * v, 1],
  [P.reduceMaxP, (a, v) => Math.max(a, v), -Infinity],
  [P.reduceMinP, (a, v) => Math.min(a, v), Infinity],
];

const caseArb = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 4 })
  .chain((shape) =>
    fc.tuple(
      fc.constant(shape),
      fc.subarray([...shape.keys()]),
      fc.shuffledSubarray([...shape.keys()], { minLength: shape.length, maxLength: shape.length }),
    ),
  );

describe("reductions", () => {
  it.each(reducers.map(([p, f, init]) => [p.name, p, f, init] as const))("%s matches the loop reference (property)", (_n, prim, f, init) => {
    fc.assert(
      fc.property(caseArb, fc.integer(), ([shape, axes, perm], seed) => {
        // Reduce a transposed view of the data, so strided reads are covered.
        const base = randomRef(perm.map((p) => shape[p]), seed);
        const inv = perm.map((_, i) => perm.indexOf(i));
        const r = transposeRef(base, inv);
        const view = P.transposeP.impl([toEngine(base)], { perm: inv })[0];
        const out = prim.impl([view], { axes })[0];
        expect(closeTo(fromEngine(out), reduceRef(r, axes, f, init), 1e-12, 1e-12)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it("computes the per-example shape and rejects unsorted or repeated axes", () => {
    expect(P.reduceSumP.shape([{ shape: [2, 3, 4] }] as never, { axes: [0, 2] })[0].shape).toEqual([3]);
    expect(() => P.reduceSumP.shape([{ shape: [2, 3] }] as never, { axes: [1, 1] })).toThrow(/axes/);
    expect(() => P.reduceSumP.shape([{ shape: [2, 3] }] as never, { axes: [2] })).toThrow(/axes/);
  });

  it("sums a hand-worked example", () => {
    const x = toEngine({ shape: [2, 3], data: [1, 2, 3, 4, 5, 6] });
    expect(P.reduceSumP.impl([x], { axes: [0] })[0].tolist()).toEqual([5, 7, 9]);
    expect(P.reduceMaxP.impl([x], { axes: [1] })[0].tolist()).toEqual([3, 6]);
    expect(P.reduceProdP.impl([x], { axes: [0, 1] })[0].tolist()).toEqual(720);
    expect(P.reduceMinP.impl([x], { axes: [] })[0].tolist()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });
});
