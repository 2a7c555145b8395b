/**
 * The default numeric fill ("unique", app/state/fills.ts) breaks every symmetry: two in_axes
 * choices give the same grid only when JAX's answers are the same, i.e. when every output cell is
 * computed from the same input cells the same way (the engine's symbolic cells). The blog's
 * 2×2 lesson depends on it: in_axes (0, 1) pairs row k of a with column k of b, (1, 0) the
 * other way round, and the two grids must differ (they did not when b was a + 100).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fullTrace, vmapCall } from "../../app/state/engineBridge";
import { explorerOf, leaf, type AxisTree, type ExplorerState } from "../../app/state/explorerTypes";

const RUNS = 200;

/** a and b with the "unique" fill, vmapped with these in_axes; null when vmap raises. */
function run(src: string, shapes: [number[], number[]], inAxes: [AxisTree, AxisTree], outAxes = 0) {
  const s: ExplorerState = explorerOf(src, [["a", leaf(...shapes[0]), inAxes[0]], ["b", leaf(...shapes[1]), inAxes[1]]], outAxes);
  const numeric: ExplorerState = { ...s, args: new Map([...s.args].map(([n, a]) => [n, { ...a, fill: "unique" as const }])) };
  const r = fullTrace(vmapCall(numeric), false, true);
  if (!r.ok) return null;
  const o = r.story.outputs[0];
  return { grid: JSON.stringify([o.shape, r.story.values[0].data]), symbols: JSON.stringify([o.shape, o.symbols]) };
}

describe("the default numeric fill", () => {
  it("gives different grids for in_axes (0, 1) and (1, 0) on the blog's 2×2", () => {
    const x = run("lambda a, b: a + b", [[2, 2], [2, 2]], [0, 1]);
    const y = run("lambda a, b: a + b", [[2, 2], [2, 2]], [1, 0]);
    expect(x!.grid).not.toBe(y!.grid);
    // Products too (a has a 0, so this is not implied by the sums).
    expect(run("lambda a, b: a * b", [[2, 2], [2, 2]], [0, 1])!.grid).not.toBe(run("lambda a, b: a * b", [[2, 2], [2, 2]], [1, 0])!.grid);
  });

  it("gives the same grid for two in_axes choices only when JAX's answers are the same", () => {
    const axis = (rank: number) => fc.option(fc.integer({ min: -rank, max: rank - 1 }), { nil: null });
    const arb = fc
      .record({
        dims: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
        permB: fc.boolean(),
        src: fc.constantFrom("lambda a, b: a + b", "lambda a, b: a - b", "lambda a, b: b - 2.0 * a", "lambda a, b: jnp.sum(a) + b"),
        out: fc.nat(),
      })
      .chain((c) => {
        const r = c.dims.length;
        return fc.record({ c: fc.constant(c), x: fc.tuple(axis(r), axis(r)), y: fc.tuple(axis(r), axis(r)) });
      });
    fc.assert(
      fc.property(arb, ({ c, x, y }) => {
        const a = c.dims;
        const b = c.permB ? [...a].reverse() : a;
        const out = c.out % (a.length + 1);
        const p = run(c.src, [a, b], x, out);
        const q = run(c.src, [a, b], y, out);
        fc.pre(p !== null && q !== null);
        // Same grid ⇔ same expression in every cell.
        expect(p!.grid === q!.grid).toBe(p!.symbols === q!.symbols);
      }),
      { numRuns: RUNS },
    );
  });
});
