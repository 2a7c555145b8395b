/**
 * The size limit holds through nested vmaps and axis_size: a vmap inside a lambda with a huge
 * axis_size, and vmap of vmap whose combined result is above MAX_ELEMENTS (though each level
 * alone is not), are refused as too-large from shapes alone, before anything is allocated —
 * eagerly, under jit, grad and traceVmap.
 */
import { describe, expect, it } from "vitest";
import { grad, jit, MAX_ELEMENTS, np, parseLambda, traceVmap, vmap } from "../../engine";
import { caught } from "../helpers/caught";
import { largestAllocation } from "../helpers/allocations";

const L = (src: string) => parseLambda(src) as (...args: unknown[]) => unknown;
const inner = "lambda x: jax.vmap(lambda y: y * x, in_axes=None, axis_size=3000)(x)";
const huge = "lambda x: jax.vmap(lambda: x, in_axes=(), axis_size=10**9)()";
const id5000 = () => vmap(L("lambda x: x * 2"), null, 0, { axisSize: 5000 } as never);

const cases: [string, () => unknown, number][] = [
  ["axis_size=10**9 inside a lambda", () => L(huge)(np.zeros([3])), 3e9],
  ["the same under jit", () => jit(L(huge))(np.zeros([3])), 3e9],
  ["the same under grad of a sum", () => grad(L(`lambda x: jnp.sum((${huge})(x))`))(np.zeros([3])), 3e9],
  ["vmap of an inner vmap: 4000 × 3000", () => vmap(L(inner))(np.zeros([4000])), 12e6],
  ["traceVmap of the same", () => traceVmap(L(inner), 0, 0, [np.zeros([4000])]), 12e6],
  ["vmap of vmap, both by axis_size: 5000 × 5000", () => vmap(id5000(), null, 0, { axisSize: 5000 } as never)(np.zeros([])), 25e6],
  ["jit of that", () => jit(vmap(id5000(), null, 0, { axisSize: 5000 } as never))(np.zeros([])), 25e6],
  [
    "traceVmap with a jit-wrapped inner vmap",
    () => traceVmap(L("lambda x: jax.jit(lambda y: jax.vmap(lambda z: z, in_axes=None, axis_size=5000)(y))(x)"), null, 0, [np.zeros([])], { axisSize: 5000 } as never),
    25e6,
  ],
];

describe("nested vmap and axis_size stay under the size limit", () => {
  it.each(cases)("%s is refused as too large", (_what, run, size) => {
    expect(size).toBeGreaterThan(MAX_ELEMENTS);
    let e: ReturnType<typeof caught> | undefined;
    const largest = largestAllocation(() => (e = caught(run)));
    expect([e!.kind, e!.pyType]).toEqual(["too-large", "MemoryError"]);
    expect(e!.message).toContain(`An array of ${size.toLocaleString("en-US")} elements`);
    // Refused from shapes: no array of anything like that size was made (the inputs have ≤ 4000 elements).
    expect(largest).toBeLessThanOrEqual(4000);
  });

  it("the allocation watch sees what the engine fills: the same nested vmap at a legal size", () => {
    const flat = (x: unknown) => (x as { flat: () => Float64Array }).flat();
    expect(largestAllocation(() => flat(vmap(L(inner))(np.zeros([100]))))).toBeGreaterThanOrEqual(100 * 3000);
    expect(largestAllocation(() => flat(jit(vmap(id5000(), null, 0, { axisSize: 40 } as never))(np.zeros([]))))).toBeGreaterThanOrEqual(40 * 5000);
  });
});
