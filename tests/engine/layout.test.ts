import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { np, parseLambda, vmap, NDArray } from "../../engine";
import { binary, unary } from "../../engine/array/kernels";
import { memoryOrder, transposeView } from "../../engine/array/views";

const data = (n: number, seed: number) => {
  let s = seed;
  return Float64Array.from({ length: n }, () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5);
};

describe("elementwise results keep a transposed operand's memory layout (NumPy order='K')", () => {
  it("vmap(a*b+a, in_axes=(1,0), out_axes=1) returns a dense result with a loop's values", () => {
    const [R, C] = [40, 70];
    const ad = data(R * C, 1);
    const bd = data(C * R, 2);
    const out = vmap(parseLambda("lambda a, b: a * b + a"), [1, 0], 1)(np.array(ad, [R, C]), np.array(bd, [C, R])) as NDArray;
    expect(out.shape).toEqual([R, C]);
    // Batch axis 1 of `a` sits innermost in memory; the result keeps that, so out_axes=1 lands dense.
    expect(out.isContiguous).toBe(true);
    const flat = out.flat();
    // The loop in float32 (JAX's default): inputs rounded, each operation rounded.
    const f = Math.fround;
    for (let i = 0; i < R; i++) {
      for (let k = 0; k < C; k++) {
        const [a, b] = [f(ad[i * C + k]), f(bd[k * R + i])];
        expect(flat[i * C + k]).toBe(f(f(a * b) + a));
      }
    }
  });

  it("unary and binary on any permutation of a dense array: values of a row-major loop, layout of the operand", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 4 }).chain((shape) =>
          fc.tuple(fc.constant(shape), fc.shuffledSubarray(shape.map((_, i) => i), { minLength: shape.length, maxLength: shape.length })),
        ),
        ([shape, perm]) => {
          const n = shape.reduce((a, b) => a * b, 1);
          const base = new NDArray(data(n, 3), shape);
          const x = transposeView(base, perm);
          const y = new NDArray(data(n, 4), x.shape);
          const xs = x.flat();
          const ys = y.flat();
          expect(Array.from(unary("exp", x).flat())).toEqual(Array.from(xs, Math.exp));
          expect(Array.from(binary("sub", x, y).flat())).toEqual(Array.from(xs, (v, i) => v - ys[i]));
          expect(Array.from(binary("mul", y, x).flat())).toEqual(Array.from(xs, (v, i) => ys[i] * v));
          const order = memoryOrder(x);
          if (order) expect(transposeView(binary("sub", x, y), order).isContiguous).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
