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
      <pre>
        <code data-testid="python-code">{code}</code>
      </pre>
    </section>
  );
}
