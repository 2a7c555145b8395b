/**
 * The `Function` editor: a code field (editor/CodeEditor.tsx: a plain highlighted textarea on
 * the first screen, CodeMirror once the user reaches for it) plus the presets menu. The text
 * is stored as typed, so an error never loses it; the engine's parser reads it, nothing
 * evaluates it. No length limit in the field: the browser would cut a paste silently. A text
 * over the parser's limit (MAX_SOURCE_LENGTH, the same one a link obeys) stays whole, and the
 * engine's error beside the editor says its length and the limit. A syntax or name error is
 * underlined where the parser points (EngineError.where.column, as a line and column).
 */
import { useRef, useState, type KeyboardEvent } from "react";
import { isFunctionProgram, sourcePosition } from "../../engine";
import { CodeEditor } from "../editor/CodeEditor";
import { functionTextColumn } from "../state/engineBridge";
import { useExplorerPart, useViewPart } from "../state/hooks";
import { PRESETS } from "../state/presets";
import { useStore, useStoreApi } from "../state/store";
import { typed } from "../state/typingPause";
import { ErrorAlert } from "./ErrorAlert";

export function FunctionEditor() {
  const src = useExplorerPart((s) => s.fnSource);
  const setFnSource = useStore((s) => s.setFnSource);
  const store = useStoreApi();
  // A keystroke: what follows from the text is drawn once typing pauses (state/typingPause.ts).
  const onType = (text: string) => typed(store, () => setFnSource(text));
  // Only an error the parser places in the text is underlined: any other error (a shape that
  // does not broadcast inside f, a bad in_axes) does not re-render the editor and its menu.
  const { column, message } = useViewPart((v) => {
    const at = v.error ? functionTextColumn(v.error) : undefined;
    return at !== undefined ? { column: at, message: v.error?.message } : { column: undefined, message: undefined };
  });
  // A def program (imported code) names its own function, so it has no `f =` and more rows.
  const program = isFunctionProgram(src);
  const rows = Math.min(program ? 12 : 6, Math.max(1, Math.ceil(src.length / 70), src.split("\n").length));
  const error = column === undefined ? null : { ...sourcePosition(src, column), message: message ?? "" };
  return (
    <div className="fn-editor">
      {/* A form of its own, as the call line's (CallLine.tsx): after each keystroke in the plain
          field Chrome's autofill reads the fields of its form, every field of the page when it
          has none (2.6–7.4 ms a key at 4× CPU throttling). Enter submits nothing. */}
      <form className="fn-row" onSubmit={(e) => e.preventDefault()}>
        {!program && (
          <span className="code-prefix" aria-hidden="true">
            f =
          </span>
        )}
        <CodeEditor label="Function" value={src} onChange={onType} error={error} rows={rows} multiline />
        <PresetsMenu />
      </form>
      <ErrorAlert place="function" part="text" />
    </div>
  );
}

/** Keys with which a closed <select> changes its value at once (Chromium, Firefox): browsing. */
const BROWSE_KEYS = new Set(["ArrowDown", "ArrowUp", "ArrowLeft", "ArrowRight", "Home", "End", "PageDown", "PageUp"]);

/**
 * The Examples menu. Choosing with the pointer (or a phone's picker) loads at once; browsing a
 * closed menu with the arrow keys or by typing only moves the choice, since a browser fires
 * `change` on every arrow press, which would replace the user's function before they commit.
 * Enter or the Load button loads the browsed choice.
 */
function PresetsMenu() {
  const loadPreset = useStore((s) => s.loadPreset);
  const [choice, setChoice] = useState("");
  const browsing = useRef(false);
  const load = (id: string) => {
    if (!id) return;
    loadPreset(id);
    setChoice("");
  };
  const onKeyDown = (e: KeyboardEvent<HTMLSelectElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      load(choice);
    } else if (BROWSE_KEYS.has(e.key) || (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey)) {
      browsing.current = true;
    }
  };
  return (
    <span className="presets">
      <select
        aria-label="Presets"
        aria-describedby="presets-how"
        value={choice}
        onKeyDown={onKeyDown}
        onKeyUp={() => (browsing.current = false)}
        onBlur={() => (browsing.current = false)}
        onChange={(e) => {
          setChoice(e.target.value);
          if (!browsing.current) load(e.target.value);
        }}
      >
        <option value="">Examples…</option>
        {PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
      <button type="button" disabled={!choice} onClick={() => load(choice)}>
        Load
      </button>
      <span id="presets-how" className="visually-hidden">
        Arrow keys browse the examples; Enter or Load loads the chosen one, replacing the function.
      </span>
    </span>
  );
}
