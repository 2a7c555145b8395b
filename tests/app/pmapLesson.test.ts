// The lesson step contrasting vmap (one program on the whole batch) with pmap (one per device):
// lesson data carry the call line's map and device count through the link's reader, and a bad
// device count is an error for that step only.
import { describe, expect, it } from "vitest";
import { LESSONS } from "../../app/lessons/data";
import { prepareLibrary, prepareStep } from "../../app/lessons/prepare";
import { pmapOf, vmapCall } from "../../app/state/engineBridge";

describe("the vmap / pmap lesson steps", () => {
  const lesson = prepareLibrary(LESSONS).get("batching-real-functions")!;
  it("the pmap step opens jax.pmap on 4 devices, one lane per row", () => {
    const step = lesson.steps.find((s) => s.title === "pmap: one program per device")!;
    expect(step.problem).toBeNull();
    expect(step.state).toMatchObject({ mapWith: "pmap", devices: 4 });
    const r = pmapOf(vmapCall(step.state!));
    if (!r.ok) throw r.error;
    expect(r.run.lanes.map((l) => l.inShapes)).toEqual([0, 1, 2, 3].map(() => [[3], null]));
    const before = lesson.steps.find((s) => s.title === "vmap: one program on the whole batch")!;
    expect(before.state).toMatchObject({ mapWith: "vmap" });
  });
  it("a device count outside 1–8 is that step's problem, in the link's words", () => {
    const bad = prepareStep({ title: "x", text: [], state: { f: "lambda x: x", shapes: [["x", "(4,)"]], mapWith: "pmap", devices: 9 } });
    expect(bad.state).toBeNull();
    expect(bad.problem).toBe("devices must be a whole number from 1 to 8, not '9'");
  });
});
