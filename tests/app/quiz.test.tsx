// @vitest-environment jsdom
// Quiz mode: drawn calls at three levels, the right answer always the engine's, checked here
// against the loop reference (tests/helpers/vmapReference.ts: slice, call, stack with plain
// index loops); the session score counts first answers.
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, screen } from "@testing-library/react";
import { renderApp } from "./renderApp";
import { createAppStore, useStore } from "../../app/state/store";
import { drawQuestion } from "../../app/lessons/quiz";
import { expectedAnswer } from "../../app/lessons/answer";
import { explorerKey, argFor, type ExplorerState } from "../../app/state/explorerTypes";
import { vmapCall } from "../../app/state/engineBridge";
import { loopVmap } from "../helpers/vmapReference";
import { pyShape, type NDArray } from "../../engine/index";

afterEach(() => cleanup());

/** The loop reference's output shape for a drawn easy/medium call (single array arguments). */
function loopShape(s: ExplorerState): number[] {
  const c = vmapCall(s);
  if (!c.parsed.ok || !c.args.ok) throw new Error("call did not build");
  const inAxes = c.params.map((p) => s.inAxes.get(p) as number | null);
  return [...loopVmap(c.parsed.fn, inAxes, s.outAxes as number, c.args.values as NDArray[]).shape];
}

describe("quiz questions", () => {
  for (const level of ["easy", "medium"] as const) {
    it(`${level}: the engine's answer is the loop's, over 150 draws`, () => {
      for (let n = 0; n < 150; n++) {
        const s = drawQuestion(level, 12345, n);
        expect(explorerKey(drawQuestion(level, 12345, n))).toBe(explorerKey(s));
        const want = expectedAnswer(s);
        expect(want.kind, `draw ${n}: ${explorerKey(s)}`).toBe("shapes");
        if (want.kind === "shapes") expect(want.shapes[0]).toEqual(loopShape(s));
        const ranks = [...s.args.keys()].map((p) => (argFor(s, p).tree as { shape: number[] }).shape.length);
        if (level === "easy") {
          expect(ranks).toEqual([2, 2]);
          expect(s.outAxes).toBe(0);
        }
      }
    });
  }

  it("medium draws None, negative axes and out_axes; hard draws tuples, nesting and errors", () => {
    const med = Array.from({ length: 100 }, (_, n) => drawQuestion("medium", 7, n));
    expect(med.some((s) => [...s.inAxes.values()].includes(null))).toBe(true);
    expect(med.some((s) => [...s.inAxes.values()].some((a) => typeof a === "number" && a < 0))).toBe(true);
    expect(med.some((s) => s.outAxes !== 0)).toBe(true);
    const hard = Array.from({ length: 100 }, (_, n) => drawQuestion("hard", 7, n));
    expect(hard.some((s) => [...s.args.values()].some((a) => a.tree.kind === "tuple"))).toBe(true);
    expect(hard.some((s) => Array.isArray(s.outAxes))).toBe(true);
    expect(hard.some((s) => s.fnSource.includes("jax.vmap("))).toBe(true);
    const kinds = new Set(hard.map((s) => expectedAnswer(s)).map((a) => (a.kind === "error" ? a.error.kind : a.kind)));
    for (const k of ["shapes", "inconsistent-sizes", "axis-out-of-bounds", "mapped-output-none"]) expect(kinds).toContain(k);
  });
});

describe("quiz mode", () => {
  it("hides the result, checks answers against the loop, and keeps the session's score", async () => {
    renderApp();
    act(() => useStore.getState().openQuiz("easy", 99));
    await screen.findByRole("heading", { name: /Quiz: Easy/ }, { timeout: 15000 });
    expect(screen.getByText("Score this session: 0 of 0")).toBeTruthy();
    expect(screen.getByLabelText("Output shape").closest("[hidden]")).not.toBeNull();
    const first = useStore.getState().explorer;
    expect(explorerKey(first)).toBe(explorerKey(drawQuestion("easy", 99, 0)));
    const answer = (t: string) => {
      fireEvent.change(screen.getByLabelText("Your answer"), { target: { value: t } });
      fireEvent.click(screen.getByRole("button", { name: "Check" }));
    };
    answer(pyShape(loopShape(first)));
    expect(screen.getByText(`Right: the output has shape ${pyShape(loopShape(first))}.`)).toBeTruthy();
    expect(screen.getByText("Score this session: 1 of 1")).toBeTruthy();
    expect(screen.getByLabelText("Output shape").closest("[hidden]")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Next question ▶" }));
    const second = useStore.getState().explorer;
    expect(explorerKey(second)).toBe(explorerKey(drawQuestion("easy", 99, 1)));
    answer("error");
    answer("error");
    expect(screen.getByText("Score this session: 1 of 2")).toBeTruthy();
    answer(pyShape(loopShape(second)));
    // Only the first answer to a question counts.
    expect(screen.getByText("Score this session: 1 of 2")).toBeTruthy();
  });
});

describe("a question whose call was changed before it was answered", () => {
  it("is not checked against the edit: the box says so, gives the question's call back, and checks it then", async () => {
    renderApp();
    act(() => useStore.getState().openQuiz("easy", 99));
    await screen.findByRole("heading", { name: /Quiz: Easy/ }, { timeout: 15000 });
    const question = useStore.getState().explorer;
    const right = pyShape(loopShape(question));
    const answer = (t: string) => {
      fireEvent.change(screen.getByLabelText("Your answer"), { target: { value: t } });
      fireEvent.click(screen.getByRole("button", { name: "Check" }));
    };
    // An edit that changes the answer (every output a scalar).
    act(() => useStore.getState().setFnSource(`${question.fnSource} * 0 + jnp.zeros((5,))[0]`));
    expect(screen.getByText(/The call on screen has changed since the question was asked/)).toBeTruthy();
    answer(right);
    expect(screen.getByText("Not checked: put the question's call back first.")).toBeTruthy();
    // Said once: the note, not the feedback too.
    expect(screen.getAllByText(/The call on screen has changed/)).toHaveLength(1);
    // Neither right nor wrong, and not scored: the question was not what is on screen.
    expect(screen.queryByText(/^Right:/)).toBeNull();
    expect(screen.queryByText("Not quite.")).toBeNull();
    expect(screen.getByText("Score this session: 0 of 0")).toBeTruthy();
    // Undo brings the question's call back, and with it the check.
    act(() => useStore.getState().undo());
    expect(explorerKey(useStore.getState().explorer)).toBe(explorerKey(question));
    expect(screen.queryByText(/The call on screen has changed/)).toBeNull();
    act(() => useStore.getState().setFnSource("lambda a, b: a"));
    fireEvent.click(screen.getByRole("button", { name: "Back to the question's call" }));
    expect(explorerKey(useStore.getState().explorer)).toBe(explorerKey(question));
    answer(right);
    expect(screen.getByText(`Right: the output has shape ${right}.`)).toBeTruthy();
    expect(screen.getByText("Score this session: 1 of 1")).toBeTruthy();
    // Answered, the call is the student's to explore: no note for an edit now.
    act(() => useStore.getState().setFnSource("lambda a, b: a"));
    expect(screen.queryByText(/The call on screen has changed/)).toBeNull();
  });

  it("shows the question's own answer with its call when the student gives up after an edit", async () => {
    renderApp();
    act(() => useStore.getState().openQuiz("easy", 5));
    await screen.findByRole("heading", { name: /Quiz: Easy/ }, { timeout: 15000 });
    const question = useStore.getState().explorer;
    act(() => useStore.getState().setFnSource("lambda a, b: jnp.sum(a)"));
    fireEvent.click(screen.getByRole("button", { name: "Show the answer" }));
    expect(screen.getByText(`The answer: ${pyShape(loopShape(question))}.`)).toBeTruthy();
    expect(explorerKey(useStore.getState().explorer)).toBe(explorerKey(question));
    // "Show the answer" is gone: the focus goes on to Next, as after a right answer.
    expect(document.activeElement?.textContent).toBe("Next question ▶");
  });
});

describe("quiz actions", () => {
  it("load the call with the quiz's number and hide its results, once the quiz's chunk is in", async () => {
    const store = createAppStore();
    store.getState().openQuiz("medium", 31);
    await vi.waitFor(() => expect(store.getState().quiz).toEqual({ level: "medium", n: 0, seed: 31 }));
    expect(explorerKey(store.getState().explorer)).toBe(explorerKey(drawQuestion("medium", 31, 0)));
    expect(store.getState().lessonConceal).toBe(true);
    // The next question: at once (the chunk is in), the call and the number together.
    store.getState().quizNext();
    expect(store.getState().quiz?.n).toBe(1);
    expect(explorerKey(store.getState().explorer)).toBe(explorerKey(drawQuestion("medium", 31, 1)));
  });

  it("open nothing when the student has moved on before the chunk arrived", async () => {
    const store = createAppStore();
    const before = explorerKey(store.getState().explorer);
    store.getState().openQuiz("easy", 7);
    store.getState().closeQuiz();
    // The chunk's arrival: the same module the store asked for.
    await import("../../app/lessons/quiz");
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().quiz).toBeNull();
    expect(explorerKey(store.getState().explorer)).toBe(before);
  });
});
