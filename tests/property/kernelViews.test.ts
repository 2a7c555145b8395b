/**
 * Elementwise kernels on any view equal a plain loop over the elements: transposed, broadcast
 * (stride 0), sliced with steps (negative too) and with size-1 axes, in every combination the
 * kernels' walk merges axes for (coalescing) or tiles.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binary, select, unary } from "../../engine/array/kernels";
import { NDArray } from "../../engine/array/ndarray";
import { broadcastToView, sliceView, transposeView } from "../../engine/array/views";

type Shape = number[];

/** Row-major multi-index of flat position `i` in `shape`. */
function unravel(i: number, shape: Shape): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = i % shape[d];
    i = Math.floor(i / shape[d]);
  }
  return idx;
}

/** The element at `idx`, read through the view's strides one by one. */
const at = (x: NDArray, idx: number[]) => x.data[idx.reduce((o, k, d) => o + k * x.strides[d], x.offset)];

/**
 * A view of `shape` over fresh storage: a permuted base seen through a transpose, a step (maybe
 * negative) on some axes, and a size-1 axis broadcast where `broadcast` says.
 */
const viewOf = (shape: Shape) =>
  fc
    .record({
      perm: fc.shuffledSubarray(shape.map((_, d) => d), { minLength: shape.length, maxLength: shape.length }),
      steps: fc.array(fc.constantFrom(1, 2, -1), { minLength: shape.length, maxLength: shape.length }),
      broadcast: fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
      seed: fc.integer({ min: 1, max: 1000 }),
    })
    .map(({ perm, steps, broadcast, seed }) => {
      // Before broadcasting: size 1 where broadcast, then sliced by `steps` out of a larger base.
      const own = shape.map((n, d) => (broadcast[d] ? 1 : n));
      const baseShape = own.map((n, d) => n * Math.abs(steps[d]));
      const permuted = perm.map((d) => baseShape[d]);
      const size = permuted.reduce((a, b) => a * b, 1);
      const base = new NDArray(Float64Array.from({ length: size }, (_, i) => ((i * 37 + seed) % 101) / 7 - 5), permuted);
      const inverse = perm.map((_, d) => perm.indexOf(d));
      const unpermuted = transposeView(base, inverse);
      const sliced = sliceView(unpermuted, own.map((n, d) => ({ start: steps[d] < 0 ? baseShape[d] - 1 : 0, step: steps[d], size: n })));
      return broadcastToView(sliced, shape);
    });

const shapes: fc.Arbitrary<Shape> = fc.array(fc.constantFrom<number>(1, 2, 3, 4), { minLength: 0, maxLength: 5 });

describe("elementwise kernels on views", () => {
  it("binary, unary and select equal a loop over the elements", () => {
    fc.assert(
      fc.property(
        shapes.chain((shape) => fc.tuple(fc.constant(shape), viewOf(shape), viewOf(shape), viewOf(shape))),
        ([shape, a, b, c]) => {
          const n = shape.reduce((x, y) => x * y, 1);
          const sum = binary("sub", a, b).flat();
          const ex = unary("neg", a).flat();
          const pick = select(c, a, b).flat();
          for (let i = 0; i < n; i++) {
            const idx = unravel(i, shape);
            expect(sum[i]).toBe(at(a, idx) - at(b, idx));
            expect(ex[i]).toBe(-at(a, idx));
            expect(pick[i]).toBe(at(c, idx) !== 0 ? at(a, idx) : at(b, idx));
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
