/**
 * makeJaxpr through the contract (engine/index.ts) on the examples our vmap-semantics notes quote
 * from JAX: vmap(jnp.dot, (0, None)) is one dot_general with the batch axis as a free lhs
 * dimension; with both arguments mapped the dot gets batch dimensions; two nested vmaps of vdot
 * (batching_test.py testNestedBatchingMatMat) are still one dot_general.
 */
import { describe, expect, it } from "vitest";
import { jnp, makeJaxpr, np, vmap } from "../../../engine";
import { typecheckJaxpr } from "../../../engine/ir/jaxpr";

const zeros = (...shape: number[]) => np.zeros(shape);

describe("makeJaxpr of vmapped dots", () => {
  it("vmap(jnp.dot, (0, None)) on f32[4,3], f32[3]: JAX's text, one equation", () => {
    const closed = makeJaxpr(vmap(jnp.dot, [0, null]))(zeros(4, 3), zeros(3));
    expect(closed.jaxpr.eqns.length).toBe(1);
    typecheckJaxpr(closed.jaxpr);
    expect(closed.toString()).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[4,3] b:f32[3]. let
          c:f32[4] = dot_general[
            dimension_numbers=(([1], [0]), ([], []))
            preferred_element_type=float32
          ] a b
        in (c,) }"
    `);
  });

  it("vmap(jnp.dot) with both mapped: dot batch dimensions, f32[10]", () => {
    const closed = makeJaxpr(vmap(jnp.dot))(zeros(10, 3), zeros(10, 3));
    expect(closed.jaxpr.eqns.map((e) => e.prim.name)).toEqual(["dot_general"]);
    expect(closed.toString()).toContain("c:f32[10] = dot_general[\n      dimension_numbers=(([1], [1]), ([0], [0]))");
  });

  it("mat-mat from nested vmaps of vdot is one dot_general producing f32[4,2]", () => {
    const mv = vmap(jnp.vdot, [0, null], 0);
    const mm = vmap(mv, [null, 1], 1);
    const closed = makeJaxpr(mm)(zeros(4, 3), zeros(3, 2));
    expect(closed.jaxpr.eqns.map((e) => e.prim.name)).toEqual(["dot_general"]);
    expect(closed.toString()).toContain("c:f32[4,2] = dot_general[\n      dimension_numbers=(([1], [0]), ([], []))");
  });

  it("sin(cos(x)) through jnp on a Python float argument", () => {
    expect(makeJaxpr((x: any) => jnp.sin(jnp.cos(x)))(2.5).toString()).toMatchInlineSnapshot(
      `"{ lambda ; a:f32[]. let b:f32[] = cos a; c:f32[] = sin b in (c,) }"`,
    );
  });
});
