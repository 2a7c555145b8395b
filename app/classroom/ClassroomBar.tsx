/**
 * The header's classroom buttons: Presenter mode (P), Copy link (the permalink with the step
 * and speed: state/urlSync.ts pageLinkOf), Share with class (a lazily loaded dialog), Print
 * handout (printHandout.tsx). A student link shows only Copy link and Print handout.
 */
import { useState } from "react";
import { useStore } from "../state/store";
import { COPY_FEEDBACK, copyText, type CopyOutcome } from "../share/copyText";
import { togglePresenter } from "./presenterActions";

/** The page's address with the current permalink in its hash (urlSync.ts: loaded with the app, after its first screen). */
const currentLink = async (): Promise<string> => {
  const { pageLinkOf } = await import("../state/urlSync");
  return `${location.origin}${location.pathname}#${pageLinkOf(useStore.getState())}`;
};

function CopyLink() {
  const [outcome, setOutcome] = useState<CopyOutcome | null>(null);
  const copy = async () => {
    const r = await copyText(await currentLink());
    setOutcome(r);
    setTimeout(() => setOutcome(null), 2500);
  };
  return (
    <>
      <button type="button" onClick={copy} title="Copy a link to this example, its step and speed">
        Copy link
      </button>
      <span className="copy-status" role="status">
        {outcome ? (outcome === "copied" ? "Link copied" : `${COPY_FEEDBACK[outcome]} to copy the link`) : ""}
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
