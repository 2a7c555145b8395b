/**
 * Tracing to a jaxpr and its meaning: staging (constants computed inside are equations, not
 * values), typecheck (it re-derives avals and rejects broken jaxprs), "a transformation, not a
 * loop" (vmapped dot is one dot_general, nested vmap too — batching_test.py
 * testNestedBatchingMatMat), and evalJaxpr = the function, also under vmap and grad.
 */
import type { Value } from "../../../engine/core/tracer";
import { describe, expect, it } from "vitest";
import { grad, makeJaxpr, NDArray, vmap } from "../../../engine";
import { ShapedArray } from "../../../engine/core/aval";
import { evalJaxpr, runJaxprImpl } from "../../../engine/ir/interpret";
import { Jaxpr, JaxprTypeError, traceToJaxpr, typecheckJaxpr, Var } from "../../../engine/ir/jaxpr";
import { lax, sinP } from "../../../engine/primitives";
import { useX64 } from "../../helpers/x64";

// References are float64 loops: compare with x64 on (float32 runs: tests/engine/dtypes.test.ts).
useX64();

type V = Value;
const arr = (data: number[], shape: number[]) => new NDArray(Float64Array.from(data), shape);
const iota = (...shape: number[]) => {
  const n = shape.reduce((a, b) => a * b, 1);
  return arr(Array.from({ length: n }, (_, i) => (i % 7) - 3 + i / 10), shape);
};
const vdot = (a: V, b: V) => lax.dotGeneral(a, b, { lhsContract: [0], rhsContract: [0], lhsBatch: [], rhsBatch: [] });

describe("traceToJaxpr", () => {
  it("records one equation per bind with prim.shape's avals", () => {
    const { jaxpr } = traceToJaxpr((x: V, y: V) => lax.add(lax.sin(x), y), [new ShapedArray([2, 3]), new ShapedArray([3])]);
    expect(jaxpr.eqns.map((e) => e.prim.name)).toEqual(["sin", "add"]);
    expect(jaxpr.outAvals.map((a) => a.shape)).toEqual([[2, 3]]);
    typecheckJaxpr(jaxpr);
  });

  it("stages work on constants too (the dynamic trace), and closes over array constants", () => {
    const w = iota(3);
    const { jaxpr } = traceToJaxpr((x: V) => lax.mul(x, lax.exp(w)), [new ShapedArray([3])]);
    expect(jaxpr.eqns.map((e) => e.prim.name)).toEqual(["exp", "mul"]);
    expect(jaxpr.consts).toEqual([w]);
    typecheckJaxpr(jaxpr);
  });

  it("keeps the output pytree structure", () => {
    const { jaxpr, outTree } = traceToJaxpr((x: V) => ({ b: [x, lax.neg(x)], a: 1 }), [new ShapedArray([])]);
    expect(outTree.kind).toBe("dict");
    expect(jaxpr.outvars.length).toBe(3);
  });
});

describe("typecheckJaxpr", () => {
  it("rejects a binder whose type disagrees with the primitive's shape rule", () => {
    const x = new Var(new ShapedArray([3]));
    const y = new Var(new ShapedArray([4]));
    const bad = new Jaxpr([], [], [x], [{ prim: sinP, inputs: [x], params: {}, outputs: [y] }], [y]);
    expect(() => typecheckJaxpr(bad)).toThrow(JaxprTypeError);
  });

  it("rejects a variable used before it is bound", () => {
    const x = new Var(new ShapedArray([3]));
    const y = new Var(new ShapedArray([3]));
    const z = new Var(new ShapedArray([3]));
    const bad = new Jaxpr([], [], [x], [{ prim: sinP, inputs: [y], params: {}, outputs: [z] }], [z]);
    expect(() => typecheckJaxpr(bad)).toThrow(/before it is bound/);
  });
});

describe("a transformation, not a loop", () => {
  it("vmap(dot, (0, None)) is ONE dot_general", () => {
    const { jaxpr } = makeJaxpr(vmap(vdot, [0, null]))(iota(4, 3), iota(3));
    expect(jaxpr.eqns.map((e) => e.prim.name)).toEqual(["dot_general"]);
    typecheckJaxpr(jaxpr);
  });

  it("mat-mat from two nested vmaps of vdot is still one dot_general, f32[4,2]", () => {
    const mv = vmap(vdot, [0, null], 0);
    const mm = vmap(mv, [null, 1], 1);
    const { jaxpr } = makeJaxpr(mm)(iota(4, 3), iota(3, 2));
    expect(jaxpr.eqns.map((e) => e.prim.name)).toEqual(["dot_general"]);
    expect(jaxpr.outAvals[0].shape).toEqual([4, 2]);
  });
});

describe("evalJaxpr is the meaning", () => {
  const f = (x: V, y: V) => lax.reduceSum(lax.mul(lax.tanh(x), lax.add(y, 1)), [1]);
  const x = iota(2, 3);
  const y = iota(3);

  it("equals the function, by binding and by impl", () => {
    const { jaxpr } = makeJaxpr(f)(x, y);
    const want = (f(x, y) as NDArray).tolist();
    // By hand: out[i] = Σ_j tanh(x[i,j]) · (y[j] + 1).
    const xs = x.tolist() as number[][];
    const ys = y.tolist() as number[];
    const loop = xs.map((row) => row.reduce((s, v, j) => s + Math.tanh(v) * (ys[j] + 1), 0));
    expect(want).toEqual(loop);
    expect((evalJaxpr(jaxpr, undefined, [x, y])[0] as NDArray).tolist()).toEqual(want);
    expect(runJaxprImpl(jaxpr, [x, y])[0].tolist()).toEqual(want);
  });

  it("is traceable: vmap and grad of an interpreted jaxpr", () => {
    const { jaxpr } = makeJaxpr(f)(x, y);
    const run = (a: V, b: V) => evalJaxpr(jaxpr, undefined, [a, b])[0];
    const xb = iota(4, 2, 3);
    expect((vmap(run, [0, null])(xb, y) as NDArray).tolist()).toEqual((vmap(f, [0, null])(xb, y) as NDArray).tolist());
    const loss = (a: V) => lax.reduceSum(run(a, y), [0]);
    const g = grad(loss)(x) as NDArray;
    // d/dx Σ tanh(x)·(y+1) = (1 − tanh²x)·(y+1)
    const ys = y.tolist() as number[];
    const want = (x.tolist() as number[][]).map((row) => row.map((v, j) => (1 - Math.tanh(v) ** 2) * (ys[j] + 1)));
    const got = g.tolist() as number[][];
    got.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(want[i][j], 12)));
  });
});
