/**
 * Derivatives of jnp.prod where inputs are zero. Regression: the
 * reduce_prod VJP divided by the input, so grad(grad(prod)) was NaN at any zero. JAX's values
 * and a loop reference (products of the other elements) for random shapes, axes and zeros,
 * under grad, grad∘grad, vmap(grad∘grad) and jit(grad∘grad).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { grad, jit, jnp, NDArray, np, parseLambda, vmap } from "../../../engine";
import { unravel } from "../../helpers/reference";

const hessRowSums = parseLambda("lambda x: jax.grad(lambda x: jnp.sum(jax.grad(jnp.prod)(x)))(x)");

describe("jnp.prod's derivatives at zeros", () => {
  it("are JAX's numbers: grad(sum(grad(prod))) at [0, 2, 3] and [0, 0, 3]", () => {
    expect((hessRowSums(np.array([0, 2, 3])) as NDArray).tolist()).toEqual([5, 3, 2]);
    expect((hessRowSums(np.array([0, 0, 3])) as NDArray).tolist()).toEqual([3, 3, 0]);
    expect((grad((x: NDArray) => jnp.prod(x))(np.array([0, 2, 3])) as NDArray).tolist()).toEqual([6, 0, 0]);
    expect((grad((x: NDArray) => jnp.prod(x))(np.array([0, 0, 3])) as NDArray).tolist()).toEqual([0, 0, 0]);
  });

  /** For each element: the product of the others in its group (the elements it is multiplied with). */
  function reference(data: number[], shape: number[], axes: number[]) {
    const key = (i: number) => unravel(i, shape).filter((_, d) => !axes.includes(d)).join(",");
    const groups = new Map<string, number[]>();
    data.forEach((_, i) => groups.set(key(i), [...(groups.get(key(i)) ?? []), i]));
    const others = (i: number, skip: number[]) => (groups.get(key(i)) ?? []).filter((j) => !skip.includes(j)).reduce((p, j) => p * data[j], 1);
    const first = data.map((_, i) => others(i, [i]));
    const second = data.map((_, i) => (groups.get(key(i)) ?? []).filter((j) => j !== i).reduce((s, j) => s + others(i, [i, j]), 0));
    return { first, second };
  }

  /** Numbers with -0 read as 0 (the sign of a zero product is not what is tested). */
  const values = (v: unknown): number[] => [...(Array.isArray(v) ? v : (v as NDArray).flat())].map((n: number) => n + 0);

  const caseArb = fc
    .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 })
    .chain((shape) =>
      fc.record({
        shape: fc.constant(shape),
        axes: fc.subarray([...shape.keys()], { minLength: 1 }),
        data: fc.array(fc.constantFrom(0, 0, -2, -1, 1, 2, 3), { minLength: shape.reduce((a, b) => a * b, 1), maxLength: shape.reduce((a, b) => a * b, 1) }),
      }),
    );

  it("match products of the other elements under grad, grad∘grad, vmap and jit (property)", () => {
    fc.assert(
      fc.property(caseArb, ({ shape, axes, data }) => {
        const f = (x: NDArray) => jnp.sum(jnp.prod(x, { axis: axes }));
        const g = grad(f);
        const gg = grad((x: NDArray) => jnp.sum(g(x) as NDArray));
        const x = np.array(data, shape);
        const ref = reference(data, shape, axes);
        expect(values(g(x))).toEqual(values(ref.first));
        expect(values(gg(x))).toEqual(values(ref.second));
        expect(values(jit(gg)(x))).toEqual(values(ref.second));
        // A batch of two: the example and its negation, mapped along a middle axis.
        const batch = np.stack([x, jnp.negative(x)], Math.min(1, shape.length));
        const out = vmap(gg, Math.min(1, shape.length))(batch) as NDArray;
        const neg = reference(data.map((v) => -v), shape, axes).second;
        expect(values(out)).toEqual(values([...ref.second, ...neg]));
      }),
      { numRuns: 80, seed: 7 },
    );
  });
});
