/**
 * A "Copy" button for a block of code (copyText.ts): it says what happened, and when the browser
 * refuses, leaves the code selected (`selectTarget`) for the person's own Ctrl+C.
 */
import { useEffect, useState, type RefObject } from "react";
import { COPY_FEEDBACK, copyText, type CopyOutcome } from "./copyText";

export function CopyButton({ text, label, selectTarget, ariaLabel }: { text: string; label: string; selectTarget: RefObject<HTMLElement | null>; ariaLabel?: string }) {
  const [outcome, setOutcome] = useState<CopyOutcome | null>(null);
  // New text has not been copied yet.
  useEffect(() => setOutcome(null), [text]);
  const copy = async () => {
    const r = await copyText(text);
    setOutcome(r);
    if (r === "select" && selectTarget.current) selectTarget.current.ownerDocument.getSelection()?.selectAllChildren(selectTarget.current);
    if (r === "copied") setTimeout(() => setOutcome(null), 1500);
  };
  return (
    <button type="button" onClick={copy} aria-label={outcome ? undefined : ariaLabel}>
      {outcome ? COPY_FEEDBACK[outcome] : label}
    </button>
  );
}
