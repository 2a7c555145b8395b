/**
 * Batch rules: for every primitive and every assignment of batch dims to its operands (each
 * operand unbatched or batched at any position), prim.batch on the batched values must equal
 * prim.impl applied to each example's slices (taken with plain index arithmetic), stacked along
 * the returned batch dim. Also the specific dims JAX's rules produce (jax/_src/lax/lax.py `_dot_general_batch_dim_nums`).
 */
import { describe, expect, it } from "vitest";
import type { BDim } from "../../../engine/core/primitive";
import * as P from "../../../engine/primitives";
import { closeTo, fromEngine, takeRef, toEngine, type Ref } from "../../helpers/reference";
import { cases, operands } from "./cases";
import { useX64 } from "../../helpers/x64";

// References are float64 loops: compare with x64 on.
useX64();

const B = 3;

function* bdimChoices(shapes: number[][]): Generator<BDim[]> {
  const options = shapes.map((s) => [null, ...Array.from({ length: s.length + 1 }, (_, i) => i)]);
  const idx = options.map(() => 0);
  for (;;) {
    yield idx.map((k, i) => options[i][k]);
    let d = 0;
    while (d < idx.length && ++idx[d] === options[d].length) idx[d++] = 0;
    if (d === idx.length) return;
  }
}

const insert = (shape: number[], d: BDim) => (d === null ? shape : [...shape.slice(0, d), B, ...shape.slice(d)]);

describe("batch rules equal stacking the impl over examples", () => {
  it.each(cases.map((c) => [c.label, c] as const))("%s, every batch-dim assignment", (_label, c) => {
    let checked = 0;
    for (const dims of bdimChoices(c.shapes)) {
      const refs: Ref[] = operands(c, 7 + checked, c.shapes.map((s, i) => insert(s, dims[i])));
      const [outs, outDims] = c.prim.batch(B, refs.map(toEngine), dims, c.params);
      const out = fromEngine(outs[0]);
      if (dims.every((d) => d === null)) {
        expect(outDims).toEqual([null]);
        expect(closeTo(out, fromEngine(c.prim.impl(refs.map(toEngine), c.params)[0]))).toBeNull();
        continue;
      }
      const od = outDims[0];
      expect(od, `out dim for in dims ${JSON.stringify(dims)}`).not.toBeNull();
      for (let k = 0; k < B; k++) {
        const slices = refs.map((r, i) => (dims[i] === null ? r : takeRef(r, dims[i] as number, k)));
        const expected = fromEngine(c.prim.impl(slices.map(toEngine), c.params)[0]);
        const err = closeTo(takeRef(out, od as number, k), expected);
        expect(err, `in dims ${JSON.stringify(dims)}, example ${k}`).toBeNull();
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe("batch dims as JAX computes them", () => {
  const dims = (lhsContract: number[], rhsContract: number[], lhsBatch: number[] = [], rhsBatch: number[] = []) => ({
    lhsContract,
    rhsContract,
    lhsBatch,
    rhsBatch,
  });

  it("dot_general: both batched → a new leading batch dim, out dim 0", () => {
    expect(P.dotBatchDims(2, 0, 0, dims([0], [0]))).toEqual([dims([1], [1], [0], [0]), 0]);
    expect(P.dotBatchDims(3, 2, 1, dims([1], [0], [0], [2]))).toEqual([dims([1], [0], [2, 0], [1, 3]), 0]);
  });

  it("dot_general: only lhs batched → an extra free lhs dim (vmap(jnp.dot, (0, None)))", () => {
    // Per example (3,)·(3,), lhs batched at 0: contraction moves to lhs axis 1, out dim 0.
    expect(P.dotBatchDims(2, 0, null, dims([0], [0]))).toEqual([dims([1], [0]), 0]);
    // (5, 3)·(3, 2) with lhs batched at 1: free axes 0 and the batch axis → out (5, B, 2), dim 1.
    expect(P.dotBatchDims(3, 1, null, dims([1], [0]))).toEqual([dims([2], [0]), 1]);
  });

  it("dot_general: only rhs batched → out dim after the lhs free axes", () => {
    expect(P.dotBatchDims(2, null, 1, dims([1], [0]))).toEqual([dims([1], [0]), 1]);
    expect(P.dotBatchDims(2, null, 0, dims([1], [1]))).toEqual([dims([1], [2]), 1]);
  });

  it("reductions shift axes past the batch dim without moving data", () => {
    const x = toEngine({ shape: [2, 3, 4], data: Array.from({ length: 24 }, (_, i) => i) });
    const [[out], [d]] = P.reduceSumP.batch(3, [x], [1], { axes: [0, 1] });
    expect(d).toBe(0);
    expect(out.shape).toEqual([3]);
  });

  it("transpose puts the batch axis first and leaves the data in place", () => {
    const x = toEngine({ shape: [2, 3, 4], data: Array.from({ length: 24 }, (_, i) => i) });
    const [[out], [d]] = P.transposeP.batch(3, [x], [1], { perm: [1, 0] });
    expect(d).toBe(0);
    expect(out.shape).toEqual([3, 4, 2]);
    expect((out as typeof x).data).toBe(x.data);
  });

  it("elementwise fast path keeps the shared batch dim", () => {
    const x = toEngine({ shape: [2, 3], data: [1, 2, 3, 4, 5, 6] });
    const [, [d]] = P.addP.batch(3, [x, x], [1, 1], {});
    expect(d).toBe(1);
    const [, [d2]] = P.addP.batch(3, [x, toEngine({ shape: [], data: [1] })], [1, null], {});
    expect(d2).toBe(1);
  });
});
