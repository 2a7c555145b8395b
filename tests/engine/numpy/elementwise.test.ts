/**
 * jnp elementwise functions: values against plain JS loops with NumPy broadcasting, Python
 * scalars, integer vs float powers, comparisons as 0/1, and JAX's broadcasting messages.
 */
import { describe, expect, it } from "vitest";
import type { NDArray } from "../../../engine/array/ndarray";
import { jnp } from "../../../engine/numpy";
import { closeTo, fromEngine, randomRef, toEngine, zipRef } from "../../helpers/reference";
import { useX64 } from "../../helpers/x64";
import { tanh } from "../../../engine/array/tanh";

// References are float64 loops: compare with x64 on.
useX64();

const binary: [keyof typeof jnp, (a: number, b: number) => number][] = [
  ["add", (a, b) => a + b],
  ["subtract", (a, b) => a - b],
  ["multiply", (a, b) => a * b],
  ["divide", (a, b) => a / b],
  ["power", (a, b) => Math.pow(a, b)],
  ["maximum", (a, b) => Math.max(a, b)],
  ["minimum", (a, b) => Math.min(a, b)],
  ["less", (a, b) => +(a < b)],
  ["less_equal", (a, b) => +(a <= b)],
  ["greater", (a, b) => +(a > b)],
  ["greater_equal", (a, b) => +(a >= b)],
  ["equal", (a, b) => +(a === b)],
  ["not_equal", (a, b) => +(a !== b)],
];
const unary: [keyof typeof jnp, (x: number) => number][] = [
  ["negative", (x) => -x],
  ["abs", Math.abs],
  ["square", (x) => x * x],
  ["sqrt", Math.sqrt],
  ["exp", Math.exp],
  ["log", Math.log],
  ["sin", Math.sin],
  ["cos", Math.cos],
  // The engine's own tanh, within 2 ulp of Math.tanh (tests/engine/tanh.test.ts).
  ["tanh", tanh],
];
const call = (name: keyof typeof jnp, ...args: unknown[]) => (jnp[name] as (...a: unknown[]) => NDArray)(...args);

describe("jnp binary functions", () => {
  it.each(binary)("%s broadcasts (4, 1, 3) with (2, 1), and takes Python scalars", (name, f) => {
    const a = randomRef([4, 1, 3], 1, 0.5, 2);
    const b = { ...randomRef([2, 1], 2, 0.5, 2), data: [a.data[0], 1.25] }; // one tie for the comparisons
    expect(closeTo(fromEngine(call(name, toEngine(a), toEngine(b))), zipRef(f, a, b))).toBeNull();
    expect(closeTo(fromEngine(call(name, toEngine(a), 1.5)), zipRef(f, a, { shape: [], data: [1.5] }))).toBeNull();
    expect(closeTo(fromEngine(call(name, 1.5, toEngine(b))), zipRef(f, { shape: [], data: [1.5] }, b))).toBeNull();
  });

  it("power with a Python int uses integer_pow (square-and-multiply), negative bases fine", () => {
    const x = toEngine({ shape: [3], data: [-2, 0.5, 3] });
    expect(call("power", x, 3).tolist()).toEqual([-8, 0.125, 27]);
    expect(call("power", x, -1).tolist()).toEqual([-0.5, 2, 1 / 3]);
    expect(call("power", x, 0.5).tolist()).toEqual([NaN, Math.sqrt(0.5), Math.sqrt(3)]);
  });

  it("raises JAX's texts: lax name for equal ranks, rank-promotion text otherwise", () => {
    const a = toEngine(randomRef([2, 3]));
    expect(() => call("subtract", a, toEngine(randomRef([3, 2])))).toThrow("sub got incompatible shapes for broadcasting: (2, 3), (3, 2).");
    expect(() => call("maximum", a, toEngine(randomRef([3, 2])))).toThrow("max got incompatible shapes for broadcasting: (2, 3), (3, 2).");
    expect(() => call("add", toEngine(randomRef([2, 3, 5, 7, 9])), toEngine(randomRef([2, 5, 7, 9])))).toThrow(
      "Incompatible shapes for broadcasting: shapes=[(2, 3, 5, 7, 9), (2, 5, 7, 9)]",
    );
  });
});

describe("jnp unary functions", () => {
  it.each(unary)("%s matches Math elementwise", (name, f) => {
    const r = randomRef([2, 3], 4, 0.1, 3);
    const out = fromEngine(call(name, toEngine(r)));
    expect(closeTo(out, { shape: r.shape, data: r.data.map(f) }, 0, 0)).toBeNull();
    expect(call(name, 2).tolist()).toBe(f(2));
  });
});
