// @vitest-environment jsdom
// Cell provenance as the page reads it: one output cell's sources, and the reverse map (input
// cell → output cells) checked against a slow, obvious scan of the engine's story; the highlight
// and the hover readout a person sees, at once on the first hover; computed once per state.
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, screen, waitFor } from "@testing-library/react";
import { parseFunction, runTrace, type VmapStory } from "../../app/state/engineBridge";
import { presetById } from "../../app/state/presets";
import type { ExplorerState } from "../../app/state/explorerTypes";
import { computeProvenance, Provenance, provenanceFor } from "../../app/state/provenance";
import { highlightFor } from "../../app/state/hooks";
import { useStore } from "../../app/state/store";
import { HOVER_SENTENCE } from "../../app/explorer/HoverReadout";
import { renderApp } from "./renderApp";

afterEach(() => cleanup());

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

describe("provenance reader", () => {
  for (const id of ["add-5d", "dot", "sum", "tuple-arg", "tuple-out"]) {
    it(`reads the engine's provenance for the ${id} preset, both ways`, () => {
      const st = story(presetById(id)!.state);
      const prov = new Provenance(st);
      st.outputs.forEach((o, out) => {
        expect(o.provenance).toBeDefined();
        o.provenance!.forEach((src, j) => expect(prov.source(out, j)).toEqual(src));
      });
      // Reverse: every input cell of every leaf (sampled on the big example).
      st.args.forEach((a, l) => {
        const n = a.shape.reduce((x, y) => x * y, 1);
        for (let c = 0; c < n; c += n > 200 ? 37 : 1) expect(prov.users(l, c)).toEqual(naiveUsers(st, l, c));
      });
    });
  }

  it("highlights the hovered cell, and its sources or its users", () => {
    const prov = new Provenance(story(presetById("add")!.state));
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

  it("highlights the sources of a cell computed by a jitted function (defect 4)", () => {
    const s: ExplorerState = { ...presetById("add")!.state, fnSource: "lambda a, b: jnp.sum(jax.jit(lambda x: x * 2.0)(a)) + b" };
    const prov = computeProvenance(s);
    expect(prov).not.toBeNull();
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

describe("provenance in the page", () => {
  it("names the hovered cell's sources on the first hover, with no wait once the page has had a moment", async () => {
    renderApp();
    // The sentence's code loads by itself when the page is idle (HoverReadout.tsx), before any hover.
    await waitFor(() => expect(HOVER_SENTENCE.get()).not.toBeNull());
    act(() => useStore.getState().setHover({ side: "out", leaf: 0, cell: 3 }));
    // The default 2×2 add, in_axes (0, 0): out[1, 1] = a[1, 1] + b[1, 1] = 3 + 130. The sources
    // come at once; the expression with the expression writer (loaded when first needed).
    expect(screen.getByText(/^out\[1, 1\] = (a₁₁ \+ b₁₁ = )?133\.0, from k = 1 ← a\[1, 1\]; b\[1, 1\]$/)).toBeTruthy();
    expect(await screen.findByText(/^out\[1, 1\] = a₁₁ \+ b₁₁ = 133\.0, from k = 1 ← a\[1, 1\]; b\[1, 1\]$/)).toBeTruthy();
    act(() => useStore.getState().setHover(null));
  });

  it("computes each state once: an equal state gets the same answer object, a new one its own", () => {
    const s = { ...presetById("jnp-add")!.state, outAxes: 2 };
    const first = provenanceFor(s);
    expect(first).not.toBeNull();
    expect(provenanceFor(s)).toBe(first);
    expect(provenanceFor(structuredClone(s))).toBe(first);
    const other = provenanceFor({ ...s, outAxes: 0 });
    expect(other).not.toBe(first);
    // out_axes 2 on (2, 2) slices of b: out[i, j, k] = a[i, j] + b[k, j].
    expect(first!.source(0, 1)).toEqual({ k: 1, sources: [[0], [2]] });
    // A failing trace is remembered as "no provenance".
    expect(provenanceFor({ ...s, outAxes: 7 })).toBeNull();
  });
});
