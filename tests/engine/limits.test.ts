import { describe, expect, it } from "vitest";
import { EngineError, MAX_ELEMENTS, jnp, np, parseLambda, vmap } from "../../engine";

function kindOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof EngineError ? e.kind : "other";
  }
  return undefined;
}

describe("arrays above the engine's limit are refused before allocation", () => {
  it("creation, results of broadcasting and of vmap's stacking", () => {
    expect(MAX_ELEMENTS).toBe(10_000_000);
    expect(kindOf(() => np.zeros([10_000, 1_001]))).toBe("too-large");
    expect(kindOf(() => np.arange(2e7))).toBe("too-large");
    const col = np.zeros([4000, 1]);
    const row = np.zeros([1, 4000]);
    expect(kindOf(() => jnp.add(col, row))).toBe("too-large"); // 16e6 cells from two small arrays
    const outer = vmap(parseLambda("lambda a, b: a * b"), [0, null]);
    expect(kindOf(() => outer(np.zeros([4000]), np.zeros([4000])))).toBe("too-large");
    expect(kindOf(() => np.zeros([3000, 3000]))).toBeUndefined();
  });
});
