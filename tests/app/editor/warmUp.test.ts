// @vitest-environment jsdom
// A new editor warms up its typing path once the page is idle (app/editor/codemirror.ts warmUp):
// a character typed the way a key types it, into a hidden editor of the same kind, which then
// goes. Nothing of it may reach the field, its listener, its undo history or the page.
import { afterEach, beforeEach, expect, it } from "vitest";
import { undoDepth } from "@codemirror/commands";
import { createEditor, type EditorHandle } from "../../../app/editor/codemirror";

let ed: EditorHandle | null = null;
// jsdom lays nothing out: typing measures text, so its ranges answer as an empty line would.
beforeEach(() => {
  const empty = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
  Range.prototype.getClientRects = empty;
  Range.prototype.getBoundingClientRect = () => new DOMRect();
});
afterEach(() => {
  delete (Range.prototype as Partial<Range>).getClientRects;
  delete (Range.prototype as Partial<Range>).getBoundingClientRect;
  ed?.destroy();
  ed = null;
  document.body.innerHTML = "";
});

const frames = (n: number) => new Promise<void>((r) => (n <= 0 ? r() : requestAnimationFrame(() => void frames(n - 1).then(r))));

it("types a character into a hidden editor when idle, and leaves the field, its history and the page as they were", async () => {
  const parent = document.createElement("div");
  document.body.append(parent);
  const changes: string[] = [];
  // What the hidden editor showed while it was there (its text once the character went in).
  const seen: string[] = [];
  const watch = new MutationObserver(() => {
    for (const host of parent.querySelectorAll<HTMLElement>('[aria-hidden="true"]')) seen.push(`${host.inert} ${host.querySelector(".cm-content")?.textContent}`);
  });
  watch.observe(document.body, { subtree: true, childList: true, characterData: true });
  ed = createEditor({ parent, value: "lambda a: a + 1", label: "Function", multiline: false, minLines: 1, onChange: (v) => changes.push(v) });
  await new Promise((r) => setTimeout(r, 1100));
  await frames(2);
  watch.disconnect();
  expect(seen).toContain("true lambda a: a + 1*");
  expect(document.querySelectorAll(".cm-editor")).toHaveLength(1);
  expect(parent.children).toHaveLength(1);
  expect(ed.view.state.doc.toString()).toBe("lambda a: a + 1");
  expect(changes).toEqual([]);
  expect(undoDepth(ed.view.state)).toBe(0);
});
