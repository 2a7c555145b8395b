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
import { appStore, useStore } from "../../app/state/store";
import { selectView } from "../../app/state/selectors";
import { EXPRESSIONS_AHEAD_MS } from "../../app/explorer/PlaybackControls";
import { renderApp } from "./renderApp";
import { typed } from "../../app/state/typingPause";

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

  it("are not worked out between a typist's keys, only for the text drawn once typing pauses", async () => {
    await SYMBOL_WRITER.load();
    const worked = vi.spyOn(expressions, "outputExprs");
    renderApp();
    const store = appStore;
    const texts = ["lambda a, b: a", "lambda a, b: a *", "lambda a, b: a * b"];
    // Keys 30 ms apart (well under the typing pause) for 2.5 times the wait: the picture keeps the
    // call drawn before them, and nothing is worked out for it or for the texts.
    const until = performance.now() + 2.5 * EXPRESSIONS_AHEAD_MS;
    for (let i = 0; performance.now() < until; i++) {
      act(() => typed(store, () => store.getState().setFnSource(i % 2 ? texts[1] : texts[0])));
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(worked).not.toHaveBeenCalled();
    act(() => typed(store, () => store.getState().setFnSource(texts[2])));
    await waitFor(() => expect(worked).toHaveBeenCalled(), { timeout: 4 * EXPRESSIONS_AHEAD_MS });
    expect(worked.mock.calls.map(([c]) => c.state.fnSource)).toEqual([texts[2]]);
  });
});
