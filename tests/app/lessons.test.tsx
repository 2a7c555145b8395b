// @vitest-environment jsdom
// The lessons driven as a student would: open each lesson from the Lessons menu, walk every
// step with Next, check the explorer holds the step's state, and answer each question wrongly
// (a hint from the engine's plan appears, the results stay hidden) and rightly (the results
// show). The right answers are JAX's, written out from the blog's rules (tests/helpers/lessonAnswers.ts),
// not asked of the engine.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, screen, within } from "@testing-library/react";
import { renderApp } from "./renderApp";
import { canvasesPaintNothing, panelsOutOfView } from "./jsdomPage";
import { useStore } from "../../app/state/store";
import { lessonLibrary } from "../../app/lessons/library";
import { prepareLibrary } from "../../app/lessons/prepare";
import { explorerKey } from "../../app/state/explorerTypes";
import { LESSONS } from "../../app/lessons/data/index";
import { BROKEN_LESSON, ERROR_STEPS, LESSON_ANSWERS, wrongFor } from "../helpers/lessonAnswers";

// The page as a student walking a lesson has it: big grids on canvases, the panels below not
// loaded (jsdomPage.ts). The walk asserts the lesson; tests/browser/lessons.test.ts draws it.
vi.mock("../../app/viz/canvasSupport", () => ({ canvasAvailable: () => true }));
beforeAll(() => {
  canvasesPaintNothing();
  panelsOutOfView();
});

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const ANSWERS = LESSON_ANSWERS;

async function openFromMenu(title: string) {
  fireEvent.click(screen.getByRole("button", { name: "Lessons" }));
  const menu = await screen.findByRole("dialog", { name: "Lessons" }, { timeout: 15000 });
  fireEvent.click(within(menu).getByRole("button", { name: title }));
  return screen.findByRole("navigation", { name: "Lesson steps" }, { timeout: 15000 });
}

/** Whether a dimmed picture of an earlier call is on screen (it says so in words, staleNote.ts). */
const staleShown = () => /last good result/i.test(document.body.textContent ?? "");

/** Whether the results are on screen: the output's shape outside anything hidden. */
const resultsShown = () => {
  const out = screen.queryByLabelText("Output shape");
  return out !== null && out.closest("[hidden]") === null;
};
const answerBox = () => screen.getByLabelText("Your answer") as HTMLInputElement;
function answer(text: string) {
  fireEvent.change(answerBox(), { target: { value: text } });
  fireEvent.click(screen.getByRole("button", { name: "Check" }));
}

describe("every lesson, step by step", () => {
  it("lists exactly the lessons the question table covers", () => {
    expect(LESSONS.map((l) => l.id).sort()).toEqual(Object.keys(ANSWERS).sort());
  });

  for (const data of LESSONS) {
    it(`walks "${data.title}", answering each question wrongly, then rightly`, async () => {
      renderApp();
      await openFromMenu(data.title);
      const lesson = lessonLibrary().get(data.id)!;
      const n = lesson.steps.length;
      for (let i = 0; i < n; i++) {
        const step = lesson.steps[i];
        expect(screen.getByRole("heading", { level: 2, name: step.title })).toBeTruthy();
        expect(screen.getByText(`Step ${i + 1} of ${n}`)).toBeTruthy();
        // Every shipped step reads, and the explorer holds exactly its state.
        expect(step.problem).toBeNull();
        expect(explorerKey(useStore.getState().explorer)).toBe(explorerKey(step.state!));
        const want = ANSWERS[data.id][i + 1];
        if (step.question) {
          expect(want, `an answer for step ${i + 1}`).toBeDefined();
          // The results are hidden until the student answers.
          expect(resultsShown()).toBe(false);
          expect(screen.getByText("The output is hidden until you answer the question above.")).toBeTruthy();
          expect(screen.queryByRole("alert")).toBeNull();
          // Nor does the caption tell (it would say whether the results are stacked).
          expect(document.querySelector(".caption")?.textContent ?? "").toBe("");
          answer(wrongFor(want));
          expect(screen.getByText(/^Not quite/)).toBeTruthy();
          const hints = screen.getByRole("list", { name: "Hints" });
          // The first hint is vmap's plan: each argument and the axis it is sliced along (or None).
          for (const p of [...step.state!.args.keys()]) expect(hints.textContent).toContain(p);
          expect(hints.textContent).toMatch(/sliced along axis|not sliced \(None\)/);
          expect(resultsShown()).toBe(false);
          answer(want);
          if (want === "error") {
            expect(screen.getByText(/^Right: vmap raises an error \(\w+Error\)/)).toBeTruthy();
            expect(screen.getByRole("alert").textContent).toMatch(/^\w+Error: /);
            expect(staleShown()).toBe(false);
          } else {
            expect(screen.getByText(`Right: the output has shape ${want}.`)).toBeTruthy();
            expect(resultsShown()).toBe(true);
          }
        } else {
          expect(want).toBeUndefined();
          // The errors lesson provokes each of vmap's errors: JAX's words, beside the control at fault.
          const err = data.id === "reading-vmap-errors" ? ERROR_STEPS[i + 1] : undefined;
          if (err) expect(screen.getByRole("alert").textContent).toContain(err);
          // A step that raises shows its error, not the step before's picture as if it were a result of it.
          if (err) expect(staleShown()).toBe(false);
          else if (step.question === null && !screen.queryByRole("alert")) expect(resultsShown()).toBe(true);
        }
        const next = screen.getByRole("button", { name: "Next ▶" }) as HTMLButtonElement;
        if (i < n - 1) act(() => next.click());
        else expect(next.disabled).toBe(true);
      }
      // Where the student stopped is remembered.
      expect(localStorage.getItem("vmap-playground:lessons")).toContain(`["${data.id}",${n - 1}]`);
    }, 120_000);
  }
});

describe("questions", () => {
  it("accepts (2,2), 2, 2, [2, 2] and error as written, and shows the answer on request", async () => {
    renderApp();
    await openFromMenu("Axes in vmap");
    act(() => void useStore.getState().lessonNext());
    for (const text of ["(2,2)", "2, 2", "[2, 2]", " ( 2 , 2 ) "]) {
      answer(text);
      expect(screen.getByText(/^Right: the output has shape \(2, 2\)/)).toBeTruthy();
    }
    for (let i = 0; i < 3; i++) act(() => void useStore.getState().lessonNext());
    fireEvent.click(screen.getByRole("button", { name: "Show the answer" }));
    expect(screen.getByText("The answer: (2, 2).")).toBeTruthy();
    expect(screen.getByLabelText("Output shape").textContent).toBe("(2, 2)");
    answer("2 by 2");
    expect(screen.getByText(/is not a shape/)).toBeTruthy();
  });

  it("a second wrong answer adds the trace's hint: one example's result and where out_axes puts B", async () => {
    renderApp();
    await openFromMenu("Axes in vmap");
    act(() => useStore.getState().openLesson("axes-in-vmap", 5));
    answer("(2, 2)");
    answer("(4, 2)");
    const hints = within(screen.getByRole("list", { name: "Hints" })).getAllByRole("listitem").map((li) => li.textContent);
    expect(hints).toEqual([
      "a (2, 2) is not sliced (None): every example sees all of it, (2, 2). b (2, 2) is sliced along axis 0, of size 2: each example sees (2,). So there are 2 examples.",
      "f gives (2, 2) for one example; out_axes 0 puts the 2 examples at position 0.",
    ]);
    expect(resultsShown()).toBe(false);
  });
});

describe("a broken step", () => {
  it("shows its error; the explorer keeps the step before, and Next goes on", async () => {
    renderApp();
    const lib = prepareLibrary([BROKEN_LESSON]);
    act(() => {
      useStore.getState().setLessonLibrary(lib);
      useStore.getState().openLesson("broken");
    });
    await screen.findByRole("heading", { name: "Fine" }, { timeout: 15000 });
    fireEvent.click(screen.getByRole("button", { name: "Next ▶" }));
    expect(screen.getByRole("alert").textContent).toContain("This step could not be loaded: shape of x: a dimension cannot be negative: -1.");
    expect(useStore.getState().explorer.fnSource).toBe("lambda x: x * 2.0");
    fireEvent.click(screen.getByRole("button", { name: "Next ▶" }));
    expect(screen.getByRole("alert").textContent).toMatch(/This step could not be loaded: AttributeError: module 'jax.numpy' has no attribute 'nosuch'/);
    fireEvent.click(screen.getByRole("button", { name: "Next ▶" }));
    expect(screen.getByRole("heading", { name: "Fine again" })).toBeTruthy();
    expect(useStore.getState().explorer.fnSource).toBe("lambda y: y + 1.0");
    expect(screen.getByLabelText("Output shape").textContent).toBe("(2,)");
  });
});
