// @vitest-environment jsdom
/**
 * What a change of the controls costs the page besides drawing it (bench/throttled.ts times it
 * at 4× CPU throttling): no layout is read back after the commit unless something needs the
 * positions (the gather arrows, while a cell is hovered in a program that indexes by values).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, screen } from "@testing-library/react";
import { useStore } from "../../app/state/store";
import { SYMBOL_WRITER } from "../../app/state/symbols";
import { renderApp } from "./renderApp";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("a change of the controls", () => {
  it("reads no layout back when no arrows are drawn", async () => {
    // The first screen's symbols load lazily: have them, so nothing loads after the test.
    await SYMBOL_WRITER.load();
    renderApp();
    act(() => useStore.getState().loadPreset("add-5d"));
    const reads = vi.spyOn(Element.prototype, "getBoundingClientRect");
    fireEvent.change(screen.getByLabelText("out_axes"), { target: { value: "1" } });
    expect(screen.getByLabelText("Output shape").textContent).toBe("(2, 2, 3, 5, 7, 9)");
    // b's axis 1 does not broadcast against a: the error shows, over the last good picture.
    fireEvent.change(screen.getByLabelText("in_axes for b"), { target: { value: "1" } });
    expect(screen.getByLabelText("Output shape").getAttribute("data-stale")).toBe("true");
    expect(reads).not.toHaveBeenCalled();
  });
});
