import { describe, expect, it } from "vitest";
import { jnp, np, parseLambda, vmap, NDArray } from "../../engine";

// The worked example of our vmap-semantics notes: a = [[0,1],[2,3]], b = a + 100, f = jnp.add; the result by its formula.
const A = [[0, 1], [2, 3]];
const B = [[100, 101], [102, 103]];
const a = np.array(A);
const b = np.array(B);

const table: [unknown, (k: number, i: number, j: number) => number, number[]][] = [
  [[0, 0], (k, j) => A[k][j] + B[k][j], [2, 2]],
  [[0, 1], (k, j) => A[k][j] + B[j][k], [2, 2]],
  [[1, 0], (k, j) => A[j][k] + B[k][j], [2, 2]],
  [[1, 1], (k, j) => A[j][k] + B[j][k], [2, 2]],
  [[-1, -2], (k, j) => A[j][k] + B[k][j], [2, 2]],
  [[null, 0], (k, i, j) => A[i][j] + B[k][j], [2, 2, 2]],
  [[0, null], (k, i, j) => A[k][j] + B[i][j], [2, 2, 2]],
  [[null, 1], (k, i, j) => A[i][j] + B[j][k], [2, 2, 2]],
  [[1, null], (k, i, j) => A[j][k] + B[i][j], [2, 2, 2]],
];

describe("the blog's 2×2 examples, value by value", () => {
  for (const [inAxes, formula, shape] of table) {
    it(`in_axes=${JSON.stringify(inAxes)}`, () => {
      for (const f of [jnp.add, parseLambda("lambda a, b: a + b")]) {
        const out = vmap(f, inAxes, 0)(a, b) as NDArray;
        expect(out.shape).toEqual(shape);
        const got = out.flat();
        let n = 0;
        for (let k = 0; k < 2; k++)
          for (let i = 0; i < 2; i++)
            if (shape.length === 2) expect(got[n++]).toBe(formula(k, i, 0));
            else for (let j = 0; j < 2; j++) expect(got[n++]).toBe(formula(k, i, j));
      }
    });
  }

  it("each out_axes step swaps one pair of output axes (the (2,3,5,7,9) rule)", () => {
    const shape = [2, 3, 5, 7, 9];
    const n = shape.reduce((x, y) => x * y, 1);
    const x = np.arange(n).reshape(shape);
    const y = np.arange(n).reshape(shape);
    const f = parseLambda("lambda a, b: a + b");
    for (let o = 0; o < 5; o++) {
      const r0 = vmap(f, [null, 0], o)(x, y) as NDArray;
      const r1 = vmap(f, [null, 0], o + 1)(x, y) as NDArray;
      const swapped = jnp.swapaxes(r0, o, o + 1) as NDArray;
      expect(r1.shape).toEqual(swapped.shape);
      expect(Array.from(r1.flat())).toEqual(Array.from(swapped.flat()));
    }
  });
});
