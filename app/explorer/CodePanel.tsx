/**
 * Runnable JAX Python for the current state (codegen.ts), with a copy button that works in an
 * iframe and on plain http too and always says what happened (share/copyText.ts).
 */
import { useEffect, useRef, useState } from "react";
import { useView } from "../state/hooks";
import { COPY_FEEDBACK, copyText, type CopyOutcome } from "../share/copyText";

export function CodePanel() {
  const { code } = useView();
  const [outcome, setOutcome] = useState<CopyOutcome | null>(null);
  const codeEl = useRef<HTMLElement>(null);
  // A new state's code has not been copied yet.
  useEffect(() => setOutcome(null), [code]);
  const copy = async () => {
    const r = await copyText(code);
    setOutcome(r);
    // Refused: the code is left selected on the page for the person's own Ctrl+C.
    if (r === "select" && codeEl.current) codeEl.current.ownerDocument.getSelection()?.selectAllChildren(codeEl.current);
    if (r === "copied") setTimeout(() => setOutcome(null), 1500);
  };
  return (
    <section className="code-panel" aria-label="Python code">
      <div className="code-head">
        <h2>Run it in JAX</h2>
        <button type="button" onClick={copy}>
          {outcome ? COPY_FEEDBACK[outcome] : "Copy code"}
        </button>
      </div>
      {/* Focusable: on a phone the code scrolls sideways, and a keyboard must reach it too. */}
      <pre tabIndex={0} role="region" aria-label="JAX code (scrolls)">
        <code ref={codeEl} data-testid="python-code">{code}</code>
      </pre>
    </section>
  );
}
