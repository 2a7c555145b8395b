/**
 * One batched trace placed for every out_axes (traceVmapBody) tells the same story as tracing
 * the call afresh for each (traceVmap): the same values, tables, primitives and provenance, and
 * the same errors, in JAX's order (a bad spec before the function runs).
 */
import { describe, expect, it } from "vitest";
import { EngineError, np, parseLambda, traceVmap, traceVmapBody, type VmapStory } from "../../engine";

type Outcome = { story: VmapStory } | { error: { kind: string; message: string } };

function outcome(run: () => VmapStory): Outcome {
  try {
    return { story: run() };
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    return { error: { kind: e.kind, message: e.message } };
  }
}

const x = np.arange(2 * 3 * 4).reshape([2, 3, 4]);
const y = np.arange(3 * 4).reshape([3, 4]);

const CALLS: { name: string; src: string; inAxes: unknown; args: unknown[] }[] = [
  { name: "a + b, one argument mapped", src: "lambda a, b: a + b", inAxes: [0, null], args: [x, y] },
  { name: "a reduction", src: "lambda a: jnp.sum(a, axis=0)", inAxes: 2, args: [x] },
  { name: "a tuple with an unbatched leaf", src: "lambda a, b: (a * 2.0, b)", inAxes: [1, null], args: [x, y] },
  { name: "a dict", src: "lambda a: {'s': jnp.sin(a), 't': a.T}", inAxes: -1, args: [x] },
];

/** Every out_axes a student may pick: each in range and past it, both signs, None, per leaf, malformed. */
const OUT_AXES: unknown[] = [0, 1, 2, 3, -1, -2, -3, -4, 4, null, [0, null], [1, 0], { s: 1, t: 0 }, { s: 0 }, 1.5, "0"];

describe("traceVmapBody", () => {
  for (const c of CALLS) {
    it(`places ${c.name} for every out_axes as traceVmap does`, () => {
      const fn = parseLambda(c.src);
      const body = traceVmapBody(fn, c.inAxes, 0, c.args);
      const told = { stories: 0, errors: 0 };
      for (const o of OUT_AXES) {
        for (const provenance of [false, true]) {
          const fresh = outcome(() => traceVmap(fn, c.inAxes, o, c.args, { provenance }));
          expect(outcome(() => body.story(o, { provenance })), `out_axes ${JSON.stringify(o)}`).toEqual(fresh);
          told["story" in fresh ? "stories" : "errors"]++;
        }
      }
      // Both kinds compared: placed stories and out_axes' errors.
      expect(told.stories).toBeGreaterThan(2);
      expect(told.errors).toBeGreaterThan(2);
    });
  }

  it("checks the specs before it runs the function, as traceVmap does", () => {
    const fails = parseLambda("lambda a, b: a @ b");
    const args = [np.ones([2, 3]), np.ones([2, 5])];
    for (const [inAxes, outAxes] of [[[0, 0], "x"], [[0, "y"], 0], [[0, 0], 0]] as [unknown, unknown][]) {
      const want = outcome(() => traceVmap(fails, inAxes, outAxes, args));
      expect("error" in want).toBe(true);
      expect(outcome(() => traceVmapBody(fails, inAxes, outAxes, args).story(outAxes))).toEqual(want);
    }
  });
});
