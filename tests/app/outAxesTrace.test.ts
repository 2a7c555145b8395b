// Stepping through out_axes places one batched trace again (engine traceVmapBody) instead of
// tracing the function for each value; what is drawn is what a fresh trace gives. A change of
// anything else (in_axes here) traces anew.
import { describe, expect, it } from "vitest";
import { createAppStore } from "../../app/state/store";
import { KEEP_BODY_ELEMENTS, runTrace, vmapCall } from "../../app/state/engineBridge";
import { config, traceVmap, type VmapStory } from "../../engine/index";
import { explorerOf, leaf, type ExplorerState } from "../../app/state/explorerTypes";

function storyOf(s: ExplorerState): VmapStory {
  const r = runTrace(s);
  if (!r.ok) throw new Error("error" in r && r.error ? r.error.message : "off the page");
  return r.story;
}

/** The same call traced from scratch by the engine (no cache of the app's). */
function freshStory(s: ExplorerState): VmapStory {
  const c = vmapCall(s);
  if (!c.parsed.ok || !c.args.ok) throw new Error("call not built");
  const before = config.jax_enable_x64;
  config.update("jax_enable_x64", s.x64);
  try {
    return traceVmap(c.parsed.fn, c.inAxes, c.outAxes, c.args.values, { ...c.opts, provenance: false });
  } finally {
    config.update("jax_enable_x64", before);
  }
}

describe("out_axes changes on the page", () => {
  it("reuse the call's trace, and draw what a fresh trace gives", () => {
    const store = createAppStore();
    store.getState().loadPreset("add-5d");
    const first = storyOf(store.getState().explorer);
    for (const o of [0, 2, 5, -1, -6]) {
      store.getState().setOutAxes(o);
      const s = store.getState().explorer;
      const story = storyOf(s);
      // One trace: its primitives (recorded while tracing) are the first call's.
      expect(story.primitives).toBe(first.primitives);
      expect(story).toEqual(freshStory(s));
    }
  });

  it("trace again when in_axes changes", () => {
    const store = createAppStore();
    store.getState().loadPreset("add-5d");
    const first = storyOf(store.getState().explorer);
    store.getState().setInAxis("a", 0);
    const s = store.getState().explorer;
    const story = storyOf(s);
    expect(story.primitives).not.toBe(first.primitives);
    expect(story).toEqual(freshStory(s));
    expect(story.outputs[0].shape).not.toEqual(first.outputs[0].shape);
  });

  it("trace again when the last call's outputs were too big to keep", () => {
    // 2 × 500 × 1001 output cells: past KEEP_BODY_ELEMENTS, so nothing is held for the next call.
    const big = explorerOf("lambda a: a * 2.0", [["a", leaf(2, 500, 1001), 0]], 0);
    expect(2 * 500 * 1001).toBeGreaterThan(KEEP_BODY_ELEMENTS);
    const first = storyOf(big);
    const moved = { ...big, outAxes: 1 };
    const story = storyOf(moved);
    expect(story.primitives).not.toBe(first.primitives);
    expect(story.outputs[0].shape).toEqual([500, 2, 1001]);
  });
});
