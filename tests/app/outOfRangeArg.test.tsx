// @vitest-environment jsdom
// An argument whose in_axes entry it does not have is drawn without a batch axis, but it is not
// "not mapped": its caption says the entry is out of range and vmap raises (the errors lesson's
// step 3 said "not mapped: the whole array is reused for every k" of in_axes 2 on a (2, 2) array).
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, screen } from "@testing-library/react";
import { renderApp } from "./renderApp";
import { useStore } from "../../app/state/store";

afterEach(cleanup);

describe("an in_axes entry out of range", () => {
  it("is named as such on the argument's grid, and None is still 'not mapped'", () => {
    renderApp();
    act(() => useStore.getState().setInAxis("a", 2));
    expect(screen.getByRole("alert").textContent).toContain("vmap was requested to map its argument along axis 2");
    const a = screen.getByRole("img", { name: /^Argument a/ });
    expect(a.getAttribute("aria-label")).toMatch(/^Argument a, shape \(2, 2\), in_axes 2 out of range/);
    expect(screen.getByText("in_axes 2 is not an axis of this array: vmap raises (its error is with the call)")).toBeTruthy();
    expect(screen.queryByText("not mapped: the whole array is reused for every k")).toBeNull();
    act(() => useStore.getState().setInAxis("a", null));
    expect(screen.getByRole("img", { name: /^Argument a/ }).getAttribute("aria-label")).toMatch(/^Argument a, shape \(2, 2\), not mapped/);
    expect(screen.getByText("not mapped: the whole array is reused for every k")).toBeTruthy();
  });
});
