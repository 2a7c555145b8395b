/**
 * jax.lax arrives in a chunk of its own: when it does, a state whose function names jax.lax is
 * run again (a fresh copy of the state, no history entry); any other state is left alone.
 */
import { describe, expect, it } from "vitest";
import { createStore } from "zustand/vanilla";
import { refreshWhenLaxLoads } from "../../app/state/laxLoad";
import { explorerOf, leaf, type ExplorerState } from "../../app/state/explorerTypes";

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("refreshWhenLaxLoads", () => {
  it("gives a state naming jax.lax a fresh copy once jax.lax has loaded", async () => {
    const s = explorerOf("lambda x: jax.lax.psum(x, 'b')", [["x", leaf(3), 0]], 0);
    const store = createStore<{ explorer: ExplorerState }>(() => ({ explorer: s }));
    refreshWhenLaxLoads(store);
    await flush();
    expect(store.getState().explorer).not.toBe(s);
    expect(store.getState().explorer).toEqual(s);
  });

  it("leaves any other state as it is", async () => {
    const s = explorerOf("lambda a, b: a + b", [["a", leaf(2), 0], ["b", leaf(2), 0]], 0);
    const store = createStore<{ explorer: ExplorerState }>(() => ({ explorer: s }));
    refreshWhenLaxLoads(store);
    await flush();
    expect(store.getState().explorer).toBe(s);
  });
});
