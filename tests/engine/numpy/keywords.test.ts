/**
 * The keywords JAX's jnp functions accept (jax/_src/numpy/{reductions,lax_numpy,einsum,
 * array_creation}.py), from JS and from the lambda language, checked against loop references:
 * reductions' initial/where, mean's where, reshape/ravel order, einsum's optimize (ignored),
 * dtype (float accepted, others refused), zeros_like shape, softmax where, and the axis
 * keywords of the shape functions.
 */
import { describe, expect, it } from "vitest";
import { grad, jnp, nn, np, parseLambda, vmap, type NDArray } from "../../../engine";
import { caught } from "../../helpers/caught";
import { useX64 } from "../../helpers/x64";

// References are float64 loops: compare with x64 on (float32 runs: tests/engine/dtypes.test.ts).
useX64();

const x = np.array([[1, -2, 3], [4, 5, -6]]);
const mask = np.array([[1, 0, 1], [0, 1, 1]]);
const X = [[1, -2, 3], [4, 5, -6]];
const M = [[1, 0, 1], [0, 1, 1]];
const list = (v: unknown) => (v as NDArray).tolist();
const run = (src: string, ...args: unknown[]) => parseLambda(src)(...args);


/** Loop reference: fold the kept elements of each row (axis=1) or column (axis=0). */
function masked(axis: 0 | 1, fold: (acc: number, v: number) => number, init: number): number[] {
  const out: number[] = [];
  const [R, C] = [2, 3];
  for (let o = 0; o < (axis === 1 ? R : C); o++) {
    let acc = init;
    for (let k = 0; k < (axis === 1 ? C : R); k++) {
      const [i, j] = axis === 1 ? [o, k] : [k, o];
      if (M[i][j]) acc = fold(acc, X[i][j]);
    }
    out.push(acc);
  }
  return out;
}

describe("reductions: initial and where", () => {
  it("sum/prod/max/min with where and initial match a masked loop", () => {
    for (const axis of [0, 1] as const) {
      expect(list(jnp.sum(x, { axis, where: mask, initial: 10 }))).toEqual(masked(axis, (a, v) => a + v, 10));
      expect(list(jnp.prod(x, { axis, where: mask }))).toEqual(masked(axis, (a, v) => a * v, 1));
      expect(list(jnp.max(x, { axis, where: mask, initial: -100 }))).toEqual(masked(axis, Math.max, -100));
      expect(list(jnp.min(x, { axis, where: mask, initial: 100 }))).toEqual(masked(axis, Math.min, 100));
    }
    expect(list(run("lambda x, m: jnp.sum(x, axis=1, keepdims=True, where=m, initial=1.5)", x, mask))).toEqual(masked(1, (a, v) => a + v, 1.5).map((s) => [s]));
  });

  it("initial bounds max/min from the outside and makes an empty max defined", () => {
    expect(list(jnp.max(x, { axis: 1, initial: 4.5 }))).toEqual([4.5, 5]);
    expect(list(jnp.max(np.array([]), { initial: 7 }))).toBe(7);
  });

  it("max with where but no initial, and a non-scalar initial, are JAX's ValueErrors", () => {
    const e = caught(() => run("lambda x, m: jnp.max(x, where=m)", x, mask));
    expect([e.pyType, e.message]).toEqual(["ValueError", "reduction operation max does not have an identity, so to use a where mask one has to specify 'initial'"]);
    const e2 = caught(() => jnp.sum(x, { initial: np.array([1, 2]) }));
    expect([e2.pyType, e2.message]).toEqual(["ValueError", "initial value must be a scalar. Got array of shape (2,)"]);
  });

  it("mean with where divides by the number of kept elements", () => {
    const sums = masked(1, (a, v) => a + v, 0);
    const counts = M.map((r) => r.reduce((a, b) => a + b, 0));
    expect(list(run("lambda x, m: jnp.mean(x, axis=1, where=m)", x, mask))).toEqual(sums.map((s, i) => s / counts[i]));
  });

  it("the gradient of a masked sum is the mask; vmap maps the mask with the data", () => {
    expect(list(grad((a: NDArray) => jnp.sum(a, { where: mask }))(x))).toEqual(M);
    const rows = vmap((a: NDArray, m: NDArray) => jnp.sum(a, { where: m }))(x, mask);
    expect(list(rows)).toEqual(masked(1, (a, v) => a + v, 0));
  });
});

describe("reshape and ravel: shape= and order=", () => {
  it("order='F' fills column-major, as a loop does", () => {
    const flatF = [1, 4, -2, 5, 3, -6]; // column-major reading of X
    expect(list(jnp.ravel(x, "F"))).toEqual(flatF);
    const r = run("lambda x: jnp.reshape(x, shape=(3, 2), order='F')", x) as NDArray;
    // Column-major fill of a 3x2 from the column-major sequence.
    expect(r.tolist()).toEqual([[flatF[0], flatF[3]], [flatF[1], flatF[4]], [flatF[2], flatF[5]]]);
    expect(list(run("lambda x: x.reshape(-1)", x))).toEqual(X.flat());
  });

  it("order='A' and unknown orders are JAX's errors; newshape= was removed", () => {
    const a = caught(() => jnp.reshape(x, [3, 2], "A"));
    expect([a.pyType, a.message]).toEqual(["NotImplementedError", "np.reshape order=A is not implemented."]);
    const q = caught(() => jnp.reshape(x, [3, 2], "Q"));
    expect([q.pyType, q.message]).toEqual(["ValueError", "Unexpected value for 'order' argument: Q."]);
    const n = caught(() => run("lambda x: jnp.reshape(x, newshape=(3, 2))", x));
    expect(n.pyType).toBe("TypeError");
    expect(n.message).toContain("unexpected keyword argument 'newshape'");
  });
});

describe("keywords of the shape functions, from the lambda language", () => {
  it("axis/axes/axis1/axis2/source/destination by keyword give the positional results", () => {
    const pairs: [string, string][] = [
      ["jnp.expand_dims(x, axis=1)", "jnp.expand_dims(x, 1)"],
      ["jnp.transpose(x, axes=(1, 0))", "jnp.transpose(x, (1, 0))"],
      ["jnp.swapaxes(x, axis1=0, axis2=1)", "jnp.swapaxes(x, 0, 1)"],
      ["jnp.moveaxis(x, source=0, destination=-1)", "jnp.moveaxis(x, 0, -1)"],
      ["jnp.stack([x, x], axis=2)", "jnp.stack([x, x], 2)"],
      ["jnp.concatenate([x, x], axis=1)", "jnp.concatenate([x, x], 1)"],
      ["jnp.squeeze(jnp.expand_dims(x, 0), axis=0)", "x"],
      ["jnp.zeros_like(x, shape=(4,))", "jnp.zeros(4)"],
    ];
    for (const [kwForm, posForm] of pairs) {
      if (posForm.startsWith("jnp.zeros(")) {
        expect(list(run(`lambda x: ${kwForm}`, x))).toEqual([0, 0, 0, 0]);
        continue;
      }
      expect(list(run(`lambda x: ${kwForm}`, x))).toEqual(list(run(`lambda x: ${posForm}`, x)));
    }
  });

  it("einsum accepts optimize (ignored) and keyword-only arguments are not positional", () => {
    expect(list(run("lambda x: jnp.einsum('ij->j', x, optimize='greedy')", x))).toEqual([5, 3, -3]);
    expect(list(run("lambda x: jnp.dot(x[0], x[1], precision=None)", x))).toEqual(1 * 4 + -2 * 5 + 3 * -6);
    const e = caught(() => (jnp.mean as (...a: unknown[]) => unknown)(x, null, null, null, false, mask));
    expect(e.pyType).toBe("TypeError");
    expect(e.message).toBe("mean() takes from 1 to 5 positional arguments but 6 were given");
  });

  it("dtype: a float dtype is accepted, any other is refused in words", () => {
    expect(list(run("lambda x: jnp.sum(x, axis=0, dtype='float32')", x))).toEqual([5, 3, -3]);
    // int32 exists (tests/engine/dtypes.test.ts): the sum is int32's; a dtype the playground lacks is refused.
    const s32 = run("lambda x: jnp.sum(x, dtype='int32')", x) as NDArray;
    expect(s32.dtype).toBe("int32");
    const e = caught(() => run("lambda x: jnp.sum(x, dtype='uint8')", x));
    expect(e.message).toContain("dtype='uint8' is not supported");
  });

  it("softmax with where: masked-out entries are 0, the rest a softmax over the kept ones", () => {
    const out = nn.softmax(x, { where: mask }) as NDArray;
    const ref = X.map((row, i) => {
      const kept = row.filter((_, j) => M[i][j]);
      const m = Math.max(...kept);
      const z = kept.reduce((a, v) => a + Math.exp(v - m), 0);
      return row.map((v, j) => (M[i][j] ? Math.exp(v - m) / z : 0));
    });
    (out.tolist() as number[][]).forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(ref[i][j], 12)));
  });
});

describe("array methods take the same keywords", () => {
  it("x.sum(where=, initial=), x.max(initial=, where=), x.reshape(..., order='F')", () => {
    expect(list(run("lambda x, m: x.sum(axis=1, where=m, initial=2)", x, mask))).toEqual(masked(1, (a, v) => a + v, 2));
    expect(list(run("lambda x, m: x.max(axis=0, where=m, initial=-50)", x, mask))).toEqual(masked(0, Math.max, -50));
    expect(list(run("lambda x: x.reshape(3, 2, order='F')", x))).toEqual(list(jnp.reshape(x, [3, 2], "F")));
    const e = caught(() => run("lambda x: x.mean(initial=1)", x));
    expect(e.pyType).toBe("TypeError");
    expect(list(run("lambda x: x.sum(0, dtype='float32', out=None)", x))).toEqual([5, 3, -3]);
    // jnp.max has no dtype: Python's TypeError, as x.max(dtype=...) is in JAX.
    expect(caught(() => run("lambda x: x.max(dtype='float32')", x)).pyType).toBe("TypeError");
  });
});

describe("out= and the ufunc objects' out=/where=", () => {
  it("None is accepted; anything else is JAX's NotImplementedError", () => {
    expect(list(run("lambda x: jnp.add(x, x, out=None, where=None)", x))).toEqual(X.map((r) => r.map((v) => 2 * v)));
    expect(list(run("lambda x: jnp.negative(x, out=None)", x))).toEqual(X.map((r) => r.map((v) => -v)));
    expect(list(run("lambda x: jnp.sum(x, out=None)", x))).toBe(5);
    const u = caught(() => run("lambda x: jnp.add(x, x, where=x)", x));
    expect([u.pyType, u.message]).toEqual(["NotImplementedError", "where argument of <jnp.ufunc 'add'>"]);
    const s = caught(() => run("lambda x: jnp.sum(x, out=x)", x));
    expect([s.pyType, s.message]).toEqual(["NotImplementedError", "The 'out' argument to jnp.sum is not supported."]);
    // Plain functions (jnp.divide) have positional-only operands and no keywords at all.
    expect(caught(() => run("lambda x: jnp.divide(x, x, out=None)", x)).pyType).toBe("TypeError");
  });
});
