// pmap over simulated devices (engine/transforms/pmap.ts), against a loop reference written with
// plain index arithmetic (tests/helpers/reference.ts) and the current JAX's error texts
// (jax/_src/pmap.py, jax/_src/shard_map.py `_spec_divisibility_error`, lax.py `_compute_squeeze_shape`).
import { describe, expect, it } from "vitest";
import { np, parseLambda, pmap, runPmap, vmap, type NDArray } from "../../engine";
import { caught } from "../helpers/caught";
import { fromEngine, iotaRef, stackRef, takeRef, toEngine, zipRef, type Ref } from "../helpers/reference";

const add = parseLambda("lambda a, b: a * b + a") as (...xs: unknown[]) => unknown;

function loopRef(a: Ref, b: Ref, inA: number, inB: number, outAxis: number): Ref {
  const n = a.shape[inA];
  const parts = Array.from({ length: n }, (_, k) => zipRef((x, y) => x * y + x, takeRef(a, inA, k), takeRef(b, inB, k)));
  return stackRef(parts, outAxis);
}

describe("pmap: one program per device lane, gathered along out_axes", () => {
  const a = iotaRef([3, 4]);
  const b = { shape: [4, 3], data: iotaRef([4, 3]).data.map((v) => v + 100) };
  for (const outAxis of [0, 1]) {
    it(`in_axes (0, 1), out_axes ${outAxis}: equals the loop reference and vmap`, () => {
      const r = runPmap(add, [0, 1], outAxis, [toEngine(a), toEngine(b)], { devices: 8 });
      expect(r.used).toBe(3);
      expect(r.lanes.map((l) => l.inShapes)).toEqual([0, 1, 2].map(() => [[4], [4]]));
      expect(fromEngine(r.out)).toEqual(loopRef(a, b, 0, 1, outAxis));
      expect(fromEngine(vmap(add, [0, 1], outAxis)(toEngine(a), toEngine(b)))).toEqual(fromEngine(r.out));
    });
  }
  it("out_axes None takes device 0's result (a replicated output), where vmap raises", () => {
    const x = np.array([[1, 2], [3, 4], [5, 6]]);
    const out = pmap((v: NDArray) => np.multiply(v, 2), 0, null, { devices: 4 })(x) as NDArray;
    expect(out.tolist()).toEqual([2, 4]);
    expect(caught(() => vmap((v: NDArray) => np.multiply(v, 2), 0, null)(x)).kind).toBe("mapped-output-none");
  });
  it("JAX's docstring: pmap(lambda x, y: (x + y, y * 2.), in_axes=(0, None))(jnp.arange(2.), 4.) is ([4., 5.], [8., 8.])", () => {
    const f = parseLambda("lambda x, y: (x + y, y * 2.)") as Function;
    const out = pmap(f, [0, null], 0, { devices: 8 })(np.arange(2), 4) as NDArray[];
    expect(out.map((o) => o.tolist())).toEqual([[4, 5], [8, 8]]);
  });
  it("an unmapped argument reaches every lane whole", () => {
    const r = runPmap(parseLambda("lambda m, v: jnp.dot(m, v)") as Function, [null, 0], 0, [np.ones([2, 3]), np.ones([4, 3])], { devices: 4 });
    expect(r.lanes.map((l) => l.inShapes)).toEqual([0, 1, 2, 3].map(() => [null, [3]]));
    expect((r.out as NDArray).shape).toEqual([4, 2]);
  });
});

describe("pmap's errors are the current JAX's", () => {
  const sq = (v: NDArray) => np.multiply(v, v);
  it("a mapped size the devices do not divide: shard_map's divisibility error", () => {
    const e = caught(() => pmap(sq, 0, 0, { devices: 8 })(np.arange(9)));
    expect(e.pyType).toBe("ValueError");
    expect(e.kind).toBe("devices");
    expect(e.where).toEqual({ kind: "devices" });
    expect(e.message).toBe(
      "shard_map applied to the function '_fun' was given argument arrays with axis sizes that are not evenly divisible by the corresponding mesh axis sizes:\n\n" +
        "The mesh given has shape (8,) with corresponding axis names ('_internal_pmap_axis_name',).\n\n" +
        "the passed args[0] of shape int32[9], where args[0] is the index 0 component of _fun's varargs parameter 'flat_args', corresponds to in_specs[0] of value P('_internal_pmap_axis_name',), which maps array axis 0 (of size 9) to mesh axis '_internal_pmap_axis_name' (of size 8), but 8 does not evenly divide 9\n\n" +
        "Array arguments' axis sizes must be evenly divisible by the mesh axis or axes indicated by the corresponding elements of the argument's in_specs entry. Consider checking that in_specs are correct, and if so consider changing the mesh axis sizes or else padding the input and adapting '_fun' appropriately.",
    );
  });
  it("in_axes 1 names its spec with a leading None", () => {
    const e = caught(() => pmap(sq, 1, 0, { devices: 2 })(np.ones([2, 3])));
    expect(e.message).toContain("corresponds to in_specs[0] of value P(None, '_internal_pmap_axis_name'), which maps array axis 1 (of size 3) to mesh axis '_internal_pmap_axis_name' (of size 2), but 2 does not evenly divide 3");
  });
  it("a size the devices divide: each device holds several slices, and _fun's squeeze refuses", () => {
    const e = caught(() => pmap(sq, 0, 0, { devices: 4 })(np.ones([8, 3])));
    expect(e.message).toBe("cannot select an axis to squeeze out which has size not equal to one, got shape=(2, 3) and dimensions=(0,)");
    expect([e.kind, e.pyType]).toEqual(["devices", "ValueError"]);
    expect(e.where).toEqual({ kind: "devices" });
  });
  it("no mapped argument, and a bad leaf in in_axes / out_axes", () => {
    expect(caught(() => pmap(sq, null, 0, { devices: 2 })(np.ones([2]))).message).toBe("pmap requires at least one argument with a mapped axis.");
    expect(caught(() => pmap(sq, 0.5, 0)).message).toBe("pmap in_axes must be an int, None, or (nested) container with those types as leaves, but got 0.5.");
    expect(caught(() => pmap(sq, 0, "x")).message).toBe("pmap out_axes must be an int, None, or (nested) container with those types as leaves, but got 'x'.");
  });
});
