/**
 * lax.ts: one bind per function, and JAX's no-op shortcuts (identity transpose/reshape/
 * broadcast/slice, empty squeeze, single-operand concatenate return the operand itself, so
 * nothing is staged); expand_dims is a broadcast_in_dim, as in JAX.
 */
import { describe, expect, it } from "vitest";
import type { NDArray } from "../../../engine/array/ndarray";
import { lax } from "../../../engine/primitives";
import { iotaRef, toEngine } from "../../helpers/reference";
import { batchLog, miniVmap } from "./miniTransforms";

describe("lax functions", () => {
  const x = toEngine(iotaRef([2, 3]));

  it("return the operand for identity operations", () => {
    expect(lax.transpose(x, [0, 1])).toBe(x);
    expect(lax.reshape(x, [2, 3])).toBe(x);
    expect(lax.broadcastInDim(x, [2, 3], [0, 1])).toBe(x);
    expect(lax.squeeze(x, [])).toBe(x);
    expect(lax.expandDims(x, [])).toBe(x);
    expect(lax.concatenate([x], 0)).toBe(x);
    expect(lax.slice(x, [{ start: 0, step: 1, size: 2 }, { start: 0, step: 1, size: 3 }])).toBe(x);
  });

  it("expand_dims binds broadcast_in_dim with the kept axes", () => {
    batchLog.length = 0;
    const out = miniVmap((v) => lax.expandDims(v, [0, 2]), [0])(toEngine(iotaRef([4, 3]))) as NDArray;
    expect(batchLog).toEqual(["broadcast_in_dim"]);
    expect(out.shape).toEqual([4, 1, 3, 1]);
  });

  it("select_n(pred, onFalse, onTrue) and integer_pow", () => {
    expect((lax.selectN(toEngine({ shape: [2], data: [0, 1] }), 5, 6) as NDArray).tolist()).toEqual([5, 6]);
    expect((lax.integerPow(x, 2) as NDArray).tolist()).toEqual([[0, 1, 4], [9, 16, 25]]);
  });
});
