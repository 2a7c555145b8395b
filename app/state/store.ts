/**
 * The one zustand store, combined once from the explorer, playback and history slices
 * (zustand's slices pattern). `createAppStore` makes a fresh store for tests; the app uses
 * the shared `useStore`. The URL stays in sync through one subscription (`syncUrl`).
 */
import { create, type StoreApi, type UseBoundStore } from "zustand";
import { createExplorerSlice, type ExplorerSlice } from "./explorerSlice";
import { createHistorySlice, type HistorySlice } from "./historySlice";
import { createPlaybackSlice, type PlaybackSlice } from "./playbackSlice";
import { decodeExplorer, encodeExplorer } from "./urlState";

export type StoreState = ExplorerSlice & PlaybackSlice & HistorySlice;

export function createAppStore(): UseBoundStore<StoreApi<StoreState>> {
  return create<StoreState>()((...a) => ({ ...createExplorerSlice(...a), ...createPlaybackSlice(...a), ...createHistorySlice(...a) }));
}

export const useStore = createAppStore();

/** Resets the shared store to a fresh state (tests, and "reset" in the page). */
export function resetStore(): void {
  useStore.setState(createAppStore().getState(), true);
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
  const read = () => {
    const r = decodeExplorer(host.location.hash);
    store.setState({ explorer: r.state, notice: r.ok ? null : r.notice, past: [], future: [], lastEdit: null, k: null, phase: 2, playing: false });
  };
  read();
  let last = host.location.hash.replace(/^#/, "");
  const unsub = store.subscribe((s, prev) => {
    if (s.explorer === prev.explorer) return;
    const enc = encodeExplorer(s.explorer);
    if (enc === last) return;
    last = enc;
    host.history.replaceState(null, "", `#${enc}`);
  });
  const onHash = () => {
    if (host.location.hash.replace(/^#/, "") === last) return;
    last = host.location.hash.replace(/^#/, "");
    read();
  };
  host.addEventListener("hashchange", onHash);
  return () => {
    unsub();
    host.removeEventListener("hashchange", onHash);
  };
}
