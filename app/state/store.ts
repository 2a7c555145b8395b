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
import { trackTyping } from "./typingPause";
import { createComputeSlice, startCompute, type ComputeSlice } from "./compute";
import { createLessonSlice, type LessonSlice } from "./lessonSlice";
import { onProgramsLoaded } from "./engineBridge";
import { defaultExplorer, type ExplorerState } from "./explorerTypes";
import { refreshWhenFamiliesLoad } from "./familiesLoad";
import { createClassroomSlice, type ClassroomSlice } from "../classroom/classroomSlice";
import type { PageLink } from "./pageLink";
import { DEFAULT_SPEED } from "./playbackSlice";

export type StoreState = ExplorerSlice & PlaybackSlice & HistorySlice & PanelsSlice & LastGoodSlice & ComputeSlice & LessonSlice & ClassroomSlice;

export function createAppStore(): UseBoundStore<StoreApi<StoreState>> {
  const store = create<StoreState>()((...a) => ({ ...createExplorerSlice(...a), ...createPlaybackSlice(...a), ...createHistorySlice(...a), ...createPanelsSlice(...a), ...createClassroomSlice(...a), ...createLastGoodSlice(), ...createLessonSlice(...a), ...createComputeSlice(...(a as unknown as Parameters<typeof createComputeSlice>)) }));
  // First: the others see a keystroke as waiting for typing to pause.
  trackTyping(store);
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
  // A link starts afresh: no undo history, and no last good state the page never showed (a link
  // to a wrong in_axes would otherwise show the default example's story beside its error).
  store.setState({ explorer: state, notice, past: [], future: [], lastEdit: null, undoFloor: 0, lastGood: null, k: step?.k ?? null, phase: step?.phase ?? 2, playing: false, hover: null, speed: link?.speed ?? DEFAULT_SPEED, lock: link?.lock ?? null });
}

/**
 * The way back from a state that broke part of the page (ErrorBoundary.tsx): the default
 * example, as one undoable step, without the notice, and a link without a hash (the state the
 * URL sync writes next is this default, so the link stays equivalent).
 */
export function resetToDefault(store: StoreApi<StoreState>, host: { location: { pathname?: string; search?: string }; history: { replaceState: (data: unknown, unused: string, url?: string) => void } } | null): void {
  store.getState().loadExplorer(defaultExplorer(), null);
  // An embedded playground (host null) owns no URL: the page around it keeps its own.
  host?.history.replaceState(null, "", `${host.location.pathname ?? ""}${host.location.search ?? ""}`);
}

