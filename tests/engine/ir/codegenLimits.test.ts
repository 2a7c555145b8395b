/**
 * Generated code stays small and never overflows the stack (fuzzing found a link that froze the
 * tab for 40 s and then crashed it): integer powers are emitted by repeated squaring in
 * O(log n) text, exponents beyond 2**53 − 1 bind pow like a Python float, programs whose source
 * would pass the cap run in the interpreter with the same numbers, and no step of codegen or
 * printing spreads an unbounded list into a call's arguments.
 */
import { describe, expect, it } from "vitest";
import { jit, jitStats, makeJaxpr, NDArray, np, parseLambda, vmap } from "../../../engine";
import { ShapedArray } from "../../../engine/core/aval";
import { compileProgram, MAX_SOURCE_CHARS } from "../../../engine/ir/codegen";
import { executableFor } from "../../../engine/ir/compile";
import { fuse, type LoopGroup } from "../../../engine/ir/fuse";
import { Jaxpr, Lit, Var, type Eqn } from "../../../engine/ir/jaxpr";
import { lax } from "../../../engine/primitives";
import { addP, integerPowP, mulP } from "../../../engine/primitives/elementwise";
import { useX64 } from "../../helpers/x64";

// References are float64 loops: compare with x64 on (float32 runs: tests/engine/dtypes.test.ts).
useX64();

/** JAX's `_integer_pow` (lax.py), written out independently: square-and-multiply on bits of |y|. */
function squareAndMultiply(x: number, y: number): number {
  if (y === 0) return 1;
  let n = BigInt(Math.abs(y));
  let acc: number | null = null;
  let base = x;
  while (n > 0n) {
    if (n & 1n) acc = acc === null ? base : acc * base;
    n >>= 1n;
    if (n > 0n) base = base * base;
  }
  return y < 0 ? 1 / acc! : acc!;
}

const xs = [1.0000001, -1.0000002, 0.9999999, 2, -0.5, 0, -0, 1, -1, NaN, Infinity];

describe("integer_pow", () => {
  it("jit of y ** 33554431 (a fuzzed link) compiles to a few hundred characters and matches square-and-multiply bit for bit", () => {
    const f = parseLambda("lambda y: y ** 33554431");
    const j = jit(f);
    const out = j(np.array(xs)).flat();
    xs.forEach((x, i) => expect(Object.is(out[i], squareAndMultiply(x, 33554431)), `x = ${x}`).toBe(true));
    const source = jitStats(j).source!;
    expect(jitStats(j).mode).toBe("compiled");
    // Written out naively, the 25 squarings double the text 25 times (2**25 copies of `x`).
    expect(source.length).toBeLessThan(3_000);
  });

  it("the emitted expression is O(log |y|) and equals the kernel for huge and negative exponents", () => {
    for (const y of [5, 7, 31, -33, 1025, 2 ** 20 + 1, -(2 ** 31) - 3, 2 ** 53 - 1]) {
      const expr = integerPowP.emit!(["v"], { y });
      expect(expr.length, `y = ${y}`).toBeLessThan(40 * Math.log2(Math.abs(y)) + 40);
      const run = new Function("v", `return ${expr};`) as (v: number) => number;
      for (const x of xs) {
        const kernel = integerPowP.impl([np.array(x)], { y })[0].item();
        expect(Object.is(run(x), kernel), `${x} ** ${y}`).toBe(true);
        expect(Object.is(kernel, squareAndMultiply(x, y)), `${x} ** ${y}`).toBe(true);
      }
    }
  });

  it("x ** 1e300 is a float power (pow), as in Python, and gives Math.pow's numbers", () => {
    const f = parseLambda("lambda a: jax.jit(lambda y: y ** 1e300)(a)");
    const x = [1.0000001, 0.5, -1, 1, 0];
    expect(f(np.array(x)).tolist()).toEqual(x.map((v) => Math.pow(v, 1e300)));
    const text = String(makeJaxpr(parseLambda("lambda y: y ** 1e300"))(np.array(x)));
    expect(text).toContain("pow");
    expect(text).not.toContain("integer_pow");
    // A safe integer keeps JAX's integer_pow.
    expect(String(makeJaxpr(parseLambda("lambda y: y ** 3"))(np.array(x)))).toContain("integer_pow[y=3]");
  });
});

/** A chain of n fused elementwise steps on f[3], built directly (tracing 150k binds is slow). */
function chain(n: number): Jaxpr {
  const aval = new ShapedArray([3]);
  const x = new Var(aval);
  const eqns: Eqn[] = [];
  const half = new Lit(np.array(0.5));
  const one = new Lit(np.array(1));
  let prev = x;
  for (let i = 0; i < n; i++) {
    const out = new Var(aval);
    eqns.push({ prim: i % 2 ? addP : mulP, inputs: [prev, i % 2 ? one : half], params: {}, outputs: [out] });
    prev = out;
  }
  return new Jaxpr([], [], [x], eqns, [prev]);
}

function chainReference(n: number, v: number): number {
  for (let i = 0; i < n; i++) v = i % 2 ? v + 1 : v * 0.5;
  return v;
}

describe("the size of generated code", () => {
  it("a 150,000-operation fused group is refused by codegen without a stack overflow", () => {
    // The group built directly (fuse() makes the same one, more slowly).
    const j = chain(150_000);
    const group: LoopGroup = { kind: "loop", shape: [3], members: [...j.eqns], reductions: [], reduced: 0, externals: [{ base: j.invars[0], axes: null }], operandOf: new Map([[j.invars[0], { base: j.invars[0], axes: null }]]), outputs: [{ source: j.outvars[0] as Var, target: j.outvars[0] as Var, perm: null }], start: 0 };
    expect(compileProgram({ jaxpr: j, steps: [group] })).toBeNull();
  });

  it("a program over the cap runs in the interpreter with the same numbers", () => {
    const exec = executableFor(chain(10_000));
    expect(exec.mode).toBe("interpreted");
    expect(exec.interpretedReason).toBe("size");
    expect(exec.source).toBeNull();
    const out = exec.run([np.array([1, -2, 3])]).map((o) => o.tolist());
    expect(out).toEqual([[1, -2, 3].map((v) => chainReference(10_000, v))]);
  });

  it("a program just under the cap compiles, and its source stays under MAX_SOURCE_CHARS", () => {
    const small = compileProgram(fuse(chain(2_000)))!;
    expect(small).not.toBeNull();
    expect(small.source.length).toBeLessThan(MAX_SOURCE_CHARS);
    expect(small.run([np.array([1, -2, 3])])[0].tolist()).toEqual([1, -2, 3].map((v) => chainReference(2_000, v)));
  });
});

describe("no argument spreads over unbounded lists", () => {
  it("vmap of jit of a function of a 60,000-leaf tuple (jit's batched jaxpr has 60,000 inputs)", () => {
    const leaves = Array.from({ length: 60_000 }, (_, i) => np.array([i, -i]));
    const out = vmap(jit((t: NDArray[]) => lax.add(t[0], t[59_999])))(leaves);
    expect((out as NDArray).tolist()).toEqual([59_999, -59_999]);
  });

  it("makeJaxpr of a 100,000-element tuple output prints", () => {
    const x = np.array([1]);
    const text = String(makeJaxpr((a: NDArray) => { const b = lax.neg(a); return Array.from({ length: 100_000 }, () => b); })(x));
    expect(text.startsWith("{ lambda ; a:f64[1]. let")).toBe(true);
    expect(text.match(/neg a/g)?.length).toBe(1);
    expect(text.match(/\bb\b/g)?.length).toBe(100_001); // bound once, returned 100,000 times
  });
});
