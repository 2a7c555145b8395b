/**
 * jnp.dot, vdot, matmul, outer against plain loops written from NumPy's definitions (matmul's
 * batch broadcasting included), their rank rules and JAX's messages.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { NDArray } from "../../../engine/array/ndarray";
import { jnp } from "../../../engine/numpy";
import { broadcastShape, closeTo, fromEngine, randomRef, ravel, sizeOf, toEngine, unravel, type Ref } from "../../helpers/reference";
import { useX64 } from "../../helpers/x64";

// References are float64 loops: compare with x64 on.
useX64();

/** NumPy matmul by loops: 1-d operands promoted then their axis dropped; batch dims broadcast. */
function matmulRef(a: Ref, b: Ref): Ref {
  const A = a.shape.length === 1 ? { ...a, shape: [1, a.shape[0]] } : a;
  const Bm = b.shape.length === 1 ? { ...b, shape: [b.shape[0], 1] } : b;
  const batch = broadcastShape(A.shape.slice(0, -2), Bm.shape.slice(0, -2))!;
  const [n, k] = A.shape.slice(-2);
  const m = Bm.shape[Bm.shape.length - 1];
  const shape = [...batch, n, m];
  const pick = (r: Ref, bidx: number[], i: number, j: number) => {
    const lead = r.shape.length - 2;
    const own = r.shape.slice(0, lead).map((d, q) => (d === 1 ? 0 : bidx[bidx.length - lead + q]));
    return r.data[ravel([...own, i, j], r.shape)];
  };
  const data = Array.from({ length: sizeOf(shape) }, (_, o) => {
    const idx = unravel(o, shape);
    const bidx = idx.slice(0, batch.length);
    let s = 0;
    for (let t = 0; t < k; t++) s += pick(A, bidx, idx[batch.length], t) * pick(Bm, bidx, t, idx[batch.length + 1]);
    return s;
  });
  let outShape = shape;
  if (a.shape.length === 1) outShape = outShape.filter((_, i) => i !== batch.length);
  if (b.shape.length === 1) outShape = outShape.slice(0, -1);
  return { shape: outShape, data };
}

/** NumPy dot by loops: contract a's last axis with b's only or second-to-last axis. */
function dotRef(a: Ref, b: Ref): Ref {
  if (!a.shape.length || !b.shape.length) {
    const s = a.shape.length ? a : b;
    const c = a.shape.length ? b.data[0] : a.data[0];
    return { shape: s.shape, data: s.data.map((v) => v * c) };
  }
  const bk = b.shape.length === 1 ? 0 : b.shape.length - 2;
  const aFree = a.shape.slice(0, -1);
  const bFree = b.shape.filter((_, i) => i !== bk);
  const shape = [...aFree, ...bFree];
  const K = a.shape[a.shape.length - 1];
  const data = Array.from({ length: sizeOf(shape) }, (_, o) => {
    const idx = unravel(o, shape);
    const ai = idx.slice(0, aFree.length);
    const bi = idx.slice(aFree.length);
    let s = 0;
    for (let t = 0; t < K; t++) {
      const bIdx = [...bi];
      bIdx.splice(bk, 0, t);
      s += a.data[ravel([...ai, t], a.shape)] * b.data[ravel(bIdx, b.shape)];
    }
    return s;
  });
  return { shape, data };
}

const dim = fc.integer({ min: 1, max: 3 });

describe("jnp.matmul", () => {
  it("broadcasts batch dims like NumPy, for every rank combination (property)", () => {
    const batchPair = fc.array(dim, { maxLength: 3 }).chain((batch) =>
      fc.tuple(
        ...[0, 1].map(() =>
          fc.tuple(fc.nat(batch.length), fc.array(fc.boolean(), { minLength: batch.length, maxLength: batch.length })).map(([drop, ones]) =>
            batch.slice(drop).map((d, i) => (ones[i + drop] ? 1 : d)),
          ),
        ),
      ),
    );
    fc.assert(
      fc.property(batchPair, fc.tuple(dim, dim, dim), fc.boolean(), fc.boolean(), ([ba, bb], [n, k, m], aVec, bVec) => {
        const aShape = aVec ? [k] : [...ba, n, k];
        const bShape = bVec ? [k] : [...bb, k, m];
        const a = randomRef(aShape, 1);
        const b = randomRef(bShape, 2);
        const out = jnp.matmul(toEngine(a), toEngine(b)) as NDArray;
        expect(closeTo(fromEngine(out), matmulRef(a, b), 1e-12, 1e-12)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it("raises JAX's rank, contraction and batch messages", () => {
    const a = toEngine(randomRef([2, 3]));
    expect(() => jnp.matmul(1, a)).toThrow("matmul input operand 0 must have ndim at least 1, but it has ndim 0");
    expect(() => jnp.matmul(a, 2)).toThrow("matmul input operand 1 must have ndim at least 1, but it has ndim 0");
    expect(() => jnp.matmul(a, toEngine(randomRef([4, 2])))).toThrow("dot_general requires contracting dimensions to have the same shape, got (3,) and (4,).");
    expect(() => jnp.matmul(toEngine(randomRef([2, 2, 3])), toEngine(randomRef([5, 3, 2])))).toThrow(
      "Incompatible shapes for matmul arguments: (2, 2, 3) and (5, 3, 2)",
    );
  });
});

describe("jnp.dot, vdot, outer", () => {
  it("dot follows NumPy's rank rules (property)", () => {
    const shapes = fc.tuple(fc.array(dim, { maxLength: 3 }), fc.array(dim, { maxLength: 3 }), dim).map(([as, bs, k]) => {
      const a = as.length ? [...as.slice(0, -1), k] : [];
      const b = bs.length === 0 ? [] : bs.length === 1 ? [k] : [...bs.slice(0, -2), k, bs[bs.length - 1]];
      return [a, b];
    });
    fc.assert(
      fc.property(shapes, fc.integer(), ([as, bs], seed) => {
        const a = randomRef(as, seed);
        const b = randomRef(bs, seed + 1);
        expect(closeTo(fromEngine(jnp.dot(toEngine(a), toEngine(b))), dotRef(a, b), 1e-12, 1e-12)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it("hand-worked values", () => {
    const v = toEngine({ shape: [3], data: [1, 2, 3] });
    const m = toEngine({ shape: [2, 3], data: [1, 0, 0, 0, 1, 1] });
    expect((jnp.dot(v, v) as NDArray).tolist()).toBe(14);
    expect((jnp.dot(m, v) as NDArray).tolist()).toEqual([1, 5]);
    expect((jnp.dot(2, v) as NDArray).tolist()).toEqual([2, 4, 6]);
    expect((jnp.vdot(m, m) as NDArray).tolist()).toBe(3);
    expect((jnp.outer(v, m) as NDArray).tolist()).toEqual([
      [1, 0, 0, 0, 1, 1],
      [2, 0, 0, 0, 2, 2],
      [3, 0, 0, 0, 3, 3],
    ]);
  });

  it("dot and vdot raise the dot_general contraction message", () => {
    expect(() => jnp.dot(toEngine(randomRef([2, 3])), toEngine(randomRef([4])))).toThrow(
      "dot_general requires contracting dimensions to have the same shape, got (3,) and (4,).",
    );
    expect(() => jnp.vdot(toEngine(randomRef([3])), toEngine(randomRef([2, 2])))).toThrow(
      "dot_general requires contracting dimensions to have the same shape, got (3,) and (4,).",
    );
  });
});
