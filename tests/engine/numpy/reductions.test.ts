/** jnp.sum/mean/max/min/prod: axis as int, negative, tuple or None; keepdims; errors. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { NDArray } from "../../../engine/array/ndarray";
import { jnp } from "../../../engine/numpy";
import { closeTo, fromEngine, iotaRef, randomRef, reduceRef, toEngine } from "../../helpers/reference";
import { useX64 } from "../../helpers/x64";

// References are float64 loops: compare with x64 on.
useX64();

const fns = {
  sum: [(a: number, v: number) => a + v, 0],
  prod: [(a: number, v: number) => a * v, 1],
  max: [(a: number, v: number) => Math.max(a, v), -Infinity],
  min: [(a: number, v: number) => Math.min(a, v), Infinity],
} as const;

const axisCase = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 })
  .chain((shape) =>
    fc.tuple(
      fc.constant(shape),
      fc.oneof(
        fc.constant(null),
        fc.integer({ min: -shape.length, max: shape.length - 1 }),
        fc.subarray([...shape.keys()]).chain((axes) => fc.tuple(...axes.map((a) => fc.constantFrom(a, a - shape.length)))),
      ),
      fc.boolean(),
    ),
  );

const norm = (axis: number | number[] | null, ndim: number) =>
  axis === null ? [...Array(ndim).keys()] : (typeof axis === "number" ? [axis] : axis).map((a) => (a < 0 ? a + ndim : a)).sort();

describe("jnp reductions", () => {
  it.each(Object.keys(fns) as (keyof typeof fns)[])("%s matches the reference for random axes and keepdims (property)", (name) => {
    const [f, init] = fns[name];
    fc.assert(
      fc.property(axisCase, fc.integer(), ([shape, axis, keepdims], seed) => {
        const r = randomRef(shape, seed);
        const out = (jnp[name] as (...a: unknown[]) => NDArray)(toEngine(r), { axis, keepdims });
        const expected = reduceRef(r, norm(axis as never, shape.length), f, init, keepdims);
        expect(closeTo(fromEngine(out), expected, 1e-12, 1e-12)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it("mean divides the sum by the number of reduced elements", () => {
    const x = toEngine(iotaRef([2, 3]));
    expect((jnp.mean(x) as NDArray).tolist()).toBe(2.5);
    expect((jnp.mean(x, 0) as NDArray).tolist()).toEqual([1.5, 2.5, 3.5]);
    expect((jnp.mean(x, { axis: -1, keepdims: true }) as NDArray).tolist()).toEqual([[1], [4]]);
    expect((jnp.mean(x, [0, 1]) as NDArray).tolist()).toBe(2.5);
  });

  it("accepts axis positionally or as an option, and Python scalars", () => {
    const x = toEngine(iotaRef([2, 3]));
    expect((jnp.sum(x, 1) as NDArray).tolist()).toEqual([3, 12]);
    expect((jnp.sum(x, { axis: [1, 0] }) as NDArray).tolist()).toBe(15);
    expect((jnp.max(x, null, { keepdims: true }) as NDArray).tolist()).toEqual([[5]]);
    expect((jnp.sum(3) as NDArray).tolist()).toBe(3);
  });

  it("raises NumPy/JAX's axis and empty-reduction errors", () => {
    const x = toEngine(iotaRef([2, 3]));
    expect(() => jnp.sum(x, { axis: 3 })).toThrow("axis 3 is out of bounds for array of dimension 2");
    expect(() => jnp.mean(x, -3)).toThrow("axis -3 is out of bounds for array of dimension 2");
    expect(() => jnp.sum(x, [0, -2])).toThrow("duplicate value in 'axis': (0, -2)");
    expect(() => jnp.max(toEngine(iotaRef([0, 2])), 0)).toThrow("zero-size array to reduction operation max which has no identity");
    expect((jnp.max(toEngine(iotaRef([0, 2])), 1) as NDArray).shape).toEqual([0]);
    expect((jnp.sum(toEngine(iotaRef([0]))) as NDArray).tolist()).toBe(0);
    expect(() => jnp.sum(x, 5)).toThrow(expect.objectContaining({ kind: "shape-error" }));
  });
});
