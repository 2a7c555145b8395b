// @vitest-environment jsdom
// The header's Export menu stays in the header when there is nothing to export (a link that
// opens on a failing call, arrays drawn as shape blocks), so the buttons beside it do not move
// when a call fails or recovers; opened then, it says why there is nothing, instead of the
// three file buttons.
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { ShareExport } from "../../app/share/ShareExport";
import { createAppStore, loadState, StoreProvider, type AppStore } from "../../app/state/store";
import { defaultExplorer, explorerOf, leaf } from "../../app/state/explorerTypes";

afterEach(() => cleanup());

function header(store: AppStore) {
  return render(
    <StoreProvider store={store}>
      <ShareExport />
    </StoreProvider>,
  );
}

/** Opens the menu as a click on its summary does in a browser (jsdom does not toggle details). */
function openMenu(container: HTMLElement) {
  const menu = container.querySelector("details.export-menu") as HTMLDetailsElement;
  act(() => {
    menu.open = true;
    fireEvent(menu, new Event("toggle"));
  });
}

const FILE_BUTTONS = ["Picture (SVG)", "Picture (PNG)", "Animation (GIF)"];

describe("the Export menu", () => {
  it("offers the files when the call has a picture", () => {
    const store = createAppStore();
    const { container } = header(store);
    openMenu(container);
    for (const name of FILE_BUTTONS) expect(screen.getByRole("button", { name })).toBeTruthy();
  });

  it("closes with Escape (focus back on Export) and with a press outside it", () => {
    const store = createAppStore();
    const { container } = header(store);
    const menu = container.querySelector("details.export-menu") as HTMLDetailsElement;
    openMenu(container);
    act(() => void fireEvent.keyDown(document, { key: "Escape" }));
    expect(menu.open).toBe(false);
    expect(document.activeElement?.tagName).toBe("SUMMARY");
    openMenu(container);
    // A press inside leaves it open; one outside closes it.
    act(() => void fireEvent.pointerDown(screen.getByRole("button", { name: "Picture (SVG)" })));
    expect(menu.open).toBe(true);
    act(() => void fireEvent.pointerDown(document.body));
    expect(menu.open).toBe(false);
  });

  it("stays, and says why, when a link opens on a call that fails", () => {
    const store = createAppStore();
    act(() => loadState(store, { ...defaultExplorer(), fnSource: "lambda a, b: a +" }, null));
    const { container } = header(store);
    openMenu(container);
    expect(screen.getByText(/Nothing to export yet: the call has no picture/)).toBeTruthy();
    for (const name of FILE_BUTTONS) expect(screen.queryByRole("button", { name })).toBe(null);
  });

  it("says why when the arrays are drawn as shape blocks", () => {
    const store = createAppStore();
    // 60,000 cells in each argument and in the result: over the 100,000 drawn as cells.
    act(() => loadState(store, explorerOf("lambda a, b: a + b", [["a", leaf(300, 200), 0], ["b", leaf(300, 200), 0]], 0), null));
    const { container } = header(store);
    openMenu(container);
    expect(screen.getByText(/arrays this big are drawn as shape blocks/)).toBeTruthy();
    for (const name of FILE_BUTTONS) expect(screen.queryByRole("button", { name })).toBe(null);
  });

  it("is the same control before and after the call fails and recovers", () => {
    const store = createAppStore();
    const { container } = header(store);
    const menu = container.querySelector("details.export-menu");
    expect(menu).not.toBe(null);
    act(() => loadState(store, { ...defaultExplorer(), fnSource: "lambda a, b: a +" }, null));
    expect(container.querySelector("details.export-menu")).toBe(menu);
    act(() => loadState(store, defaultExplorer(), null));
    expect(container.querySelector("details.export-menu")).toBe(menu);
    openMenu(container);
    expect(screen.getByRole("button", { name: "Picture (SVG)" })).toBeTruthy();
  });
});
