/**
 * The `Function` editor: an accessible <textarea> with transparent text over a highlighted
 * <pre> (lighter than an editor component such as CodeMirror), plus the presets menu. The
 * text is stored as typed, so an error never loses it; the engine's parser reads it, nothing
 * evaluates it. No `maxLength`: the browser would cut a paste silently. A text over the
 * parser's limit (MAX_SOURCE_LENGTH, the same one a link obeys) stays whole, and the engine's
 * error beside the editor says its length and the limit.
 */
import { useRef } from "react";
import { useExplorerPart } from "../state/hooks";
import { PRESETS } from "../state/presets";
import { useStore } from "../state/store";
import { ErrorAlert } from "./ErrorAlert";
import { highlightPython } from "./highlight";

export function FunctionEditor() {
  const src = useExplorerPart((s) => s.fnSource);
  const setFnSource = useStore((s) => s.setFnSource);
  const loadPreset = useStore((s) => s.loadPreset);
  const pre = useRef<HTMLPreElement>(null);
  const rows = Math.min(6, Math.max(1, Math.ceil(src.length / 70), src.split("\n").length));
  return (
    <div className="fn-editor">
      <div className="fn-row">
        <span className="code-prefix" aria-hidden="true">
          f =
        </span>
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
        <label className="presets">
          <span className="visually-hidden">Presets</span>
          <select aria-label="Presets" value="" onChange={(e) => e.target.value && loadPreset(e.target.value)}>
            <option value="">Examples…</option>
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorAlert place="function" />
    </div>
  );
}
