/**
 * "Import JAX code": paste a snippet in the style of JAX's documentation, press Load, and its
 * last jax.vmap call becomes the explorer's (the store's `importCode` asks the engine's
 * importJax). A construct the engine cannot read is shown with its line and column and the
 * closest supported form, the caret moves there, and the text stays: in the dialog (also
 * after closing it) and, once loaded, in the permalink. What `print` printed is shown.
 */
import { useEffect, useId, useState } from "react";
import type { ImportResult } from "../state/engineBridge";
import { importSnippet, ready } from "./importRun";
import { useStoreApi } from "../state/store";
import { CodeEditor } from "../editor/CodeEditor";
import { PREDICT_EXAMPLE } from "./example";
import { explorerFromImport } from "../state/importState";
import { ModalDialog } from "../dialog/ModalDialog";
import "./importer.css";

export default function ImportDialog({ onClose }: { onClose: () => void }) {
  const store = useStoreApi();
  const id = useId();
  const [text, setText] = useState(() => store.getState().importDraft ?? store.getState().explorer.code ?? "");
  const [result, setResult] = useState<ImportResult | null>(null);
  const change = (t: string) => {
    setText(t);
    store.getState().setImportDraft(t);
  };
  const load = async () => {
    await ready;
    const r = importSnippet(text);
    // Its last vmap call becomes the explorer's, as one undoable step, with the text kept as `code`.
    if (r.ok) store.getState().loadExplorer(explorerFromImport(r, text));
    setResult(r);
  };
  const failed = result && !result.ok ? result : null;
  // The field has the focus when the dialog opens: paste right away.
  useEffect(() => document.getElementById(`${id}-code`)?.focus(), [id]);
  return (
    <ModalDialog title="Import JAX code" onClose={onClose} className="import-dialog">
      <p className="note">
        Paste a snippet with a <code>jax.vmap</code> call: its last vmap call becomes the explorer&apos;s (function, arguments, <code>in_axes</code>, <code>out_axes</code>).
      </p>
      <label htmlFor={`${id}-code`}>JAX code</label>
      <CodeEditor
        label="JAX code"
        id={`${id}-code`}
        value={text}
        onChange={change}
        error={failed ? { line: failed.line, column: failed.column, message: failed.error.message } : null}
        describedBy={failed ? `${id}-error` : undefined}
        className="jax-code"
        caretToError
        rows={14}
        multiline
      />
      <div className="import-actions">
        <button type="button" className="primary" onClick={load} disabled={text.trim() === ""}>
          Load
        </button>
        {text.trim() === "" && (
          <button type="button" onClick={() => change(PREDICT_EXAMPLE)}>
            Paste an example
          </button>
        )}
      </div>
      <div role="status" className="import-status">
        {result?.ok && (
          <p>
            Loaded: <code>out.shape</code> is <code>{result.outShape}</code>.
          </p>
        )}
      </div>
      {failed && (
        <div id={`${id}-error`} role="alert" className="error">
          {!failed.error.message.includes(`line ${failed.line}, column ${failed.column}`) && (
            <p>
              Line {failed.line}, column {failed.column}:
            </p>
          )}
          <pre>{`${failed.error.pyType}: ${failed.error.message}`}</pre>
        </div>
      )}
      {result && result.printed.length > 0 && (
        <section aria-label="Printed output">
          <h3>Printed</h3>
          <pre className="import-printed">{result.printed.map((p) => `${p.text}`).join("\n")}</pre>
        </section>
      )}
    </ModalDialog>
  );
}
