/**
 * Each pass (dce, cse, constant folding) on its own: what it removes or merges, that the result
 * typechecks, and — over random programs — that it never changes the numbers (the impl
 * interpreter on the rewritten jaxpr equals running the function eagerly).
 */
import fc from "fast-check";
import type { Value } from "../../../engine/core/tracer";
import { describe, expect, it } from "vitest";
import { makeJaxpr, NDArray } from "../../../engine";
import { runJaxprImpl } from "../../../engine/ir/interpret";
import { Lit, typecheckJaxpr, type Jaxpr } from "../../../engine/ir/jaxpr";
import { cse, dce, foldConstants, FOLD_LIMIT, optimize } from "../../../engine/ir/passes";
import { lax } from "../../../engine/primitives";
import { caseArb, inputsOf, programOf, sameNumbers } from "./programs";
import { useX64 } from "../../helpers/x64";

// References are float64 loops: compare with x64 on (float32 runs: tests/engine/dtypes.test.ts).
useX64();

type V = Value;
const vec = (...xs: number[]) => new NDArray(Float64Array.from(xs), [xs.length]);
const names = (j: Jaxpr) => j.eqns.map((e) => e.prim.name);

describe("dce", () => {
  it("drops equations whose results are never used, and unused constants", () => {
    const w = vec(1, 2, 3);
    const f = (x: V) => {
      lax.add(lax.sin(x), w); // dead, and the only use of w
      return lax.cos(x);
    };
    const j = makeJaxpr(f)(vec(0, 0, 0)).jaxpr;
    expect(names(j)).toEqual(["sin", "add", "cos"]);
    const d = dce(j);
    expect(names(d)).toEqual(["cos"]);
    expect(d.constvars.length).toBe(0);
    typecheckJaxpr(d);
    expect(d.invars).toEqual(j.invars);
  });
});

describe("cse", () => {
  it("merges equal equations (same primitive, params and inputs) and their uses", () => {
    const f = (x: V) => lax.add(lax.reduceSum(lax.sin(x), [0]), lax.reduceSum(lax.sin(x), [0]));
    const j = makeJaxpr(f)(vec(1, 2)).jaxpr;
    expect(names(j)).toEqual(["sin", "reduce_sum", "sin", "reduce_sum", "add"]);
    const c = cse(j);
    expect(names(c)).toEqual(["sin", "reduce_sum", "add"]);
    expect(c.eqns[2].inputs[0]).toBe(c.eqns[2].inputs[1]);
    typecheckJaxpr(c);
  });

  it("keeps equations whose params differ, and literals are compared by value", () => {
    const f = (x: V) => [lax.reduceSum(x, [0]), lax.reduceSum(x, [1]), lax.mul(x, 2), lax.mul(x, 2), lax.mul(x, 3)];
    const c = cse(makeJaxpr(f)(new NDArray(new Float64Array(4), [2, 2])).jaxpr);
    expect(names(c)).toEqual(["reduce_sum", "reduce_sum", "mul", "mul"]);
    expect(c.outvars[2]).toBe(c.outvars[3]);
  });
});

describe("foldConstants", () => {
  it("evaluates constant-only equations: scalars become literals, arrays constvars", () => {
    const w = vec(1, 2, 3);
    const f = (x: V) => lax.add(lax.mul(x, lax.sin(2)), lax.exp(w));
    const j = makeJaxpr(f)(vec(0, 0, 0)).jaxpr;
    expect(names(j)).toEqual(["sin", "mul", "exp", "add"]);
    const k = foldConstants(j);
    expect(names(k)).toEqual(["mul", "add"]);
    const lit = k.eqns[0].inputs[1] as Lit;
    expect(lit).toBeInstanceOf(Lit);
    expect(lit.val.item()).toBe(Math.sin(2));
    const folded = k.consts[k.consts.length - 1] as NDArray;
    expect(folded.tolist()).toEqual([1, 2, 3].map(Math.exp));
    typecheckJaxpr(k);
    expect(runJaxprImpl(k, [vec(1, 2, 3)])[0].tolist()).toEqual([1, 2, 3].map((v) => v * Math.sin(2) + Math.exp(v)));
  });

  it(`leaves results above FOLD_LIMIT (${FOLD_LIMIT}) to run time`, () => {
    const big = new NDArray(new Float64Array(FOLD_LIMIT + 1), [FOLD_LIMIT + 1]);
    const j = makeJaxpr((x: V) => lax.add(x, lax.cos(big)))(big).jaxpr;
    expect(names(foldConstants(j))).toEqual(["cos", "add"]);
  });
});

describe("every pass keeps the numbers, over random programs", () => {
  it("dce, cse, foldConstants and the pipeline each typecheck and equal eager evaluation", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const [x, y] = inputsOf(c);
        const f = programOf(c.choices);
        const eager = f(x, y) as NDArray[];
        const j = makeJaxpr(f)(x, y).jaxpr;
        typecheckJaxpr(j);
        for (const pass of [dce, cse, foldConstants, optimize]) {
          const p = pass(j);
          typecheckJaxpr(p);
          const got = runJaxprImpl(p, [x, y]);
          got.forEach((g, i) => expect(sameNumbers(g, eager[i]), `${pass.name} output ${i}`).toBe(true));
        }
      }),
      { numRuns: 200 },
    );
  });
});
