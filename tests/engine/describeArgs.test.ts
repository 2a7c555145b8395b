// describeArgs: vmap's own argument plan as data (the input grids draw it), checked against what
// vmap actually does with the same arguments; errors carry `where`; lambdaParams reads headers.
import { describe, expect, it } from "vitest";
import { describeArgs, lambdaParams, np, parseLambda, traceVmap, vmap, type NDArray } from "../../engine";
import { caught } from "../helpers/caught";

const z = (...shape: number[]) => np.zeros(shape);
const ar = (...shape: number[]) => np.arange(shape.reduce((a, b) => a * b, 1)).reshape(shape);


describe("describeArgs", () => {
  // Defect 3: p = ((3,), ((3,), (3,))) with in_axes (None, (0, 0)): the entry 0 for p[1] covers
  // both p[1][0] and p[1][1] (a pytree prefix), so vmap maps p[1][1] along axis 0.
  const f = parseLambda("lambda q, p: q + p[0] + p[1][0] * p[1][1]");
  const q = ar(3);
  const p = [ar(3), [ar(3), ar(3)]];

  it("maps every leaf of a nested tuple that a prefix entry covers, as vmap does", () => {
    for (const pAxes of [0, [0, 0], [0, [0, 0]]]) {
      const d = describeArgs(f, [null, pAxes], [q, p]);
      expect(d.error).toBeNull();
      expect(d.args.map((l) => [l.param, l.path, l.inAxis, l.batchSize, l.sliceShape])).toEqual([
        ["q", "", null, null, [3]],
        ["p", "[0]", 0, 3, []],
        ["p", "[1][0]", 0, 3, []],
        ["p", "[1][1]", 0, 3, []],
      ]);
      expect(d.axisSize).toBe(3);
      // vmap itself: out[k] = q + p0[k] + p10[k] * p11[k], against a loop over k.
      const out = (vmap(f, [null, pAxes])(q, p) as NDArray).tolist() as number[][];
      const want = [0, 1, 2].map((k) => [0, 1, 2].map((j) => j + k + k * k));
      expect(out).toEqual(want);
    }
  });

  it("gives traceVmap's argument leaves (one implementation)", () => {
    const story = traceVmap(f, [null, [0, [null, 0]]], 0, [q, p]);
    expect(describeArgs(f, [null, [0, [null, 0]]], [q, p]).args).toEqual(story.args);
    expect(story.args.map((l) => l.inAxis)).toEqual([null, 0, null, 0]);
  });

  it("normalises negative axes and reports slice shapes", () => {
    const d = describeArgs(parseLambda("lambda a, b: a + b"), [-1, null], [z(2, 3, 4), z(3)]);
    expect(d.args.map((l) => [l.inAxisWritten, l.inAxis, l.batchSize, l.sliceShape])).toEqual([
      [-1, 2, 4, [2, 3]],
      [null, null, null, [3]],
    ]);
  });

  it("returns vmap's error as data, and still describes every leaf it can", () => {
    const g = parseLambda("lambda a, b: a + b");
    const args = [z(2, 3), z(4)];
    const d = describeArgs(g, [0, 1], args);
    const thrown = caught(() => vmap(g, [0, 1])(...args));
    expect(d.error?.message).toBe(thrown.message);
    expect(d.error?.where).toEqual({ kind: "in_axes", index: 1, path: "" });
    expect(d.args.map((l) => [l.inAxis, l.shape])).toEqual([
      [0, [2, 3]],
      [null, [4]],
    ]);
    const sizes = describeArgs(g, [0, 0], [z(2), z(3)]);
    expect(sizes.error?.kind).toBe("inconsistent-sizes");
    expect(sizes.axisSize).toBeNull();
    expect(sizes.args.map((l) => l.inAxis)).toEqual([0, 0]);
    const structure = describeArgs(g, [0, [0, 0]], [z(2), z(2)]);
    expect(structure.error?.kind).toBe("in-axes-structure");
    expect(structure.args.map((l) => l.shape)).toEqual([[2], [2]]);
  });

  it("names leaves args[i] without a function", () => {
    expect(describeArgs(null, 0, [z(2)]).args[0].param).toBe("args[0]");
  });
});

describe("EngineError.where: where each error belongs", () => {
  const g = parseLambda("lambda a, b: a + b");
  const cases: [string, () => unknown, unknown][] = [
    ["in_axes rank", () => vmap(g, [0, 2])(z(2), z(2, 2)), { kind: "in_axes", index: 1, path: "" }],
    ["in_axes rank in a tuple", () => vmap(g, [0, [0, 1]])(z(2), [z(2), z(2)]), { kind: "in_axes", index: 1, path: "[1]" }],
    ["in_axes structure", () => vmap(g, [0, [0, 0]])(z(2), z(2)), { kind: "in_axes" }],
    ["in_axes length", () => vmap(g, [0])(z(2), z(2)), { kind: "in_axes" }],
    ["inconsistent sizes", () => vmap(g, [0, 0])(z(2), z(3)), { kind: "in_axes", index: 1, path: "" }],
    ["inconsistent with axis_size", () => vmap(g, [0, 0], 0, { axisSize: 5 })(z(2), z(2)), { kind: "axis_size" }],
    ["all None", () => vmap(g, [null, null])(z(2), z(2)), { kind: "axis_size" }],
    ["nested None", () => vmap(parseLambda("lambda p: p[0]"), [[null, null]])([z(2), z(2)]), { kind: "in_axes" }],
    ["axis_size type", () => vmap(g, 0, 0, { axisSize: -1 })(z(2), z(2)), { kind: "axis_size" }],
    ["out_axes range", () => vmap(g, 0, 3)(z(2), z(2)), { kind: "out_axes", path: "", axis: 3, rank: 1 }],
    ["out_axes None mapped", () => vmap(parseLambda("lambda a, b: (a, b)"), 0, [0, null])(z(2), z(2)), { kind: "out_axes", path: "[1]" }],
    ["out_axes structure", () => vmap(g, 0, [0, 0])(z(2), z(2)), { kind: "out_axes" }],
    // With the arrays the error is about: the per-example shapes of f's arguments a and b.
    ["shape error inside f", () => vmap(g, 0)(z(2, 3), z(2, 4)), { kind: "function", operands: [{ shape: [3], args: ["a"] }, { shape: [4], args: ["b"] }] }],
    ["inner vmap's in_axes error is in f's text", () => vmap(parseLambda("lambda a, b: jax.vmap(jnp.add, in_axes=(0, 2))(a, b)"), 0)(z(2, 3), z(2, 3)), { kind: "function" }],
    ["syntax", () => parseLambda("lambda a: a +* 2"), { kind: "function", column: 14 }],
    ["unknown name", () => parseLambda("lambda a: jnp.sine(a)"), { kind: "function", column: 15 }],
  ];
  it.each(cases)("%s", (_name, run, where) => {
    expect(caught(run).where).toEqual(where);
  });
});

describe("lambdaParams: the header alone", () => {
  it("reads names even when the body does not parse yet", () => {
    expect(lambdaParams("lambda q, p: q + (")).toMatchObject({ ok: true, params: ["q", "p"] });
    expect(lambdaParams("lambda q, p: $$$ `")).toMatchObject({ ok: true, params: ["q", "p"] });
    expect(lambdaParams("lambda: 3")).toMatchObject({ ok: true, params: [] });
    expect(lambdaParams("  lambda x,\n y : x")).toMatchObject({ ok: true, params: ["x", "y"] });
    // Where the body starts, as the parser saw it (a ':' in a comment does not end the header).
    const src = "lambda a, # not: here\n b: a + b";
    const r = lambdaParams(src);
    expect(r.ok && src.slice(r.bodyStart)).toBe(" a + b");
  });
  it("returns the parser's error for a header it cannot read", () => {
    for (const src of ["a + b", "lambda a b: a", "lambda a, a: a", "lambda *a: a", "lambda a", "lambda __proto__ +: 1"]) {
      const r = lambdaParams(src);
      expect(r.ok, src).toBe(false);
      if (!r.ok) expect(r.error.kind).toBe("syntax");
    }
    // The same header error parseLambda gives.
    const r = lambdaParams("lambda a b: a");
    expect(!r.ok && r.error.message).toBe(caught(() => parseLambda("lambda a b: a")).message);
  });
});
