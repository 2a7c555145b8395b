/**
 * Runnable JAX Python for the current state (codegen.ts), with a copy button that works in an
 * iframe and on plain http too and always says what happened (share/CopyButton.tsx). The
 * playground loads the panel after its first screen (App.tsx); the code is written when it
 * shows (state/viewCode.ts).
 */
import { useRef } from "react";
import { useView } from "../state/hooks";
import { viewCode } from "../state/viewCode";
import { CopyButton } from "../share/CopyButton";

export function CodePanel() {
  const code = viewCode(useView());
  const codeEl = useRef<HTMLElement>(null);
  return (
    <section className="code-panel" aria-label="Python code">
      <div className="code-head">
        <h2>Run it in JAX</h2>
        <CopyButton text={code} label="Copy code" selectTarget={codeEl} />
      </div>
      {/* Focusable: on a phone the code scrolls sideways, and a keyboard must reach it too. */}
      <pre tabIndex={0} role="region" aria-label="JAX code (scrolls)">
        <code ref={codeEl} data-testid="python-code">{code}</code>
      </pre>
    </section>
  );
}
