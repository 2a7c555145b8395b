/**
 * The code field as a user sees it, whichever form it has: the plain textarea of the first
 * screen, or CodeMirror once the user has reached for it (app/editor/CodeEditor.tsx).
 * Playwright's `inputValue` reads only form fields, so the text of CodeMirror is read as its
 * lines show it.
 */
import type { Page } from "playwright-core";

export function editorField(page: Page, label = "Function") {
  return page.getByLabel(label, { exact: true });
}

/** The field's text: the textarea's value, or CodeMirror's lines joined by newlines. */
export function editorText(page: Page, label = "Function"): Promise<string> {
  return editorField(page, label).evaluate((el) =>
    el instanceof HTMLTextAreaElement ? el.value : [...el.querySelectorAll(".cm-line")].map((l) => l.textContent ?? "").join("\n"),
  );
}

/** Focuses the field and waits until CodeMirror has taken its place (with the focus). */
export async function openCodeMirror(page: Page, label = "Function"): Promise<void> {
  await editorField(page, label).focus();
  await page.locator(`.cm-content[aria-label="${label}"]`).waitFor();
}
