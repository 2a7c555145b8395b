/**
 * jnp shape functions against loop references: transpose, reshape (-1), moveaxis, swapaxes,
 * expand_dims, squeeze, stack, concatenate, where; zeros_like/ones_like/arange are constants.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NDArray } from "../../../engine/array/ndarray";
import { jnp } from "../../../engine/numpy";
import { concatRef, fromEngine, iotaRef, randomRef, stackRef, toEngine, transposeRef, zipRef } from "../../helpers/reference";
import { np } from "../../../engine";
import { caught } from "../../helpers/caught";
import { useX64 } from "../../helpers/x64";

// References are float64 loops: compare with x64 on (float32 runs: tests/engine/dtypes.test.ts).
useX64();

const shapeArb = (min = 1, max = 4) => fc.array(fc.integer({ min: 1, max: 3 }), { minLength: min, maxLength: max });
const v = (x: unknown) => x as NDArray;

/** moveaxis by its definition: the other axes in order, each source inserted at its destination. */
function moveaxisPerm(ndim: number, src: number[], dst: number[]): number[] {
  const out = new Array<number>(ndim).fill(-1);
  src.forEach((s, i) => (out[dst[i]] = s));
  const rest = [...Array(ndim).keys()].filter((i) => !src.includes(i));
  return out.map((o) => (o >= 0 ? o : rest.shift()!));
}

describe("transpose, moveaxis, swapaxes", () => {
  it("transpose reverses by default and takes negative axes", () => {
    const r = iotaRef([2, 3, 4]);
    expect(fromEngine(jnp.transpose(toEngine(r)))).toEqual(transposeRef(r, [2, 1, 0]));
    expect(fromEngine(jnp.transpose(toEngine(r), [-1, 0, 1]))).toEqual(transposeRef(r, [2, 0, 1]));
    expect(fromEngine(jnp.transpose(toEngine(r), { axes: [1, 0, 2] }))).toEqual(transposeRef(r, [1, 0, 2]));
    expect(() => jnp.transpose(toEngine(r), [0, 0, 1])).toThrow(
      "transpose permutation isn't a permutation of operand dimensions, got permutation (0, 0, 1) for operand shape (2, 3, 4).",
    );
    expect(() => jnp.transpose(toEngine(r), [0, 3, 1])).toThrow("axis 3 is out of bounds for array of dimension 3");
  });

  it("moveaxis matches its definition for random sources/destinations (property)", () => {
    const arb = shapeArb(1, 5).chain((s) =>
      fc.tuple(
        fc.constant(s),
        fc.shuffledSubarray([...s.keys()], { minLength: 1 }).chain((src) =>
          fc.tuple(fc.constant(src), fc.shuffledSubarray([...s.keys()], { minLength: src.length, maxLength: src.length })),
        ),
        fc.boolean(),
      ),
    );
    fc.assert(
      fc.property(arb, ([shape, [src, dst], negative]) => {
        const r = randomRef(shape, 3);
        const w = (xs: number[]) => (negative ? xs.map((a) => a - shape.length) : xs);
        const out = jnp.moveaxis(toEngine(r), src.length === 1 ? w(src)[0] : w(src), w(dst));
        expect(fromEngine(out)).toEqual(transposeRef(r, moveaxisPerm(shape.length, src, dst)));
      }),
      { numRuns: 200 },
    );
  });

  it("swapaxes swaps two axes; errors name the axis", () => {
    const r = iotaRef([2, 3, 4]);
    expect(fromEngine(jnp.swapaxes(toEngine(r), 0, -1))).toEqual(transposeRef(r, [2, 1, 0]));
    expect(() => jnp.swapaxes(toEngine(r), 0, 3)).toThrow("axis 3 is out of bounds for array of dimension 3");
    expect(() => jnp.moveaxis(toEngine(r), [0, 1], [0])).toThrow("Inconsistent number of elements: 2 vs 1");
  });
});

describe("reshape", () => {
  it("keeps row-major order and infers one -1 (property)", () => {
    fc.assert(
      fc.property(shapeArb(0, 4), fc.integer({ min: 0, max: 3 }), (shape, at) => {
        const r = randomRef(shape, 1);
        const target = [...shape].reverse();
        const withUnknown = target.length ? target.map((d, i) => (i === at % target.length ? -1 : d)) : [-1];
        const out = v(jnp.reshape(toEngine(r), withUnknown));
        expect(out.shape).toEqual(target.length ? target : [1]);
        expect(fromEngine(out).data).toEqual(r.data);
      }),
      { numRuns: 200 },
    );
  });

  it("raises NumPy/JAX's messages", () => {
    const x = toEngine(iotaRef([2, 3]));
    expect(() => jnp.reshape(x, [4])).toThrow("cannot reshape array of shape (2, 3) (size 6) into shape (4,) (size 4)");
    expect(() => jnp.reshape(x, 5)).toThrow("cannot reshape array of shape (2, 3) (size 6) into shape 5 (size 5)");
    expect(() => jnp.reshape(x, [-1, 4])).toThrow(
      "cannot reshape array of shape (2, 3) (size 6) into shape (-1, 4) because the product of specified axis sizes (4) does not evenly divide 6",
    );
    expect(() => jnp.reshape(x, [-1, -1])).toThrow("can only specify one unknown axis size with a `-1` value, got (-1, -1)");
  });
});

describe("expand_dims and squeeze", () => {
  it("expand_dims counts positions in the result's rank", () => {
    const x = toEngine(iotaRef([2, 3]));
    expect(v(jnp.expand_dims(x, 0)).shape).toEqual([1, 2, 3]);
    expect(v(jnp.expand_dims(x, -1)).shape).toEqual([2, 3, 1]);
    expect(v(jnp.expand_dims(x, [0, 3])).shape).toEqual([1, 2, 3, 1]);
    expect(v(jnp.expand_dims(x, [0, -1])).tolist()).toEqual([[[[0], [1], [2]], [[3], [4], [5]]]]);
    expect(() => jnp.expand_dims(x, 3)).toThrow("axis 3 is out of bounds for array of dimension 3");
    expect(() => jnp.expand_dims(x, [0, -4])).toThrow("repeated axis in lax.expand_dims: [0, 0]");
  });

  it("squeeze drops every size-1 axis or the named ones", () => {
    const x = toEngine(iotaRef([1, 2, 1, 3]));
    expect(v(jnp.squeeze(x)).shape).toEqual([2, 3]);
    expect(v(jnp.squeeze(x, -2)).shape).toEqual([1, 2, 3]);
    expect(v(jnp.squeeze(x, { axis: [0, 2] })).tolist()).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(() => jnp.squeeze(x, 1)).toThrow("cannot select an axis to squeeze out which has size not equal to one, got shape=(1, 2, 1, 3) and dimensions=(1,)");
  });
});

describe("stack and concatenate", () => {
  it("stack inserts the new axis anywhere, negative axes included (property)", () => {
    // Every axis stack accepts for this shape, negative ones included: none is discarded.
    const shapeAndAxis = shapeArb(0, 3).chain((shape) => fc.tuple(fc.constant(shape), fc.integer({ min: -(shape.length + 1), max: shape.length })));
    fc.assert(
      fc.property(shapeAndAxis, fc.integer({ min: 1, max: 3 }), ([shape, axis], n) => {
        const parts = Array.from({ length: n }, (_, i) => randomRef(shape, i));
        const out = jnp.stack(parts.map(toEngine), axis);
        expect(fromEngine(out)).toEqual(stackRef(parts, axis < 0 ? axis + shape.length + 1 : axis));
      }),
      { numRuns: 200 },
    );
  });

  it("concatenate joins along an axis; axis=None flattens", () => {
    const a = iotaRef([2, 3]);
    const b = randomRef([2, 1], 4);
    expect(fromEngine(jnp.concatenate([toEngine(a), toEngine(b)], -1))).toEqual(concatRef([a, b], 1));
    expect(v(jnp.concatenate([toEngine(a), toEngine(b)], { axis: null })).tolist()).toEqual([...a.data, ...b.data]);
  });

  it("raise JAX's messages", () => {
    const a = toEngine(iotaRef([2, 3]));
    expect(() => jnp.stack([a, toEngine(iotaRef([3, 2]))])).toThrow("All input arrays must have the same shape.");
    expect(() => jnp.stack([])).toThrow("Need at least one array to stack.");
    expect(() => jnp.concatenate([])).toThrow("Need at least one array to concatenate.");
    expect(() => jnp.concatenate([a, toEngine(iotaRef([3, 2]))])).toThrow(
      "Cannot concatenate arrays with shapes that differ in dimensions other than the one being concatenated: concatenating along dimension 0 for shapes (2, 3), (3, 2).",
    );
    expect(() => jnp.concatenate([a, a], 2)).toThrow("axis 2 is out of bounds for array of dimension 2");
  });
});

describe("where and the constant makers", () => {
  it("where picks x where the condition is nonzero, with broadcasting", () => {
    const c = { shape: [2, 1], data: [1, 0] };
    const x = iotaRef([3]);
    const y = { shape: [], data: [-1] };
    expect(fromEngine(jnp.where(toEngine(c), toEngine(x), -1))).toEqual(zipRef((p, a, b) => (p ? a : b), c, x, y));
    expect(() => jnp.where(toEngine(iotaRef([2])), toEngine(iotaRef([2, 3])), toEngine(iotaRef([3, 2])))).toThrow(
      "Incompatible shapes for broadcasting: shapes=[(2,), (2, 3), (3, 2)]",
    );
  });

  it("zeros_like / ones_like read only the shape and return plain arrays; arange is NumPy's", () => {
    const z = jnp.zeros_like(toEngine(iotaRef([2, 3])));
    expect(z).toBeInstanceOf(NDArray);
    expect(z.tolist()).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(jnp.ones_like(7).tolist()).toBe(1);
    expect(jnp.arange(4).tolist()).toEqual([0, 1, 2, 3]);
    expect(jnp.arange(1, 2, 0.25).tolist()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(jnp.arange(5, 0, -2).tolist()).toEqual([5, 3, 1]);
  });
});

describe("NDArray.reshape (NumPy's ndarray.reshape)", () => {
  it("takes an int or a tuple, with one -1 inferred", () => {
    const a = np.arange(6);
    expect(a.reshape(6).shape).toEqual([6]);
    expect(a.reshape([-1, 2]).tolist()).toEqual([[0, 1], [2, 3], [4, 5]]);
  });
  it("refuses bad shapes with NumPy's class and words", () => {
    const a = np.arange(6);
    const cases: [unknown, string, string][] = [
      ["a", "TypeError", "'str' object cannot be interpreted as an integer"],
      [[-1, -1], "ValueError", "can only specify one unknown dimension"],
      [[4], "ValueError", "cannot reshape array of size 6 into shape (4,)"],
      [[-1, 4], "ValueError", "cannot reshape array of size 6 into shape (-1, 4)"],
      [[-2, -3], "ValueError", "negative dimensions not allowed"],
    ];
    for (const [shape, cls, msg] of cases) {
      const e = caught(() => a.reshape(shape as number[]));
      expect([e.pyType, e.message]).toEqual([cls, msg]);
    }
  });
});
