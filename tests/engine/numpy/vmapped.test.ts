/**
 * jnp under a (test-only) vmap trace: for random in_axes (None included) the batched result
 * equals calling the function per example on plain-JS slices and stacking; errors quote the
 * per-example shapes; vmap of dot stays a single dot_general (testNestedBatchingMatMat).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BDim } from "../../../engine/core/primitive";
import type { Value } from "../../../engine/core/tracer";
import { jnp, nn } from "../../../engine/numpy";
import { closeTo, fromEngine, randomRef, stackRef, takeRef, toEngine } from "../../helpers/reference";
import { batchLog, miniVmap } from "../primitives/miniTransforms";
import { useX64 } from "../../helpers/x64";

// References are float64 loops: compare with x64 on.
useX64();

type F = (...xs: Value[]) => Value;
const programs: [string, F, number[][]][] = [
  ["add", (a, b) => jnp.add(a, b), [[2, 3], [3]]],
  ["sum(-1)", (a) => jnp.sum(a, { axis: -1 }), [[2, 3]]],
  ["mean((0,1))", (a) => jnp.mean(a, [0, 1]), [[2, 3]]],
  ["max keepdims", (a) => jnp.max(a, { axis: 0, keepdims: true }), [[3, 2]]],
  ["prod(1)", (a) => jnp.prod(a, 1), [[2, 3]]],
  ["dot", (a, b) => jnp.dot(a, b), [[2, 3], [3]]],
  ["vdot", (a, b) => jnp.vdot(a, b), [[2, 3], [6]]],
  ["matmul", (a, b) => jnp.matmul(a, b), [[2, 2, 3], [3, 2]]],
  ["outer", (a, b) => jnp.outer(a, b), [[2], [3]]],
  ["einsum", (a, b) => jnp.einsum("ij,jk->ki", a, b), [[2, 3], [3, 2]]],
  ["transpose", (a) => jnp.transpose(a), [[2, 3, 4]]],
  ["reshape", (a) => jnp.reshape(a, [-1]), [[2, 3]]],
  ["moveaxis", (a) => jnp.moveaxis(a, 0, -1), [[2, 3, 4]]],
  ["squeeze∘expand_dims", (a) => jnp.squeeze(jnp.expand_dims(a, 1), 1), [[2, 3]]],
  ["concatenate", (a, b) => jnp.concatenate([a, b], 1), [[2, 3], [2, 1]]],
  ["stack", (a, b) => jnp.stack([a, b], -1), [[2, 3], [2, 3]]],
  ["where", (a, b) => jnp.where(jnp.greater(a, 0), a, b), [[2, 3], [3]]],
  ["index", (a) => jnp.index(a, [{ step: -1 }, null, 1]), [[3, 4]]],
  ["power+minimum", (a, b) => jnp.add(jnp.power(a, 2), jnp.minimum(a, b)), [[2, 3], [2, 1]]],
  ["softmax", (a) => nn.softmax(a), [[2, 3]]],
  ["relu∘sigmoid", (a) => nn.relu(jnp.subtract(nn.sigmoid(a), 0.5)), [[2, 3]]],
  ["zeros_like + x", (a) => jnp.add(jnp.zeros_like(a), a), [[2]]],
];

const B = 3;
const insert = (s: number[], d: BDim) => (d === null ? s : [...s.slice(0, d), B, ...s.slice(d)]);

describe("jnp under vmap equals the per-example loop", () => {
  it("for random programs and in_axes (property)", () => {
    const arb = fc.nat(programs.length - 1).chain((p) =>
      fc.tuple(
        fc.constant(p),
        fc.tuple(...programs[p][2].map((s) => fc.option(fc.nat(s.length), { nil: null }))).filter((ax) => ax.some((a) => a !== null)),
        fc.integer(),
      ),
    );
    fc.assert(
      fc.property(arb, ([p, inAxes, seed]) => {
        const [, f, shapes] = programs[p];
        const refs = shapes.map((s, i) => randomRef(insert(s, inAxes[i]), seed + i));
        const out = fromEngine(miniVmap(f, inAxes)(...refs.map(toEngine)));
        const per = Array.from({ length: B }, (_, k) =>
          fromEngine(f(...refs.map((r, i) => toEngine(inAxes[i] === null ? r : takeRef(r, inAxes[i] as number, k))))),
        );
        expect(closeTo(out, stackRef(per, 0), 1e-12, 1e-12), programs[p][0]).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});

describe("under vmap, errors quote per-example shapes", () => {
  const zeros = (shape: number[]) => toEngine({ shape, data: new Array(shape.reduce((a, b) => a * b, 1)).fill(0) });

  it("rank-promotion message, in_axes (None, 1)", () => {
    const f = miniVmap((a, b) => jnp.add(a, b), [null, 1]);
    expect(() => f(zeros([2, 3, 5, 7, 9]), zeros([2, 3, 5, 7, 9]))).toThrow(
      "Incompatible shapes for broadcasting: shapes=[(2, 3, 5, 7, 9), (2, 5, 7, 9)]",
    );
  });

  it("same-rank message, axis message, contraction message", () => {
    expect(() => miniVmap((a, b) => jnp.multiply(a, b), [0, 0])(zeros([4, 2, 3]), zeros([4, 3, 2]))).toThrow(
      "mul got incompatible shapes for broadcasting: (2, 3), (3, 2).",
    );
    expect(() => miniVmap((a) => jnp.sum(a, { axis: 2 }), [0])(zeros([4, 2, 3]))).toThrow("axis 2 is out of bounds for array of dimension 2");
    expect(() => miniVmap((a, b) => jnp.dot(a, b), [1, null])(zeros([3, 4]), zeros([4]))).toThrow(
      "dot_general requires contracting dimensions to have the same shape, got (3,) and (4,).",
    );
    expect(() => miniVmap((a) => jnp.index(a, 3), [0])(zeros([5, 3]))).toThrow("index 3 is out of bounds for axis 0 with size 3");
    expect(() => miniVmap((a) => jnp.matmul(a, a), [0])(zeros([5]))).toThrow("matmul input operand 0 must have ndim at least 1, but it has ndim 0");
  });
});

describe("vmap of products stays one dot_general", () => {
  it("vmap(jnp.dot, (0, None)) and vmap(jnp.dot) bind a single dot_general", () => {
    const A = toEngine(randomRef([4, 3], 1));
    const x = toEngine(randomRef([3], 2));
    batchLog.length = 0;
    miniVmap((a, b) => jnp.dot(a, b), [0, null])(A, x);
    expect(batchLog).toEqual(["dot_general"]);
    batchLog.length = 0;
    miniVmap((a, b) => jnp.dot(a, b), [0, 0])(A, A);
    expect(batchLog).toEqual(["dot_general"]);
  });

  it("nested vmap of vdot (mat-mat) is one dot_general per level", () => {
    const X = randomRef([4, 3], 1);
    const Y = randomRef([3, 2], 2);
    batchLog.length = 0;
    const mv = (a: Value, b: Value) => miniVmap((r, c) => jnp.vdot(r, c), [0, null])(a, b);
    const mm = miniVmap(mv, [null, 1]);
    const out = fromEngine(mm(toEngine(X), toEngine(Y)));
    expect(batchLog.filter((n) => n === "dot_general")).toHaveLength(2);
    expect(batchLog.filter((n) => n !== "dot_general" && n !== "transpose")).toEqual([]);
    // out[k, i] = Σ_j X[i, j] Y[j, k]  (outer vmap's axis first)
    for (let k = 0; k < 2; k++)
      for (let i = 0; i < 4; i++) {
        let s = 0;
        for (let j = 0; j < 3; j++) s += X.data[i * 3 + j] * Y.data[j * 2 + k];
        expect(out.data[k * 4 + i]).toBeCloseTo(s, 12);
      }
  });
});
