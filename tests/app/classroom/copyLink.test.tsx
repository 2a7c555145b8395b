// @vitest-environment jsdom
// The header's Copy link: its copier loads at the first press (off the first screen), and the
// press still copies the page's permalink and says so, or asks for Ctrl+C where copying is refused.
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { useStore } from "../../../app/state/store";
import { decodeExplorer } from "../../../app/state/urlState";
import { closeLink, openLink } from "../renderApp";

afterEach(() => {
  closeLink();
  vi.unstubAllGlobals();
});

describe("Copy link", () => {
  it("copies the permalink of what is on the page and says so", async () => {
    const written: string[] = [];
    vi.stubGlobal("isSecureContext", true);
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText: async (t: string) => void written.push(t) } });
    openLink("");
    act(() => useStore.getState().setFnSource("lambda a, b: a * b"));
    fireEvent.click(screen.getByRole("button", { name: "Copy link" }));
    await waitFor(() => expect(screen.getByText("Link copied")).toBeTruthy());
    expect(written).toHaveLength(1);
    const url = new URL(written[0]);
    expect(url.origin + url.pathname).toBe(location.origin + location.pathname);
    // Opened, the link is this function (the address is the page's, whatever the hash held).
    const opened = decodeExplorer(url.hash);
    expect(opened.ok && opened.state.fnSource).toBe("lambda a, b: a * b");
  });

  it("asks for Ctrl+C where the browser refuses to copy", async () => {
    vi.stubGlobal("isSecureContext", false);
    document.execCommand = () => false;
    openLink("");
    fireEvent.click(screen.getByRole("button", { name: "Copy link" }));
    await waitFor(() => expect(screen.getByText("Press Ctrl+C to copy the link")).toBeTruthy());
    // The link stays in a field, selected, for the person's own Ctrl+C.
    const field = screen.getByLabelText("Link") as HTMLInputElement;
    expect(document.activeElement).toBe(field);
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, field.value.length]);
    expect(decodeExplorer(new URL(field.value).hash).ok).toBe(true);
    // Still there after the "copied" message would have gone; leaving the field puts it away.
    await new Promise((r) => setTimeout(r, 2600));
    expect(screen.getByLabelText("Link")).toBe(field);
    fireEvent.blur(field);
    expect(screen.queryByLabelText("Link")).toBeNull();
  });
});
