/**
 * The one zustand store, combined once from the explorer, playback, history and grad/jit panels
 * slices (zustand's slices pattern). `createAppStore` makes a fresh store for tests and for each
 * embedded playground (app/embed/); the app uses the shared `appStore`. Components read the
 * store of the nearest `StoreProvider` (the shared one when there is none) through `useStore`,
 * so several `<vmap-playground>` elements on one page each run on their own store. The URL
 * stays in sync through one subscription (`syncUrl`).
 */
import { createContext, createElement, useContext, type ReactNode } from "react";
import { create, useStore as useStoreOf, type StoreApi, type UseBoundStore } from "zustand";
import { createExplorerSlice, type ExplorerSlice } from "./explorerSlice";
import { createHistorySlice, type HistorySlice } from "./historySlice";
import { createPlaybackSlice, type PlaybackSlice } from "./playbackSlice";
import { createPanelsSlice, type PanelsSlice } from "../panels/panelsSlice";
import { createLastGoodSlice, trackLastGood, type LastGoodSlice } from "./lastGood";
import { createComputeSlice, startCompute, type ComputeSlice } from "./compute";
import { createLessonSlice, type LessonSlice } from "./lessonSlice";
import { onProgramsLoaded } from "./engineBridge";
import { defaultExplorer, type ExplorerState } from "./explorerTypes";
import { refreshWhenFamiliesLoad } from "./familiesLoad";
import { createClassroomSlice, type ClassroomSlice } from "../classroom/classroomSlice";
import { decodePageLink, DEFAULT_SPEED, encodePageLink, type PageLink } from "./pageLink";

export type StoreState = ExplorerSlice & PlaybackSlice & HistorySlice & PanelsSlice & LastGoodSlice & ComputeSlice & LessonSlice & ClassroomSlice;

export function createAppStore(): UseBoundStore<StoreApi<StoreState>> {
  const store = create<StoreState>()((...a) => ({ ...createExplorerSlice(...a), ...createPlaybackSlice(...a), ...createHistorySlice(...a), ...createPanelsSlice(...a), ...createClassroomSlice(...a), ...createLastGoodSlice(), ...createLessonSlice(...a), ...createComputeSlice(...(a as unknown as Parameters<typeof createComputeSlice>)) }));
  trackLastGood(store);
  startCompute(store);
  refreshWhenFamiliesLoad(store);
  // Once the lazy reader of def programs is in, redraw: a fresh snapshot (same content, new
  // objects) so the memoized call, arguments and view are computed again. Not an undo step.
  onProgramsLoaded(() => {
    const e = store.getState().explorer;
    store.setState({ explorer: { ...e, args: new Map(e.args) } });
  });
  return store;
}

export type AppStore = UseBoundStore<StoreApi<StoreState>>;

/** The main app's one store. */
export const appStore: AppStore = createAppStore();
// The first state holds actions bound to this store, so it can be restored as a whole.
const initialState = appStore.getState();

const StoreContext = createContext<AppStore>(appStore);

/** Gives the components below it their own store (an embedded playground's). */
export function StoreProvider({ store, children }: { store: AppStore; children?: ReactNode }) {
  return createElement(StoreContext.Provider, { value: store }, children);
}

/** The store the calling component works on: its provider's, or the app's. */
export const useStoreApi = (): AppStore => useContext(StoreContext);

function useContextStore(): StoreState;
function useContextStore<T>(selector: (s: StoreState) => T): T;
function useContextStore<T>(selector?: (s: StoreState) => T): T | StoreState {
  return useStoreOf<StoreApi<StoreState>, T | StoreState>(useContext(StoreContext), selector ?? ((s: StoreState) => s));
}

/**
 * `useStore(selector)` reads the nearest provider's store; `useStore.getState()` and the other
 * store methods are the app's store (event handlers inside an embed use `useStoreApi()`).
 */
export const useStore: typeof useContextStore & Pick<AppStore, "getState" | "setState" | "subscribe" | "getInitialState"> = Object.assign(useContextStore, {
  getState: appStore.getState,
  setState: appStore.setState,
  subscribe: appStore.subscribe,
  getInitialState: appStore.getInitialState,
});

/** Resets the shared store to its first state (zustand's reset-per-test pattern). */
export function resetStore(): void {
  appStore.setState(initialState, true);
}

/**
 * Starts `store` afresh on `state`: no history, the resting picture (an embed made), or what a
 * link says beside it (its animation step, speed and student lock).
 */
export function loadState(store: StoreApi<StoreState>, state: ExplorerState, notice: string | null, link?: Omit<PageLink, "explorer">): void {
  const step = link?.step ?? null;
  store.setState({ explorer: state, notice, past: [], future: [], lastEdit: null, k: step?.k ?? null, phase: step?.phase ?? 2, playing: false, hover: null, speed: link?.speed ?? DEFAULT_SPEED, lock: link?.lock ?? null });
}

/** The permalink of what `s` shows (pageLink.ts): the step only while paused on one. */
export const pageLinkOf = (s: StoreState): string =>
  encodePageLink({ explorer: s.explorer, step: !s.playing && s.k !== null ? { k: s.k, phase: s.phase } : null, speed: s.speed, lock: s.lock, lesson: s.lesson });

interface UrlHost {
  location: { hash: string; pathname?: string; search?: string };
  history: { replaceState: (data: unknown, unused: string, url?: string) => void };
  addEventListener: (type: "hashchange" | "pagehide", cb: () => void) => void;
  removeEventListener: (type: "hashchange" | "pagehide", cb: () => void) => void;
}

/**
 * The way back from a state that broke part of the page (ErrorBoundary.tsx): the default
 * example, as one undoable step, without the notice, and a link without a hash (the state the
 * URL sync writes next is this default, so the link stays equivalent).
 */
export function resetToDefault(store: StoreApi<StoreState>, host: Pick<UrlHost, "location" | "history"> | null): void {
  store.getState().loadExplorer(defaultExplorer(), null);
  // An embedded playground (host null) owns no URL: the page around it keeps its own.
  host?.history.replaceState(null, "", `${host.location.pathname ?? ""}${host.location.search ?? ""}`);
}

/**
 * At most one URL write per this many ms. `replaceState` is not free: in Chromium each call is
 * work for the browser process as well (measured: ~10 ms of the median out_axes redraw on a
 * loaded 2-core machine), Chromium throttles pages that call it hundreds of times in a few
 * seconds, and Safari throws after 100 calls in 10 s, which typing in the function editor
 * could reach. So a change is written just after the frame that shows it (off the path from
 * the change to its picture: bench/throttled.ts), and further changes within the window are
 * written together at its end.
 */
export const URL_WRITE_MS = 250;

/** Runs `cb` in a task after the next frame is painted (in a page; elsewhere soon). */
function afterNextPaint(cb: () => void): void {
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => setTimeout(cb, 0));
  else setTimeout(cb, 0);
}

/**
 * Reads the state from the URL once, then writes every change of the permalink (pageLinkOf:
 * the explorer, the lesson step, the paused animation step, the speed, the lock) back with one
 * subscription (replaceState: the history stack belongs to undo, not to the back button),
 * at most once per URL_WRITE_MS (the last change of a burst is written at its end, and a
 * pending write is flushed when the page is hidden or the sync stops). A link pasted while the
 * page is open (hashchange) is read the same way.
 */
export function syncUrl(store: StoreApi<StoreState>, host: UrlHost): () => void {
  let last = "";
  let pending: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastWrite = -Infinity;
  let reading = false;
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    pending = null;
  };
  const write = (enc: string) => {
    lastWrite = Date.now();
    host.history.replaceState(null, "", `#${enc}`);
  };
  const flush = () => {
    const enc = pending;
    cancel();
    if (enc !== null) write(enc);
  };
  const read = () => {
    cancel();
    const r = decodePageLink(host.location.hash);
    // Leave the link as it was until the user changes something: a reload of a broken link
    // shows the same notice again instead of silently becoming the default. So what reading
    // it changes is not written back.
    reading = true;
    try {
      loadState(store, r.link.explorer, r.ok ? null : r.notice, r.link);
      // A lesson step's link (urlState.ts decodeLink): the lesson slice enters the step once the
      // lessons are loaded, over the student's own edits if the link carries them; without one,
      // a link leaves any open lesson.
      if (r.link.lesson) store.getState().openLesson(r.link.lesson.id, r.link.lesson.step, { keepExplorer: r.link.lesson.keepExplorer });
      else if (store.getState().lesson) store.getState().closeLesson();
    } finally {
      reading = false;
    }
    last = pageLinkOf(store.getState());
  };
  read();
  let lastHash = host.location.hash.replace(/^#/, "");
  const unsub = store.subscribe((s, prev) => {
    if (reading) return;
    if (s.explorer === prev.explorer && s.k === prev.k && s.phase === prev.phase && s.playing === prev.playing && s.speed === prev.speed && s.lock === prev.lock && s.lesson === prev.lesson) return;
    const enc = pageLinkOf(s);
    if (enc === last) return;
    last = enc;
    lastHash = enc;
    const since = Date.now() - lastWrite;
    pending = enc;
    if (timer === null) timer = setTimeout(() => afterNextPaint(flush), Math.max(0, URL_WRITE_MS - since));
  });
  const onHash = () => {
    if (host.location.hash.replace(/^#/, "") === lastHash) return;
    lastHash = host.location.hash.replace(/^#/, "");
    read();
  };
  host.addEventListener("hashchange", onHash);
  host.addEventListener("pagehide", flush);
  return () => {
    flush();
    unsub();
    host.removeEventListener("hashchange", onHash);
    host.removeEventListener("pagehide", flush);
  };
}
