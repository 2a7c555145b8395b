/**
 * Runnable JAX Python for the current state (codegen.ts), with a copy button that works in an
 * iframe and on plain http too and always says what happened (share/CopyButton.tsx). The
 * playground loads the panel after its first screen (App.tsx); the code is written when it
 * shows (state/viewCode.ts). The panel may hydrate after the page's state has changed (its code
 * arrives later than the page's): hydration reads the store's first state, which the prerendered
 * HTML shows, and React renders the current one after.
 */
import { useRef } from "react";
import { useAfterPaint } from "../state/afterPaint";
import { BESIDE_QUIET_MS } from "../state/hooks";
import { useShownViewPart } from "../state/shown";
import { viewCode } from "../state/viewCode";
import { CopyButton } from "../share/CopyButton";

export function CodePanel() {
  // The code of the state shown (state/shown.ts: after a keystroke, once typing pauses), a frame
  // after the picture (hooks.ts useViewBeside); hydration reads the store's first state.
  const code = useAfterPaint(useShownViewPart(viewCode, { fromFirst: true }), BESIDE_QUIET_MS);
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
