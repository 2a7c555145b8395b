/**
 * The store's state as the picture and the panels show it, and when they catch up with it.
 * A change of a control (in_axes, out_axes, a shape, a preset, undo) is drawn at once, in the
 * event's own frame. An edit of the function's text alone — a keystroke — is not: the field
 * takes the key and paints at once, and what follows from the new text in the picture and the
 * panels is computed once typing pauses (typingPause.ts) and rendered as a React transition
 * that newer input interrupts (bench/throttled.ts: typing must never block input). The text is
 * stored at once (undo, the link); its trace and drawing wait.
 */
import { startTransition, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";
import type { StoreApi } from "zustand";
import type { ExplorerState } from "./explorerTypes";
import { selectView, type View } from "./selectors";
import { useStoreApi, type StoreState } from "./store";
import { onlyTextEdited, settledState, waitsForTyping } from "./typingPause";

/** What the view is computed from (selectors.ts): the explorer state, the last good one, and the worker's answers so far. */
export interface Shown {
  explorer: ExplorerState;
  lastGood: ExplorerState | null;
  computed: number;
}

type Host = Pick<StoreState, "explorer" | "lastGood" | "computed">;

const shownOf = (s: Host): Shown => ({ explorer: s.explorer, lastGood: s.lastGood, computed: s.computed });
const sameShown = (a: Host, b: Host) => a.explorer === b.explorer && a.lastGood === b.lastGood && a.computed === b.computed;

/**
 * Whether a store change can be shown later: an edit of the text alone, or what follows from
 * one (the last good state moving on with the explorer unchanged).
 */
export function followsTextEdit(prev: Host, next: Host): boolean {
  if (next.explorer === prev.explorer) return next.computed === prev.computed && next.lastGood !== prev.lastGood;
  return onlyTextEdited(prev.explorer, next.explorer);
}

// React asks useSyncExternalStore's server snapshot while it hydrates (and on the server), the
// client one otherwise: whether this render hydrates the prerendered page.
const noSubscription = () => () => {};
const notHydrating = () => false;
const hydratingRender = () => true;

/**
 * `read(state)` of the store's shown state, kept as React state: set at once for a control's
 * change, in a transition after a text edit; `equal` values keep the one already held (no
 * re-render).
 */
function useShownRead<T>(read: (s: Host) => T, equal: (a: T, b: T) => boolean, fromFirst = false): T {
  const store = useStoreApi() as StoreApi<StoreState>;
  const readRef = useRef(read);
  readRef.current = read;
  // `fromFirst`: a render that hydrates the prerendered page reads the store's first state, as
  // that page shows it, so a part that hydrates late (its code arrives after the state changed)
  // matches its HTML; the effect below then catches up. A part mounted afterwards reads the
  // current state (a link's, not the default's). A part that appears while keystrokes wait
  // reads the state the rest of the page shows, not the one typed since (which would trace each
  // text as it is typed).
  const hydrating = useSyncExternalStore(noSubscription, notHydrating, fromFirst ? hydratingRender : notHydrating);
  const first = () => (hydrating ? store.getInitialState() : (settledState(store) ?? store.getState()));
  const [value, setValue] = useState(() => read(first()));
  // The value last asked for, and the state it was read from: an equal value asks for nothing
  // (no render at all, as a zustand selector's unchanged value), and whether a change can wait
  // is judged against that state.
  const asked = useRef<{ value: T; from: Shown } | null>(null);
  asked.current ??= { value, from: shownOf(first()) };
  useLayoutEffect(() => {
    // The store's latest state, not a listener's `s`: a listener may set state (the last good
    // state, lastGood.ts), and the listeners after it then hear of the newer change first.
    const update = () => {
      const now = store.getState();
      const was = asked.current!;
      if (sameShown(now, was.from)) return;
      const later = followsTextEdit(was.from, now);
      // Nothing is computed for a keystroke until typing pauses (typingPause.ts).
      if (later && waitsForTyping(store, update)) return;
      const v = readRef.current(now);
      const same = equal(was.value, v);
      asked.current = { value: same ? was.value : v, from: shownOf(now) };
      if (same) return;
      if (later) startTransition(() => setValue(v));
      else setValue(v);
    };
    // A change between this component's render and this subscription.
    update();
    return store.subscribe(update);
  }, [store, equal]);
  return value;
}

/**
 * The state the picture shows (see above). `fromFirst`: for a part whose code arrives after the
 * first screen's, so it may hydrate after the state has changed (useShownRead).
 */
export const useShown = (opts: { fromFirst?: boolean } = {}): Shown => useShownRead(shownOf, sameShown, opts.fromFirst);

export const viewOfShown = (s: Host): View => selectView(s.explorer, s.lastGood);

function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Part of the shown view, compared shallowly: a component that reads only what it shows is not
 * re-rendered by changes elsewhere; after a text edit it is re-rendered, if its part changed,
 * in a transition. (The part is read in the store's subscription, as zustand's selectors are:
 * the store has traced the new state by then, for its last good state: lastGood.ts.)
 */
export function useShownViewPart<T>(pick: (v: View) => T, opts: { fromFirst?: boolean } = {}): T {
  const read = useRef((s: Host) => pick(viewOfShown(s)));
  read.current = (s: Host) => pick(viewOfShown(s));
  return useShownRead((s) => read.current(s), shallowEqual, opts.fromFirst);
}
