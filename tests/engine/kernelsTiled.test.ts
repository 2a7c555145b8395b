import { describe, expect, it } from "vitest";
import { binary, unary } from "../../engine/array/kernels";
import { NDArray } from "../../engine/array/ndarray";
import { transposeView } from "../../engine/array/views";

/** Big enough (≥ 32 on the last two axes) that the tiled walk over transposed views is taken. */
function data(n: number, seed: number) {
  let s = seed;
  return Float64Array.from({ length: n }, () => (s = (s * 16807) % 2147483647) / 2147483647);
}

describe("kernels on transposed views (tiled walk)", () => {
  it("binary and unary equal a plain loop for a (3, 40, 70) result with a transposed operand", () => {
    const [L, R, C] = [3, 40, 70];
    const x = new NDArray(data(L * C * R, 1), [L, C, R]); // viewed as (L, R, C) by swapping the last two axes
    const xt = transposeView(x, [0, 2, 1]);
    const y = new NDArray(data(L * R * C, 2), [L, R, C]);
    const sum = binary("sub", xt, y).flat();
    const ex = unary("exp", xt).flat();
    const X = x.data;
    const Y = y.data;
    for (let l = 0; l < L; l++) {
      for (let i = 0; i < R; i++) {
        for (let j = 0; j < C; j++) {
          const xv = X[l * C * R + j * R + i];
          const o = l * R * C + i * C + j;
          expect(sum[o]).toBe(xv - Y[o]);
          expect(ex[o]).toBe(Math.exp(xv));
        }
      }
    }
  });
});
