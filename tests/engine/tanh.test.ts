/**
 * The engine's tanh (engine/array/tanh.ts): its special values, its distance from Math.tanh
 * (fdlibm) in ulps over edge cases and millions of random arguments, oddness and monotonicity,
 * and that eager jnp.tanh, jit's generated code and the interpreter (CSP fallback) all give
 * exactly its values.
 */
import { afterEach, describe, expect, it } from "vitest";
import { jit, jnp, NDArray } from "../../engine";
import { tanh } from "../../engine/array/tanh";
import { setCodegenAllowed } from "../../engine/ir/csp";
import { useX64 } from "../helpers/x64";

useX64();
afterEach(() => setCodegenAllowed(null));

const bits = new BigInt64Array(1);
const asFloat = new Float64Array(bits.buffer);
/** Distance in units in the last place between two finite doubles of the same sign. */
function ulps(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  asFloat[0] = a;
  const x = bits[0];
  asFloat[0] = b;
  const y = bits[0];
  return Number(x > y ? x - y : y - x);
}
/** The next double up from x > 0. */
const nextUp = (x: number) => ((asFloat[0] = x), bits[0]++, asFloat[0]);
const nextDown = (x: number) => ((asFloat[0] = x), bits[0]--, asFloat[0]);

/** Arguments: random over 18 decades and both signs, plus a dense sweep of [-23, 23]. */
function* argumentsToTest(): Generator<number> {
  let s = 7;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < 1_000_000; i++) {
    yield (rnd() * 2 - 1) * 10 ** (rnd() * 14 - 12);
    yield (rnd() * 2 - 1) * 2;
    yield (rnd() * 2 - 1) * 25;
  }
  for (let x = -23; x < 23; x += 3.7e-5) yield x;
}

const EDGES = [0.625, 22, 2 ** -28, 1, 19.06, 0.5, 1e-300, 5e-324].flatMap((x) => [x, nextUp(x), nextDown(x)]).flatMap((x) => [x, -x]);

describe("tanh", () => {
  it("special values: ±0 keeps its sign, ±∞ → ±1, NaN, |x| ≥ 22 → ±1, tiny x → x", () => {
    expect(Object.is(tanh(0), 0)).toBe(true);
    expect(Object.is(tanh(-0), -0)).toBe(true);
    expect(tanh(Infinity)).toBe(1);
    expect(tanh(-Infinity)).toBe(-1);
    expect(tanh(NaN)).toBeNaN();
    for (const x of [22, 23.5, 1e10, Number.MAX_VALUE]) {
      expect(tanh(x)).toBe(1);
      expect(tanh(-x)).toBe(-1);
    }
    for (const x of [5e-324, 1e-300, 2 ** -29, nextDown(2 ** -28)]) {
      expect(tanh(x)).toBe(x);
      expect(tanh(-x)).toBe(-x);
    }
  });

  it("is within 2 ulp of Math.tanh everywhere tested (88% equal, 11.6% at 1 ulp, 0.3% at 2)", () => {
    let worst = 0;
    let worstAt = 0;
    let n = 0;
    let equal = 0;
    for (const x of [...EDGES, ...argumentsToTest()]) {
      const d = ulps(tanh(x), Math.tanh(x));
      n++;
      if (d === 0) equal++;
      if (d > worst) [worst, worstAt] = [d, x];
    }
    expect(worst, `worst at x = ${worstAt}`).toBeLessThanOrEqual(2);
    expect(equal / n).toBeGreaterThan(0.85);
  });

  it("is odd and never decreases (checked across its branch points too)", () => {
    const sweep = Float64Array.from([...EDGES, ...argumentsToTest()]).sort();
    let prev = -Infinity;
    const bad: string[] = [];
    for (const x of sweep) {
      const y = tanh(x);
      if (!Object.is(tanh(-x), -y)) bad.push(`tanh(-${x}) ≠ -tanh(${x})`);
      if (y < prev) bad.push(`tanh(${x}) = ${y} < ${prev}`);
      prev = y;
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it("eager jnp.tanh, jit compiled and jit interpreted give exactly its values", () => {
    const xs = [...EDGES, 0, -0, 0.3, -1.7, 3, 21.9, NaN, Infinity, -Infinity];
    for (let i = 0; i < 200; i++) xs.push(Math.sin(i * 0.77) * 3);
    const x = new NDArray(Float64Array.from(xs), [xs.length]);
    const want = xs.map(tanh);
    const same = (got: Float64Array) => want.every((w, i) => Object.is(got[i], w));
    const f = (v: ReturnType<typeof jnp.sin>) => jnp.tanh(v);
    expect(same((f(x) as NDArray).flat()), "eager").toBe(true);
    expect(same((jit(f)(x) as NDArray).flat()), "compiled").toBe(true);
    setCodegenAllowed(false);
    expect(same((jit(f)(x) as NDArray).flat()), "interpreted").toBe(true);
  });
});
