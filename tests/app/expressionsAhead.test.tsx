// @vitest-environment jsdom
/**
 * A call shown at rest has its output cells' expressions worked out ahead of the first step
 * (PlaybackControls.tsx useExpressionsAhead): once it has been shown EXPRESSIONS_AHEAD_MS, while
 * the page is idle. Worked out on the step, the symbolic trace was one long task in the
 * animation's first frames (bench/throttled.ts, the fps rows).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, waitFor } from "@testing-library/react";
import * as expressions from "../../app/state/expressions";
import { SYMBOL_WRITER } from "../../app/state/symbols";
import { useStore } from "../../app/state/store";
import { selectView } from "../../app/state/selectors";
import { EXPRESSIONS_AHEAD_MS } from "../../app/explorer/PlaybackControls";
import { renderApp } from "./renderApp";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("expressions ahead of a step", () => {
  it("are worked out for the call shown once it has stayed a while, and only for the latest call", async () => {
    await SYMBOL_WRITER.load();
    const worked = vi.spyOn(expressions, "outputExprs");
    renderApp();
    const shownAt = performance.now();
    // A change within the wait: only the call shown after it is worked out.
    await new Promise((r) => setTimeout(r, EXPRESSIONS_AHEAD_MS / 2));
    const changedAt = performance.now();
    act(() => useStore.getState().setOutAxes(1));
    const s = useStore.getState();
    const call = selectView(s.explorer, s.lastGood).call;
    await waitFor(() => expect(worked).toHaveBeenCalled(), { timeout: 4 * EXPRESSIONS_AHEAD_MS });
    // (A timer may fire up to a millisecond before the clock says: a few ms of slack.)
    expect(performance.now() - changedAt).toBeGreaterThanOrEqual(EXPRESSIONS_AHEAD_MS - 5);
    expect(performance.now() - shownAt).toBeGreaterThanOrEqual(1.5 * EXPRESSIONS_AHEAD_MS);
    expect(worked.mock.calls.map(([c]) => c)).toEqual([call]);
    // The step then narrates from what was worked out: the same call's expressions, remembered.
    const before = worked.mock.results[0].value;
    act(() => useStore.getState().stepForward(selectView(s.explorer, s.lastGood).shown!.axisSize));
    await waitFor(() => expect(worked.mock.calls.length).toBeGreaterThan(1));
    expect(worked.mock.calls.every(([c]) => c === call)).toBe(true);
    expect(worked.mock.results.at(-1)!.value).toBe(before);
  });
});
