/**
 * The CodeMirror 6 side of CodeEditor, a chunk of its own (CodeEditor.tsx imports it lazily):
 * Python highlighting (lang-python's parser, coloured by the same `tok-*` classes as the plain
 * editor, so light/dark follow styles.css), bracket matching and closing, undo history,
 * autocompletion of the engine's names (completions.ts) and the engine's error underlined
 * (@codemirror/lint). Tab is not bound (no indentWithTab): Tab and Shift-Tab move focus out
 * as in any field, so keyboard users are never trapped. Sizes and colours are CSS variables
 * and `inherit`, so dark mode and a larger presenter font reach the editor.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { bracketMatching, HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { Annotation, Compartment, EditorSelection, EditorState, Transaction, type Extension } from "@codemirror/state";
import { EditorView, keymap, runScopeHandlers } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";
import { jaxCompletions } from "./completions";
import { errorRange, type ErrorAt } from "./errorRange";

const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.bool, t.null, t.definitionKeyword, t.controlKeyword, t.operatorKeyword], class: "tok-kw" },
  { tag: [t.number], class: "tok-num" },
  { tag: [t.string], class: "tok-str" },
  { tag: [t.operator, t.punctuation, t.paren, t.squareBracket, t.brace, t.separator, t.derefOperator], class: "tok-op" },
  { tag: [t.comment], class: "tok-comment" },
]);

const theme = EditorView.theme({
  "&": { color: "var(--ink)", background: "var(--code-bg)", border: "1px solid var(--line)", borderRadius: "6px", fontSize: "inherit" },
  "&.cm-focused": { outline: "2px solid var(--focus)", outlineOffset: "1px" },
  ".cm-scroller": { fontFamily: "inherit", lineHeight: "1.45" },
  ".cm-content": { padding: "5px 0", caretColor: "var(--ink)" },
  ".cm-line": { padding: "0 8px" },
  ".cm-cursor": { borderLeftColor: "var(--ink)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { background: "var(--accent-bg)" },
  ".cm-matchingBracket": { background: "var(--accent-bg)", outline: "1px solid var(--accent)" },
  ".cm-nonmatchingBracket": { background: "var(--err-bg)", color: "var(--err)" },
  ".cm-lintRange-error": { backgroundImage: "none", textDecoration: "underline wavy var(--err)", textDecorationSkipInk: "none", textUnderlineOffset: "3px" },
  ".cm-lintPoint-error:after": { borderBottomColor: "var(--err)" },
  ".cm-tooltip": { background: "var(--panel)", color: "var(--ink)", border: "1px solid var(--line)", fontFamily: "var(--mono)" },
  ".cm-tooltip-autocomplete > ul > li[aria-selected]": { background: "var(--accent-bg)", color: "var(--ink)" },
  ".cm-completionDetail": { color: "var(--muted)", fontStyle: "normal", marginLeft: "0.8em" },
  ".cm-diagnostic-error": { borderLeftColor: "var(--err)", color: "var(--err-ink)", background: "var(--err-bg)", whiteSpace: "pre-wrap" },
});

export interface EditorOptions {
  parent: HTMLElement;
  value: string;
  label: string;
  describedBy?: string;
  multiline: boolean;
  /** Minimum height in lines (as the plain textarea's rows), so the swap does not move the page. */
  minLines: number;
  onChange: (value: string) => void;
  /** Caret/selection to start with (offsets), and whether to take focus. */
  selection?: { anchor: number; head: number };
  focus?: boolean;
}

export interface EditorHandle {
  /** Replaces the text when it differs (a preset, the app's undo); not an undo step of the editor's. */
  setValue(value: string): void;
  setError(error: (ErrorAt & { message: string }) | null): void;
  setMinLines(lines: number): void;
  /** Puts the caret at `offset`. */
  setCaret(offset: number): void;
  destroy(): void;
  readonly view: EditorView;
}

/** Marks the editor's own echo of a value the app set, which is not reported back as a change. */
const external = Annotation.define<boolean>();

const heightOf = (lines: number) => EditorView.theme({ ".cm-content": { minHeight: `${(lines * 1.45).toFixed(2)}em` } });

/** How the field edits Python: what a key does in it, the same in every editor of the page. */
const editing = (): Extension[] => [
  history(),
  closeBrackets(),
  bracketMatching(),
  python(),
  syntaxHighlighting(highlight),
  autocompletion({ override: [jaxCompletions], icons: false }),
  keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap]),
  EditorView.lineWrapping,
  theme,
];

export function createEditor(o: EditorOptions): EditorHandle {
  const minHeight = new Compartment();
  const invalid = new Compartment();
  const state = EditorState.create({
    doc: o.value,
    selection: o.selection ? EditorSelection.single(Math.min(o.selection.anchor, o.value.length), Math.min(o.selection.head, o.value.length)) : undefined,
    extensions: [
      editing(),
      EditorView.contentAttributes.of({ "aria-label": o.label, spellcheck: "false", autocapitalize: "off", autocorrect: "off", ...(o.describedBy ? { "aria-describedby": o.describedBy } : {}) }),
      invalid.of([]),
      // One line only: a change that would add a line is dropped (Enter, a pasted newline).
      o.multiline ? [] : EditorState.transactionFilter.of((tr) => (tr.docChanged && tr.newDoc.lines > 1 ? [] : tr)),
      minHeight.of(heightOf(o.minLines)),
      EditorView.updateListener.of((u) => {
        if (u.docChanged && !u.transactions.some((tr) => tr.annotation(external))) o.onChange(u.state.doc.toString());
      }),
    ],
  });
  const view = new EditorView({ state, parent: o.parent });
  if (o.focus) view.focus();
  whenIdle(() => warmUp(view));
  /** The error last underlined: on which text, where and what (`key`), and whether the field is marked invalid. */
  let shown = { doc: "", key: "", invalid: false };
  return {
    view,
    setValue(value) {
      if (view.state.doc.toString() === value) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value }, annotations: [external.of(true), Transaction.addToHistory.of(false)] });
    },
    setError(error) {
      const doc = view.state.doc.toString();
      const range = error ? errorRange(doc, error) : null;
      // Called after every keystroke: the same underline on the same text is no change, and
      // the field's aria-invalid is reconfigured only when it flips (a reconfiguration rebuilds
      // the editor's whole configuration and, after the picture's update, forced a layout of
      // the page: ~25 ms a key at 4× throttling, bench/throttled.ts).
      const key = range && error ? `${range.from}:${range.to}:${error.message}` : "";
      // No underline before or after: nothing to dispatch (a transaction and a measure of the
      // editor on every key of a valid function otherwise).
      if ((doc === shown.doc || key === "") && key === shown.key) return;
      const diagnostics: Diagnostic[] = range && error ? [{ from: range.from, to: range.to, severity: "error", message: error.message }] : [];
      const effects = shown.invalid === (range !== null) ? [] : [invalid.reconfigure(EditorView.contentAttributes.of(range ? { "aria-invalid": "true" } : {}))];
      shown = { doc, key, invalid: range !== null };
      view.dispatch(setDiagnostics(view.state, diagnostics), { effects });
    },
    setCaret(offset) {
      view.dispatch({ selection: { anchor: Math.min(offset, view.state.doc.length) }, scrollIntoView: true });
    },
    setMinLines(lines) {
      view.dispatch({ effects: minHeight.reconfigure(heightOf(lines)) });
    },
    destroy: () => view.destroy(),
  };
}

/** Whether this page's hidden editor has been typed into (warmUp). */
let typedOnce = false;

/**
 * The first key typed into a new editor took about twice as long as the next ones (~80 against
 * ~40 ms at 4× CPU throttling, bench/throttled.ts typing): it was the first to run the code a
 * key runs — the key bindings gathered into one map, the typed text read back from the DOM, the
 * transaction, the Python parse's incremental step, the view's update — each compiled on first
 * use. Run once when the page is idle, this is that first time: a key no binding has asks the
 * editor for its map (cached per configuration; it runs nothing), and a character is typed into
 * a hidden editor of the same kind (no listener: nothing shows or is stored), the way a key
 * types it, into its line's text, then it is taken away.
 */
function warmUp(view: EditorView): void {
  const parent = view.dom.parentElement;
  if (!parent) return; // destroyed meanwhile
  runScopeHandlers(view, new KeyboardEvent("keydown", { key: "F24" }), "editor");
  // The code is compiled once for the page; a DOM without layout (jsdom) cannot measure text.
  if (typedOnce || typeof document.createRange().getClientRects !== "function") return;
  typedOnce = true;
  // Each step in an idle moment of its own (at 4× CPU throttling, in one task they took ~80 ms
  // that a key pressed meanwhile waited for; the typing alone is ~50 ms of it).
  whenIdle(() => {
    // The editor gone meanwhile (a closed dialog): the next editor made warms up instead.
    if (!parent.isConnected) return void (typedOnce = false);
    const host = document.createElement("div");
    host.setAttribute("aria-hidden", "true");
    host.inert = true;
    host.style.cssText = "position:fixed;left:-10000px;top:0;width:30em;visibility:hidden;pointer-events:none";
    // Beside the editor: in its document or shadow root, where its styles go too (an embed's).
    parent.appendChild(host);
    const doc = view.state.doc.toString();
    // The caret at the end, where the character goes: as typed, the bracket and completion handlers see it.
    const hidden = new EditorView({ state: EditorState.create({ doc, selection: { anchor: doc.length }, extensions: editing() }), parent: host });
    whenIdle(() => {
      const walker = document.createTreeWalker(hidden.contentDOM, NodeFilter.SHOW_TEXT);
      let last: Text | null = null;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) last = n as Text;
      // Read back as typing is: the DOM's mutation, then the editor's transaction for it.
      last?.appendData("*");
      requestAnimationFrame(() => {
        hidden.destroy();
        host.remove();
      });
    });
  });
}

function whenIdle(cb: () => void): void {
  if (typeof requestIdleCallback === "function") requestIdleCallback(cb, { timeout: 1000 });
  else setTimeout(cb, 50);
}
