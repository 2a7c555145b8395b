// @vitest-environment jsdom
// Share and Export arrive after the page (app/share/ShareExportLazy.tsx): until then the same
// buttons stand in, and a click on them is not lost — the dialog opens, or the menu unfolds,
// once the real ones have loaded.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";

let ShareExportLazy: typeof import("../../app/share/ShareExportLazy").ShareExportLazy;

// Fresh modules for each test: a lazy component, once loaded, stays loaded.
beforeEach(async () => {
  vi.resetModules();
  ({ ShareExportLazy } = await import("../../app/share/ShareExportLazy"));
});
afterEach(() => cleanup());

describe("Share and Export, loaded after the page", () => {
  it("opens the Share dialog asked for before the buttons arrived", async () => {
    render(<ShareExportLazy />);
    expect(screen.queryByRole("dialog")).toBe(null);
    fireEvent.click(screen.getByRole("button", { name: "Share" }));
    const dialog = await screen.findByRole("dialog", { name: "Share" }, { timeout: 20_000 });
    expect(dialog).toBeTruthy();
  });

  it("unfolds the Export menu asked for before it arrived", async () => {
    render(<ShareExportLazy />);
    fireEvent.click(screen.getByText("Export"));
    expect(await screen.findByRole("button", { name: "Picture (SVG)" }, { timeout: 20_000 })).toBeTruthy();
  });

  it("without a click, the real buttons take the stand-ins' place and stay closed", async () => {
    const { container } = render(<ShareExportLazy />);
    await act(async () => {
      await import("../../app/share/ShareExport");
    });
    expect(container.querySelectorAll("button")).toHaveLength(1);
    expect(container.querySelector("details.export-menu")?.hasAttribute("open")).toBe(false);
    expect(screen.queryByRole("dialog")).toBe(null);
  });
});
