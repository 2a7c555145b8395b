/**
 * The classroom's dialogs, one chunk loaded when one is first opened (App.tsx): the keyboard
 * shortcuts (`?`, listed from the actions table, actions.ts) and "Share with class" (which
 * controls students may change and which sections they see, and the student link that opens
 * in that state: lock.ts, state/pageLink.ts). Both are ModalDialogs (app/dialog): the page
 * behind is inert, Esc closes them, and focus returns to where it was.
 */
import { useState } from "react";
import { ACTIONS, type Action } from "../actions";
import { useStore } from "../state/store";
import { pageLinkOf } from "../state/urlSync";
import { CopyField } from "../share/ShareExport";
import { ModalDialog } from "../dialog/ModalDialog";
import { CONTROLS, SECTIONS, type ClassControl, type ClassSection } from "./lock";

/** What the dialog calls each control and section. */
const CONTROL_TITLES: Record<ClassControl, string> = { function: "The function (and examples)", shapes: "Shapes and fills", in_axes: "in_axes", out_axes: "out_axes" };
const SECTION_TITLES: Record<ClassSection, string> = { story: "Shape story", table: "Where out_axes puts B", code: "Python code", panels: "jax.grad and jax.jit panels" };

/** "Space" and "ArrowRight" as a person reads them. */
const keyText = (k: string): string => ({ ArrowRight: "→", ArrowLeft: "←", ArrowUp: "↑", ArrowDown: "↓", Escape: "Esc", "Shift+?": "" })[k] ?? k;

/** Presenter mode lists its own keys (which take Space and the arrows) and the two ways out and to this list. */
const shownIn = (a: Action, mode: "presenter" | "page"): boolean => (mode === "page" ? a.mode !== "presenter" : a.mode === "presenter" || a.id === "presenter" || a.id === "shortcuts");

function ShortcutRows({ mode }: { mode: "presenter" | "page" }) {
  return (
    <tbody>
      {ACTIONS.filter((a) => a.keys.length && shownIn(a, mode)).map((a) => (
        <tr key={a.id}>
          <th scope="row">{a.label}</th>
          <td>
            {a.keys
              .map(keyText)
              .filter((k) => k !== "")
              .map((k, i) => (
                <span key={k}>
                  {i > 0 && " or "}
                  <kbd>{k}</kbd>
                </span>
              ))}
          </td>
        </tr>
      ))}
    </tbody>
  );
}

function Shortcuts({ onClose }: { onClose: () => void }) {
  return (
    <ModalDialog title="Keyboard shortcuts" onClose={onClose} className="class-dialog">
      <table className="shortcuts">
        <caption>On the page</caption>
        <ShortcutRows mode="page" />
      </table>
      <table className="shortcuts">
        <caption>In presenter mode (a clicker's keys too)</caption>
        <ShortcutRows mode="presenter" />
      </table>
      <p className="note">In a grid with focus, the arrow keys move from cell to cell.</p>
    </ModalDialog>
  );
}

/** One fieldset of checkboxes choosing a subset of `items`. */
function Choices<T extends string>({ legend, items, titles, chosen, onChange }: { legend: string; items: readonly T[]; titles: Record<T, string>; chosen: ReadonlySet<T>; onChange: (next: Set<T>) => void }) {
  const toggle = (item: T, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(item);
    else next.delete(item);
    onChange(next);
  };
  return (
    <fieldset className="share-options">
      <legend>{legend}</legend>
      {items.map((c) => (
        <label key={c}>
          <input type="checkbox" checked={chosen.has(c)} onChange={(e) => toggle(c, e.target.checked)} /> {titles[c]}
        </label>
      ))}
    </fieldset>
  );
}

function ShareWithClass({ onClose }: { onClose: () => void }) {
  const s = useStore.getState();
  const [edit, setEdit] = useState<Set<ClassControl>>(() => new Set<ClassControl>(["out_axes"]));
  const [hide, setHide] = useState<Set<ClassSection>>(() => new Set<ClassSection>(["panels"]));
  const link = `${location.origin}${location.pathname}#${pageLinkOf({ ...s, lock: { edit, hide } })}`;
  return (
    <ModalDialog title="Share with class" onClose={onClose} className="class-dialog">
      <p className="note">Students open this example from the link below, with only what you choose here to change and see.</p>
      <Choices legend="Students may change" items={CONTROLS} titles={CONTROL_TITLES} chosen={edit} onChange={setEdit} />
      <Choices legend="Hide from students" items={SECTIONS} titles={SECTION_TITLES} chosen={hide} onChange={setHide} />
      <CopyField label="Student link" text={link} rows={3} />
    </ModalDialog>
  );
}

export default function ClassroomDialogs() {
  const dialog = useStore((s) => s.dialog);
  const close = useStore((s) => s.closeDialog);
  if (dialog === "shortcuts") return <Shortcuts onClose={close} />;
  if (dialog === "class") return <ShareWithClass onClose={close} />;
  return null;
}
