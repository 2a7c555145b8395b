// The "Indexing by values under vmap" lesson: every step reads as a link does, runs in the
// engine, and its questions' answers are the engine's (the lesson text quotes them).
import { describe, expect, it } from "vitest";
import { lessonLibrary } from "../../app/lessons/library";
import { runTrace, parseFunction } from "../../app/state/engineBridge";

describe("lesson: indexing by values", () => {
  it("every step loads and runs; the text's shapes are the engine's", () => {
    const lesson = lessonLibrary().get("indexing-by-values")!;
    const shapes = lesson.steps.map((s) => {
      expect(s.problem, s.title).toBeNull();
      const r = runTrace(s.state!, parseFunction(s.state!.fnSource), true);
      if (!r.ok) throw new Error(`${s.title}: ${r.error?.message}`);
      return r.story.outputs[0].shape;
    });
    expect(shapes).toEqual([[4, 4], [4, 4], [4], [4, 3], [3, 3], [3]]);
    // The clamping step: i = 0, 1, 2, 0 on a 2-row x, so out[2] is row 1.
    const clamp = runTrace(lesson.steps[3].state!, parseFunction(lesson.steps[3].state!.fnSource), true);
    if (!clamp.ok) throw new Error("clamp step failed");
    expect(Array.from(clamp.story.values[0].data.slice(6, 9))).toEqual([3, 4, 5]);
    expect(clamp.story.outputs[0].provenance![6].sources[0]).toEqual([3]);
  });
});
