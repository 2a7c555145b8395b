// Cell provenance as the page reads it: packed into typed arrays (what the worker hands over),
// then read one cell at a time and reversed (input cell → output cells). Checked cell by cell
// against the engine's own story, and the cache: computed once per state, never during a render.
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseFunction, runTrace, type VmapStory } from "../../app/state/engineBridge";
import { presetById } from "../../app/state/presets";
import type { ExplorerState } from "../../app/state/explorerTypes";
import { computeProvenance, packProvenance, Provenance } from "../../app/state/provenanceData";
import { cachedProvenance, requestProvenance, subscribeProvenance } from "../../app/state/provenance";
import { highlightFor } from "../../app/state/hooks";

function story(s: ExplorerState): VmapStory {
  const r = runTrace(s, parseFunction(s.fnSource), true);
  if (!r.ok) throw r.error;
  return r.story;
}

/** Input leaf → input cell → [output leaf, output cell] pairs, the slow obvious way. */
function naiveUsers(st: VmapStory, leaf: number, cell: number): { out: number; cell: number }[] {
  const res: { out: number; cell: number }[] = [];
  st.outputs.forEach((o, out) => o.provenance?.forEach((src, j) => src.sources[leaf]?.includes(cell) && res.push({ out, cell: j })));
  return res;
}

describe("packed provenance", () => {
  for (const id of ["add-5d", "dot", "sum", "tuple-arg", "tuple-out"]) {
    it(`reads back the engine's provenance for the ${id} preset`, () => {
      const preset = presetById(id);
      if (!preset) throw new Error(`no preset ${id}`);
      const st = story(preset.state);
      const prov = new Provenance(packProvenance(st), st.args.length);
      st.outputs.forEach((o, out) => {
        expect(o.provenance).toBeDefined();
        o.provenance!.forEach((src, j) => {
          const got = prov.source(out, j)!;
          expect(got.k).toBe(src.k);
          st.args.forEach((_, l) => expect(got.sources[l]).toEqual(src.sources[l] ?? []));
        });
      });
      // Reverse: every input cell of every leaf (sampled on the big example).
      st.args.forEach((a, l) => {
        const n = a.shape.reduce((x, y) => x * y, 1);
        for (let c = 0; c < n; c += n > 200 ? 37 : 1) expect(prov.users(l, c)).toEqual(naiveUsers(st, l, c));
      });
    });
  }

  it("highlights the hovered cell at once, and its sources once provenance is known", () => {
    const st = story(presetById("add")!.state);
    const prov = new Provenance(packProvenance(st), st.args.length);
    const hover = { side: "out" as const, leaf: 0, cell: 3 };
    expect([...highlightFor(null, hover)]).toEqual([["out:0", new Set([3])]]);
    // out[1, 1] = a[1, 1] + b[1, 1] (in_axes 0, 0): flat cell 3 of each input
    expect(highlightFor(prov, hover)).toEqual(
      new Map([
        ["out:0", new Set([3])],
        ["in:0", new Set([3])],
        ["in:1", new Set([3])],
      ]),
    );
    expect(highlightFor(prov, { side: "in", leaf: 1, cell: 2 })).toEqual(
      new Map([
        ["in:1", new Set([2])],
        ["out:0", new Set([2])],
      ]),
    );
    expect(highlightFor(prov, null).size).toBe(0);
  });
});

describe("provenance of programs with jit inside", () => {
  it("highlights the sources of a cell computed by a jitted function (defect 4)", () => {
    const s: ExplorerState = { ...presetById("add")!.state, fnSource: "lambda a, b: jnp.sum(jax.jit(lambda x: x * 2.0)(a)) + b" };
    const answer = computeProvenance(s);
    expect(answer).not.toBeNull();
    const prov = new Provenance(answer!.packed, answer!.leaves);
    // in_axes (0, 0) on 2×2 arguments: out[1, 0] = sum(2 * a[1, :]) + b[1, 0], flat cell 2.
    expect(highlightFor(prov, { side: "out", leaf: 0, cell: 2 })).toEqual(
      new Map([
        ["out:0", new Set([2])],
        ["in:0", new Set([2, 3])],
        ["in:1", new Set([2])],
      ]),
    );
  });
});

describe("provenance cache", () => {
  afterEach(() => vi.useRealTimers());

  it("computes each state once, off the render, and tells its listeners", () => {
    vi.useFakeTimers();
    const s = { ...presetById("jnp-add")!.state, outAxes: 2 };
    const heard = vi.fn();
    const stop = subscribeProvenance(heard);
    expect(cachedProvenance(s)).toBeUndefined();
    requestProvenance(s);
    requestProvenance(s);
    // No worker in this environment: computed on this thread once the state has settled.
    expect(cachedProvenance(s)).toBeUndefined();
    vi.runAllTimers();
    expect(heard).toHaveBeenCalledTimes(1);
    const prov = cachedProvenance(s)!;
    const direct = computeProvenance(s)!;
    for (let j = 0; j < 8; j++) expect(prov.source(0, j)).toEqual(new Provenance(direct.packed, direct.leaves).source(0, j));
    // The same content in a new object is the same state: no second computation.
    requestProvenance(structuredClone(s));
    vi.runAllTimers();
    expect(heard).toHaveBeenCalledTimes(1);
    expect(cachedProvenance(structuredClone(s))).toBe(prov);
    stop();
  });

  it("queues only the newest state while typing", () => {
    vi.useFakeTimers();
    const base = presetById("dot")!.state;
    const states = ["lambda m, v: jnp.dot(m, v) + 1", "lambda m, v: jnp.dot(m, v) + 2", "lambda m, v: jnp.dot(m, v) + 3"].map((fnSource) => ({ ...base, fnSource }));
    for (const s of states) requestProvenance(s);
    vi.runAllTimers();
    expect(cachedProvenance(states[0])).toBeUndefined();
    expect(cachedProvenance(states[1])).toBeUndefined();
    expect(cachedProvenance(states[2])).toBeInstanceOf(Provenance);
  });
});
