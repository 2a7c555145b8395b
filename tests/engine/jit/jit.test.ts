/**
 * jit through the contract: jit(f) = f = interpret(makeJaxpr(f)) on random jnp functions, with
 * codegen and under the CSP fallback; the trace cache (JAX's testBatchOfCompile: a side effect
 * in f happens once across calls of jit(vmap(jit(f)))); pytrees; composition with vmap and grad
 * (the derivative five ways, checked against the hand formula); closures over tracers; stats.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { EngineError, grad, jit, jnp, makeJaxpr, np, vmap, type NDArray } from "../../../engine";
import { setCodegenAllowed } from "../../../engine/ir/csp";
import { evalJaxpr } from "../../../engine/ir/interpret";
import { typecheckJaxpr } from "../../../engine/ir/jaxpr";
import { jitStats } from "../../../engine/transforms/gradJitLazy";
import { jnpCaseArb, jnpInputs, jnpProgram, leaves, sameNumbers } from "./jnpPrograms";
import { useX64 } from "../../helpers/x64";
import { laneSum } from "../../helpers/reference";
import { tanh } from "../../../engine/array/tanh";

// References are float64 loops: compare with x64 on (float32 runs: tests/engine/dtypes.test.ts).
useX64();

type V = ReturnType<typeof jnp.sin>;
afterEach(() => setCodegenAllowed(null));

const seq = (shape: number[], f: (i: number) => number = (i) => Math.sin(i) * 2) =>
  np.array(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => f(i)), shape);
const list = (x: unknown) => (x as NDArray).tolist();

describe("jit(f) = f = interpret(makeJaxpr(f))", () => {
  it("on random jnp functions, compiled and interpreted (CSP fallback)", () => {
    fc.assert(
      fc.property(jnpCaseArb, (c) => {
        const [x, y] = jnpInputs(c);
        const f = jnpProgram(c.choices);
        const eager = leaves(f(x, y));
        const closed = makeJaxpr(f)(x, y);
        typecheckJaxpr(closed.jaxpr);
        const interp = evalJaxpr(closed.jaxpr, undefined, [x, y]) as NDArray[];
        const compiled = leaves(jit(f)(x, y));
        setCodegenAllowed(false);
        const interpreted = leaves(jit(f)(x, y));
        setCodegenAllowed(null);
        eager.forEach((e, i) => {
          expect(sameNumbers(interp[i], e), `interpret output ${i}`).toBe(true);
          expect(sameNumbers(compiled[i], e), `compiled output ${i}`).toBe(true);
          expect(sameNumbers(interpreted[i], e), `interpreted output ${i}`).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("the benchmark function equals a hand-written loop, in both modes", () => {
    const f = (x: V) => jnp.sum(jnp.add(jnp.multiply(jnp.tanh(x), 2.0), jnp.multiply(x, x)));
    const x = seq([300, 7]);
    const d = x.flat();
    // The engine's tanh (array/tanh.ts, within 2 ulp of Math.tanh) and its summation order.
    const s = laneSum(Array.from(d, (v) => tanh(v) * 2 + v * v));
    expect((jit(f)(x) as NDArray).item()).toBe(s);
    setCodegenAllowed(false);
    const g = jit(f);
    expect((g(x) as NDArray).item()).toBe(s);
    expect(jitStats(g).mode).toBe("interpreted");
    expect(jitStats(g).source).toBeNull();
  });
});

describe("trace cache", () => {
  it("traces once per signature (tree structure + leaf shapes)", () => {
    let calls = 0;
    const f = jit((p: { w: V; b: V }, x: V) => {
      calls++;
      return jnp.add(jnp.dot(x, p.w), p.b);
    });
    const p = { w: seq([3, 2]), b: seq([2]) };
    f(p, seq([4, 3]));
    f(p, seq([4, 3], (i) => i));
    expect(calls).toBe(1);
    f(p, seq([5, 3]));
    expect(calls).toBe(2);
    f({ w: seq([3, 2]), b: 1.5 }, seq([5, 3]));
    expect(calls).toBe(3);
    expect(f.stats.traces).toBe(3);
    expect(f.stats.cacheSize).toBe(3);
  });

  it("testBatchOfCompile: a side effect in f happens once across calls of jit(vmap(jit(f)))", () => {
    const side: number[] = [];
    const f = (x: V) => {
      side.push(1);
      return jnp.add(x, x);
    };
    const g = jit(vmap(jit(f)));
    const x = seq([3, 2]);
    expect(list(g(x))).toEqual(list(jnp.multiply(x, 2)));
    expect(list(g(x))).toEqual(list(jnp.multiply(x, 2)));
    expect(side.length).toBe(1);
    const h = vmap(jit(f));
    h(x);
    h(x);
    expect(side.length).toBe(2);
  });

  it("an error while tracing does not poison the cache", () => {
    const f = jit((a: V, b: V) => jnp.add(a, b));
    expect(() => f(seq([2, 3]), seq([3, 2]))).toThrow(EngineError);
    expect(() => f(seq([2, 3]), seq([3, 2]))).toThrow("add got incompatible shapes for broadcasting: (2, 3), (3, 2).");
    expect(list(f(seq([2]), seq([2])))).toEqual(list(jnp.multiply(seq([2]), 2)));
  });
});

describe("pytrees and values", () => {
  it("keeps dict/tuple structure of arguments and results, numbers included", () => {
    const f = jit((t: [V, { a: V; b: V }], k: number) => ({ s: jnp.add(t[0], t[1].a), p: [jnp.multiply(t[1].b, k), k] }));
    const out = f([seq([2]), { b: seq([2], (i) => i + 1), a: seq([2], () => 10) }], 3) as { s: NDArray; p: [NDArray, NDArray] };
    expect(list(out.s)).toEqual([0, 1].map((i) => Math.sin(i) * 2 + 10));
    expect(list(out.p[0])).toEqual([3, 6]);
    expect(out.p[1].tolist()).toBe(3);
  });

  it("returns an input or a constant as it is", () => {
    const x = seq([3]);
    const [a, b] = jit((v: V) => [v, 7])(x) as NDArray[];
    expect(list(a)).toEqual(list(x));
    expect(b.tolist()).toBe(7);
  });
});

describe("composition", () => {
  const f = (x: V) => jnp.sum(jnp.add(jnp.multiply(jnp.tanh(x), 2.0), jnp.multiply(x, x)));
  // d/dx Σ (2 tanh x + x²) = 2 (1 − tanh² x) + 2x
  const df = (v: number) => 2 * (1 - Math.tanh(v) ** 2) + 2 * v;

  it("the derivative five ways equals the hand formula", () => {
    const x = seq([5]);
    const want = (x.tolist() as number[]).map(df);
    const ways = [
      grad(f)(x),
      grad(jit(f))(x),
      jit(grad(f))(x),
      jit(grad(jit(f)))(x),
      jnp.squeeze(vmap(grad(jit(f)))(jnp.expand_dims(x, 0)) as V, 0),
    ];
    for (const g of ways) (list(g) as number[]).forEach((v, i) => expect(v).toBeCloseTo(want[i], 12));
  });

  it("vmap(jit(f)) = vmap(f) = jit(vmap(f)), with unmapped arguments", () => {
    const g = (a: V, b: V) => jnp.dot(jnp.tanh(a), b);
    const A = seq([4, 3]);
    const b = seq([3, 2], (i) => i / 3);
    const want = list(vmap(g, [0, null])(A, b));
    expect(list(vmap(jit(g), [0, null])(A, b))).toEqual(want);
    expect(list(jit(vmap(g, [0, null]))(A, b))).toEqual(want);
    // Per row by hand: out[k, j] = Σ_i tanh(A[k, i]) · b[i, j].
    const Ad = A.tolist() as number[][];
    const bd = b.tolist() as number[][];
    expect(want).toEqual(Ad.map((row) => [0, 1].map((j) => row.reduce((s, v, i) => s + Math.tanh(v) * bd[i][j], 0))));
  });

  it("vmap of a jit keeps an output that does not depend on the mapped axis unbatched", () => {
    const g = jit((a: V, b: V) => [jnp.sin(a), jnp.cos(b)]);
    const text = makeJaxpr(vmap(g, [0, null]))(seq([4, 3]), seq([3])).toString();
    // The batched jaxpr's second result stays f64[3] (x64 on in this file); vmap broadcasts it only at the very end.
    expect(text).toContain("    c:f64[4,3] d:f64[3] = jit[\n      name=<lambda>\n      jaxpr={ lambda ; e:f64[4,3] f:f64[3]. let");
    expect(text).toContain("h:f64[3] = cos f");
    const [s, c] = vmap(g, [0, null])(seq([4, 3]), seq([3])) as NDArray[];
    expect(s.shape).toEqual([4, 3]);
    expect(list(c)).toEqual([0, 1, 2, 3].map(() => [0, 1, 2].map((i) => Math.cos(Math.sin(i) * 2))));
  });

  it("grad through jit stages jit equations for forward and backward", () => {
    const text = makeJaxpr(grad(jit(f)))(seq([3])).toString();
    expect(text.match(/jit\[/g)?.length).toBe(2);
  });

  it("second derivatives through jit", () => {
    const h = (x: V) => jnp.sum(jnp.sin(x));
    const g2 = grad((x: V) => jnp.sum(grad(jit(h))(x) as V));
    expect(list(g2(seq([3])))).toEqual([0, 1, 2].map((i) => -Math.sin(Math.sin(i) * 2)));
  });

  it("a jitted closure over a tracer of an enclosing grad or vmap", () => {
    const gx = grad((x: V) => jnp.sum(jit((y: V) => jnp.multiply(y, x))(3)))(seq([2]));
    expect(list(gx)).toEqual([3, 3]);
    const vx = vmap((x: V) => jit((y: V) => jnp.add(y, x))(seq([2], () => 1)))(seq([3, 2], (i) => i));
    expect(list(vx)).toEqual([[1, 2], [3, 4], [5, 6]]);
  });

  it("keeps the parameter names vmap's errors quote", () => {
    const g = jit((a: V, b: V) => jnp.add(a, b));
    expect(() => vmap(g, [0, 1])(seq([2, 3]), seq([2, 3]))).toThrow(/axis 0 of argument a of type float64\[2,3\];\n {2}\* one axis had size 3: axis 1 of argument b/);
  });
});

describe("stats for the jit panel", () => {
  it("count traces, time them, and show the jaxpr and generated source", () => {
    const g = jit(function loss(x: V) {
      return jnp.sum(jnp.multiply(x, x));
    });
    g(seq([8]));
    g(seq([8]));
    const s = g.stats;
    expect(s.traces).toBe(1);
    expect(s.mode).toBe("compiled");
    expect(s.lastTraceMs).toBeGreaterThanOrEqual(0);
    expect(s.lastCompileMs).toBeGreaterThan(0);
    // 85 columns on one line: over JAX's width of 80, so one equation per line.
    expect(s.jaxpr).toBe(["{ lambda ; a:f64[8]. let", "    b:f64[8] = mul a a", "    c:f64[] = reduce_sum[axes=(0,)] b", "  in (c,) }"].join("\n"));
    expect(s.source).toContain("for (");
    expect(makeJaxpr(g)(seq([8])).toString()).toContain("b:f64[] = jit[\n      name=loss\n      jaxpr={ lambda ; c:f64[8]. let");
  });
});
