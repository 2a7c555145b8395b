/**
 * The one zustand store, combined once from the explorer, playback, history and grad/jit panels
 * slices (zustand's slices pattern). `createAppStore` makes a fresh store for tests; the app
 * uses the shared `useStore`. The URL stays in sync through one subscription (`syncUrl`).
 */
import { create, type StoreApi, type UseBoundStore } from "zustand";
import { createExplorerSlice, type ExplorerSlice } from "./explorerSlice";
import { createHistorySlice, type HistorySlice } from "./historySlice";
import { createPlaybackSlice, type PlaybackSlice } from "./playbackSlice";
import { createPanelsSlice, type PanelsSlice } from "../panels/panelsSlice";
import { decodeExplorer, encodeExplorer } from "./urlState";

export type StoreState = ExplorerSlice & PlaybackSlice & HistorySlice & PanelsSlice;

export function createAppStore(): UseBoundStore<StoreApi<StoreState>> {
  return create<StoreState>()((...a) => ({ ...createExplorerSlice(...a), ...createPlaybackSlice(...a), ...createHistorySlice(...a), ...createPanelsSlice(...a) }));
}

export const useStore = createAppStore();
// The first state holds actions bound to this store, so it can be restored as a whole.
const initialState = useStore.getState();

/** Resets the shared store to its first state (zustand's reset-per-test pattern). */
export function resetStore(): void {
  useStore.setState(initialState, true);
}

interface UrlHost {
  location: { hash: string };
  history: { replaceState: (data: unknown, unused: string, url?: string) => void };
  addEventListener: (type: "hashchange", cb: () => void) => void;
  removeEventListener: (type: "hashchange", cb: () => void) => void;
}

/**
 * Reads the state from the URL once, then writes every explorer change back with one
 * subscription (replaceState: the history stack belongs to undo, not to the back button).
 * A link pasted while the page is open (hashchange) is read the same way.
 */
export function syncUrl(store: StoreApi<StoreState>, host: UrlHost): () => void {
  let last = "";
  const read = () => {
    const r = decodeExplorer(host.location.hash);
    // Leave the link as it was until the user changes something: a reload of a broken link
    // shows the same notice again instead of silently becoming the default.
    last = encodeExplorer(r.state);
    store.setState({ explorer: r.state, notice: r.ok ? null : r.notice, past: [], future: [], lastEdit: null, k: null, phase: 2, playing: false });
  };
  read();
  let lastHash = host.location.hash.replace(/^#/, "");
  const unsub = store.subscribe((s, prev) => {
    if (s.explorer === prev.explorer) return;
    const enc = encodeExplorer(s.explorer);
    if (enc === last) return;
    last = enc;
    lastHash = enc;
    host.history.replaceState(null, "", `#${enc}`);
  });
  const onHash = () => {
    if (host.location.hash.replace(/^#/, "") === lastHash) return;
    lastHash = host.location.hash.replace(/^#/, "");
    read();
  };
  host.addEventListener("hashchange", onHash);
  return () => {
    unsub();
    host.removeEventListener("hashchange", onHash);
  };
}
