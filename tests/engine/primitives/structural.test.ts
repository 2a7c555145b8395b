/**
 * Structural primitives against loop references: transpose, broadcast_in_dim, reshape (with and
 * without copying), squeeze, concatenate, slice (negative steps), pad; zero-copy views where
 * promised; JAX's error texts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { NDArray } from "../../../engine/array/ndarray";
import * as P from "../../../engine/primitives";
import { closeTo, concatRef, fromEngine, iotaRef, pickRef, randomRef, ravel, toEngine, transposeRef, unravel, sizeOf } from "../../helpers/reference";
import { useX64 } from "../../helpers/x64";

// References are float64 loops: compare with x64 on.
useX64();

const shapeArb = (min = 0, max = 4) => fc.array(fc.integer({ min: 1, max: 4 }), { minLength: min, maxLength: max });
const permArb = (n: number) => fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n });
const impl1 = (prim: typeof P.transposeP | any, x: NDArray, params: unknown) => prim.impl([x], params)[0] as NDArray;

describe("transpose", () => {
  it("matches the loop reference and shares storage (property)", () => {
    fc.assert(
      fc.property(shapeArb().chain((s) => fc.tuple(fc.constant(s), permArb(s.length))), ([shape, perm]) => {
        const r = randomRef(shape, shape.length);
        const x = toEngine(r);
        const out = impl1(P.transposeP, x, { perm });
        expect(out.data).toBe(x.data);
        expect(closeTo(fromEngine(out), transposeRef(r, perm))).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it("rejects a non-permutation with JAX's text", () => {
    expect(() => P.transposeP.shape([{ shape: [2, 3] }] as never, { perm: [0, 0] })).toThrow(
      "transpose permutation isn't a permutation of operand dimensions, got permutation (0, 0) for operand shape (2, 3).",
    );
  });
});

describe("broadcast_in_dim", () => {
  it("is a stride-0 view placing operand axes at broadcast_dimensions", () => {
    const r = { shape: [3, 1], data: [1, 2, 3] };
    const x = toEngine(r);
    const out = impl1(P.broadcastInDimP, x, { shape: [2, 3, 4], broadcastDimensions: [1, 2] });
    expect(out.data).toBe(x.data);
    expect(out.strides[0]).toBe(0);
    const f = fromEngine(out);
    for (let j = 0; j < 24; j++) {
      const [, b] = unravel(j, [2, 3, 4]);
      expect(f.data[j]).toBe(r.data[b]);
    }
  });

  it("rejects operand sizes that are neither 1 nor the target's", () => {
    expect(() => P.broadcastInDimP.impl([toEngine(iotaRef([3]))], { shape: [4], broadcastDimensions: [0] })).toThrow(
      "broadcast_in_dim operand dimension sizes must either be 1, or be equal to their corresponding dimensions in the target broadcast shape; got operand of shape (3,), target broadcast shape (4,), broadcast_dimensions (0,)",
    );
  });
});

describe("reshape", () => {
  it("keeps row-major order for any source layout (property)", () => {
    fc.assert(
      fc.property(
        shapeArb(1).chain((s) => fc.tuple(fc.constant(s), permArb(s.length), fc.shuffledSubarray(s, { minLength: s.length, maxLength: s.length }))),
        ([shape, perm, newShape]) => {
          const r = randomRef(shape, 3);
          const view = impl1(P.transposeP, toEngine(r), { perm });
          const expected = transposeRef(r, perm).data;
          const out = impl1(P.reshapeP, view, { newSizes: [1, ...newShape] });
          expect(out.shape).toEqual([1, ...newShape]);
          expect(fromEngine(out).data).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("reshapes without copying when the layout allows (batch axis moved to the front, then merged)", () => {
    const x = toEngine(iotaRef([4, 2, 3]));
    const front = impl1(P.transposeP, x, { perm: [1, 0, 2] }); // (2, 4, 3), rows of 3 still dense
    const merged = impl1(P.reshapeP, front, { newSizes: [2, 4, 3, 1] });
    expect(merged.data).toBe(x.data);
    const split = impl1(P.reshapeP, front, { newSizes: [2, 2, 2, 3] });
    expect(split.data).toBe(x.data);
    expect(fromEngine(split).data).toEqual(transposeRef(iotaRef([4, 2, 3]), [1, 0, 2]).data);
  });

  it("rejects a size change with lax's text", () => {
    expect(() => P.reshapeP.impl([toEngine(iotaRef([2, 3]))], { newSizes: [4] })).toThrow(
      "reshape total size must be unchanged, got new_sizes (4,) (of total size 4) for shape (2, 3) (of total size 6).",
    );
  });
});

describe("squeeze", () => {
  it("drops size-1 axes as a view", () => {
    const x = toEngine(iotaRef([2, 1, 3, 1]));
    const out = impl1(P.squeezeP, x, { dimensions: [1, 3] });
    expect(out.shape).toEqual([2, 3]);
    expect(out.data).toBe(x.data);
    expect(out.tolist()).toEqual([[0, 1, 2], [3, 4, 5]]);
  });

  it("rejects an axis whose size is not 1", () => {
    expect(() => P.squeezeP.impl([toEngine(iotaRef([2, 3]))], { dimensions: [0] })).toThrow(
      "cannot select an axis to squeeze out which has size not equal to one, got shape=(2, 3) and dimensions=(0,)",
    );
  });
});

describe("concatenate", () => {
  it("matches the loop reference (property)", () => {
    fc.assert(
      fc.property(
        shapeArb(1, 3).chain((s) => fc.tuple(fc.constant(s), fc.nat(s.length - 1), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }))),
        ([shape, axis, sizes]) => {
          const parts = sizes.map((n, i) => randomRef(shape.map((d, k) => (k === axis ? n : d)), i));
          const out = P.concatenateP.impl(parts.map(toEngine), { dimension: axis })[0];
          expect(closeTo(fromEngine(out), concatRef(parts, axis))).toBeNull();
        },
      ),
      { numRuns: 200 },
    );
  });

  it("raises lax's messages", () => {
    const a = toEngine(iotaRef([2, 3]));
    expect(() => P.concatenateP.impl([a, toEngine(iotaRef([3, 2]))], { dimension: 0 })).toThrow(
      "Cannot concatenate arrays with shapes that differ in dimensions other than the one being concatenated: concatenating along dimension 0 for shapes (2, 3), (3, 2).",
    );
    expect(() => P.concatenateP.impl([a, toEngine(iotaRef([3]))], { dimension: 0 })).toThrow(
      "Cannot concatenate arrays with different numbers of dimensions: got (2, 3), (3,).",
    );
  });
});

describe("slice and pad", () => {
  it("slice is a strided view; negative steps walk backwards (property)", () => {
    const axisSlice = (n: number) =>
      fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: -3, max: 3 }).filter((s) => s !== 0), fc.nat(4)).map(([start, step, want]) => {
        const room = step > 0 ? Math.floor((n - 1 - start) / step) + 1 : Math.floor(start / -step) + 1;
        return { start, step, size: Math.min(want, room) };
      });
    fc.assert(
      fc.property(shapeArb(1, 3).chain((s) => fc.tuple(fc.constant(s), fc.tuple(...s.map(axisSlice)))), ([shape, slices]) => {
        const r = randomRef(shape, 9);
        const x = toEngine(r);
        const out = impl1(P.sliceP, x, { slices });
        expect(out.data).toBe(x.data);
        const lists = slices.map((s) => Array.from({ length: s.size }, (_, k) => s.start + k * s.step));
        expect(closeTo(fromEngine(out), pickRef(r, lists))).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it("slice rejects out-of-range indices", () => {
    expect(() => P.sliceP.impl([toEngine(iotaRef([3]))], { slices: [{ start: 1, step: 2, size: 2 }] })).toThrow(/out of range/);
  });

  it("pad places the operand at lo + k·(interior + 1) among zeros", () => {
    const x = toEngine({ shape: [2, 2], data: [1, 2, 3, 4] });
    const out = impl1(P.padP, x, { lo: [1, 0], hi: [0, 2], interior: [1, 1] });
    expect(out.tolist()).toEqual([
      [0, 0, 0, 0, 0],
      [1, 0, 2, 0, 0],
      [0, 0, 0, 0, 0],
      [3, 0, 4, 0, 0],
    ]);
    const shape = [4, 5];
    const f = fromEngine(out);
    expect(sizeOf(shape)).toBe(f.data.length);
    expect(f.data[ravel([3, 2], shape)]).toBe(4);
  });
});
