/**
 * Eager vmap through the compiled path (engine/transforms/vmapProgram.ts): on big concrete
 * arguments a call runs as one traced, fused program, and must give what batching primitive
 * by primitive gives — the same numbers bit for bit, the same errors (text, class, place), the
 * same prints, the same work-budget refusals — compiled or interpreted (CSP). References run
 * with the program runner switched off (plain eager vmap).
 */
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { config, EngineError, grad, jnp, NDArray, parseLambda, setCodegenAllowed, vmap, withinWorkBudget, withWorkBudget } from "../../engine";
import { markStable } from "../../engine/core/fnmeta";
import { lax } from "../../engine/primitives";
import { EAGER, setProgramRunner, type ProgramRunner } from "../../engine/transforms/vmap";
import { MIN_COMPILED_ELEMENTS, runAsProgram } from "../../engine/transforms/vmapProgram";
import { caseArb, programOf, sameNumbers } from "./ir/programs";
import { useX64 } from "../helpers/x64";

useX64();

/** Counts the calls the program runner answered (not EAGER). */
let compiledCalls = 0;
const counting: ProgramRunner = (owner, plan, batched, stable) => {
  const r = runAsProgram(owner, plan, batched, stable);
  if (r !== EAGER) compiledCalls++;
  return r;
};
setProgramRunner(counting);
afterEach(() => {
  setProgramRunner(counting);
  setCodegenAllowed(null);
});

function eagerly<T>(fn: () => T): T {
  setProgramRunner(null);
  try {
    return fn();
  } finally {
    setProgramRunner(counting);
  }
}

const filled = (shape: number[], seed: number) => {
  const n = shape.reduce((a, b) => a * b, 1);
  return new NDArray(Float64Array.from({ length: n }, (_, i) => Math.round(Math.sin(seed * 12.9898 + i * 78.233) * 300) / 100), shape);
};

/** What a call ends in: its result leaves, or its error (kind, class, text, place). */
function outcome(fn: () => unknown): unknown {
  try {
    const r = fn();
    const leaves = Array.isArray(r) ? r : [r];
    return leaves.map((x) => (x instanceof NDArray ? { shape: x.shape, dtype: x.dtype, weak: x.weak, values: Array.from(x.flat(), (v) => (Object.is(v, -0) ? "-0" : v)) } : x));
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    return { error: e.message, kind: e.kind, pyType: e.pyType, where: e.where };
  }
}

describe("eager vmap as one program", () => {
  it("runs vmap(a*b+a, in_axes=(1,0), out_axes=1) compiled, equal to the loop, bit for bit", () => {
    const [R, C] = [64, 512];
    const a = filled([R, C], 1);
    const b = filled([C, R], 2);
    const f = vmap(parseLambda("lambda a, b: a * b + a"), [1, 0], 1);
    const before = compiledCalls;
    const out = f(a, b) as NDArray;
    expect(compiledCalls).toBe(before + 1);
    expect(out.shape).toEqual([R, C]);
    const got = out.flat();
    for (let i = 0; i < R; i++) for (let k = 0; k < C; k++) {
      const x = a.data[i * C + k];
      expect(got[i * C + k]).toBe(x * b.data[k * R + i] + x);
    }
    expect(outcome(() => f(a, b))).toEqual(eagerly(() => outcome(() => f(a, b))));
  });

  it("equals primitive-by-primitive batching on random programs and axes, compiled and interpreted (CSP)", () => {
    const arb = fc.record({ c: caseArb, inX: fc.nat(3), inY: fc.nat(3), out: fc.nat(3), csp: fc.boolean() });
    fc.assert(
      fc.property(arb, ({ c, inX, inY, out, csp }) => {
        // A batch big enough for the compiled path, placed at a chosen axis of each argument.
        const perExample = Math.max(1, c.xShape.reduce((p, q) => p * q, 1));
        const B = Math.ceil(MIN_COMPILED_ELEMENTS / perExample);
        const ax = inX % (c.xShape.length + 1);
        const ay = inY % (c.yShape.length + 1);
        const xs = [...c.xShape];
        xs.splice(ax, 0, B);
        const ys = [...c.yShape];
        ys.splice(ay, 0, B);
        const x = filled(xs, 3);
        const y = filled(ys, 4);
        const prog = programOf(c.choices);
        const f = vmap((p: NDArray, q: NDArray) => prog(p, q), [ax, ay], out % 2);
        setCodegenAllowed(!csp);
        const before = compiledCalls;
        const got = outcome(() => f(x, y));
        const ran = compiledCalls > before;
        const want = eagerly(() => outcome(() => f(x, y)));
        expect(got).toEqual(want);
        // Every program here traces (none reads a value), so each call ran as a program.
        if (!(want as { error?: string }).error) expect(ran).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("raises eager vmap's own errors (text, class, place) for a shape clash and an out_axes error", () => {
    const x = filled([200, 100], 5);
    const y = filled([200, 99], 6);
    const add = vmap(parseLambda("lambda a, b: a + b"));
    const clash = outcome(() => add(x, y));
    expect(clash).toEqual(eagerly(() => outcome(() => add(x, y))));
    expect((clash as { error: string }).error).toMatch(/add got incompatible shapes for broadcasting: \(100,\), \(99,\)/);
    const bad = vmap(parseLambda("lambda a: a * 2"), 0, 2);
    const outAxis = outcome(() => bad(x));
    expect((outAxis as { pyType: string }).pyType).toBeDefined();
    expect(outAxis).toEqual(eagerly(() => outcome(() => bad(x))));
  });

  it("runs eagerly when f reads an unmapped argument's value (tracing cannot), with eager's answer", () => {
    const x = filled([200, 100], 7);
    const n = new NDArray(Float64Array.of(2.5), []);
    const f = vmap((v: NDArray, s: NDArray) => lax.mul(v, s.item() as number), [0, null]);
    const before = compiledCalls;
    const got = outcome(() => f(x, n));
    expect(compiledCalls).toBe(before);
    expect(got).toEqual(eagerly(() => outcome(() => f(x, n))));
    expect((got as { values: number[] }[])[0].values[3]).toBe(x.data[3] * 2.5);
  });

  it("a program with nothing to fuse (one dot), or interpreted under a CSP, runs once; later calls batch eagerly", () => {
    const A = filled([100, 64], 13);
    const v = filled([64], 14);
    const mv = vmap(jnp.dot, [0, null]);
    const before = compiledCalls;
    const first = outcome(() => mv(A, v));
    const second = outcome(() => mv(A, v));
    expect(compiledCalls).toBe(before + 1);
    expect(first).toEqual(second);
    expect(first).toEqual(eagerly(() => outcome(() => mv(A, v))));
    setCodegenAllowed(false);
    const f = vmap(parseLambda("lambda a: a * 2.0 + 1.0"));
    const n = compiledCalls;
    expect(outcome(() => f(A))).toEqual(outcome(() => f(A)));
    expect(compiledCalls).toBe(n + 1);
  });

  it("sees a global the function reads change between calls (it traces every call)", () => {
    let w = 2;
    const f = vmap((v: NDArray) => lax.add(lax.mul(v, w), 1));
    const x = filled([300, 100], 8);
    const first = (f(x) as NDArray).flat();
    w = 3;
    const second = (f(x) as NDArray).flat();
    expect(first[5]).toBe(x.data[5] * 2 + 1);
    expect(second[5]).toBe(x.data[5] * 3 + 1);
  });

  it("keeps a stable function's trace (a lambda, grad of one), per signature and x64 flag; any other is traced each call", () => {
    let calls = 0;
    const body = (v: NDArray) => (calls++, lax.add(lax.mul(v, 2), 1));
    const x = filled([300, 100], 15);
    const stable = vmap(markStable((v: NDArray) => body(v)));
    for (let i = 0; i < 3; i++) expect(outcome(() => stable(x))).toEqual(eagerly(() => outcome(() => stable(x))));
    // Three compiled calls traced once, plus one eager reference run per call.
    expect(calls).toBe(1 + 3);
    calls = 0;
    stable(filled([301, 100], 15)); // a new signature traces
    config.update("jax_enable_x64", false);
    try {
      stable(x); // so does the other x64 setting
    } finally {
      config.update("jax_enable_x64", true);
    }
    expect(calls).toBe(2);
    calls = 0;
    const plain = vmap(body);
    plain(x);
    plain(x);
    expect(calls).toBe(2);
    // A lambda of the lambda language is stable, and grad keeps it so.
    const lam = parseLambda("lambda w, x: jnp.sum(jnp.tanh(x * w) ** 2)");
    const g = vmap(grad(lam), [null, 0]);
    const w = filled([100], 16);
    expect(outcome(() => [g(w, x), g(w, x)])).toEqual(eagerly(() => outcome(() => [g(w, x), g(w, x)])));
  });

  it("keeps a non-array result leaf and a closed-over constant as eager does", () => {
    const c = filled([100], 9);
    const f = vmap((v: NDArray) => [lax.mul(v, 2), c], 0, [0, null]);
    const x = filled([300, 100], 10);
    const got = f(x) as unknown[];
    expect(got[1]).toBe(c);
    expect(outcome(() => f(x))).toEqual(eagerly(() => outcome(() => f(x))));
  });

  it("refuses work past the budget with eager's message, and withinWorkBudget still says the budget ran out", () => {
    const x = filled([300, 100], 11);
    const f = vmap((v: NDArray) => jnp.tanh(lax.add(lax.mul(v, v), v)));
    const small = { ops: 50_000 };
    const got = outcome(() => withWorkBudget(small, () => f(x)));
    expect((got as { error: string }).error).toMatch(/budget of 50,000 element operations/);
    expect(got).toEqual(eagerly(() => outcome(() => withWorkBudget(small, () => f(x)))));
    expect(withinWorkBudget(small, () => f(x))).toEqual({ done: false, exhausted: "ops" });
  });

  it("a call eager vmap fits into its budget still fits when the compiled attempt ran out first", () => {
    const x = filled([300, 100], 12);
    const f = vmap((v: NDArray) => jnp.tanh(lax.add(lax.mul(v, v), v)));
    const fits = (ops: number) => withinWorkBudget({ ops }, () => f(x)).done;
    // The least budget eager vmap needs, by bisection.
    let [lo, hi] = [1, 10_000_000];
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (eagerly(() => fits(mid))) hi = mid;
      else lo = mid;
    }
    expect(fits(hi)).toBe(true);
    expect(outcome(() => withWorkBudget({ ops: hi }, () => f(x)))).toEqual(eagerly(() => outcome(() => withWorkBudget({ ops: hi }, () => f(x)))));
    expect(outcome(() => withWorkBudget({ ops: lo }, () => f(x)))).toEqual(eagerly(() => outcome(() => withWorkBudget({ ops: lo }, () => f(x)))));
  });
});

describe("print inside a vmapped function", () => {
  it("runs eagerly (the trace would print): what eager vmap prints, once per call", async () => {
    const { importJax } = await import("../../engine/programs/importJax");
    const src = "import jax\nimport jax.numpy as jnp\ndef f(x):\n  print(x)\n  return x * 2.0\nx = jnp.ones((200, 100))\nout = jax.vmap(f)(x)\n";
    const before = compiledCalls;
    const got = importJax(src);
    expect(compiledCalls).toBe(before);
    const want = eagerly(() => importJax(src));
    expect(got.printed).toEqual(want.printed);
    expect(got.printed.length).toBe(1);
    expect(got.ok && want.ok).toBe(true);
  });
});
