/**
 * Parts of the engine load on first use (the engine's loadEngineFamilies: jax.lax, indexing by
 * values, pmap): start loading them all with the store, and when they arrive run the current call
 * again if it was refused as "still loading" meanwhile. A fresh copy of the state is a new call
 * for the memoized views; no history entry is made.
 */
import type { StoreApi } from "zustand";
import { loadEngineFamilies } from "../../engine/index";
import type { ExplorerState } from "./explorerTypes";

export function refreshWhenFamiliesLoad(store: StoreApi<{ explorer: ExplorerState }>, load: () => Promise<boolean> = loadEngineFamilies): void {
  // A family that fails to load is tried again by the next call that needs it (lazyFamily.ts).
  load().then(
    (refused) => {
      if (refused) store.setState({ explorer: { ...store.getState().explorer } });
    },
    () => {},
  );
}
