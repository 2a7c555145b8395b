/**
 * jax.nn.relu / sigmoid / softmax: values by hand, and gradients through a test tape —
 * relu's derivative at exactly 0 is 0 (JAX's custom_jvp), not max's tie-split 0.5.
 */
import { describe, expect, it } from "vitest";
import type { NDArray } from "../../../engine/array/ndarray";
import type { Value } from "../../../engine/core/tracer";
import { jnp, nn } from "../../../engine/numpy";
import { toEngine } from "../../helpers/reference";
import { miniGrad } from "../primitives/miniTransforms";
import { useX64 } from "../../helpers/x64";

// References are float64 loops: compare with x64 on.
useX64();

const arr = (data: number[], shape = [data.length]) => toEngine({ shape, data });
const list = (v: Value) => (v as NDArray).tolist();

describe("jax.nn", () => {
  it("relu is max(x, 0): +0 for negatives, NaN kept", () => {
    const out = list(nn.relu(arr([-2, 0, 3, NaN, -Infinity])));
    expect(out).toEqual([0, 0, 3, NaN, 0]);
    expect(Object.is((out as number[])[0], 0)).toBe(true);
  });

  it("relu's gradient is 0 at 0 (the trap: maximum(x, 0) would give 0.5)", () => {
    const g = miniGrad((x) => jnp.sum(nn.relu(x)));
    expect(list(g(arr([-1, 0, 2])))).toEqual([0, 0, 1]);
    const viaMax = miniGrad((x) => jnp.sum(jnp.maximum(x, 0)));
    expect(list(viaMax(arr([-1, 0, 2])))).toEqual([0, 0.5, 1]);
  });

  it("sigmoid = 1 / (1 + exp(-x)) with gradient s(1 − s), finite far out", () => {
    const x = arr([0, 2, -800]);
    const s = list(nn.sigmoid(x)) as number[];
    expect(s).toEqual([0.5, 1 / (1 + Math.exp(-2)), 0]);
    const g = list(miniGrad((v) => jnp.sum(nn.sigmoid(v)))(x)) as number[];
    expect(g[0]).toBe(0.25);
    expect(g[1]).toBeCloseTo(s[1] * (1 - s[1]), 15);
    expect(g[2]).toBe(0);
  });

  it("softmax normalises along the last axis by default, or the given one", () => {
    const x = arr([1, 2, 3, 1, 1, 1], [2, 3]);
    const e = [1, Math.E, Math.E ** 2].map((v) => v / (1 + Math.E + Math.E ** 2));
    const out = list(nn.softmax(x)) as number[][];
    out[0].forEach((v, i) => expect(v).toBeCloseTo(e[i], 15));
    out[1].forEach((v) => expect(v).toBeCloseTo(1 / 3, 15));
    const cols = list(nn.softmax(x, { axis: 0 })) as number[][];
    expect(cols[0][0] + cols[1][0]).toBeCloseTo(1, 15);
    expect(cols[0][1]).toBeCloseTo(Math.E / (Math.E + 1), 15);
    expect(list(nn.softmax(arr([1000, 1000])))).toEqual([0.5, 0.5]);
  });

  it("softmax's gradient matches y·(v − Σ y·v), JAX's custom rule", () => {
    const x = arr([0.5, -1, 2, 0.25]);
    const w = [1, -2, 0.5, 3];
    const y = list(nn.softmax(x)) as number[];
    const g = list(miniGrad((v) => jnp.sum(jnp.multiply(nn.softmax(v), arr(w))))(x)) as number[];
    const s = y.reduce((acc, yi, i) => acc + yi * w[i], 0);
    g.forEach((gi, i) => expect(gi).toBeCloseTo(y[i] * (w[i] - s), 14));
  });
});
