/**
 * The `Function` editor: an accessible <textarea> with transparent text over a highlighted
 * <pre> (lighter than an editor component such as CodeMirror), plus the presets menu. The
 * text is stored as typed, so an error never loses it; the engine's parser reads it, nothing
 * evaluates it. No `maxLength`: the browser would cut a paste silently. A text over the
 * parser's limit (MAX_SOURCE_LENGTH, the same one a link obeys) stays whole, and the engine's
 * error beside the editor says its length and the limit.
 */
import { useRef, useState, type KeyboardEvent } from "react";
import { useExplorerPart } from "../state/hooks";
import { PRESETS } from "../state/presets";
import { useStore } from "../state/store";
import { ErrorAlert } from "./ErrorAlert";
import { isFunctionProgram } from "../../engine/index";
import { highlightPython } from "./highlight";

export function FunctionEditor() {
  const src = useExplorerPart((s) => s.fnSource);
  const setFnSource = useStore((s) => s.setFnSource);
  const pre = useRef<HTMLPreElement>(null);
  // A def program (imported code) names its own function, so it has no `f =` and more rows.
  const program = isFunctionProgram(src);
  const rows = Math.min(program ? 12 : 6, Math.max(1, Math.ceil(src.length / 70), src.split("\n").length));
  return (
    <div className="fn-editor">
      <div className="fn-row">
        {!program && (
          <span className="code-prefix" aria-hidden="true">
            f =
          </span>
        )}
        <div className="editor-wrap">
          <pre ref={pre} className="highlight" aria-hidden="true">
            {highlightPython(src).map((t, i) => (
              <span key={i} className={`tok-${t.cls}`}>
                {t.text}
              </span>
            ))}
            {"\n"}
          </pre>
          <textarea
            aria-label="Function"
            value={src}
            rows={rows}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            onChange={(e) => setFnSource(e.target.value)}
            onScroll={(e) => {
              if (pre.current) pre.current.scrollTop = e.currentTarget.scrollTop;
            }}
          />
        </div>
        <PresetsMenu />
      </div>
      <ErrorAlert place="function" />
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
