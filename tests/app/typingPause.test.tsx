// @vitest-environment jsdom
/**
 * Keystrokes in the function box are stored at once, and what follows from the text (the trace,
 * the last good state, the picture, the code) waits until typing pauses (app/state/typingPause.ts):
 * at 4× CPU throttling, a trace and a redraw per key queued the keys behind them
 * (bench/throttled.ts, the typing row).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useViewPart } from "../../app/state/hooks";
import { useStore } from "../../app/state/store";
import { SYMBOL_WRITER } from "../../app/state/symbols";
import { TYPING_PAUSE_MS } from "../../app/state/typingPause";
import * as selectors from "../../app/state/selectors";
import { renderApp } from "./renderApp";
import { drawnThenOpen, outputNumbers, uniqueAdd } from "./outputPicture";
import { besideLoaded } from "../helpers/beside";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const start = uniqueAdd;

const key = (text: string) => fireEvent.change(screen.getByLabelText("Function"), { target: { value: text } });
const code = () => screen.getByTestId("python-code").textContent ?? "";

describe("typing in the function box", () => {
  it("stores each key at once and computes nothing until typing pauses; then draws the last text", async () => {
    await SYMBOL_WRITER.load();
    const { expected, before } = drawnThenOpen({ ...start(), fnSource: "lambda a, b: a - b" }, start());
    const lastGood = useStore.getState().lastGood;
    await besideLoaded();
    await screen.findByTestId("python-code");
    await waitFor(() => expect(code()).toContain("reshape(2, 3)"));
    const codeBefore = code();
    const views = vi.spyOn(selectors, "selectView");
    const typedAt = performance.now();
    for (const text of ["lambda a, b: a * b", "lambda a, b: a -", "lambda a, b: a - b"]) act(() => key(text));
    // The text is stored (the field, undo, the link read it) ...
    expect(useStore.getState().explorer.fnSource).toBe("lambda a, b: a - b");
    expect((screen.getByLabelText("Function") as HTMLTextAreaElement).value).toBe("lambda a, b: a - b");
    // ... and nothing follows from it yet: no trace of the new texts, the same picture, last good state and code.
    const traced = views.mock.calls.filter(([s]) => s.fnSource !== "lambda a, b: a + b");
    expect(traced).toEqual([]);
    expect(outputNumbers()).toEqual(before);
    expect(useStore.getState().lastGood).toBe(lastGood);
    expect(code()).toBe(codeBefore);
    // Once typing pauses, the last text is drawn (and only it: "lambda a, b: a -" was never traced).
    await waitFor(() => expect(outputNumbers()).toEqual(expected));
    expect(performance.now() - typedAt).toBeGreaterThanOrEqual(TYPING_PAUSE_MS);
    expect(useStore.getState().lastGood?.fnSource).toBe("lambda a, b: a - b");
    await waitFor(() => expect(code()).toContain("lambda a, b: a - b"));
    expect(views.mock.calls.some(([s]) => s.fnSource === "lambda a, b: a - b")).toBe(true);
    expect(views.mock.calls.some(([s]) => s.fnSource === "lambda a, b: a -")).toBe(false);
  });

  it("a part of the page that appears while keys wait shows what the rest shows, and catches up at the pause", async () => {
    renderApp();
    act(() => useStore.getState().loadExplorer({ ...start(), fnSource: "lambda a, b: a - b" }));
    const views = vi.spyOn(selectors, "selectView");
    act(() => key("lambda a, b: a * b"));
    // A part mounted now (as a lazily loaded panel would be) reads the state before the keys.
    function Probe() {
      return <output data-testid="probe">{useViewPart((v) => v.call.state.fnSource)}</output>;
    }
    render(<Probe />);
    expect(screen.getByTestId("probe").textContent).toBe("lambda a, b: a - b");
    expect(views.mock.calls.filter(([st]) => st.fnSource === "lambda a, b: a * b")).toEqual([]);
    await waitFor(() => expect(screen.getByTestId("probe").textContent).toBe("lambda a, b: a * b"));
  });

  it("draws a control's change at once, with the text typed just before it", async () => {
    await SYMBOL_WRITER.load();
    const { expected } = drawnThenOpen({ ...start(), fnSource: "lambda a, b: a - b", outAxes: 1 }, start());
    act(() => key("lambda a, b: a - b"));
    fireEvent.change(screen.getByLabelText("out_axes"), { target: { value: "1" } });
    expect(screen.getByLabelText("Output shape").textContent).toBe("(3, 2)");
    expect(outputNumbers()).toEqual(expected);
  });

  it("draws a text put in the box by the app (not typed) without waiting", async () => {
    await SYMBOL_WRITER.load();
    renderApp();
    act(() => useStore.getState().loadExplorer(start()));
    act(() => useStore.getState().setFnSource("lambda a, b: a * b"));
    expect(useStore.getState().lastGood?.fnSource).toBe("lambda a, b: a * b");
  });
});
