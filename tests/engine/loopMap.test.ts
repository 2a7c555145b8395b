// loopMap: the naive loop (f per slice, then jnp.stack along out_axes) equals vmap, and its
// jaxpr holds one copy of f per slice where vmap's holds one batched program.
import { describe, expect, it } from "vitest";
import { loopMap, makeJaxpr, np, parseLambda, vmap } from "../../engine";
import { caught } from "../helpers/caught";
import { fromEngine } from "../helpers/reference";

const f = parseLambda("lambda m, v: jnp.dot(m, v)") as Function;

describe("loopMap, the naive loop", () => {
  const m = np.arange(12).reshape([3, 4]);
  const v = np.arange(8).reshape([2, 4]);
  for (const [inAxes, outAxes] of [[[null, 0], 0], [[null, 0], 1], [[null, 0], -1], [[0, null], 0]] as const) {
    it(`equals vmap for in_axes ${JSON.stringify(inAxes)}, out_axes ${outAxes}`, () => {
      const args = inAxes[0] === 0 ? [m, np.arange(4)] : [m, v];
      expect(fromEngine(loopMap(f, inAxes, outAxes)(...args))).toEqual(fromEngine(vmap(f, inAxes, outAxes)(...args)));
    });
  }
  it("its jaxpr repeats f once per slice; vmap's stays one dot_general", () => {
    const loopEqns = makeJaxpr(loopMap(f, [null, 0]))(m, v).jaxpr.eqns.map((e) => e.prim.name);
    expect(loopEqns.filter((n) => n === "dot_general")).toHaveLength(2);
    const vmapEqns = makeJaxpr(vmap(f, [null, 0]))(m, v).jaxpr.eqns.map((e) => e.prim.name);
    expect(vmapEqns.filter((n) => n === "dot_general")).toHaveLength(1);
  });
  it("raises vmap's errors, and jnp.stack's for no slices", () => {
    expect(caught(() => loopMap(f, [0, 0])(m, v)).kind).toBe("inconsistent-sizes");
    expect(caught(() => loopMap(f, [null, 0])(m, np.zeros([0, 4]))).message).toBe("Need at least one array to stack.");
  });
});
