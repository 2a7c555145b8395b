// @vitest-environment jsdom
// Copying where the clipboard API is missing or refused (an iframe without the permission,
// plain http): the selection is copied with execCommand, and when that is refused too the text
// is left selected and the caller is told to say "Press Ctrl+C". Never a silent failure.
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { copyText, COPY_FEEDBACK } from "../../../app/share/copyText";
import { CodePanel } from "../../../app/explorer/CodePanel";
import { resetStore } from "../../../app/state/store";

const setClipboard = (writeText: ((t: string) => Promise<void>) | null) =>
  Object.defineProperty(navigator, "clipboard", { value: writeText ? { writeText } : undefined, configurable: true });
const setSecure = (v: boolean) => Object.defineProperty(window, "isSecureContext", { value: v, configurable: true });

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  setClipboard(null);
  document.body.replaceChildren();
});

/** document.execCommand as jsdom lacks it: records the selected text and answers `ok`. */
function fakeExec(ok: boolean): string[] {
  const copied: string[] = [];
  Object.defineProperty(document, "execCommand", {
    configurable: true,
    value: (cmd: string) => {
      const el = document.activeElement as HTMLTextAreaElement | null;
      if (cmd === "copy" && el && "value" in el) copied.push(el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0));
      return ok;
    },
  });
  return copied;
}

describe("copyText", () => {
  it("uses the clipboard API in a secure context", async () => {
    setSecure(true);
    const written: string[] = [];
    setClipboard(async (t) => void written.push(t));
    const copied = fakeExec(true);
    expect(await copyText("abc")).toBe("copied");
    expect(written).toEqual(["abc"]);
    expect(copied).toEqual([]);
  });

  it("falls back to copying the selection when the API is refused (an iframe)", async () => {
    setSecure(true);
    setClipboard(() => Promise.reject(new DOMException("Write permission denied.", "NotAllowedError")));
    const copied = fakeExec(true);
    expect(await copyText("<iframe src=x></iframe>")).toBe("copied");
    expect(copied).toEqual(["<iframe src=x></iframe>"]);
    // The temporary field is gone again.
    expect(document.querySelectorAll("textarea").length).toBe(0);
  });

  it("falls back on plain http, where there is no clipboard API, selecting the visible field", async () => {
    setSecure(false);
    const field = document.createElement("textarea");
    field.value = "https://example.test/#f=lambda";
    document.body.append(field);
    const copied = fakeExec(true);
    expect(await copyText(field.value, field)).toBe("copied");
    expect(copied).toEqual([field.value]);
  });

  it("leaves the text selected and says Press Ctrl+C when every way is refused", async () => {
    setSecure(false);
    const field = document.createElement("textarea");
    field.value = "snippet";
    document.body.append(field);
    fakeExec(false);
    const r = await copyText(field.value, field);
    expect(COPY_FEEDBACK[r]).toBe("Press Ctrl+C");
    expect(document.activeElement).toBe(field);
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, 7]);
  });
});

describe("Copy code", () => {
  it("says what happened when the clipboard API is refused (in an iframe)", async () => {
    resetStore();
    setSecure(true);
    setClipboard(() => Promise.reject(new DOMException("Write permission denied.", "NotAllowedError")));
    const copied = fakeExec(false);
    render(<CodePanel />);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Copy code" }));
    });
    expect(screen.getByRole("button", { name: "Press Ctrl+C" })).toBeTruthy();
    // The code is left selected for the person's own copy.
    expect(document.getSelection()?.toString()).toBe(screen.getByTestId("python-code").textContent);
    // The selection copy was tried with the whole code before giving up.
    expect(copied).toEqual([screen.getByTestId("python-code").textContent]);
  });
});
