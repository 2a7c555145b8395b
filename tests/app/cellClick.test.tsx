// @vitest-environment jsdom
// Defect 2: clicking or tapping a cell must show where *that* cell came from. Focusing the grid
// (which a click does) used to report the keyboard cursor's cell 0 instead of the clicked one.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { renderApp } from "./renderApp";
import { useStore } from "../../app/state/store";
import { HOVER_SENTENCE } from "../../app/explorer/HoverReadout";

// The hover sentence loads when the page first has a moment (HoverReadout.tsx): these hover at once.
beforeAll(() => HOVER_SENTENCE.load());

afterEach(() => cleanup());

const cell = (grid: Element, i: number) => grid.querySelector(`g.cell[data-i="${i}"]`)!;
const highlighted = (grid: Element) => [...grid.querySelectorAll("g.cell.hl")].map((g) => Number(g.getAttribute("data-i"))).sort((x, y) => x - y);

/** What a click or tap does, in the browser's order: pointerdown, focus, pointerup, click. */
function press(grid: Element, target: Element, pointerType: "mouse" | "touch") {
  fireEvent.pointerDown(target, { pointerType });
  act(() => (grid as SVGElement).focus());
  fireEvent.pointerUp(target, { pointerType });
  fireEvent.click(target);
  // A finger lifting "leaves" the grid; the tapped cell stays shown.
  if (pointerType === "touch") fireEvent.pointerLeave(grid, { pointerType });
}

describe("clicking a cell shows where it came from", () => {
  it.each(["mouse", "touch"] as const)("input cell, %s", (pointerType) => {
    renderApp();
    const a = screen.getByRole("img", { name: /^Argument a/ });
    press(a, cell(a, 3).querySelector("rect")!, pointerType);
    expect(useStore.getState().hover).toEqual({ side: "in", leaf: 0, cell: 3 });
    // a[1, 1] is a₁₁ (symbols) = 3 (computed with the unique fill), mapped on axis 0: slice k = 1.
    expect(screen.getByText("a[1, 1] = a₁₁ = 3.0, in slice k = 1")).toBeTruthy();
    expect(highlighted(a)).toContain(3);
    expect(highlighted(a)).not.toContain(0);
  });

  it.each(["mouse", "touch"] as const)("output cell, %s: its sources are highlighted", async (pointerType) => {
    renderApp();
    fireEvent.change(screen.getByLabelText("in_axes for a"), { target: { value: "None" } });
    // out[k, i, j] = a[i, j] + b[k, j]; cell 6 is out[1, 1, 0] = a[1, 0] + b[1, 0].
    const out = screen.getByRole("img", { name: /^Output out/ });
    press(out, cell(out, 6).querySelector("rect")!, pointerType);
    expect(useStore.getState().hover).toEqual({ side: "out", leaf: 0, cell: 6 });
    const a = screen.getByRole("img", { name: /^Argument a/ });
    const b = screen.getByRole("img", { name: /^Argument b/ });
    await waitFor(() => expect(highlighted(a)).toEqual([2]));
    expect(highlighted(b)).toEqual([2]);
    expect(highlighted(out)).toEqual([6]);
    // a[1, 0] = 2, b[1, 0] = 120 (b = arange(4) * 10 + 100).
    // The expression comes with its writer (loaded after the first screen).
    expect(await screen.findByText(/^out\[1, 1, 0\] = a₁₀ \+ b₁₀ = 122\.0, from k = 1 ← a\[1, 0\]; b\[1, 0\]$/)).toBeTruthy();
  });

  it("keyboard focus still starts at the cursor and arrows move it", () => {
    renderApp();
    const a = screen.getByRole("img", { name: /^Argument a/ });
    act(() => (a as unknown as SVGElement).focus());
    expect(useStore.getState().hover).toEqual({ side: "in", leaf: 0, cell: 0 });
    fireEvent.keyDown(a, { key: "ArrowDown" });
    expect(useStore.getState().hover).toEqual({ side: "in", leaf: 0, cell: 2 });
    // After a click on cell 1, the arrows move from there.
    press(a, cell(a, 1).querySelector("rect")!, "mouse");
    fireEvent.keyDown(a, { key: "ArrowDown" });
    expect(useStore.getState().hover).toEqual({ side: "in", leaf: 0, cell: 3 });
  });
});
