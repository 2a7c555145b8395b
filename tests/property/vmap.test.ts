import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EngineError, np, parseLambda, vmap, NDArray } from "../../engine";
import { assertClose, loopVmap } from "../helpers/vmapReference";

const RUNS = 200;

/** Random expressions of the lambda language over same-shaped a and b (per example). */
const elementwise: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom("a", "b", "2.0", "0.5"),
    fc.tuple(tie("e"), fc.constantFrom("+", "-", "*"), tie("e")).map(([x, op, y]) => `(${x} ${op} ${y})`),
    fc.tuple(fc.constantFrom("jnp.tanh", "jnp.sin", "jnp.cos", "jnp.abs", "jnp.square", "jax.nn.relu", "jax.nn.sigmoid"), tie("e")).map(([f, x]) => `${f}(${x})`),
    fc.tuple(fc.constantFrom("jnp.maximum", "jnp.minimum"), tie("e"), tie("e")).map(([f, x, y]) => `${f}(${x}, ${y})`),
  ),
})).e;

const caseArb = fc
  .record({
    slice: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 3 }),
    B: fc.integer({ min: 1, max: 4 }),
    axA: fc.option(fc.nat(), { nil: null }),
    axB: fc.option(fc.nat(), { nil: null }),
    negA: fc.boolean(),
    negB: fc.boolean(),
    outAxis: fc.nat(),
    negOut: fc.boolean(),
    body: elementwise,
    reduce: fc.constantFrom(null, "jnp.sum", "jnp.mean", "jnp.max"),
    seed: fc.integer({ min: 1, max: 1000 }),
  })
  .filter((c) => (c.axA !== null || c.axB !== null) && /\b[ab]\b/.test(c.body));

function randomArray(shape: number[], seed: number): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  let s = seed;
  const data = Array.from({ length: n }, () => ((s = (s * 16807) % 2147483647) / 2147483647) * 4 - 2);
  return np.array(data, shape);
}

describe("vmap(f) equals stacking f over slices (property)", () => {
  it(`random lambdas, shapes and axes incl. negative and None (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = c.slice.length;
        // Full shapes: insert the batch axis into the per-example shape at the chosen position.
        const place = (ax: number | null, neg: boolean) => {
          if (ax === null) return { shape: [...c.slice], axis: null as number | null };
          const pos = ax % (r + 1);
          const shape = [...c.slice];
          shape.splice(pos, 0, c.B);
          return { shape, axis: neg ? pos - (r + 1) : pos };
        };
        const A = place(c.axA, c.negA);
        const Bp = place(c.axB, c.negB);
        const body = c.reduce && r > 0 ? `${c.reduce}(${c.body}, axis=-1)` : c.body;
        const src = `lambda a, b: ${body}`;
        const f = parseLambda(src);
        const a = randomArray(A.shape, c.seed);
        const b = randomArray(Bp.shape, c.seed + 7);
        const outRank = (c.reduce && r > 0 ? r - 1 : r) + 1;
        const o = c.outAxis % outRank;
        const outAxis = c.negOut ? o - outRank : o;
        const got = vmap(f, [A.axis, Bp.axis], outAxis)(a, b) as NDArray;
        const want = loopVmap(f, [A.axis, Bp.axis], outAxis, [a, b]);
        assertClose(got, want);
      }),
      { numRuns: RUNS },
    );
  });

  it("nested vmap equals a double loop (all-pairs distances)", () => {
    const dist = parseLambda("lambda a, b: jnp.sqrt(jnp.sum((a - b) ** 2))");
    const P = randomArray([4, 3], 3);
    const Q = randomArray([5, 3], 9);
    const got = vmap(vmap(dist, [null, 0]), [0, null])(P, Q) as NDArray;
    const want = loopVmap((p: NDArray) => loopVmap(dist, [null, 0], 0, [p, Q]), [0], 0, [P]);
    assertClose(got, want);
    expect(got.shape).toEqual([4, 5]);
  });

  it("errors are EngineErrors, never other exceptions", () => {
    const f = parseLambda("lambda a, b: a + b");
    expect(() => vmap(f, [0, 1])(np.zeros([2, 3]), np.zeros([2, 3]))).toThrow(EngineError);
  });
});
