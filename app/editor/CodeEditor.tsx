/**
 * A Python code field: first a plain <textarea> with transparent text over a highlighted <pre>
 * (part of the first screen: light, prerendered, works before any editor code has loaded),
 * then CodeMirror 6 (codemirror.ts, its own chunk) in its place once the user has reached for
 * the field (pointer over it, focus, touch) and typing in it pauses (SWAP_PAUSE_MS) — the
 * first screen never waits for it, nor does a key. The swap
 * keeps the text, the caret and selection, the focus, the label and the height. The error's
 * line and column are underlined in both. Controlled: `value` in, `onChange` out.
 */
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { highlightPython } from "../explorer/highlight";
import { errorRange, type ErrorAt } from "./errorRange";
import type { EditorHandle } from "./codemirror";

export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** The accessible name (of the textarea, then of CodeMirror's content). */
  label: string;
  /** Where the engine's error is, and its text (the underline's tooltip). */
  error?: (ErrorAt & { message?: string }) | null;
  /** Whether Enter makes a new line (true for programs and lambdas over lines). */
  multiline?: boolean;
  /** Height in lines (the textarea's rows; CodeMirror's minimum). */
  rows?: number;
  /** The plain field's id (for a <label htmlFor>). */
  id?: string;
  /** id of the element that describes the field (the error's text), for aria-describedby. */
  describedBy?: string;
  /** Put the caret where a new error is (a dialog's failed Load), not only underline it. */
  caretToError?: boolean;
  /** A class for the field's box (both forms), for its place's styles. */
  className?: string;
}

type EditorModule = typeof import("./codemirror");
let loaded: EditorModule | null = null;
let loading: Promise<EditorModule> | null = null;

/**
 * How long typing in the plain field must pause before CodeMirror is loaded and takes its
 * place. Both are long tasks (at 4× CPU throttling, evaluating the chunk ~65 ms, making the
 * editor ~200 ms: bench/throttled.ts typing), which held up the keys typed just after reaching
 * for the field when they ran at once; the plain field takes every key meanwhile.
 */
export const SWAP_PAUSE_MS = 400;

/** Loads the CodeMirror chunk once for every editor on the page. */
export function loadCodeMirror(): Promise<EditorModule> {
  return (loading ??= import("./codemirror").then((m) => (loaded = m)));
}

export function CodeEditor({ value, onChange, label, error = null, multiline = true, rows = 1, id, describedBy, caretToError = false, className }: CodeEditorProps) {
  const box = className ? `editor-wrap ${className}` : "editor-wrap";
  // A field mounted after CodeMirror has loaded (a dialog, a reset region) starts with it; the
  // prerendered page hydrates before it can have loaded, so the plain field matches there.
  const [mod, setMod] = useState<EditorModule | null>(() => loaded);
  const area = useRef<HTMLTextAreaElement>(null);
  const pre = useRef<HTMLPreElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const handle = useRef<EditorHandle | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  // Each reach (pointer, focus, touch) asks again: one wait per field is enough.
  const waiting = useRef(false);
  const reach = () => {
    const field = area.current;
    if (mod || waiting.current || !field) return;
    waiting.current = true;
    let timer = setTimeout(done, SWAP_PAUSE_MS);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(done, SWAP_PAUSE_MS);
    };
    function done() {
      field!.removeEventListener("input", restart);
      // offline: the plain field stays, fully usable
      void loadCodeMirror().then(setMod, () => (waiting.current = false));
    }
    field.addEventListener("input", restart);
  };

  // The plain field's caret and focus, what the editor that replaces it takes over: read by the
  // render that swaps the fields (the field is still there; a caret set by script fires no
  // event), and kept up to date by the field's own events after it, since keystrokes may come
  // between that render and its commit, when the plain field is gone.
  const caret = useRef<{ focus: boolean; anchor: number; head: number } | null>(null);
  const noteCaret = (t: HTMLTextAreaElement, focus: boolean) => {
    const backward = t.selectionDirection === "backward";
    caret.current = { focus, anchor: backward ? t.selectionEnd : t.selectionStart, head: backward ? t.selectionStart : t.selectionEnd };
  };
  if (mod && area.current && !handle.current) noteCaret(area.current, document.activeElement === area.current);

  // Mount CodeMirror once loaded, before the browser paints (no frame without a field); the
  // props it reads later go through the handle.
  useLayoutEffect(() => {
    if (!mod || !host.current) return;
    const h = caret.current;
    caret.current = null;
    const ed = mod.createEditor({
      parent: host.current,
      value,
      label,
      describedBy,
      multiline,
      minLines: (madeRows.current = rows),
      onChange: (v) => onChangeRef.current(v),
      selection: h ? { anchor: h.anchor, head: h.head } : undefined,
      focus: h?.focus ?? false,
    });
    handle.current = ed;
    return () => {
      ed.destroy();
      handle.current = null;
    };
    // Made once per load; value, error and rows reach it through the effects below.
  }, [mod, label, multiline, describedBy]);

  useLayoutEffect(() => handle.current?.setValue(value), [value, mod]);
  const errLine = error?.line;
  const errColumn = error?.column;
  const errMessage = error?.message ?? "";
  // In a task of its own: underlining is an editor transaction that lays out the page, which
  // the keystroke's commit has just changed (the picture, the error's text). Run in the commit,
  // it doubled what a key costs before its paint (bench/throttled.ts, typing); a newer key's
  // commit replaces a pending one.
  useEffect(() => {
    const h = handle.current;
    if (!h) return;
    const t = setTimeout(() => h.setError(errLine !== undefined && errColumn !== undefined ? { line: errLine, column: errColumn, message: errMessage } : null), 0);
    return () => clearTimeout(t);
  }, [errLine, errColumn, errMessage, value, mod]);
  // A new error position moves the caret there when asked (not on each keystroke: only when
  // the position itself changes).
  useLayoutEffect(() => {
    if (!caretToError || errLine === undefined || errColumn === undefined) return;
    const range = errorRange(value, { line: errLine, column: errColumn });
    if (!range) return;
    if (handle.current) handle.current.setCaret(range.from);
    else area.current?.setSelectionRange(range.from, range.from);
  }, [caretToError, errLine, errColumn]);
  // The editor was made with `rows` lines: reconfigure (a rebuild of its configuration) only when they change.
  const madeRows = useRef(rows);
  useLayoutEffect(() => {
    if (!handle.current || madeRows.current === rows) return;
    madeRows.current = rows;
    handle.current.setMinLines(rows);
  }, [rows, mod]);

  if (mod) return <div className={`${box} cm-host`} ref={host} />;
  return (
    <div className={box} onPointerEnter={reach} onFocus={reach} onTouchStart={reach}>
      <pre ref={pre} className="highlight" aria-hidden="true">
        <Highlighted text={value} mark={error ? errorRange(value, error) : null} />
        {"\n"}
      </pre>
      <textarea
        ref={area}
        id={id}
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        value={value}
        rows={rows}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        onChange={(e) => {
          noteCaret(e.target, true);
          onChange(multiline ? e.target.value : e.target.value.replace(/\r?\n/g, " "));
        }}
        onSelect={(e) => noteCaret(e.currentTarget, document.activeElement === e.currentTarget)}
        onFocus={(e) => noteCaret(e.currentTarget, true)}
        onBlur={(e) => noteCaret(e.currentTarget, false)}
        onScroll={(e) => {
          if (pre.current) pre.current.scrollTop = e.currentTarget.scrollTop;
        }}
      />
    </div>
  );
}

/** The highlighted text, the error's range wrapped in `err-mark` spans (a wavy underline), or an `err-point` where it is empty. */
function Highlighted({ text, mark }: { text: string; mark: { from: number; to: number } | null }) {
  const out: ReactNode[] = [];
  const point = mark && mark.from === mark.to ? mark.from : -1;
  let at = 0;
  for (const tok of highlightPython(text)) {
    const start = at;
    const end = at + tok.text.length;
    at = end;
    const cls = `tok-${tok.cls}`;
    if (!mark || point >= 0 || end <= mark.from || start >= mark.to) {
      // A point inside a token (a line end inside whitespace) splits it there.
      if (point > start && point < end) {
        out.push(<span key={start} className={cls}>{tok.text.slice(0, point - start)}</span>, <span key="point" className="err-point" />, <span key={`${start}e`} className={cls}>{tok.text.slice(point - start)}</span>);
        continue;
      }
      if (point === start) out.push(<span key="point" className="err-point" />);
      out.push(<span key={start} className={cls}>{tok.text}</span>);
      continue;
    }
    const a = Math.max(start, mark.from) - start;
    const b = Math.min(end, mark.to) - start;
    if (a > 0) out.push(<span key={start} className={cls}>{tok.text.slice(0, a)}</span>);
    out.push(<span key={`${start}m`} className={`${cls} err-mark`}>{tok.text.slice(a, b)}</span>);
    if (b < tok.text.length) out.push(<span key={`${start}e`} className={cls}>{tok.text.slice(b)}</span>);
  }
  if (point >= 0 && point === text.length) out.push(<span key="point" className="err-point" />);
  return <>{out}</>;
}
