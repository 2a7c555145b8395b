/**
 * jax.lax arrives in a chunk of its own (engine's loadLax): start loading it with the store, and
 * when it arrives run the current call again if its function names jax.lax (it was refused as
 * "still loading" meanwhile). A fresh copy of the state is a new call for the memoized views;
 * no history entry is made.
 */
import type { StoreApi } from "zustand";
import { loadLax } from "../../engine/index";
import type { ExplorerState } from "./explorerTypes";

export function refreshWhenLaxLoads(store: StoreApi<{ explorer: ExplorerState }>): void {
  void loadLax().then(() => {
    const e = store.getState().explorer;
    if (/\blax\b/.test(e.fnSource)) store.setState({ explorer: { ...e } });
  });
}
