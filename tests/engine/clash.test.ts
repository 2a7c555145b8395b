/**
 * A shape error inside f says which arrays clash (EngineError.where.operands): each shape the
 * message names, with the arguments f received with that per-example shape, so a UI can point at
 * them without reading the message. The blog's (2,3,5,7,9) pair with in_axes (None, 1).
 */
import { describe, expect, it } from "vitest";
import { np, parseLambda, traceVmap, vmap } from "../../engine/index";
import { caught } from "../helpers/caught";

const zeros = (...shape: number[]) => np.zeros(shape);

describe("where a shape error inside f belongs", () => {
  it("names the per-example shapes of a and b that do not broadcast", () => {
    const e = caught(() => traceVmap(parseLambda("lambda a, b: a + b"), [null, 1], 0, [zeros(2, 3, 5, 7, 9), zeros(2, 3, 5, 7, 9)]));
    expect(e.message).toBe("Incompatible shapes for broadcasting: shapes=[(2, 3, 5, 7, 9), (2, 5, 7, 9)]");
    expect(e.where).toEqual({ kind: "function", operands: [{ shape: [2, 3, 5, 7, 9], args: ["a"] }, { shape: [2, 5, 7, 9], args: ["b"] }] });
  });

  it("names no argument for a value f computed, and every argument of a shape", () => {
    const e = caught(() => vmap(parseLambda("lambda x, y: jnp.sum(x, axis=0) + y"), [0, 0])(zeros(2, 3, 4), zeros(2, 5)));
    expect(e.where).toEqual({ kind: "function", operands: [{ shape: [4], args: [] }, { shape: [5], args: ["y"] }] });
    const m = caught(() => vmap(parseLambda("lambda p, q: p[0] @ q"), [0, 0])([zeros(2, 3, 4), zeros(2, 4)], zeros(2, 5)));
    expect(m.where).toEqual({ kind: "function", operands: [{ shape: [3, 4], args: ["p[0]"] }, { shape: [5], args: ["q"] }] });
  });

  it("keeps an inner vmap's account of its own arguments", () => {
    const e = caught(() => vmap(parseLambda("lambda x, y: jax.vmap(lambda a, b: a * b)(x, y)"), [0, 0])(zeros(2, 3, 4), zeros(2, 3, 5)));
    expect(e.where).toEqual({ kind: "function", operands: [{ shape: [4], args: ["a"] }, { shape: [5], args: ["b"] }] });
  });
});
