// @vitest-environment jsdom
/**
 * The theme (app/theme.ts): the toggle's pick is remembered and applied, and currentTheme(),
 * which the grids ask on every render, answers what was applied without reading storage again.
 */
import { describe, expect, it, vi } from "vitest";
import { currentTheme, initTheme, setTheme } from "../../app/theme";

describe("theme", () => {
  it("applies and remembers the pick, and answers what was applied without reading storage each time", () => {
    initTheme();
    setTheme("dark");
    expect(currentTheme()).toBe("dark");
    expect(document.documentElement.dataset.theme).toBe("dark");
    expect(window.localStorage.getItem("vmap-theme")).toBe("dark");
    const reads = vi.spyOn(Storage.prototype, "getItem");
    for (let i = 0; i < 5; i++) expect(currentTheme()).toBe("dark");
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
    setTheme("light");
    expect(currentTheme()).toBe("light");
    expect(document.documentElement.dataset.theme).toBe("light");
  });
});
