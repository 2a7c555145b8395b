/**
 * Engine families (jax.lax, indexing by values, pmap) arrive in chunks of their own: when they do,
 * the current state is run again (a fresh copy, no history entry) if a call was refused as still
 * loading meanwhile; otherwise it is left alone.
 */
import { describe, expect, it } from "vitest";
import { createStore } from "zustand/vanilla";
import { refreshWhenFamiliesLoad } from "../../app/state/familiesLoad";
import { explorerOf, leaf, type ExplorerState } from "../../app/state/explorerTypes";

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("refreshWhenFamiliesLoad", () => {
  it("gives the state a fresh copy once the families have loaded, when a call was refused meanwhile", async () => {
    const s = explorerOf("lambda x: jax.lax.psum(x, 'b')", [["x", leaf(3), 0]], 0);
    const store = createStore<{ explorer: ExplorerState }>(() => ({ explorer: s }));
    refreshWhenFamiliesLoad(store, async () => true);
    await flush();
    expect(store.getState().explorer).not.toBe(s);
    expect(store.getState().explorer).toEqual(s);
  });

  it("leaves the state as it is when nothing was refused", async () => {
    const s = explorerOf("lambda a, b: a + b", [["a", leaf(2), 0], ["b", leaf(2), 0]], 0);
    const store = createStore<{ explorer: ExplorerState }>(() => ({ explorer: s }));
    refreshWhenFamiliesLoad(store, async () => false);
    await flush();
    expect(store.getState().explorer).toBe(s);
  });

  it("leaves the state as it is, and no rejection unhandled, when a family fails to load", async () => {
    const s = explorerOf("lambda a, b: a + b", [["a", leaf(2), 0], ["b", leaf(2), 0]], 0);
    const store = createStore<{ explorer: ExplorerState }>(() => ({ explorer: s }));
    refreshWhenFamiliesLoad(store, () => Promise.reject(new Error("chunk gone")));
    await flush();
    expect(store.getState().explorer).toBe(s);
  });
});
