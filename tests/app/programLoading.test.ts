// The reader of def programs is a lazy chunk: a def program typed (or linked) before it has
// loaded says so, asks for it, and the store redraws with the program's call once it is in.
import { describe, expect, it, vi } from "vitest";

describe("the lazily loaded reader of def programs", () => {
  it("a def program waits for the reader, then the explorer shows its call", async () => {
    vi.resetModules();
    const { createAppStore } = await import("../../app/state/store");
    const { selectView } = await import("../../app/state/selectors");
    const st = createAppStore();
    st.getState().setFnSource("import jax.numpy as jnp\ndef f(a, b):\n    return jnp.sum(a * b)\n");
    expect(selectView(st.getState().explorer).error?.message).toContain("the reader of def programs is loading");
    await vi.waitFor(() => expect(selectView(st.getState().explorer).error).toBeNull(), { timeout: 10_000 });
    const v = selectView(st.getState().explorer);
    expect(v.params).toEqual(["a", "b"]);
    // The default 2×2 arguments, a = 0, 1, 2, 3 and b = 100, 110, 120, 130 (fills.ts): row k sums a[k] * b[k].
    expect(Array.from(v.shown?.values[0].data ?? [])).toEqual([0 * 100 + 1 * 110, 2 * 120 + 3 * 130]);
    // Redrawing was not an undo step.
    expect(st.getState().past).toHaveLength(1);
  });
});
