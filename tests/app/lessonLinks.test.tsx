// @vitest-environment jsdom
// Every lesson step has its own link (urlState.ts decodeLink/encodeLink), validated like the
// explorer's links: a bad one falls back to the default with a notice; a lesson or step that
// does not exist falls back once the lessons are loaded. Where the student stopped is kept in
// localStorage, read defensively.
import { afterEach, describe, expect, it } from "vitest";
import { act, fireEvent, screen, within } from "@testing-library/react";
import { closeLink, openLink, renderApp } from "./renderApp";
import { useStore } from "../../app/state/store";
import { decodeLink, encodeLink } from "../../app/state/urlState";
import { defaultExplorer, explorerKey } from "../../app/state/explorerTypes";
import { lessonLibrary } from "../../app/lessons/library";
import { PROGRESS_KEY, readProgress, writeProgress, type StorageLike } from "../../app/lessons/progress";

afterEach(() => {
  closeLink();
  localStorage.clear();
});

const LONG = { timeout: 15000 };

describe("lesson links", () => {
  it("reads lesson and step, 1-based, and writes them back", () => {
    const r = decodeLink("#lesson=axes-in-vmap&step=3");
    expect(r.ok).toBe(true);
    expect(r.lesson).toEqual({ id: "axes-in-vmap", step: 2, keepExplorer: false });
    const s = lessonLibrary().get("axes-in-vmap")!.steps[2].state!;
    const back = decodeLink(`#${encodeLink(s, { id: "axes-in-vmap", step: 2 })}`);
    expect(back.lesson).toEqual({ id: "axes-in-vmap", step: 2, keepExplorer: true });
    expect(explorerKey(back.state)).toBe(explorerKey(s));
  });

  it.each([
    ["#lesson=Axes!&step=1", "the lesson 'Axes!' is not a lesson's name"],
    ["#lesson=axes-in-vmap&step=0", "the step must be a number from 1, not '0'"],
    ["#lesson=axes-in-vmap&step=2x", "the step must be a number from 1, not '2x'"],
    ["#step=2", "step without a lesson"],
    ["#lesson=a&lesson=b", "lesson appears twice"],
    ["#lesson=axes-in-vmap&step=1&shape.a=(2,%20-1)&f=lambda%20a:%20a", "shape of a: a dimension cannot be negative: -1"],
  ])("refuses %s: %s", (hash, why) => {
    const r = decodeLink(hash);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.why).toBe(why);
    expect(r.lesson).toBeNull();
    expect(explorerKey(r.state)).toBe(explorerKey(defaultExplorer()));
  });

  it("a step's link opens the lesson at that step, and the URL follows Next", async () => {
    openLink("#lesson=axes-in-vmap&step=6");
    const lesson = lessonLibrary().get("axes-in-vmap")!;
    await screen.findByRole("heading", { name: lesson.steps[5].title }, LONG);
    expect(explorerKey(useStore.getState().explorer)).toBe(explorerKey(lesson.steps[5].state!));
    expect(screen.getByRole("link", { name: "Link to this step" }).getAttribute("href")).toBe("#lesson=axes-in-vmap&step=6");
    fireEvent.click(screen.getByRole("button", { name: "Next ▶" }));
    await new Promise((r) => setTimeout(r, 300));
    expect(window.location.hash).toMatch(/^#lesson=axes-in-vmap&step=7&f=/);
  });

  it("a step past the end or an unknown lesson falls back with a notice", async () => {
    openLink("#lesson=axes-in-vmap&step=99");
    await screen.findByRole("heading", { name: lessonLibrary().get("axes-in-vmap")!.steps[0].title }, LONG);
    expect(screen.getByText(/"Axes in vmap" has \d+ steps, not 99, so its first step is shown/)).toBeTruthy();
    closeLink();
    openLink("#lesson=no-such-lesson");
    await screen.findByText(/There is no lesson called "no-such-lesson"/, {}, LONG);
    expect(useStore.getState().lesson).toBeNull();
  });

  it("a link with the student's own edits keeps them at that step", async () => {
    const lesson = lessonLibrary().get("axes-in-vmap")!;
    const edited = { ...lesson.steps[0].state!, outAxes: 1 };
    openLink(`#${encodeLink(edited, { id: "axes-in-vmap", step: 0 })}`);
    await screen.findByRole("heading", { name: lesson.steps[0].title }, LONG);
    expect(useStore.getState().explorer.outAxes).toBe(1);
  });
});

describe("where the student stopped", () => {
  it("survives storage that throws, garbage, and hostile entries", () => {
    const throwing: StorageLike = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(readProgress(throwing).size).toBe(0);
    expect(() => writeProgress(throwing, { id: "axes-in-vmap", step: 2 })).not.toThrow();
    expect(readProgress(null).size).toBe(0);
    localStorage.setItem(PROGRESS_KEY, "{not json");
    expect(readProgress(localStorage).size).toBe(0);
    localStorage.setItem(PROGRESS_KEY, JSON.stringify([["__proto__", 1], ["ok-id", -1], ["ok-id", 2.5], ["x", 3], "junk", ["axes-in-vmap", 4]]));
    expect([...readProgress(localStorage)]).toEqual([["x", 3], ["axes-in-vmap", 4]]);
  });

  it("the Lessons menu offers to continue where the student stopped", async () => {
    writeProgress(localStorage, { id: "axes-in-vmap", step: 4 });
    renderApp();
    fireEvent.click(screen.getByRole("button", { name: "Lessons" }));
    const menu = await screen.findByRole("dialog", { name: "Lessons" }, LONG);
    expect(within(menu).getByText(/continue at step 5/)).toBeTruthy();
    fireEvent.click(within(menu).getByRole("button", { name: "Axes in vmap" }));
    await screen.findByRole("heading", { name: lessonLibrary().get("axes-in-vmap")!.steps[4].title }, LONG);
    expect(screen.getByText(/^Step 5 of/)).toBeTruthy();
    // Escape closes the menu and gives focus back to its button.
    fireEvent.click(screen.getByRole("button", { name: "Lessons" }));
    await screen.findByRole("dialog", { name: "Lessons" }, LONG);
    act(() => void fireEvent.keyDown(document, { key: "Escape" }));
    expect(screen.queryByRole("dialog", { name: "Lessons" })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Lessons" }));
  });
});
