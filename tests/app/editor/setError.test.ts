// @vitest-environment jsdom
// The editor's error underline (app/editor/codemirror.ts setError) is set after every keystroke.
// It must show the error at the right place and mark the field invalid exactly while there is
// one, without rebuilding the editor's configuration on every key (a reconfiguration, then a
// forced layout of the page: the typing row of bench/throttled.ts).
import { afterEach, describe, expect, it } from "vitest";
import { forEachDiagnostic } from "@codemirror/lint";
import { EditorView } from "@codemirror/view";
import { StateEffect } from "@codemirror/state";
import { undoDepth } from "@codemirror/commands";
import { createEditor, type EditorHandle } from "../../../app/editor/codemirror";

let ed: EditorHandle | null = null;
afterEach(() => {
  ed?.destroy();
  ed = null;
  document.body.innerHTML = "";
});

function editor(value: string) {
  const parent = document.createElement("div");
  document.body.append(parent);
  const h = createEditor({ parent, value, label: "Code", multiline: true, minLines: 1, onChange: () => undefined });
  const log: { reconfigured: boolean }[] = [];
  h.view.dispatch({ effects: StateEffect.appendConfig.of(EditorView.updateListener.of((u) => u.transactions.forEach((tr) => log.push({ reconfigured: tr.reconfigured })))) });
  const underlined = () => {
    const out: string[] = [];
    forEachDiagnostic(h.view.state, (d, from, to) => out.push(`${from}-${to} ${d.message}`));
    return out;
  };
  const invalid = () => h.view.contentDOM.getAttribute("aria-invalid");
  return { h, log, underlined, invalid };
}

const typeEnd = (h: EditorHandle, text: string) => h.view.dispatch({ changes: { from: h.view.state.doc.length, insert: text } });

describe("setError", () => {
  it("underlines each new error and reconfigures only when the field's validity flips", () => {
    const { h, log, underlined, invalid } = editor("lambda a: a +");
    ed = h;
    h.setError({ line: 1, column: 13, message: "invalid syntax" });
    expect(underlined()).toEqual(["12-13 invalid syntax"]);
    expect(invalid()).toBe("true");
    // The same error on the same text: nothing to do.
    log.length = 0;
    h.setError({ line: 1, column: 13, message: "invalid syntax" });
    expect(log).toHaveLength(0);
    // Typing on, still invalid: a new underline, the same configuration.
    typeEnd(h, " b +");
    log.length = 0;
    h.setError({ line: 1, column: 17, message: "invalid syntax" });
    expect(underlined()).toEqual(["16-17 invalid syntax"]);
    expect(invalid()).toBe("true");
    expect(log.map((t) => t.reconfigured)).toEqual([false]);
    // Valid again: no underline, no aria-invalid.
    typeEnd(h, " 1");
    h.setError(null);
    expect(underlined()).toEqual([]);
    expect(invalid()).toBeNull();
    log.length = 0;
    typeEnd(h, "0");
    h.setError(null);
    expect(log.filter((t) => t.reconfigured)).toHaveLength(0);
    expect(invalid()).toBeNull();
  });
});

describe("the editor's warm-up", () => {
  it("runs when the page is idle and changes nothing: no text, no undo step, no transaction, no report", async () => {
    const parent = document.createElement("div");
    document.body.append(parent);
    const changes: string[] = [];
    const h = createEditor({ parent, value: "lambda a: a", label: "Code", multiline: true, minLines: 1, onChange: (v) => changes.push(v) });
    ed = h;
    const seen: number[] = [];
    h.view.dispatch({ effects: StateEffect.appendConfig.of(EditorView.updateListener.of((u) => seen.push(u.transactions.length))) });
    seen.length = 0; // the listener hears its own reconfiguration
    const before = h.view.state;
    // The warm-up's idle callback (a timer where requestIdleCallback is missing, as in jsdom).
    await new Promise((r) => setTimeout(r, 120));
    expect(h.view.state).toBe(before);
    expect(h.view.state.doc.toString()).toBe("lambda a: a");
    expect(undoDepth(h.view.state)).toBe(0);
    expect(seen).toEqual([]);
    expect(changes).toEqual([]);
  });
});
