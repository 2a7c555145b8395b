// The lesson slice (the agreed seam): open, next/prev with their booleans, bad ids and steps
// falling back with a notice, lazy loading of the lessons' data, and a broken step.
import { describe, expect, it } from "vitest";
import { createAppStore } from "../../app/state/store";
import { lessonLibrary } from "../../app/lessons/library";
import { decodeLink } from "../../app/state/urlState";
import { prepareLibrary } from "../../app/lessons/prepare";
import { defaultExplorer, explorerKey } from "../../app/state/explorerTypes";
import { BROKEN_LESSON } from "../helpers/lessonAnswers";

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
};

describe("lesson data", () => {
  it("every shipped lesson has an id a link can carry, and at least one question", () => {
    for (const l of lessonLibrary().values()) {
      const r = decodeLink(`#lesson=${l.id}&step=${l.steps.length}`);
      expect(r.ok, l.id).toBe(true);
      expect(r.lesson).toEqual({ id: l.id, step: l.steps.length - 1, keepExplorer: false });
      expect(l.steps.some((s) => s.question)).toBe(true);
    }
  });
});

describe("lesson slice", () => {
  it("Undo stays within the open step: it takes back the student's edits, not the steps before", async () => {
    const st = createAppStore();
    st.getState().setOutAxes(1);
    st.getState().openLesson("axes-in-vmap", 0);
    await until(() => st.getState().lessonLibrary !== null);
    for (let i = 0; i < 4; i++) st.getState().lessonNext();
    const step = lessonLibrary().get("axes-in-vmap")!.steps[4];
    expect(explorerKey(st.getState().explorer)).toBe(explorerKey(step.state!));
    st.getState().setOutAxes(st.getState().explorer.outAxes === 0 ? 1 : 0);
    for (let i = 0; i < 5; i++) st.getState().undo();
    // Back at the step's own state, and the lesson still at step 5.
    expect(explorerKey(st.getState().explorer)).toBe(explorerKey(step.state!));
    expect(st.getState().lesson).toEqual({ id: "axes-in-vmap", step: 4 });
    st.getState().lessonPrev();
    expect(st.getState().lesson).toEqual({ id: "axes-in-vmap", step: 3 });
    // Closed, the lesson's steps and what came before are Undo's again: nothing is lost.
    st.getState().closeLesson();
    for (let i = 0; i < 20; i++) st.getState().undo();
    expect(st.getState().explorer.outAxes).toBe(0);
    expect(explorerKey(st.getState().explorer)).toBe(explorerKey(defaultExplorer()));
  });

  it("opens a lesson before its data are loaded, then enters the step when they arrive", async () => {
    const st = createAppStore();
    st.getState().openLesson("axes-in-vmap", 1);
    expect(st.getState().lesson).toEqual({ id: "axes-in-vmap", step: 1 });
    await until(() => st.getState().lessonLibrary !== null);
    const step = lessonLibrary().get("axes-in-vmap")!.steps[1];
    expect(explorerKey(st.getState().explorer)).toBe(explorerKey(step.state!));
    // Step 2 asks a question: its results stay hidden until answered.
    expect(st.getState().lessonConceal).toBe(true);
    st.getState().revealAnswer();
    expect(st.getState().lessonConceal).toBe(false);
  });

  it("walks with lessonNext/lessonPrev, which say whether they moved", () => {
    const st = createAppStore();
    const lib = lessonLibrary();
    st.getState().setLessonLibrary(lib);
    const n = lib.get("axes-in-vmap")!.steps.length;
    expect(st.getState().lessonNext()).toBe(false); // no lesson open
    st.getState().openLesson("axes-in-vmap");
    expect(st.getState().lessonPrev()).toBe(false);
    for (let i = 1; i < n; i++) expect(st.getState().lessonNext()).toBe(true);
    expect(st.getState().lesson?.step).toBe(n - 1);
    expect(st.getState().lessonNext()).toBe(false);
    expect(st.getState().lessonPrev()).toBe(true);
    expect(explorerKey(st.getState().explorer)).toBe(explorerKey(lib.get("axes-in-vmap")!.steps[n - 2].state!));
    // Undo does not step the picture to another step under the lesson's text: the steps walk with Back and Next.
    st.getState().undo();
    expect(explorerKey(st.getState().explorer)).toBe(explorerKey(lib.get("axes-in-vmap")!.steps[n - 2].state!));
    st.getState().closeLesson();
    expect(st.getState().lesson).toBeNull();
    // Closed, each step it showed is one undoable change of the explorer.
    st.getState().undo();
    expect(explorerKey(st.getState().explorer)).toBe(explorerKey(lib.get("axes-in-vmap")!.steps[n - 1].state!));
  });

  it("an unknown lesson or a step past the end falls back with a notice", () => {
    const st = createAppStore();
    st.getState().setLessonLibrary(lessonLibrary());
    st.getState().openLesson("no-such-lesson", 2);
    expect(st.getState().lesson).toBeNull();
    expect(st.getState().notice).toMatch(/no lesson called "no-such-lesson"/);
    expect(explorerKey(st.getState().explorer)).toBe(explorerKey(defaultExplorer()));
    st.getState().openLesson("axes-in-vmap", 99);
    expect(st.getState().lesson).toEqual({ id: "axes-in-vmap", step: 0 });
    expect(st.getState().notice).toMatch(/has \d+ steps, not 100, so its first step is shown/);
  });

  it("a broken step keeps the explorer and the rest of the lesson works", () => {
    const lib = prepareLibrary([BROKEN_LESSON]);
    expect(lib.get("broken")!.steps.map((s) => s.problem)).toEqual([
      null,
      "shape of x: a dimension cannot be negative: -1",
      expect.stringMatching(/^AttributeError: module 'jax.numpy' has no attribute 'nosuch'/),
      null,
    ]);
    const st = createAppStore();
    st.getState().setLessonLibrary(lib);
    st.getState().openLesson("broken");
    expect(st.getState().explorer.fnSource).toBe("lambda x: x * 2.0");
    expect(st.getState().lessonNext()).toBe(true);
    expect(st.getState().explorer.fnSource).toBe("lambda x: x * 2.0");
    expect(st.getState().lessonNext()).toBe(true);
    expect(st.getState().lessonNext()).toBe(true);
    expect(st.getState().explorer.fnSource).toBe("lambda y: y + 1.0");
  });
});
