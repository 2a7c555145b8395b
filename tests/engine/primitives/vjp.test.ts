/**
 * Every primitive's VJP, called directly on concrete arrays, against central finite differences
 * along a random direction (⟨ct, J·v⟩ = ⟨J^T·ct, v⟩), plus JAX's values at the points where the
 * derivative is a convention: max/min ties split 0.5/0.5, abs at 0 is +1, reduce_max ties share,
 * reduce_prod with zeros, pow's exponent cotangent at x = 0.
 */
import { describe, expect, it } from "vitest";
import type { NDArray } from "../../../engine/array/ndarray";
import type { Value } from "../../../engine/core/tracer";
import * as P from "../../../engine/primitives";
import { fromEngine, randomRef, toEngine, type Ref } from "../../helpers/reference";
import { cases, operands } from "./cases";
import { useX64 } from "../../helpers/x64";

// References are float64 loops: compare with x64 on.
useX64();

const inner = (a: Ref, b: Ref) => a.data.reduce((s, v, i) => s + v * b.data[i], 0);
const arr = (data: number[], shape = [data.length]) => toEngine({ shape, data });
const list = (v: Value | null) => (v === null ? null : (v as NDArray).tolist());

describe("VJPs against central differences", () => {
  it.each(cases.map((c) => [c.label, c] as const))("%s", (_label, c) => {
    for (const seed of [3, 17]) {
      const refs = operands(c, seed);
      const xs = refs.map(toEngine);
      const [out] = c.prim.impl(xs, c.params);
      const ct = randomRef(out.shape, seed + 50);
      const grads = c.prim.vjp!([toEngine(ct)], xs, [out], c.params);
      expect(grads).toHaveLength(xs.length);
      refs.forEach((r, i) => {
        if (c.nondiff?.includes(i)) return expect(grads[i]).toBeNull();
        const v = randomRef(r.shape, seed + 100 + i);
        const h = 1e-6;
        const at = (t: number) => {
          const moved = refs.map((q, k) => (k === i ? toEngine({ shape: q.shape, data: q.data.map((x, j) => x + t * v.data[j]) }) : xs[k]));
          return inner(ct, fromEngine(c.prim.impl(moved, c.params)[0]));
        };
        const fd = (at(h) - at(-h)) / (2 * h);
        const g = grads[i];
        const analytic = g === null ? 0 : inner(fromEngine(g), v);
        if (g !== null) expect(g.shape, `cotangent shape of operand ${i}`).toEqual(r.shape);
        expect(Math.abs(fd - analytic), `operand ${i}: fd ${fd} vs vjp ${analytic}`).toBeLessThan(1e-5 * (1 + Math.abs(analytic)));
      });
    }
  });

  it("returns null cotangents for a null output cotangent", () => {
    for (const c of cases) {
      const xs = operands(c, 1).map(toEngine);
      const outs = c.prim.impl(xs, c.params);
      expect(c.prim.vjp!([null], xs, outs, c.params).every((g) => g === null), c.label).toBe(true);
    }
  });
});

describe("VJPs at JAX's conventional points", () => {
  const ones = (n: number) => arr(new Array(n).fill(1));

  it("max/min split a tie 0.5/0.5 (JAX `_balanced_eq`), also through broadcasting", () => {
    const x = arr([1, 3, 2]);
    const y = arr([1]);
    const out = P.maxP.impl([x, y], {})[0];
    const [gx, gy] = P.maxP.vjp!([ones(3)], [x, y], [out], {});
    expect(list(gx)).toEqual([0.5, 1, 1]);
    expect(list(gy)).toEqual([0.5]);
    const m = P.minP.impl([x, y], {})[0];
    const [hx, hy] = P.minP.vjp!([ones(3)], [x, y], [m], {});
    expect(list(hx)).toEqual([0.5, 0, 0]);
    expect(list(hy)).toEqual([2.5]);
  });

  it("abs has derivative +1 at 0 (JAX `select(x >= 0, g, -g)`)", () => {
    const x = arr([-2, 0, 3]);
    const [g] = P.absP.vjp!([arr([5, 5, 5])], [x], P.absP.impl([x], {}), {});
    expect(list(g)).toEqual([-5, 5, 5]);
  });

  it("reduce_max/reduce_min share the cotangent among tied maxima", () => {
    const x = arr([3, 1, 3, 0, 2, 2], [2, 3]);
    const out = P.reduceMaxP.impl([x], { axes: [1] })[0];
    const [g] = P.reduceMaxP.vjp!([arr([6, 4])], [x], [out], { axes: [1] });
    expect(list(g)).toEqual([[3, 0, 3], [0, 2, 2]]);
    const mn = P.reduceMinP.impl([x], { axes: [0, 1] })[0];
    const [h] = P.reduceMinP.vjp!([arr([1], [])], [x], [mn], { axes: [0, 1] });
    expect(list(h)).toEqual([[0, 0, 0], [1, 0, 0]]);
  });

  it("reduce_prod: product of the other entries, exact at zeros", () => {
    const grad = (data: number[]) => {
      const x = arr(data);
      return list(P.reduceProdP.vjp!([arr([1], [])], [x], P.reduceProdP.impl([x], { axes: [0] }), { axes: [0] })[0]);
    };
    expect(grad([2, 3, 4])).toEqual([12, 8, 6]);
    expect(grad([2, 0, 3])).toEqual([0, 6, 0]);
    expect(grad([0, 5, 0])).toEqual([0, 0, 0]);
  });

  it("pow: the exponent's cotangent is 0 at x = 0 (JAX `_replace_zero`), the base's is y·x^(y−1)", () => {
    const x = arr([0, 2]);
    const y = arr([2.5, 3]);
    const out = P.powP.impl([x, y], {})[0];
    const [gx, gy] = P.powP.vjp!([ones(2)], [x, y], [out], {});
    expect(list(gx)).toEqual([0, 12]);
    expect(list(gy)).toEqual([0, Math.log(2) * 8]);
  });

  it("integer_pow with y = 0 has no cotangent; sqrt uses g·0.5/ans", () => {
    const x = arr([4]);
    expect(P.integerPowP.vjp!([ones(1)], [x], [ones(1)], { y: 0 })).toEqual([null]);
    expect(list(P.sqrtP.vjp!([arr([3])], [x], [arr([2])], {})[0])).toEqual([3 * (0.5 / 2)]);
  });

  it("select_n routes the cotangent to the chosen case and sums broadcast cases back", () => {
    const pred = arr([1, 0, 1]);
    const c0 = arr([1, 2, 3]);
    const c1 = arr([7], []);
    const out = P.selectNP.impl([pred, c0, c1], {})[0];
    const [gp, g0, g1] = P.selectNP.vjp!([arr([10, 20, 30])], [pred, c0, c1], [out], {});
    expect(gp).toBeNull();
    expect(list(g0)).toEqual([0, 20, 0]);
    expect(list(g1)).toEqual(40);
  });
});
