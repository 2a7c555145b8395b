/** dot_general against the summing reference for random dimension numbers; its shape errors. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as P from "../../../engine/primitives";
import { closeTo, dotGeneralRef, fromEngine, randomRef, toEngine } from "../../helpers/reference";
import { useX64 } from "../../helpers/x64";

// References are float64 loops: compare with x64 on.
useX64();

/** Random dimension numbers: each axis kind gets random sizes; operand axes are shuffled. */
const dotCase = fc
  .tuple(fc.nat(2), fc.nat(2), fc.nat(2), fc.nat(2))
  .chain(([nb, nc, nl, nr]) =>
    fc.tuple(
      fc.array(fc.integer({ min: 1, max: 3 }), { minLength: nb + nc + nl + nr, maxLength: nb + nc + nl + nr }),
      fc.shuffledSubarray([...Array(nb + nc + nl).keys()], { minLength: nb + nc + nl, maxLength: nb + nc + nl }),
      fc.shuffledSubarray([...Array(nb + nc + nr).keys()], { minLength: nb + nc + nr, maxLength: nb + nc + nr }),
      fc.constant([nb, nc, nl, nr]),
    ),
  )
  .map(([sizes, lperm, rperm, [nb, nc, nl]]) => {
    // Logical lhs axes: batch, contract, free; rhs: batch, contract, free. perm[i] = where logical axis i goes.
    const lhsLogical = [...sizes.slice(0, nb + nc), ...sizes.slice(nb + nc, nb + nc + nl)];
    const rhsLogical = [...sizes.slice(0, nb + nc), ...sizes.slice(nb + nc + nl)];
    const lhsShape = new Array<number>(lhsLogical.length);
    lperm.forEach((p, i) => (lhsShape[p] = lhsLogical[i]));
    const rhsShape = new Array<number>(rhsLogical.length);
    rperm.forEach((p, i) => (rhsShape[p] = rhsLogical[i]));
    return {
      lhsShape,
      rhsShape,
      dims: {
        lhsBatch: lperm.slice(0, nb),
        rhsBatch: rperm.slice(0, nb),
        lhsContract: lperm.slice(nb, nb + nc),
        rhsContract: rperm.slice(nb, nb + nc),
      },
    };
  });

describe("dot_general", () => {
  it("matches the summing reference for random dimension numbers (property)", () => {
    fc.assert(
      fc.property(dotCase, fc.integer(), ({ lhsShape, rhsShape, dims }, seed) => {
        const a = randomRef(lhsShape, seed);
        const b = randomRef(rhsShape, seed + 1);
        const out = P.dotGeneralP.impl([toEngine(a), toEngine(b)], dims)[0];
        expect(P.dotGeneralP.shape([{ shape: lhsShape }, { shape: rhsShape }] as never, dims)[0].shape).toEqual(out.shape);
        expect(closeTo(fromEngine(out), dotGeneralRef(a, b, dims), 1e-12, 1e-12)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it("multiplies a hand-worked matrix product", () => {
    const a = toEngine({ shape: [2, 3], data: [1, 2, 3, 4, 5, 6] });
    const b = toEngine({ shape: [3, 2], data: [1, 0, 0, 1, 1, 1] });
    const dims = { lhsContract: [1], rhsContract: [0], lhsBatch: [], rhsBatch: [] };
    expect(P.dotGeneralP.impl([a, b], dims)[0].tolist()).toEqual([[4, 5], [10, 11]]);
  });

  it("raises JAX's contracting and batch messages", () => {
    const a = toEngine(randomRef([2, 3]));
    const b = toEngine(randomRef([4]));
    const dims = { lhsContract: [1], rhsContract: [0], lhsBatch: [], rhsBatch: [] };
    expect(() => P.dotGeneralP.impl([a, b], dims)).toThrow("dot_general requires contracting dimensions to have the same shape, got (3,) and (4,).");
    expect(() => P.dotGeneralP.shape([{ shape: [2, 3] }, { shape: [5, 3] }] as never, { lhsContract: [1], rhsContract: [1], lhsBatch: [0], rhsBatch: [0] })).toThrow(
      "dot_general requires lhs batch dimensions and rhs batch dimensions to have the same shape, got (2,) and (5,).",
    );
  });
});
