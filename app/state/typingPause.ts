/**
 * While the user types in the function box, what follows from the text (its trace, the last
 * good state, the picture, the error's underline, the code) waits until typing pauses. A
 * keystroke then costs the editor's own update and the store's write, nothing more: at 4× CPU
 * throttling a trace and a redraw after every key took longer than the gap between a fast
 * typist's keys, so keys queued behind them (bench/throttled.ts, the typing row). The text is
 * stored at once (undo, the link); only its consequences wait. No React here: the store's
 * subscribers (lastGood.ts, compute.ts) and the components' reads (shown.ts) use it alike.
 */
import type { StoreApi } from "zustand";
import type { ExplorerState } from "./explorerTypes";

/** How long after the last keystroke the text's consequences are drawn. */
export const TYPING_PAUSE_MS = 150;

interface Typing {
  timer: ReturnType<typeof setTimeout> | null;
  /** A keystroke's edit is being stored (see `typed`). */
  typing: boolean;
  /** In the order they first asked: the last good state before the readers of it. */
  waiting: Set<() => void>;
  /** The store's state before the first keystroke that waits: what the page still shows. */
  settled: unknown;
}

const typingOf = new WeakMap<object, Typing>();
/** The clock that started last (settleTyping's). */
let last: Typing | null = null;

/** Whether `b` is `a` with another function text and nothing else changed. */
export function onlyTextEdited(a: ExplorerState, b: ExplorerState): boolean {
  if (a === b || a.fnSource === b.fnSource) return false;
  const keys = Object.keys(b) as (keyof ExplorerState)[];
  if (keys.length !== Object.keys(a).length) return false;
  return keys.every((k) => k === "fnSource" || a[k] === b[k]);
}

/**
 * Whether a keystroke's consequences wait for typing to pause in `store`; if so, `fn` runs then
 * (each `fn` once, however often it asked). While they run, nothing waits.
 */
export function waitsForTyping(store: object, fn: () => void): boolean {
  const t = typingOf.get(store);
  if (!t || t.timer === null) return false;
  t.waiting.add(fn);
  return true;
}

/** Runs `fn` once typing in `store` pauses, or now when nothing waits. */
export function whenTypingPauses(store: object, fn: () => void): void {
  if (!waitsForTyping(store, fn)) fn();
}

/**
 * While keystrokes wait, the store's state before the first of them (what the page shows until
 * typing pauses), else null. A part of the page that appears meanwhile (a chunk that has just
 * loaded) reads this one, as the rest of the page shows it, and catches up at the pause.
 */
export function settledState<S>(store: StoreApi<S>): S | null {
  const t = typingOf.get(store);
  return t && t.timer !== null ? (t.settled as S) : null;
}

/** Runs what waits, with nothing waiting any more. */
function flush(t: Typing): void {
  if (t.timer !== null) clearTimeout(t.timer);
  t.timer = null;
  t.settled = null;
  const fns = [...t.waiting];
  t.waiting.clear();
  for (const fn of fns) fn();
}

const typingFor = (store: object): Typing => {
  let t = typingOf.get(store);
  if (!t) typingOf.set(store, (t = { timer: null, typing: false, waiting: new Set(), settled: null }));
  return t;
};

/**
 * Stores a keystroke's `edit` of the function text in `store`: its consequences wait until
 * typing pauses. Other edits of the text (a button that puts a function in the box, a lesson's
 * step, undo) are drawn at once.
 */
export function typed(store: object, edit: () => void): void {
  const t = typingFor(store);
  t.typing = true;
  try {
    edit();
  } finally {
    t.typing = false;
  }
}

/**
 * Starts the pause clock of `store` on a keystroke's edit (`typed`); any other change of the
 * explorer (a control, undo, a preset) is drawn at once, with the text typed before it: what
 * waited runs then. Subscribe it before the store's other subscribers, so that they see the
 * keystroke as pending.
 */
export function trackTyping<S extends { explorer: ExplorerState }>(store: StoreApi<S>): () => void {
  return store.subscribe((s, prev) => {
    if (s.explorer === prev.explorer) return;
    const t = typingFor(store);
    if (t.typing && onlyTextEdited(prev.explorer, s.explorer)) {
      if (t.timer !== null) clearTimeout(t.timer);
      else t.settled = prev;
      t.timer = setTimeout(() => flush(t), TYPING_PAUSE_MS);
      last = t;
    } else if (t.timer !== null) flush(t);
  });
}

/** Runs now what waits for typing to pause, as if it just had (a test's "and then the user waits"). */
export function settleTyping(): void {
  if (last) flush(last);
}
