// jax.random as JAX computes it (threefry2x32, the partitionable scheme JAX uses by default):
// keys, split and uniform equal @jax-js/jax's random, which implements JAX's threefry2x32,
// bit for bit; normal's inverse-CDF path reproduces JAX's documented values.
import { random as jr } from "@jax-js/jax";
import { beforeAll, describe, expect, it } from "vitest";
import { parseLambda, type NDArray } from "../../engine/index";
import { loadImporter, type ImportResult } from "../../engine/index";

let importJax: (src: string) => ImportResult;
beforeAll(async () => {
  ({ importJax } = await loadImporter());
});
import { erfinv32, key, normal, PRNGKey, split, uniform } from "../../engine/random/random";
import { threefry2x32 } from "../../engine/random/threefry";

const words = async (a: { data(): Promise<ArrayLike<number>> }) => Array.from(await a.data());

describe("jax.random against @jax-js/jax", () => {
  it.each([0, 1, 42, 12345, 2 ** 31 - 1])("key(%i) and PRNGKey hold the same two words", async (seed) => {
    const want = await words(jr.key(seed));
    expect(Array.from(key(seed).data)).toEqual(want);
    expect(Array.from(PRNGKey(seed).data)).toEqual(want);
    expect(key(seed).shape).toEqual([]);
    expect(PRNGKey(seed).shape).toEqual([2]);
  });

  it.each([[0, 2], [7, 3], [42, 5]])("split(key(%i), %i) equals jax-js's", async (seed, n) => {
    const want = await words(jr.split(jr.key(seed), n));
    const got = split(key(seed), n);
    expect(got.shape).toEqual([n]);
    expect(Array.from(got.data)).toEqual(want);
  });

  it("split to a shape, and keys split again, equal jax-js's", async () => {
    const want = await words(jr.split(jr.key(3), [2, 3]));
    expect(Array.from(split(key(3), [2, 3]).data)).toEqual(want);
    const second = split(key(3)).unstack()[1];
    const wantSecond = await words(jr.split(jr.split(jr.key(3), 2).slice(1).reshape([2]), 4));
    expect(Array.from(split(second, 4).data)).toEqual(wantSecond);
  });

  it.each([[0, [5]], [1, [3, 4]], [2024, []]] as [number, number[]][])("uniform(key(%i), %j) equals jax-js's bit for bit", async (seed, shape) => {
    const want = await words(jr.uniform(jr.key(seed), shape));
    const got = uniform(key(seed), shape);
    expect(got.shape).toEqual(shape);
    expect(Array.from(got.dense())).toEqual(want);
  });

  it("uniform with minval and maxval, through the lambda language, equals jax-js's", async () => {
    const want = await words(jr.uniform(jr.key(11), [6], { minval: -2, maxval: 3 }));
    const f = parseLambda("lambda: jax.random.uniform(jax.random.key(11), (6,), minval=-2.0, maxval=3.0)");
    expect(Array.from((f() as NDArray).dense())).toEqual(want);
  });

  it("k1, k2 = jax.random.split(key) in a program unpacks the two keys jax-js makes", async () => {
    const r = importJax(`import jax
k1, k2 = jax.random.split(jax.random.key(5))
xs = jax.random.uniform(k2, (3, 2))
out = jax.vmap(lambda x: x * 2)(xs)
`);
    expect(r.ok).toBe(true);
    if (!r.ok || r.args[0].kind !== "leaf") return;
    const k2 = jr.split(jr.key(5), 2).slice(1).reshape([2]);
    expect(Array.from(r.args[0].values)).toEqual(await words(jr.uniform(k2, [3, 2])));
  });
});

describe("jax.random.normal", () => {
  it("its inverse-CDF path reproduces JAX's documented normal(key(42), (2, 3)) * 5 (jax.nn.initializers.normal's docstring)", () => {
    // That docstring was computed with the original (non-partitionable) threefry bits: the
    // counters 0…5 split in two halves. Those bits through our uniform → erf_inv → √2 path give
    // JAX's printed numbers to within a few float32 ulps (XLA's log1p is its own approximation).
    const documented = [3.0613258, 5.6129413, 5.6866574, -4.063663, -4.4520254, 0.63115686];
    const [o0, o1] = [[] as number[], [] as number[]];
    for (let i = 0; i < 3; i++) {
      const [a, b] = threefry2x32(0, 42, i, i + 3);
      o0.push(a);
      o1.push(b);
    }
    const f = Math.fround;
    const lo = f(-1 + 2 ** -24);
    const got = [...o0, ...o1].map((bits) => {
      const u = Math.max(lo, f(f(((bits >>> 9) / 2 ** 23) * f(1 - lo)) + lo));
      return f(f(f(Math.SQRT2) * erfinv32(u)) * 5);
    });
    got.forEach((g, i) => expect(Math.abs(g - documented[i])).toBeLessThan(1e-6 * 8 * Math.max(1, Math.abs(documented[i]))));
  });

  it("has mean 0 and standard deviation 1 over many draws, and erf_inv(±1) is ±inf", () => {
    const x = normal(key(0), [20000]).dense();
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
    expect(erfinv32(1)).toBe(Infinity);
    expect(erfinv32(-1)).toBe(-Infinity);
  });

  it("refuses a batch of keys with JAX's words", () => {
    expect(() => normal(split(key(0), 3), [2])).toThrow("normal accepts a single key, but was given a key array of shape (3,) != (). Use jax.vmap for batching.");
  });
});
