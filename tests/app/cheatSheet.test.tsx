// @vitest-environment jsdom
// The cheat sheet: its tables are the engine's answers; here they are checked against JAX's
// documented values for the blog's examples (shared docs, vmap-semantics.md §3.1, §3.2, §1.8).
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, screen, within } from "@testing-library/react";
import { renderApp } from "./renderApp";
import { useStore } from "../../app/state/store";

afterEach(() => cleanup());

const rows = (table: HTMLElement) => within(table).getAllByRole("row").slice(1).map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent));

describe("cheat sheet", () => {
  it("opens from the Lessons menu in place of the explorer, with the engine's tables", async () => {
    renderApp();
    fireEvent.click(screen.getByRole("button", { name: "Lessons" }));
    fireEvent.click(await screen.findByRole("button", { name: "Cheat sheet" }, { timeout: 15000 }));
    await screen.findByRole("heading", { name: "jax.vmap cheat sheet" }, { timeout: 15000 });
    expect(screen.queryByRole("region", { name: "Arrays" })).toBeNull();
    const [inTable, outTable, errTable] = screen.getAllByRole("table");
    expect(rows(inTable)).toEqual([
      ["(0, 0)", "(2,)", "(2,)", "2", "(2, 2)"],
      ["(0, 1)", "(2,)", "(2,)", "2", "(2, 2)"],
      ["(1, 0)", "(2,)", "(2,)", "2", "(2, 2)"],
      ["(1, 1)", "(2,)", "(2,)", "2", "(2, 2)"],
      ["(-1, -2)", "(2,)", "(2,)", "2", "(2, 2)"],
      ["(None, 0)", "(2, 2)", "(2,)", "2", "(2, 2, 2)"],
      ["(0, None)", "(2,)", "(2, 2)", "2", "(2, 2, 2)"],
      ["(None, 1)", "(2, 2)", "(2,)", "2", "(2, 2, 2)"],
      ["(None, None)", "(2, 2)", "(2, 2)", "—", "ValueError"],
    ]);
    expect(rows(outTable)).toEqual([
      ["0 or -6", "(2, 2, 3, 5, 7, 9)", "—"],
      ["1 or -5", "(2, 2, 3, 5, 7, 9)", "axes 0 ↔ 1 swapped"],
      ["2 or -4", "(2, 3, 2, 5, 7, 9)", "axes 1 ↔ 2 swapped"],
      ["3 or -3", "(2, 3, 5, 2, 7, 9)", "axes 2 ↔ 3 swapped"],
      ["4 or -2", "(2, 3, 5, 7, 2, 9)", "axes 3 ↔ 4 swapped"],
      ["5 or -1", "(2, 3, 5, 7, 9, 2)", "axes 4 ↔ 5 swapped"],
      ["6", "ValueError", "—"],
    ]);
    const errs = rows(errTable);
    expect(errs.map((r) => r[2]?.split(":")[0])).toEqual(["ValueError", "ValueError", "ValueError", "TypeError", "ValueError", "ValueError", "ValueError"]);
    expect(errs[0][2]).toContain("vmap got inconsistent sizes for array axes to be mapped: * one axis had size 2: axis 0 of argument a of type float32[2,3]");
    expect(errs[1][2]).toContain("vmap was requested to map its argument along axis 2, which implies that its rank should be at least 3, but is only 2 (its shape is (2, 2))");
    // Each row's call is written as its state holds it: None stays None.
    expect(errs[2][0]).toBe("Every in_axes None");
    expect(errs[2][1]).toMatch(/^in_axes=\(None, None\), out_axes=0; /);
    expect(errs[3][2]).toBe("TypeError: add got incompatible shapes for broadcasting: (2, 3), (3, 2).");
    expect(errs[4][2]).toBe("ValueError: axis 2 is out of bounds for array of dimension 2");
    expect(errs[5][2]).toBe("ValueError: at vmap out_axes, got axis spec None but output was batched on axis 0");
    // A message over several lines is read whole, not cut mid-sentence at a line's end.
    expect(errs[6][2]).toContain("pytree structure error: different lengths of tuple at key path vmap in_axes[0] At that key path, the prefix pytree vmap in_axes has a subtree of type tuple of length 3, but the full pytree has a subtree of the same type but of length 2.");
    act(() => fireEvent.click(screen.getByRole("button", { name: "Back to the explorer" })));
    expect(useStore.getState().cheatSheet).toBe(false);
    expect(screen.getByRole("region", { name: "Arrays" })).toBeTruthy();
  });
});
