import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { NDArray } from "../../engine/array/ndarray";
import { copyStrided, materialize } from "../../engine/array/materialize";
import { sliceView, transposeView, broadcastToView } from "../../engine/array/views";

/** Row-major read of a view by index arithmetic: offset + Σ index·stride, one element at a time. */
function reference(src: ArrayLike<number>, shape: number[], strides: number[], offset: number): number[] {
  const n = shape.reduce((a, b) => a * b, 1);
  const out: number[] = [];
  for (let flat = 0; flat < n; flat++) {
    let rem = flat;
    let o = offset;
    for (let d = shape.length - 1; d >= 0; d--) {
      o += (rem % shape[d]) * strides[d];
      rem = Math.floor(rem / shape[d]);
    }
    out.push(src[o]);
  }
  return out;
}

/**
 * Any view a storage can hold: shape, strides of either sign or zero (broadcast), and an offset
 * that keeps every element inside the storage, plus slack before and after it.
 */
const viewArb = (maxDim: number, maxNd: number) =>
  fc
    .integer({ min: 0, max: maxNd })
    .chain((nd) =>
      fc.record({
        shape: fc.array(fc.integer({ min: 0, max: maxDim }), { minLength: nd, maxLength: nd }),
        strides: fc.array(fc.integer({ min: -9, max: 9 }), { minLength: nd, maxLength: nd }),
        before: fc.integer({ min: 0, max: 5 }),
        after: fc.integer({ min: 0, max: 5 }),
      }),
    )
    .map(({ shape, strides, before, after }) => {
      let lo = 0;
      let hi = 0;
      shape.forEach((n, d) => {
        if (n === 0) return;
        const reach = (n - 1) * strides[d];
        if (reach < 0) lo += reach;
        else hi += reach;
      });
      const offset = before - lo;
      const length = offset + hi + 1 + after;
      const data = Float64Array.from({ length }, (_, i) => i + 0.5);
      return { data, shape, strides, offset };
    });

/** A dense array transposed, so tiles are taken: both tiled axes at least 8 long, ragged edges. */
const transposedArb = fc
  .record({
    shape: fc.array(fc.integer({ min: 1, max: 45 }), { minLength: 2, maxLength: 4 }),
    seed: fc.integer({ min: 0, max: 1e6 }),
    negate: fc.boolean(),
  })
  .filter(({ shape }) => shape.reduce((a, b) => a * b, 1) <= 20_000)
  .chain(({ shape, negate }) =>
    fc.shuffledSubarray(shape.map((_, i) => i), { minLength: shape.length, maxLength: shape.length }).map((perm) => ({ shape, perm, negate })),
  );

describe("copying strided views to dense storage", () => {
  it("matches index arithmetic for any shape, strides (negative, zero), offset", () => {
    fc.assert(
      fc.property(viewArb(6, 5), ({ data, shape, strides, offset }) => {
        const want = reference(data, shape, strides, offset);
        expect(Array.from(materialize(data, shape, strides, offset))).toEqual(want);
        expect(Array.from(new NDArray(data, shape, strides, offset).flat())).toEqual(want);
        expect(Array.from(new NDArray(data, shape, strides, offset).dense())).toEqual(want);
      }),
      { numRuns: 400 },
    );
  });

  it("matches index arithmetic for longer axes with large and negative strides", () => {
    fc.assert(
      fc.property(viewArb(40, 3), ({ data, shape, strides, offset }) => {
        expect(Array.from(materialize(data, shape, strides, offset))).toEqual(reference(data, shape, strides, offset));
      }),
      { numRuns: 150 },
    );
  });

  it("transposes, reversed slices and broadcasts of dense arrays read back like NumPy", () => {
    fc.assert(
      fc.property(transposedArb, ({ shape, perm, negate }) => {
        const n = shape.reduce((a, b) => a * b, 1);
        const base = new NDArray(Float64Array.from({ length: n }, (_, i) => i), shape);
        let v = transposeView(base, perm);
        // x[..., ::-1] on the last axis when asked: a negative-step slice.
        if (negate) v = sliceView(v, v.shape.map((s, d) => (d === v.ndim - 1 ? { start: s - 1, step: -1, size: s } : { start: 0, step: 1, size: s })));
        expect(Array.from(v.flat())).toEqual(reference(v.data, [...v.shape], [...v.strides], v.offset));
        const b = broadcastToView(v, [3, ...v.shape]);
        expect(Array.from(b.flat())).toEqual(reference(b.data, [...b.shape], [...b.strides], b.offset));
      }),
      { numRuns: 120 },
    );
  });

  it("long transposed rows (the tiled copy) match index arithmetic, with lead axes and reversed steps", () => {
    fc.assert(
      fc.property(
        fc.record({
          lead: fc.integer({ min: 1, max: 2 }),
          P: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 33, max: 40 })), // one tile of rows, or two with a ragged one
          L: fc.integer({ min: 2040, max: 2100 }),
          flipP: fc.boolean(),
          flipL: fc.boolean(),
        }),
        ({ lead, P, L, flipP, flipL }) => {
          // A dense (lead, L, P) array read as (lead, P, L): rows along L step by P in memory.
          const data = Float64Array.from({ length: lead * L * P }, (_, i) => i);
          const sp = flipP ? -1 : 1;
          const sl = flipL ? -P : P;
          const offset = (flipP ? P - 1 : 0) + (flipL ? (L - 1) * P : 0);
          const shape = [lead, P, L];
          const strides = [L * P, sp, sl];
          expect(Array.from(materialize(data, shape, strides, offset))).toEqual(reference(data, shape, strides, offset));
        },
      ),
      { numRuns: 10 },
    );
  });

  it("keeps the storage's typed-array type (float32 storage copies to float32)", () => {
    const src = Float32Array.from({ length: 24 }, (_, i) => i / 3);
    const out = materialize(src, [4, 6], [1, 4], 0);
    expect(out).toBeInstanceOf(Float32Array);
    expect(Array.from(out)).toEqual(reference(src, [4, 6], [1, 4], 0));
    const into = new Float32Array(26);
    copyStrided(src, [2, 3, 4], [1, 8, 2], 0, into, 2);
    expect(Array.from(into.subarray(2))).toEqual(reference(src, [2, 3, 4], [1, 8, 2], 0));
  });
});
