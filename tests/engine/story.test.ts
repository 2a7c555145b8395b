import { describe, expect, it } from "vitest";
import { np, parseLambda, traceVmap, vmap, NDArray } from "../../engine";

const a = np.array([[0, 1], [2, 3]]);
const b = np.array([[100, 101], [102, 103]]);
const add = parseLambda("lambda a, b: a + b");

describe("traceVmap tells the story of one call", () => {
  it("arguments: mapped axis, batch size and slice shape; output and out_axes table", () => {
    const s = traceVmap(add, [null, 1], 0, [a, b]);
    expect(s.axisSize).toBe(2);
    expect(s.args.map((x) => [x.param, x.inAxis, x.batchSize, x.sliceShape])).toEqual([
      ["a", null, null, [2, 2]],
      ["b", 1, 2, [2]],
    ]);
    const [out] = s.outputs;
    expect(out.perExampleShape).toEqual([2, 2]);
    expect(out.shape).toEqual([2, 2, 2]);
    expect(out.outAxesTable.map((r) => [r.outAxes, r.negative, r.shape])).toEqual([
      [0, -3, [2, 2, 2]],
      [1, -2, [2, 2, 2]],
      [2, -1, [2, 2, 2]],
    ]);
    // The values are vmap's values.
    const direct = vmap(add, [null, 1], 0)(a, b) as NDArray;
    expect(Array.from(s.values[0].data)).toEqual(Array.from(direct.flat()));
  });

  it("primitives: per-example shapes and where the batch dim sits", () => {
    const s = traceVmap(parseLambda("lambda a, b: jnp.sum(a * b, axis=0)"), [1, 0], 0, [a, b]);
    const names = s.primitives.map((p) => p.primitive);
    expect(names).toContain("mul");
    expect(names).toContain("reduce_sum");
    const mul = s.primitives.find((p) => p.primitive === "mul")!;
    expect(mul.inputs.map((i) => i.perExample)).toEqual([[2], [2]]);
    expect(mul.inputs.map((i) => i.bdim)).toEqual([1, 0]);
    expect(mul.output.perExample).toEqual([2]);
    expect(mul.output.batched).toEqual([2, 2]);
  });

  it("provenance: output cell → batch index and the input cells read", () => {
    // in_axes (0, 1): out[k, j] = a[k, j] + b[j, k]
    const s = traceVmap(add, [0, 1], 0, [a, b]);
    const prov = s.outputs[0].provenance!;
    for (let k = 0; k < 2; k++) {
      for (let j = 0; j < 2; j++) {
        const cell = prov[k * 2 + j];
        expect(cell.k).toBe(k);
        expect(cell.sources).toEqual([[k * 2 + j], [j * 2 + k]]);
      }
    }
    // A reduction reads a whole slice; out_axes moves k to the last axis.
    const r = traceVmap(parseLambda("lambda a, b: jnp.sum(a) + b"), [0, null], 1, [a, np.array([5, 6, 7])]);
    expect(r.outputs[0].shape).toEqual([3, 2]);
    const c = r.outputs[0].provenance![2 * 1 + 1]; // out[1, 1]: k = 1, b[1]
    expect(c.k).toBe(1);
    expect(c.sources).toEqual([[2, 3], [1]]);
  });

  it("provenance through jit inside the lambda (defect 4: `set is not iterable`)", () => {
    // out[k] = sum(2 * a[k, :]) + b[k]: the jitted program's cells are followed through its jaxpr.
    const f = parseLambda("lambda a, b: jnp.sum(jax.jit(lambda x: x * 2.0)(a)) + b");
    const s = traceVmap(f, [0, 0], 0, [np.zeros([2, 3]), np.zeros([2])]);
    expect(s.outputs[0].provenance).toEqual([
      { k: 0, sources: [[0, 1, 2], [0]] },
      { k: 1, sources: [[3, 4, 5], [1]] },
    ]);
  });

  it("provenance: tuple argument, tuple output, an unbatched result broadcast along out_axes", () => {
    // p = (u, v) unmapped, x mapped on axis 0 (B = 2); out_axes (1, 0).
    const f = parseLambda("lambda p, x: (p[0] * x, p[1] + 1.0)");
    const s = traceVmap(f, [null, 0], [1, 0], [[np.zeros([3]), np.zeros([3])], np.zeros([2, 3])]);
    const [first, second] = s.outputs;
    expect(first.shape).toEqual([3, 2]);
    expect(second.shape).toEqual([2, 3]);
    for (let k = 0; k < 2; k++) {
      for (let i = 0; i < 3; i++) {
        // first[i, k] = u[i] * x[k, i]
        expect(first.provenance![i * 2 + k]).toEqual({ k, sources: [[i], [], [k * 3 + i]] });
        // second[k, i] = v[i] + 1 for every k: it reads no mapped cell
        expect(second.provenance![k * 3 + i]).toEqual({ k, sources: [[], [i], []] });
      }
    }
  });

  it("provenance: vmap and grad nested inside the lambda, and axis_size with every in_axes None", () => {
    // a mapped on its last axis (B = 4); the inner vmap maps its first axis: out[i, k] = sum(a[i, :, k]).
    const nested = traceVmap(parseLambda("lambda a: jax.vmap(lambda r: jnp.sum(r))(a)"), 2, -1, [np.zeros([2, 3, 4])]);
    expect(nested.outputs[0].shape).toEqual([2, 4]);
    for (let i = 0; i < 2; i++) {
      for (let k = 0; k < 4; k++) expect(nested.outputs[0].provenance![i * 4 + k]).toEqual({ k, sources: [[0, 1, 2].map((t) => i * 12 + t * 4 + k)] });
    }
    // d/dx sum(x * b) = b: the gradient reads b alone, not the a it was taken at.
    const g = traceVmap(parseLambda("lambda a, b: jax.grad(lambda x: jnp.sum(x * b))(a)"), [0, null], 0, [np.ones([2, 3]), np.ones([3])]);
    g.outputs[0].provenance!.forEach((c, j) => expect(c).toEqual({ k: Math.floor(j / 3), sources: [[], [j % 3]] }));
    // No mapped argument: axis_size gives B, and every k reads the same cell.
    const all = traceVmap(parseLambda("lambda a: a * 2.0"), null, 1, [np.zeros([2])], { axisSize: 3 });
    expect(all.outputs[0].provenance).toEqual([0, 1].flatMap((i) => [0, 1, 2].map((k) => ({ k, sources: [[i]] }))));
  });

  it("provenance is left out, not truncated, when its sets would be too big to hand over", () => {
    // Every one of the 2 × 2500 output cells reads all 5000 cells of a: 12.5 million entries.
    const s = traceVmap(parseLambda("lambda a, b: jnp.sum(a) + b"), [null, 0], 0, [np.zeros([5000]), np.zeros([2, 2500])]);
    expect(s.outputs[0].provenance).toBeUndefined();
    expect(s.values[0].data).toHaveLength(5000);
    // The same program on small arrays gives every source.
    const small = traceVmap(parseLambda("lambda a, b: jnp.sum(a) + b"), [null, 0], 0, [np.zeros([50]), np.zeros([2, 3])]);
    expect(small.outputs[0].provenance![4]).toEqual({ k: 1, sources: [Array.from({ length: 50 }, (_, i) => i), [4]] });
  });

  it("the blog's 5-d example: every out_axes, and the swap-one-pair rule", () => {
    const shape = [2, 3, 5, 7, 9];
    const x = np.zeros(shape);
    const s = traceVmap(add, [null, 0], 3, [x, x], { provenance: false });
    expect(s.outputs[0].shape).toEqual([2, 3, 5, 2, 7, 9]);
    expect(s.outputs[0].outAxesTable.map((r) => r.shape)).toEqual([
      [2, 2, 3, 5, 7, 9],
      [2, 2, 3, 5, 7, 9],
      [2, 3, 2, 5, 7, 9],
      [2, 3, 5, 2, 7, 9],
      [2, 3, 5, 7, 2, 9],
      [2, 3, 5, 7, 9, 2],
    ]);
  });

  it("tuple outputs: one story per leaf, unbatched leaf broadcast", () => {
    const f = parseLambda("lambda x, y: (x + y, y * 2.0)");
    const s = traceVmap(f, [0, null], [0, null], [np.array([1, 2]), np.array(3)]);
    expect(s.outputTree).toBe("tuple");
    expect(s.outputs.map((o) => [o.batched, o.shape, o.outAxis])).toEqual([
      [true, [2], 0],
      [false, [], null],
    ]);
    expect(Array.from(s.values[1].data)).toEqual([6]);
  });

  it("errors are the same as vmap's", () => {
    expect(() => traceVmap(add, [0, 1], 0, [np.zeros([2, 3]), np.zeros([2, 3])])).toThrow(/inconsistent sizes/);
  });
});

describe("traceVmap through a call with no results", () => {
  it("grad of a sum over jit(lambda a: 0) tells the story with vmap's values (zeros)", () => {
    // The jit_call's VJP binds a backward jaxpr with no outputs: nothing to draw, no crash.
    const f = parseLambda("lambda a: jax.grad(lambda a: jnp.sum(jax.jit(lambda a: 0)(a)))(a)");
    const x = np.array([[1, 2], [3, 4]]);
    const s = traceVmap(f, 0, 0, [x]);
    expect(s.values[0].shape).toEqual([2, 2]);
    expect(Array.from(s.values[0].data)).toEqual(Array.from((vmap(f, 0, 0)(x) as NDArray).flat()));
    expect(s.primitives.every((p) => p.output !== undefined)).toBe(true);
  });
});

describe("provenance through an einsum diagonal", () => {
  it("out[k, i] of vmap(einsum('ii->i')) reads x[k, i, i] only; the trace reads the whole diagonal", () => {
    const x = np.array(Array.from({ length: 18 }, (_, i) => i), [2, 3, 3]);
    const s = traceVmap(parseLambda("lambda a: jnp.einsum('ii->i', a)"), 0, 0, [x]);
    expect(Array.from(s.values[0].data)).toEqual([0, 4, 8, 9, 13, 17]);
    expect(s.outputs[0].provenance).toEqual([0, 1].flatMap((k) => [0, 1, 2].map((i) => ({ k, sources: [[k * 9 + i * 4]] }))));
    const t = traceVmap(parseLambda("lambda a: jnp.einsum('ii', a)"), 0, 0, [x]);
    expect(t.outputs[0].provenance).toEqual([0, 1].map((k) => ({ k, sources: [[k * 9, k * 9 + 4, k * 9 + 8]] })));
  });
});
