// @vitest-environment jsdom
// The axis menus name a tuple spec over a plain array by what the array is: an argument for
// in_axes, a result for out_axes (the out_axes menu said "not a tuple argument").
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, screen } from "@testing-library/react";
import { renderApp } from "./renderApp";
import { useStore } from "../../app/state/store";

afterEach(cleanup);

const selectedText = (label: string) => {
  const s = screen.getByLabelText(label) as HTMLSelectElement;
  return s.options[s.selectedIndex].textContent;
};

describe("a tuple spec over a plain array", () => {
  it("reads 'not a tuple result' at out_axes and 'not a tuple argument' at in_axes", () => {
    renderApp();
    act(() => useStore.getState().setOutAxes([0]));
    expect(selectedText("out_axes")).toBe("(0,) (not a tuple result)");
    act(() => useStore.getState().setInAxis("a", [0]));
    expect(selectedText("in_axes for a")).toBe("(0,) (not a tuple argument)");
  });
});
