// @vitest-environment jsdom
// Ctrl+Z while an in_axes menu has the focus: a <select> has no undo of its own, so the key is
// the page's Undo (it did nothing there, the menu's type-ahead took the "z").
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen } from "@testing-library/react";
import { renderApp } from "./renderApp";
import { useStore } from "../../app/state/store";

afterEach(cleanup);

describe("Undo from a focused menu", () => {
  it("Ctrl+Z undoes the menu's own change, and a plain letter stays the menu's", () => {
    renderApp();
    const menu = screen.getByLabelText("in_axes for a") as HTMLSelectElement;
    menu.focus();
    fireEvent.change(menu, { target: { value: "1" } });
    expect(useStore.getState().explorer.inAxes.get("a")).toBe(1);
    fireEvent.keyDown(menu, { key: "p" });
    expect(useStore.getState().presenter).toBe(false);
    fireEvent.keyDown(menu, { key: "z", ctrlKey: true });
    expect(useStore.getState().explorer.inAxes.get("a")).toBe(0);
    expect(menu.value).toBe("0");
  });
});
