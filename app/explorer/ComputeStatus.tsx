/**
 * "Computing…" while a call past the page's budget runs in the worker (state/compute.ts), with
 * a Cancel button. The live region stays mounted so screen readers announce the change.
 */
import { useStore } from "../state/store";

export function ComputeStatus() {
  const computing = useStore((s) => s.computing !== null);
  const cancel = useStore((s) => s.cancelCompute);
  return (
    <div role="status" aria-label="Computation" aria-live="polite">
      {computing && (
        <p className="notice computing">
          Computing… this call is too big to compute at once, so it runs in the background; the picture below is the last result.{" "}
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </p>
      )}
    </div>
  );
}
