// The export's picture as data and as SVG: every argument and output grid at the engine's
// shapes with the engine's values, the cells of each animation frame in the page's states, and
// one play-through as 3 frames per k plus the resting picture.
import { describe, expect, it } from "vitest";
import { animationFrames, buildScene, sceneSvg } from "../../../app/share/scene";
import { selectView } from "../../../app/state/selectors";
import { explorerOf, leaf } from "../../../app/state/explorerTypes";
import { selectInputLeaves } from "../../../app/state/hooks";
import { cellTexts } from "../../../app/state/symbols";
import * as writer from "../../../app/state/expressions";

const state = explorerOf("lambda m, v: jnp.dot(m, v)", [["m", leaf(3, 4), 0], ["v", leaf(4), null]], 0);

describe("the export scene", () => {
  const view = selectView(state, null);
  const story = view.shown!;
  const leaves = selectInputLeaves(view.call);

  it("holds every grid with the engine's shapes and values", () => {
    const scene = buildScene(leaves, story, { k: null, phase: 2, B: 3 });
    expect(scene.grids.map((g) => [g.side, g.layout.shape])).toEqual([["in", [3, 4]], ["in", [4]], ["out", [3]]]);
    // out[k] = sum_j m[k, j] * v[j], m = arange(12).reshape(3, 4), v = arange(4) * 100 + 1000 (a loop).
    const want = [0, 1, 2].map((k) => [0, 1, 2, 3].reduce((s, j) => s + (4 * k + j) * (1000 + 100 * j), 0));
    expect(Array.from(scene.grids[2].values!)).toEqual(want);
    const svg = sceneSvg(scene);
    expect(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")).toBe(true);
    const outGrid = svg.slice(svg.indexOf(`data-side="out"`));
    expect([...outGrid.matchAll(/<text x="[^"]+" y="[^"]+" text-anchor="middle" font-size="11" fill="#222">([^<]*)<\/text>/g)].map((m) => Number(m[1]))).toEqual(want);
    expect(svg.match(/<rect width="(?!100%)/g)!.length).toBe(12 + 4 + 3);
  });

  it("shows the page's symbols and expressions where the page shows them", () => {
    const scene = buildScene(leaves, story, { k: null, phase: 2, B: 3 }, cellTexts(view.call, leaves, story, writer));
    const svg = sceneSvg(scene);
    const texts = (side: string) => [...svg.slice(svg.indexOf(`data-side="${side}"`)).matchAll(/text-anchor="middle" font-size="[\d.]+" fill="#222">([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts("out")).toEqual(["Σ m₀ⱼ·vⱼ", "Σ m₁ⱼ·vⱼ", "Σ m₂ⱼ·vⱼ"]);
    expect(texts("in").slice(0, 2)).toEqual(["m₀₀", "m₀₁"]);
  });

  it("draws each frame in the page's cell states", () => {
    const lifted = buildScene(leaves, story, { k: 1, phase: 0, B: 3 });
    // Row 1 of m lifts out; v is reused whole; nothing is stacked yet at k = 1 but row 0.
    const m = lifted.grids[0];
    expect(m.states.map((s, i) => (s === "lifted" ? i : -1)).filter((i) => i >= 0)).toEqual([4, 5, 6, 7]);
    expect(new Set(lifted.grids[1].states)).toEqual(new Set(["reused"]));
    expect(lifted.grids[2].states).toEqual(["placed", "pending", "pending"]);
  });

  it("plays through in 3 frames per k and the resting picture", () => {
    expect(animationFrames(3).map((f) => `${f.k}:${f.phase}`)).toEqual(["0:0", "0:1", "0:2", "1:0", "1:1", "1:2", "2:0", "2:1", "2:2", "null:2"]);
    expect(animationFrames(0)).toEqual([{ k: null, phase: 2, B: 0 }]);
  });

  it("escapes text taken from the user", () => {
    const s = explorerOf("lambda x: x", [["x", leaf(2), 0]], 0);
    const v = selectView(s, null);
    const scene = buildScene(selectInputLeaves(v.call).map((l) => ({ ...l, label: "<x>&" })), v.shown!, { k: null, phase: 2, B: 2 });
    expect(sceneSvg(scene)).toContain("&lt;x&gt;&amp; (2,)");
  });
});
