/**
 * traceVmap for indexing by values: the shape story names what vmap turned a batched index into
 * (a dynamic_slice became a gather, a dynamic_update_slice a scatter), and provenance says
 * exactly which cell each output came from (worked out per example, with its indices' values).
 */
import { describe, expect, it } from "vitest";
import { np, parseLambda, traceVmap } from "../../engine";

const x = np.array([[10, 11, 12], [20, 21, 22]]);
const i = np.array([2, 0], [2], "int32");

describe("traceVmap: indexing by values", () => {
  it("names the primitive vmap turned each index into", () => {
    const s = traceVmap(parseLambda("lambda x, i: x[i]"), [0, 0], 0, [x, i]);
    const ds = s.primitives.find((p) => p.primitive === "dynamic_slice")!;
    expect(ds.batchedAs).toEqual(["gather"]);
    expect(ds.byValue).toBe(true);
    // Only the rows' own primitives (lt/add/select_n/squeeze) keep their names.
    expect(s.primitives.filter((p) => p.batchedAs).map((p) => p.primitive)).toEqual(["dynamic_slice"]);
    const upd = traceVmap(parseLambda("lambda x, i: x.at[i].set(0.0)"), [0, 0], 0, [x, i]);
    expect(upd.primitives.find((p) => p.primitive === "scatter")?.batchedAs).toBeUndefined();
    const dus = traceVmap(parseLambda("lambda x, i: x.at[i].set(0.0)"), [0, 0], 0, [x, i]);
    expect(Array.from(dus.values[0].data)).toEqual([10, 11, 0, 0, 21, 22]);
  });

  it("provenance: each output cell reads the cell its index chose, and that index", () => {
    const s = traceVmap(parseLambda("lambda x, i: x[i]"), [0, 0], 0, [x, i]);
    const prov = s.outputs[0].provenance!;
    // out[0] = x[0, 2] chosen by i[0]; out[1] = x[1, 0] chosen by i[1].
    expect(prov.map((c) => c.sources)).toEqual([
      [[2], [0]],
      [[3], [1]],
    ]);
    // An index array, x unmapped: out[k, j, c] = x[idx[k, j], c], read from one x cell and one index cell.
    const g = traceVmap(parseLambda("lambda x, i: x[i]"), [null, 0], 0, [x, np.array([1, 1, 0, 1], [2, 2], "int32")]);
    const gp = g.outputs[0].provenance!;
    expect(gp[0].sources).toEqual([[3], [0]]);
    expect(gp[7]).toEqual({ k: 1, sources: [[1], [2]] });
    expect(gp[11]).toEqual({ k: 1, sources: [[5], [3]] });
  });

  it("provenance of x.at[i].add(y): the updated cell reads x, y and i; the others only x", () => {
    const s = traceVmap(parseLambda("lambda x, i, y: x.at[i].add(y)"), [0, 0, 0], 0, [x, i, np.array([1, 2])]);
    const prov = s.outputs[0].provenance!;
    expect(prov[2].sources).toEqual([[2], [0], [0]]);
    expect(prov[0].sources).toEqual([[0], [], []]);
    expect(prov[3].sources).toEqual([[3], [1], [1]]);
  });
});
