/** Runnable JAX Python for the current state (codegen.ts), with a copy button. */
import { useState } from "react";
import { useView } from "../state/hooks";

export function CodePanel() {
  const { code } = useView();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section className="code-panel" aria-label="Python code">
      <div className="code-head">
        <h2>Run it in JAX</h2>
        <button type="button" onClick={copy}>
          {copied ? "Copied" : "Copy code"}
        </button>
      </div>
      {/* Focusable: on a phone the code scrolls sideways, and a keyboard must reach it too. */}
      <pre tabIndex={0} role="region" aria-label="JAX code (scrolls)">
        <code data-testid="python-code">{code}</code>
      </pre>
    </section>
  );
}
