/**
 * The shared rules: moveBatchAxis (a transpose view, or a stride-0 broadcast for an unbatched
 * value — never a copy), unbroadcast, the broadcasting family's general path. This file imports
 * families.ts before any primitive module, so the module cycle resolves from that side too.
 */
import { describe, expect, it } from "vitest";
import { broadcasting, moveBatchAxis, unbroadcast } from "../../../engine/primitives/families";
import { NDArray } from "../../../engine/array/ndarray";
import { fromEngine, iotaRef, reduceRef, toEngine, transposeRef } from "../../helpers/reference";

describe("moveBatchAxis", () => {
  it("moves an axis with a zero-copy transpose", () => {
    const r = iotaRef([2, 3, 4]);
    const x = toEngine(r);
    const out = moveBatchAxis(3, 1, 2, x) as NDArray;
    expect(out.shape).toEqual([2, 4, 3]);
    expect(out.data).toBe(x.data);
    expect(fromEngine(out)).toEqual(transposeRef(r, [0, 2, 1]));
    expect(moveBatchAxis(3, 1, 1, x)).toBe(x);
  });

  it("gives an unbatched value a stride-0 axis of the batch size at dst", () => {
    const x = toEngine(iotaRef([2, 3]));
    const out = moveBatchAxis(5, null, 1, x) as NDArray;
    expect(out.shape).toEqual([2, 5, 3]);
    expect(out.strides[1]).toBe(0);
    expect(out.data).toBe(x.data);
    const again = moveBatchAxis(5, 1, 0, out) as NDArray;
    expect(again.data).toBe(x.data); // moving a broadcast axis never materialises it
    expect(again.tolist()).toEqual(Array.from({ length: 5 }, () => [[0, 1, 2], [3, 4, 5]]));
  });
});

describe("unbroadcast", () => {
  it("sums leading axes and stretched size-1 axes back to the operand's shape", () => {
    const ct = iotaRef([2, 3, 4]);
    const g = unbroadcast(toEngine(ct), [3, 1]) as NDArray;
    expect(g.shape).toEqual([3, 1]);
    expect(fromEngine(g).data).toEqual(reduceRef(ct, [0, 2], (a, v) => a + v, 0).data);
    const s = unbroadcast(toEngine(ct), []) as NDArray;
    expect(s.tolist()).toBe((23 * 24) / 2);
    const same = toEngine(ct);
    expect(unbroadcast(same, [2, 3, 4])).toBe(same);
  });
});

describe("broadcasting family", () => {
  it("aligns a batched vector under an unbatched matrix by per-example rank", async () => {
    const { addP } = await import("../../../engine/primitives/elementwise");
    // Per example: (3,) + (2, 3) → (2, 3); x batched at its last axis: raw (3, B=4).
    const x = toEngine({ shape: [3, 4], data: Array.from({ length: 12 }, (_, i) => i) });
    const y = toEngine({ shape: [2, 3], data: [100, 200, 300, 400, 500, 600] });
    const [[out], [d]] = broadcasting(addP, 4, [x, y], [1, null], {});
    expect(d).toBe(0);
    expect(out.shape).toEqual([4, 2, 3]);
    const o = (out as NDArray).tolist() as number[][][];
    for (let k = 0; k < 4; k++) for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) expect(o[k][i][j]).toBe(j * 4 + k + (i * 3 + j + 1) * 100);
  });
});
