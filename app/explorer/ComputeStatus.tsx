/**
 * "Computing…" while a call past the page's budget runs in the worker (state/compute.ts), with
 * the seconds so far and a Cancel button. The live region stays mounted so screen readers
 * announce the change; the seconds are not announced (aria-hidden), only the start and the end.
 */
import { useEffect, useState } from "react";
import { useViewPart } from "../state/hooks";
import { useStore } from "../state/store";

function Seconds({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return <span aria-hidden="true"> {Math.max(0, Math.floor((now - since) / 1000))} s.</span>;
}

export function ComputeStatus() {
  const computing = useStore((s) => s.computing);
  const cancel = useStore((s) => s.cancelCompute);
  const hasPicture = useViewPart((v) => v.shown !== null);
  return (
    <div role="status" aria-label="Computation" aria-live="polite">
      {computing && (
        <p className="notice computing">
          Computing…
          <Seconds since={computing.since} /> This call is too big to compute at once on the page, so it runs in the background
          {hasPicture ? "; the picture below is the last result." : "."}{" "}
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </p>
      )}
    </div>
  );
}
