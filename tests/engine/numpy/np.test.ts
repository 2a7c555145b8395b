/** `np` (the contract's eager namespace): nested JS arrays in, NDArray out, creation helpers. */
import { describe, expect, it } from "vitest";
import { NDArray, np } from "../../../engine";

describe("np", () => {
  it("takes nested JS arrays wherever jnp takes an array", () => {
    const s = np.add([[1, 2], [3, 4]], [10, 20]);
    expect(s).toBeInstanceOf(NDArray);
    expect(s.tolist()).toEqual([[11, 22], [13, 24]]);
    expect(np.dot([1, 2, 3], [4, 5, 6]).tolist()).toBe(32);
    expect(np.matmul([[1, 0], [0, 2]], [[1], [1]]).tolist()).toEqual([[1], [2]]);
    expect(np.sum([[1, 2], [3, 4]], { axis: 0 }).tolist()).toEqual([4, 6]);
    expect(np.stack([[1, 2], [3, 4]], 1).tolist()).toEqual([[1, 3], [2, 4]]);
    expect(np.concatenate([[1], [2, 3]]).tolist()).toEqual([1, 2, 3]);
    expect(np.where([1, 0], [1, 2], [3, 4]).tolist()).toEqual([1, 4]);
    expect(np.einsum("i,i->", [1, 2], [3, 4]).tolist()).toBe(11);
    expect(np.index([[1, 2], [3, 4]], [{}, -1]).tolist()).toEqual([2, 4]);
    expect(np.reshape([1, 2, 3, 4], [2, -1]).tolist()).toEqual([[1, 2], [3, 4]]);
    expect(np.zeros_like([[1, 2]]).tolist()).toEqual([[0, 0]]);
  });

  it("keeps shape arguments as shapes, not arrays", () => {
    const a = np.arange(24).reshape([2, 3, 4]);
    expect(np.transpose(a, [2, 0, 1]).shape).toEqual([4, 2, 3]);
    expect(np.moveaxis(a, [0, 1], [2, 0]).shape).toEqual([3, 4, 2]);
    expect(np.expand_dims(a, [0, -1]).shape).toEqual([1, 2, 3, 4, 1]);
    expect(np.squeeze(np.zeros([1, 3, 1])).shape).toEqual([3]);
  });

  it("has array, zeros, ones, full and arange", () => {
    expect(np.array([0, 1, 2, 3], [2, 2]).tolist()).toEqual([[0, 1], [2, 3]]);
    expect(np.zeros([2]).tolist()).toEqual([0, 0]);
    expect(np.ones([1, 2]).tolist()).toEqual([[1, 1]]);
    expect(np.full([2], 7).tolist()).toEqual([7, 7]);
    expect(np.arange(2, 5).tolist()).toEqual([2, 3, 4]);
  });
});

describe("jnp refuses containers where it needs arrays, in jnp's words", () => {
  it("sum of a tuple, add with a tuple operand", async () => {
    const { EngineError: EE, np: npx, parseLambda } = await import("../../../engine");
    const run = (src: string) => {
      try {
        parseLambda(src)(npx.zeros([2]), npx.zeros([2]));
      } catch (e) {
        return e;
      }
      return null;
    };
    const s = run("lambda x, y: jnp.sum((x, y))") as InstanceType<typeof EE>;
    expect(s).toBeInstanceOf(EE);
    expect(s.kind).toBe("unsupported");
    expect(s.message).toBe("sum requires ndarray or scalar arguments, got <class 'tuple'> at position 0.");
    expect((run("lambda x, y: jnp.add(x, (x, y))") as Error).message).toBe("add requires ndarray or scalar arguments, got <class 'tuple'> at position 1.");
  });
});
