/**
 * The header's classroom buttons: Presenter mode (P), Copy link (the permalink with the step
 * and speed: state/urlSync.ts pageLinkOf), Share with class (a lazily loaded dialog), Print
 * handout (printHandout.tsx). A student link shows only Copy link and Print handout.
 */
import { useEffect, useRef, useState } from "react";
import { useStore } from "../state/store";
import type { CopyOutcome } from "../share/copyText";
import { togglePresenter } from "./presenterActions";

/** The page's address with the current permalink in its hash (urlSync.ts: loaded with the app, after its first screen). */
const currentLink = async (): Promise<string> => {
  const { pageLinkOf } = await import("../state/urlSync");
  return `${location.origin}${location.pathname}#${pageLinkOf(useStore.getState())}`;
};

/** Copying loads at the first press, as the link's permalink code does: the first screen does not run it. */
type Copied = { outcome: CopyOutcome; feedback: string; link: string };

const copyLink = async (): Promise<Copied> => {
  const [{ copyText, COPY_FEEDBACK }, link] = await Promise.all([import("../share/copyText"), currentLink()]);
  const outcome = await copyText(link);
  return { outcome, feedback: COPY_FEEDBACK[outcome], link };
};

/**
 * Where the browser refuses to copy, the link stays in a field, selected, for the person's own
 * Ctrl+C (the refusal's message says so) until they leave it.
 */
function CopyLink() {
  const [outcome, setOutcome] = useState<Copied | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    field.current?.focus({ preventScroll: true });
    field.current?.select();
  }, [outcome]);
  const copy = async () => {
    const r = await copyLink();
    setOutcome(r);
    if (r.outcome === "copied") setTimeout(() => setOutcome(null), 2500);
  };
  return (
    <>
      <button type="button" onClick={copy} title="Copy a link to this example, its step and speed">
        Copy link
      </button>
      {outcome?.outcome === "select" && <input ref={field} className="copy-field" readOnly value={outcome.link} aria-label="Link" onBlur={() => setOutcome(null)} />}
      <span className="copy-status" role="status">
        {outcome ? (outcome.outcome === "copied" ? "Link copied" : `${outcome.feedback} to copy the link`) : ""}
      </span>
    </>
  );
}

export function ClassroomBar({ onPrint }: { onPrint: () => void }) {
  const student = useStore((s) => s.lock !== null);
  return (
    <div className="toolbar classroom-bar" role="toolbar" aria-label="Classroom">
      {!student && (
        <button type="button" onClick={() => togglePresenter(useStore.getState(), true)} title="Presenter mode (P): the picture fills the screen, Esc leaves">
          Presenter mode
        </button>
      )}
      {!student && (
        <button type="button" onClick={() => useStore.getState().openDialog("class")} aria-haspopup="dialog">
          Share with class
        </button>
      )}
      <CopyLink />
      <button type="button" onClick={onPrint}>
        Print handout
      </button>
    </div>
  );
}
