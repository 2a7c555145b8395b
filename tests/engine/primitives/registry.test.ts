/**
 * The primitive registry: every primitive declares shape, impl and batch (vmap never falls back
 * to a loop), a provenance rule, a VJP (null cotangents where JAX's rule is zero) and, when
 * elementwise, an emit.
 */
import { describe, expect, it } from "vitest";
import { allPrimitives, primitiveByName } from "../../../engine/core/primitive";
import "../../../engine/primitives";
import "../../../engine/transforms/jitCall";

const expected = [
  "neg", "exp", "log", "sin", "cos", "tanh", "logistic", "sqrt", "abs", "sign", "square", "integer_pow",
  "add", "sub", "mul", "div", "pow", "max", "min", "lt", "le", "gt", "ge", "eq", "ne", "select_n",
  "reduce_sum", "reduce_max", "reduce_min", "reduce_prod", "dot_general",
  "transpose", "broadcast_in_dim", "reshape", "squeeze", "concatenate", "slice", "pad",
  "gather", "scatter", "scatter-add", "scatter-mul", "scatter-min", "scatter-max", "dynamic_slice", "dynamic_update_slice",
  "argmax", "argmin", "sort",
];

describe("primitive registry", () => {
  it("registers every primitive under its lax name", () => {
    for (const name of expected) expect(primitiveByName(name)?.name, name).toBe(name);
  });

  it("gives every primitive shape, impl, batch and vjp", () => {
    for (const p of allPrimitives()) {
      expect(typeof p.shape, p.name).toBe("function");
      expect(typeof p.impl, p.name).toBe("function");
      expect(typeof p.batch, p.name).toBe("function");
      expect(typeof p.vjp, p.name).toBe("function");
    }
  });

  it("gives every primitive, jit included, a provenance rule (cell highlighting for any program)", () => {
    const all = allPrimitives();
    expect(all.map((p) => p.name)).toContain("jit");
    for (const p of all) expect(typeof p.provenance, p.name).toBe("function");
  });

  it("gives every elementwise primitive an emit template, and only those", () => {
    const elementwise = expected.slice(0, 26);
    for (const name of elementwise) {
      const p = primitiveByName(name)!;
      expect(p.elementwise, name).toBe(true);
      expect(typeof p.emit, name).toBe("function");
    }
    for (const name of expected.slice(26)) expect(primitiveByName(name)!.elementwise, name).toBeFalsy();
  });

  it("prints params for every primitive that has them, JAX style", () => {
    const text = (name: string, params: unknown) => primitiveByName(name)!.printParams!(params);
    expect(text("reduce_sum", { axes: [0] })).toBe("axes=(0,)");
    expect(text("reduce_max", { axes: [0, 1] })).toBe("axes=(0, 1)");
    expect(text("transpose", { perm: [1, 0] })).toBe("permutation=(1, 0)");
    expect(text("broadcast_in_dim", { shape: [2, 3], broadcastDimensions: [1] })).toBe("broadcast_dimensions=(1,)\nshape=(2, 3)");
    expect(text("reshape", { newSizes: [6] })).toBe("dimensions=None\nnew_sizes=(6,)");
    expect(text("squeeze", { dimensions: [0] })).toBe("dimensions=(0,)");
    expect(text("concatenate", { dimension: 1 })).toBe("dimension=1");
    expect(text("integer_pow", { y: 2 })).toBe("y=2");
    expect(text("slice", { slices: [{ start: 1, step: 1, size: 2 }] })).toBe("limit_indices=(3,)\nstart_indices=(1,)\nstrides=None");
    expect(text("slice", { slices: [{ start: 0, step: 2, size: 3 }, { start: 1, step: 1, size: 1 }] })).toBe(
      "limit_indices=(5, 2)\nstart_indices=(0, 1)\nstrides=(2, 1)",
    );
    expect(text("pad", { lo: [1], hi: [0], interior: [2] })).toBe("padding_config=((1, 0, 2),)");
    expect(text("dot_general", { lhsContract: [1], rhsContract: [0], lhsBatch: [], rhsBatch: [] })).toBe(
      "dimension_numbers=(([1], [0]), ([], []))\npreferred_element_type=float32",
    );
    for (const name of ["add", "neg", "select_n"]) expect(primitiveByName(name)!.printParams, name).toBeUndefined();
  });
});
