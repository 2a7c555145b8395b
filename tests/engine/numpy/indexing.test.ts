/** jnp.index (x[...]): ints, negative ints, slices with steps (negative too), `...`, None; errors. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { NDArray } from "../../../engine/array/ndarray";
import { jnp, type SliceItem } from "../../../engine/numpy";
import { fromEngine, iotaRef, pickRef, randomRef, toEngine } from "../../helpers/reference";

/** Python's range(*slice.indices(n)) written out: the picked positions. */
function pyRange(s: SliceItem, n: number): number[] {
  const step = s.step ?? 1;
  const norm = (v: number | null | undefined, dflt: number, lo: number, hi: number) => (v == null ? dflt : v < 0 ? Math.max(v + n, lo) : Math.min(v, hi));
  const start = step > 0 ? norm(s.start, 0, 0, n) : norm(s.start, n - 1, -1, n - 1);
  const stop = step > 0 ? norm(s.stop, n, 0, n) : norm(s.stop, -1, -1, n - 1);
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

const x = toEngine(iotaRef([3, 4, 5]));
const at = (items: Parameters<typeof jnp.index>[1]) => jnp.index(x, items) as NDArray;

describe("jnp.index", () => {
  it("ints drop axes, negative ints count from the end", () => {
    expect(at(0).shape).toEqual([4, 5]);
    expect(at([1, -1]).tolist()).toEqual([35, 36, 37, 38, 39]);
    expect(at([-3, 0, 4]).tolist()).toBe(4);
  });

  it("slices follow Python's slice.indices (property)", () => {
    const bound = fc.option(fc.integer({ min: -7, max: 7 }), { nil: null });
    const sliceArb = fc.record({ start: bound, stop: bound, step: fc.option(fc.integer({ min: -3, max: 3 }).filter((s) => s !== 0), { nil: null }) });
    fc.assert(
      fc.property(fc.array(sliceArb, { minLength: 1, maxLength: 3 }), fc.integer(), (slices, seed) => {
        const r = randomRef([4, 5, 6].slice(0, slices.length), seed);
        const out = jnp.index(toEngine(r), slices) as NDArray;
        expect(fromEngine(out)).toEqual(pickRef(r, slices.map((s, i) => pyRange(s, r.shape[i]))));
      }),
      { numRuns: 200 },
    );
  });

  it("`...` expands to full slices, None inserts size-1 axes where written", () => {
    expect(at(["...", 0]).shape).toEqual([3, 4]);
    expect(at([null, 1, "...", null]).shape).toEqual([1, 4, 5, 1]);
    expect(at([{}, null, 2]).shape).toEqual([3, 1, 5]);
    expect(at(null).shape).toEqual([1, 3, 4, 5]);
    expect(at([1, { start: 1, stop: 3 }, { step: -2 }]).tolist()).toEqual([
      [29, 27, 25],
      [34, 32, 30],
    ]);
    const y = jnp.index(toEngine(iotaRef([3])), [null, { step: -1 }]) as NDArray;
    expect(y.tolist()).toEqual([[2, 1, 0]]);
  });

  it("raises NumPy/JAX's index errors", () => {
    const v = toEngine(iotaRef([3]));
    expect(() => jnp.index(v, 5)).toThrow("index 5 is out of bounds for axis 0 with size 3");
    expect(() => jnp.index(v, -4)).toThrow("index -4 is out of bounds for axis 0 with size 3");
    expect(() => at([0, 0, 0, 0])).toThrow("Too many indices: 3-dimensional array indexed with 4 regular indices.");
    expect(() => jnp.index(toEngine(iotaRef([])), 0)).toThrow("Too many indices: 0-dimensional array indexed with 1 regular index.");
    expect(() => at(["...", "..."])).toThrow("an index can only have a single ellipsis ('...')");
    expect(() => at({ step: 0 })).toThrow("slice step cannot be zero");
    expect(() => jnp.index(v, 5)).toThrow(expect.objectContaining({ kind: "shape-error" }));
  });
});
