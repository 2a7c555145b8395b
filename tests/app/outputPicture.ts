/**
 * The output grid's numbers as drawn, and what a state draws, for the tests of when the picture
 * follows an edit (fluid.test.tsx, typingPause.test.tsx).
 */
import { act, cleanup, screen } from "@testing-library/react";
import { useStore } from "../../app/state/store";
import { explorerOf, leaf, type ExplorerState } from "../../app/state/explorerTypes";
import { renderApp } from "./renderApp";

/** a + b over two (2, 3) arrays of unique numbers, both mapped along axis 0. */
export function uniqueAdd(): ExplorerState {
  const s = explorerOf("lambda a, b: a + b", [["a", leaf(2, 3), 0], ["b", leaf(2, 3), 0]], 0);
  return { ...s, args: new Map([...s.args].map(([n, a]) => [n, { ...a, fill: "unique" as const }])) };
}

/** The numbers drawn in the output grid, in row-major order. */
export function outputNumbers(): string[] {
  const svg = screen.getByRole("img", { name: /^Output out/ });
  return [...svg.querySelectorAll("g.cell")]
    .sort((x, y) => Number(x.getAttribute("data-i")) - Number(y.getAttribute("data-i")))
    .map((g) => g.querySelector("text")?.textContent ?? "");
}

/** What `target` draws (rendered directly), then the page opened afresh on `first`, and what it draws. */
export function drawnThenOpen(target: ExplorerState, first: ExplorerState): { expected: string[]; before: string[] } {
  renderApp();
  act(() => useStore.getState().loadExplorer(target));
  const expected = outputNumbers();
  cleanup();
  renderApp();
  act(() => useStore.getState().loadExplorer(first));
  return { expected, before: outputNumbers() };
}
