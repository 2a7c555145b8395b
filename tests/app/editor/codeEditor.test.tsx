// @vitest-environment jsdom
// The code field (app/editor/): the plain field of the first screen (label, text, the error's
// range underlined, edits reported), its switch to CodeMirror on focus keeping text, caret,
// focus and label, and a value set from outside reaching CodeMirror without echoing back.
// jsdom lays nothing out, so what depends on layout (the underline's place on screen, the
// completion list, Tab order) is tested in Chromium: tests/browser/editor.test.ts.
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { CodeEditor, loadCodeMirror } from "../../../app/editor/CodeEditor";

afterEach(() => cleanup());

function Harness({ initial, onChange, error = null }: { initial: string; onChange?: (v: string) => void; error?: { line: number; column: number } | null }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <CodeEditor
        label="Code"
        value={value}
        error={error}
        rows={2}
        onChange={(v) => {
          onChange?.(v);
          setValue(v);
        }}
      />
      <button type="button" onClick={() => setValue("lambda x: x * 2.0")}>
        Set
      </button>
    </>
  );
}

describe("the plain field", () => {
  it("is a labelled textarea whose highlighted overlay is the text itself", () => {
    const src = "lambda a, b: jnp.sum(a * b, axis=0)  # total";
    const { container } = render(<Harness initial={src} />);
    const field = screen.getByLabelText("Code") as HTMLTextAreaElement;
    expect(field.tagName).toBe("TEXTAREA");
    expect(field.value).toBe(src);
    expect(field.rows).toBe(2);
    expect(container.querySelector("pre.highlight")!.textContent).toBe(`${src}\n`);
    expect(container.querySelector("pre .tok-lib")!.textContent).toBe("jnp.sum");
  });

  it("reports edits", () => {
    const seen = vi.fn();
    render(<Harness initial="lambda a: a" onChange={seen} />);
    fireEvent.change(screen.getByLabelText("Code"), { target: { value: "lambda a: a + 1" } });
    expect(seen).toHaveBeenCalledWith("lambda a: a + 1");
    expect((screen.getByLabelText("Code") as HTMLTextAreaElement).value).toBe("lambda a: a + 1");
  });

  it("underlines the error's range and marks the field invalid", () => {
    const { container } = render(<Harness initial={"lambda a, b: (a +\n  b ** )"} error={{ line: 2, column: 8 }} />);
    const marks = container.querySelectorAll(".err-mark");
    expect([...marks].map((m) => m.textContent).join("")).toBe(")");
    expect(screen.getByLabelText("Code").getAttribute("aria-invalid")).toBe("true");
  });

  it("shows a point where the error is at the end of the text", () => {
    const { container } = render(<Harness initial="lambda a: (a" error={{ line: 1, column: 13 }} />);
    expect(container.querySelectorAll(".err-mark")).toHaveLength(0);
    const point = container.querySelector(".err-point")!;
    expect(point.previousSibling?.textContent).toBe("a");
    expect(point.nextSibling?.textContent).toBe("\n");
  });
});

describe("a dialog's field", () => {
  it("is described by the error's text and puts the caret on a new error", () => {
    const src = "import jax\nfor i in range(3):\n    pass";
    const { rerender } = render(<CodeEditor label="JAX code" id="code" value={src} onChange={() => undefined} describedBy="why" caretToError error={null} rows={14} />);
    const field = screen.getByLabelText("JAX code") as HTMLTextAreaElement;
    expect(field.id).toBe("code");
    field.setSelectionRange(0, 0);
    rerender(<CodeEditor label="JAX code" id="code" value={src} onChange={() => undefined} describedBy="why" caretToError error={{ line: 2, column: 1 }} rows={14} />);
    expect(field.selectionStart).toBe(src.indexOf("for"));
    expect(field.getAttribute("aria-describedby")).toBe("why");
  });
});

describe("the switch to CodeMirror", () => {
  it("happens on focus, once typing pauses, and keeps the text, caret, focus and label", async () => {
    const seen = vi.fn();
    render(<Harness initial="lambda a, b: a + b" onChange={seen} />);
    const field = screen.getByLabelText("Code") as HTMLTextAreaElement;
    field.focus();
    field.setSelectionRange(8, 8);
    await act(async () => {
      fireEvent.focus(field);
      await loadCodeMirror();
    });
    // Loaded, but the plain field stays until keys have paused (CodeEditor.tsx SWAP_PAUSE_MS).
    expect(screen.getByLabelText("Code")).toBe(field);
    await waitFor(() => expect(screen.getByLabelText("Code").classList.contains("cm-content")).toBe(true));
    const content = screen.getByLabelText("Code");
    expect(screen.queryByRole("textbox", { name: "Code" })).toBe(content);
    expect(document.activeElement).toBe(content);
    expect(content.textContent).toBe("lambda a, b: a + b");
    const { EditorView } = await import("@codemirror/view");
    const view = EditorView.findFromDOM(content)!;
    expect(view.state.selection.main.head).toBe(8);
    // A value set from outside (a preset, the app's undo) reaches the editor without echoing back.
    seen.mockClear();
    fireEvent.click(screen.getByRole("button", { name: "Set" }));
    expect(view.state.doc.toString()).toBe("lambda x: x * 2.0");
    expect(seen).not.toHaveBeenCalled();
    // An edit in the editor is reported.
    act(() => view.dispatch({ changes: { from: view.state.doc.length, insert: " + x" } }));
    expect(seen).toHaveBeenLastCalledWith("lambda x: x * 2.0 + x");
  });

  it("a field mounted once CodeMirror has loaded starts as CodeMirror", async () => {
    await loadCodeMirror();
    render(<Harness initial="lambda a: a" />);
    expect(screen.getByLabelText("Code").classList.contains("cm-content")).toBe(true);
  });
});
