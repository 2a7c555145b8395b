// @vitest-environment jsdom
// The hover readout belongs to the picture it was made in: a link that changes only the URL
// hash, or an edit that leaves fewer cells, must not read the old cell index in the new state
// (it showed "out[1, 1] = ?").
import { afterEach, describe, expect, it } from "vitest";
import { act, screen, waitFor } from "@testing-library/react";
import { explorerOf, leaf } from "../../app/state/explorerTypes";
import { useStore } from "../../app/state/store";
import { encodeExplorer } from "../../app/state/urlState";
import { closeLink, openLink } from "./renderApp";

afterEach(closeLink);

const readout = () => document.querySelector(".readout")!.textContent;
const IDLE = "Hover over or focus a cell to see where it came from.";
const square = explorerOf("lambda a, b: a + b", [["a", leaf(2, 2), 0], ["b", leaf(2, 2), 0]], 0);
const vector = explorerOf("lambda a, b: a + b", [["a", leaf(2), 0], ["b", leaf(2), 0]], 0);

const open = (hash: string) => openLink(`#${hash}`);

describe("the hover readout after the state changes", () => {
  it("a link that changes only the hash clears the hovered cell", async () => {
    open(encodeExplorer(square));
    act(() => useStore.getState().setHover({ side: "out", leaf: 0, cell: 3 }));
    // Symbols by default (2×2): the cell's expression, then its value (a[1, 1] + b[1, 1] = 3 + 130).
    // The expression arrives with the expression writer (loaded when first needed).
    await waitFor(() => expect(readout()).toMatch(/^out\[1, 1\] = a₁₁ \+ b₁₁ = 133\.0, from k = 1/));
    expect(readout()).not.toContain("?");
    act(() => {
      window.history.replaceState(null, "", `/#${encodeExplorer(vector)}`);
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    });
    expect(screen.getByLabelText("Output shape").textContent).toBe("(2,)");
    expect(readout()).toBe(IDLE);
  });

  it("an edit that leaves fewer cells does not read the old index (out or in)", () => {
    open(encodeExplorer(square));
    act(() => useStore.getState().setHover({ side: "out", leaf: 0, cell: 3 }));
    act(() => useStore.getState().loadExplorer(vector));
    expect(readout()).toBe(IDLE);
    act(() => useStore.getState().loadExplorer(square));
    act(() => useStore.getState().setHover({ side: "in", leaf: 1, cell: 2 }));
    expect(readout()).toMatch(/^b\[1, 0\] = b₁₀ = 120\.0, in slice k = 1$/);
    act(() => useStore.getState().loadExplorer(vector));
    expect(readout()).toBe(IDLE);
  });
});
