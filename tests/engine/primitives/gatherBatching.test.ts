/**
 * JAX's tests/batching_test.py cases for indexing by values, translated: testDynamicSlice,
 * testDynamicUpdateSlice, testGatherBatchedOperand / Indices / Both and their Grad twins,
 * testNumpyIndexing1/2 and testIndexAddBatchedIndexesOnly. As in JAX, vmap is compared with
 * stacking per-example calls (loopVmap slices with plain index arithmetic).
 */
import { describe, expect, it } from "vitest";
import { grad, jnp, makeJaxpr, NDArray, np, parseLambda, vmap } from "../../../engine";
import { laxIndexing } from "../../../engine/primitives";
import type { GatherDimensionNumbers } from "../../../engine/primitives";
import { assertClose, loopVmap } from "../../helpers/vmapReference";

const i32 = (data: number[], shape?: number[]) => np.array(data, shape, "int32");

/** A nested JS array of ints as an int32 array (its shape read from the nesting). */
function ints(nested: unknown): NDArray {
  const shape: number[] = [];
  for (let v = nested; Array.isArray(v); v = v[0]) shape.push(v.length);
  return i32((nested as unknown[]).flat(Infinity) as number[], shape);
}

/** Deterministic operand values (jtu.rand_default stand-in), float32 or int32. */
function operand(shape: number[], dtype: "float32" | "int32", seed = 3): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  let s = seed;
  const data = Array.from({ length: n }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 6 - 3);
  return np.array(dtype === "int32" ? data.map(Math.round) : data, shape, dtype);
}

const dn = (offsetDims: number[], collapsedSliceDims: number[], startIndexMap: number[]) => ({ offsetDims, collapsedSliceDims, startIndexMap });
const T = (rows: number[][]) => rows[0].map((_, j) => rows.map((r) => [r[j]])); // np.array(rows).T[..., None]

interface GatherCase { axis: number; shape: number[]; idxs: NDArray; dnums: ReturnType<typeof dn>; sliceSizes: number[] }

const operandCases: GatherCase[] = [
  { axis: 0, shape: [3, 5], idxs: ints([[0], [2]]), dnums: dn([], [0], [0]), sliceSizes: [1] },
  { axis: 1, shape: [10, 3], idxs: ints([[0], [0], [0]]), dnums: dn([1], [], [0]), sliceSizes: [2] },
  { axis: 1, shape: [10, 3, 5], idxs: ints([[0], [2], [1]]), dnums: dn([1], [0], [0]), sliceSizes: [1, 3] },
  { axis: 2, shape: [10, 5, 3], idxs: ints([[0, 2], [1, 0]]), dnums: dn([1], [0], [0, 1]), sliceSizes: [1, 3] },
];
const indicesCases: GatherCase[] = [
  { axis: 0, shape: [5], idxs: ints([[[0], [2]], [[1], [3]]]), dnums: dn([], [0], [0]), sliceSizes: [1] },
  { axis: 1, shape: [10], idxs: ints(T([[0, 0, 0], [0, 2, 1]])), dnums: dn([1], [], [0]), sliceSizes: [2] },
  { axis: 1, shape: [10, 5], idxs: ints(T([[0, 2, 1], [0, 3, 3]])), dnums: dn([1], [0], [0]), sliceSizes: [1, 3] },
  { axis: 0, shape: [10, 5], idxs: ints([[[0, 1], [2, 0]], [[1, 0], [2, 3]]]), dnums: dn([1], [0], [0, 1]), sliceSizes: [1, 3] },
];
interface BothCase { opAxis: number; idxAxis: number; shape: number[]; idxs: NDArray; dnums: ReturnType<typeof dn>; sliceSizes: number[] }
const bothCases: BothCase[] = [
  { opAxis: 0, idxAxis: 0, shape: [2, 5], idxs: ints([[[0], [2]], [[1], [3]]]), dnums: dn([], [0], [0]), sliceSizes: [1] },
  { opAxis: 1, idxAxis: 1, shape: [10, 2], idxs: ints(T([[0, 0, 0], [0, 2, 1]])), dnums: dn([1], [], [0]), sliceSizes: [2] },
  // np.array([[[0, 2, 1], [0, 3, 3]]]).T: shape (3, 2, 1).
  { opAxis: 0, idxAxis: 1, shape: [2, 10, 5], idxs: ints([[[0], [0]], [[2], [3]], [[1], [3]]]), dnums: dn([1], [0], [0]), sliceSizes: [1, 3] },
  { opAxis: 2, idxAxis: 0, shape: [10, 5, 2], idxs: ints([[[0, 2], [1, 0]], [[1, 0], [2, 0]]]), dnums: dn([1], [0], [0, 1]), sliceSizes: [1, 3] },
];

const gatherFn = (c: { dnums: Partial<GatherDimensionNumbers> & ReturnType<typeof dn>; sliceSizes: number[] }) => (x: NDArray, i: NDArray) =>
  laxIndexing.gather(x, i, c.dnums, c.sliceSizes);
const gradFn = (c: Parameters<typeof gatherFn>[0]) => grad((x: NDArray, i: NDArray) => jnp.sum(jnp.sin(gatherFn(c)(x, i))));

describe("batching_test.py: gather", () => {
  for (const dtype of ["float32", "int32"] as const) {
    operandCases.forEach((c, n) =>
      it(`testGatherBatchedOperand ${n} ${dtype}`, () => {
        const x = operand(c.shape, dtype);
        assertClose(vmap(gatherFn(c), [c.axis, null])(x, c.idxs) as NDArray, loopVmap(gatherFn(c), [c.axis, null], 0, [x, c.idxs]));
      }),
    );
    indicesCases.forEach((c, n) =>
      it(`testGatherBatchedIndices ${n} ${dtype}`, () => {
        const x = operand(c.shape, dtype);
        assertClose(vmap(gatherFn(c), [null, c.axis])(x, c.idxs) as NDArray, loopVmap(gatherFn(c), [null, c.axis], 0, [x, c.idxs]));
      }),
    );
    bothCases.forEach((c, n) =>
      it(`testGatherBatchedBoth ${n} ${dtype}`, () => {
        const x = operand(c.shape, dtype);
        assertClose(vmap(gatherFn(c), [c.opAxis, c.idxAxis])(x, c.idxs) as NDArray, loopVmap(gatherFn(c), [c.opAxis, c.idxAxis], 0, [x, c.idxs]));
      }),
    );
  }
  operandCases.forEach((c, n) =>
    it(`testGatherGradBatchedOperand ${n}`, () => {
      const x = operand(c.shape, "float32");
      assertClose(vmap(gradFn(c), [c.axis, null])(x, c.idxs) as NDArray, loopVmap(gradFn(c), [c.axis, null], 0, [x, c.idxs]), 1e-6);
    }),
  );
  indicesCases.forEach((c, n) =>
    it(`testGatherGradBatchedIndices ${n}`, () => {
      const x = operand(c.shape, "float32");
      assertClose(vmap(gradFn(c), [null, c.axis])(x, c.idxs) as NDArray, loopVmap(gradFn(c), [null, c.axis], 0, [x, c.idxs]), 1e-6);
    }),
  );
  bothCases.forEach((c, n) =>
    it(`testGatherGradBatchedBoth ${n}`, () => {
      const x = operand(c.shape, "float32");
      assertClose(vmap(gradFn(c), [c.opAxis, c.idxAxis])(x, c.idxs) as NDArray, loopVmap(gradFn(c), [c.opAxis, c.idxAxis], 0, [x, c.idxs]), 1e-6);
    }),
  );

  it("keeps the whole batch one gather (a transformation, not a loop)", () => {
    const c = bothCases[3];
    const text = makeJaxpr(vmap(gatherFn(c), [c.opAxis, c.idxAxis]))(operand(c.shape, "float32"), c.idxs).toString();
    expect(text.match(/gather\[/g)).toHaveLength(1);
    expect(text).toContain("operand_batching_dims=(0,), start_indices_batching_dims=(0,)");
  });
});

describe("batching_test.py: dynamic slices and indexing", () => {
  const f = parseLambda("lambda x, i: x[i]");

  it("testDynamicSlice", () => {
    const x = jnp.reshape(jnp.arange(30), [10, 3]) as NDArray;
    // in_axes (0, None) with a Python int: x[:, 1].
    expect((vmap(f, [0, null])(x, 1) as NDArray).tolist()).toEqual([1, 4, 7, 10, 13, 16, 19, 22, 25, 28]);
    const idx = i32([0, 1, 2, 1, 0, 0, 1, 2, 1, 0]);
    // x[np.arange(10), idx]
    expect((vmap(f, [0, 0])(x, idx) as NDArray).tolist()).toEqual([0, 4, 8, 10, 12, 15, 19, 23, 25, 27]);
    // x[idx] with x = arange(3)
    expect((vmap(f, [null, 0])(jnp.arange(3), idx) as NDArray).tolist()).toEqual([0, 1, 2, 1, 0, 0, 1, 2, 1, 0]);
  });

  it("testDynamicUpdateSlice", () => {
    const x = operand([10, 3], "float32", 5);
    const y = operand([10], "float32", 7);
    const upd = (a: NDArray, b: NDArray, i: NDArray | number) => laxIndexing.dynamicUpdateIndexInDim(a, b, i, 0);
    const got = vmap(upd, [0, 0, null])(x, y, 1) as NDArray;
    const want = x.tolist() as number[][];
    (y.tolist() as number[]).forEach((v, r) => (want[r][1] = v));
    expect(got.tolist()).toEqual(want);

    const x3 = operand([3], "float32", 9);
    const idx = i32([0, 1, 2, 1, 0, 0, 1, 2, 1, 0]);
    const got2 = vmap(upd, [null, 0, 0])(x3, y, idx) as NDArray;
    const want2 = Array.from({ length: 10 }, () => [...(x3.tolist() as number[])]);
    (idx.tolist() as number[]).forEach((k, r) => (want2[r][k] = (y.tolist() as number[])[r]));
    expect(got2.tolist()).toEqual(want2);
  });

  it("testNumpyIndexing1", () => {
    const a = jnp.reshape(jnp.arange(24), [2, 3, 4]) as NDArray;
    const ind = i32([0, 1, 2, 0], [2, 2]);
    const g = parseLambda("lambda a, ind: a[:, ind]");
    assertClose(vmap(g, [null, 0])(a, ind) as NDArray, loopVmap(g, [null, 0], 0, [a, ind]));
  });

  it("testNumpyIndexing2", () => {
    const a = jnp.reshape(jnp.arange(24), [2, 3, 4]) as NDArray;
    const g = parseLambda("lambda a: a[:, jnp.array([0, 2])]");
    assertClose(vmap(g)(a) as NDArray, loopVmap(g, [0], 0, [a]));
    // vmap over axis 1 as JAX's test does, stacked along axis 1.
    assertClose(vmap(g, 1, 1)(a) as NDArray, loopVmap(g, [1], 1, [a]));
  });

  it("testIndexAddBatchedIndexesOnly", () => {
    const g = parseLambda("lambda x, idx, y: jnp.asarray(x).at[idx].add(y)");
    const got = vmap(g, [null, 0, null])(jnp.zeros([10]), jnp.arange(10), 1.0) as NDArray;
    expect(got.tolist()).toEqual(Array.from({ length: 10 }, (_, r) => Array.from({ length: 10 }, (_, c) => (r === c ? 1 : 0))));
  });
});
