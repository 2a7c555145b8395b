/**
 * The page's actions as a table (style P14, excalidraw's `register`): one object per action is
 * the source of truth for its toolbar button, its keyboard shortcut and whether it is undoable.
 * `keyAction` maps a key event to an action, skipping typing keys while a text field has focus.
 */
import type { StoreState } from "./state/store";
import { clickerNext, clickerPrev, togglePresenter } from "./classroom/presenterActions";

export interface ActionCtx {
  /** The mapped size of the shown trace (0 when there is none). */
  B: number;
}

export interface Action {
  id: string;
  label: string;
  /** Key descriptions, e.g. "Ctrl+Z", "Space", "ArrowRight". */
  keys: string[];
  perform: (s: StoreState, ctx: ActionCtx) => void;
  undoable: boolean;
  /** Works even while typing in a field (false for Space and the arrows). */
  inFields: boolean;
  toolbar: boolean;
  /** Only in presenter mode (its clicker keys come before the page's own), or only outside it. */
  mode?: "presenter" | "page";
}

export const ACTIONS: Action[] = [
  // A presentation clicker sends PageDown/PageUp (some send the arrows or Space).
  { id: "next", label: "Next lesson step or animation phase", keys: ["PageDown", "ArrowRight", "ArrowDown", "Space"], perform: (s, c) => clickerNext(s, c.B), undoable: false, inFields: false, toolbar: false, mode: "presenter" },
  { id: "prev", label: "Previous lesson step or animation phase", keys: ["PageUp", "ArrowLeft", "ArrowUp"], perform: (s, c) => clickerPrev(s, c.B), undoable: false, inFields: false, toolbar: false, mode: "presenter" },
  { id: "leave-presenter", label: "Leave presenter mode", keys: ["Escape"], perform: (s) => togglePresenter(s, false), undoable: false, inFields: true, toolbar: false, mode: "presenter" },
  { id: "presenter", label: "Presenter mode", keys: ["P"], perform: (s) => togglePresenter(s, !s.presenter), undoable: false, inFields: false, toolbar: false },
  { id: "shortcuts", label: "Keyboard shortcuts", keys: ["?", "Shift+?"], perform: (s) => s.openDialog("shortcuts"), undoable: false, inFields: false, toolbar: false },
  { id: "undo", label: "Undo", keys: ["Ctrl+Z", "Meta+Z"], perform: (s) => s.undo(), undoable: false, inFields: false, toolbar: true },
  { id: "redo", label: "Redo", keys: ["Ctrl+Shift+Z", "Meta+Shift+Z", "Ctrl+Y"], perform: (s) => s.redo(), undoable: false, inFields: false, toolbar: true },
  { id: "play", label: "Play / pause", keys: ["Space"], perform: (s, c) => (s.playing ? s.pause() : s.play(c.B)), undoable: false, inFields: false, toolbar: false },
  { id: "step-forward", label: "Step forward", keys: ["ArrowRight"], perform: (s, c) => s.stepForward(c.B), undoable: false, inFields: false, toolbar: false },
  { id: "step-back", label: "Step back", keys: ["ArrowLeft"], perform: (s, c) => s.stepBack(c.B), undoable: false, inFields: false, toolbar: false },
  { id: "reset", label: "Reset", keys: [], perform: (s) => s.loadPreset("add"), undoable: true, inFields: false, toolbar: true },
];

function keyName(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }): string {
  const key = e.key === " " ? "Space" : e.key.length === 1 ? e.key.toUpperCase() : e.key;
  return `${e.ctrlKey ? "Ctrl+" : ""}${e.metaKey ? "Meta+" : ""}${e.shiftKey && key !== "Space" ? "Shift+" : ""}${key}`;
}

/**
 * The action a key press means here, or null. Fields keep their own keys (typing, native undo).
 * In presenter mode its own actions come first (Space and the arrows walk the steps).
 */
export function keyAction(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }, inField: boolean, presenter = false): Action | null {
  const name = keyName(e);
  const a = ACTIONS.find((x) => x.keys.includes(name) && (x.mode === undefined || x.mode === (presenter ? "presenter" : "page")));
  if (!a || (inField && !a.inFields)) return null;
  return a;
}

/**
 * Whether the focused element keeps this key for itself: text fields keep every key (typing,
 * native undo), sliders and menus keep Space and the arrows (menus their letters too, but not
 * with Ctrl or ⌘ held: a menu has no undo of its own, so Ctrl+Z is the page's), buttons keep
 * Space and Enter. `chord`: Ctrl or ⌘ is held.
 */
export function isFieldTarget(t: EventTarget | null, key = "", chord = false): boolean {
  const el = t as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const nav = key === " " || key.startsWith("Arrow");
  if (el.tagName === "TEXTAREA" || el.isContentEditable === true) return true;
  if (el.tagName === "INPUT") return (el as HTMLInputElement).type === "range" ? nav : true;
  // A menu jumps to the option a typed letter starts (P, ?): the page's letter keys wait.
  if (el.tagName === "SELECT") return nav || (key.length === 1 && !chord);
  if (el.tagName === "BUTTON") return key === " " || key === "Enter";
  return false;
}
