// @vitest-environment jsdom
/**
 * What a change of the controls costs the page besides drawing it (bench/throttled.ts times it
 * at 4× CPU throttling): no layout is read back after the commit unless something needs the
 * positions (the gather arrows, while a cell is hovered in a program that indexes by values).
 * A keystroke in the function box is taken at once and its picture follows as a transition
 * that newer keystrokes replace (app/state/shown.ts).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { useStore } from "../../app/state/store";
import { SYMBOL_WRITER } from "../../app/state/symbols";
import { explorerOf, leaf } from "../../app/state/explorerTypes";
import { renderApp } from "./renderApp";
import { drawnThenOpen, outputNumbers, uniqueAdd } from "./outputPicture";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("a change of the controls", () => {
  it("reads no layout back when no arrows are drawn", async () => {
    // The first screen's symbols load lazily: have them, so nothing loads after the test.
    await SYMBOL_WRITER.load();
    renderApp();
    act(() => useStore.getState().loadExplorer(explorerOf("lambda a, b: a + b", [["a", leaf(2, 3), null], ["b", leaf(2, 3), 0]], 0)));
    const reads = vi.spyOn(Element.prototype, "getBoundingClientRect");
    fireEvent.change(screen.getByLabelText("out_axes"), { target: { value: "1" } });
    expect(screen.getByLabelText("Output shape").textContent).toBe("(2, 2, 3)");
    // b's axis 1 does not broadcast against a: the error shows, over the last good picture.
    fireEvent.change(screen.getByLabelText("in_axes for b"), { target: { value: "1" } });
    expect(screen.getByLabelText("Output shape").getAttribute("data-stale")).toBe("true");
    expect(reads).not.toHaveBeenCalled();
  });
});

describe("a grid whose cells did not change", () => {
  it("is not drawn again when another argument's batch size changes, and the changed grids show the new state", async () => {
    await SYMBOL_WRITER.load();
    renderApp();
    // a unmapped (grey whatever B is), b mapped along axis 0: b's shape sets B.
    const s = explorerOf("lambda a, b: a + b", [["a", leaf(2, 3), null], ["b", leaf(2, 3), 0]], 0);
    act(() => useStore.getState().loadExplorer({ ...s, args: new Map([...s.args].map(([n, a]) => [n, { ...a, fill: "unique" as const }])) }));
    const grid = (name: RegExp) => screen.getByRole("img", { name });
    const cells = (name: RegExp) => grid(name).querySelectorAll("g.cell").length;
    expect([cells(/^Argument a,/), cells(/^Argument b,/), cells(/^Output out,/)]).toEqual([6, 6, 12]);
    const changes: MutationRecord[] = [];
    const watch = new MutationObserver((m) => changes.push(...m));
    watch.observe(grid(/^Argument a,/).querySelector("g.cells")!, { subtree: true, attributes: true, childList: true, characterData: true });
    fireEvent.change(screen.getByLabelText("Shape of b"), { target: { value: "(3,3)" } });
    expect(screen.getByLabelText("Output shape").textContent).toBe("(3, 2, 3)");
    expect([cells(/^Argument a,/), cells(/^Argument b,/), cells(/^Output out,/)]).toEqual([6, 9, 18]);
    changes.push(...watch.takeRecords());
    watch.disconnect();
    expect(changes.map((m) => `${m.type} ${m.attributeName ?? ""}`)).toEqual([]);
  });
});

describe("typing in the function box", () => {
  const start = uniqueAdd;

  it("takes each key at once; the picture follows, drawn for the last text typed", async () => {
    await SYMBOL_WRITER.load();
    // What the last text draws, rendered directly.
    const { expected, before } = drawnThenOpen({ ...start(), fnSource: "lambda a, b: a - b" }, start());
    expect(before).not.toEqual(expected);
    // Keys as the browser delivers them, outside act(): React schedules its own work.
    const env = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
    const wasAct = env.IS_REACT_ACT_ENVIRONMENT;
    env.IS_REACT_ACT_ENVIRONMENT = false;
    try {
      const { setFnSource } = useStore.getState();
      for (const text of ["lambda a, b: a * b", "lambda a, b: a -", "lambda a, b: a - b"]) setFnSource(text);
      // The field has the text after the keys' own (synchronous) update; the picture has not
      // been drawn yet: it is a transition, rendered after the keys.
      await Promise.resolve();
      await Promise.resolve();
      expect((screen.getByLabelText("Function") as HTMLTextAreaElement).value).toBe("lambda a, b: a - b");
      expect(outputNumbers()).toEqual(before);
      await waitFor(() => expect(outputNumbers()).toEqual(expected));
      expect(screen.getByLabelText("Output shape").getAttribute("data-stale")).toBe("false");
    } finally {
      env.IS_REACT_ACT_ENVIRONMENT = wasAct;
    }
  });

  it("a control's change is drawn at once, with the text typed before it", async () => {
    await SYMBOL_WRITER.load();
    const { expected } = drawnThenOpen({ ...start(), fnSource: "lambda a, b: a - b", outAxes: 1 }, start());
    const env = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
    const wasAct = env.IS_REACT_ACT_ENVIRONMENT;
    env.IS_REACT_ACT_ENVIRONMENT = false;
    try {
      useStore.getState().setFnSource("lambda a, b: a - b");
      useStore.getState().setOutAxes(1);
      await Promise.resolve();
      await Promise.resolve();
      expect(screen.getByLabelText("Output shape").textContent).toBe("(3, 2)");
      expect(outputNumbers()).toEqual(expected);
    } finally {
      env.IS_REACT_ACT_ENVIRONMENT = wasAct;
    }
  });
});

describe("a playback step's caption", () => {
  it("writes only the cells it shows, of a slice of thousands", async () => {
    const { narrate, arrayText } = await import("../../app/viz/narration");
    const written: number[] = [];
    const cell = (c: number) => {
      written.push(c);
      return String(c);
    };
    const shape = [4, 64, 128];
    const inputs = [{ name: "a", shape, axis: 0, sliceShape: [64, 128], cell }];
    const outputs = [{ name: "out", shape, axis: 0, perExampleShape: [64, 128], value: cell, expr: null, exprByValue: null }];
    const take = narrate({ k: 1, phase: 0, B: 4 }, inputs, outputs);
    // a[1, :, :] is cells 8192…16383: the text is what writing all of them and eliding gives.
    const all = Array.from({ length: 8192 }, (_, j) => String(8192 + j));
    expect(take.detail).toBe(`a[1, :, :] (64, 128) = ${arrayText(all, [64, 128])}`);
    expect(written.length).toBeLessThan(100);
    written.length = 0;
    const apply = narrate({ k: 1, phase: 1, B: 4 }, inputs, outputs);
    expect(apply.detail).toBe(`f(a[1, :, :]) = ${arrayText(all, [64, 128])}`);
    expect(written.length).toBeLessThan(100);
  });
});
