// @vitest-environment jsdom
// Presenter mode's pieces without a browser: the fit (useFitScale.ts) fills the box with the
// content's proportions kept; full screen is asked for and a refusal leaves presenter mode on
// in the window; leaving full screen the browser's way (Esc) leaves presenter mode; grids
// inside presenter mode are laid out with the bigger tile labels.
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, render } from "@testing-library/react";
import { fitInside, MAX_SCALE } from "../../../app/classroom/useFitScale";
import { togglePresenter, useLeaveWithFullscreen } from "../../../app/classroom/presenterActions";
import { createAppStore, StoreProvider } from "../../../app/state/store";
import { gridLayout, layoutArray, LABEL_PX } from "../../../app/viz/layout";

afterEach(() => cleanup());

describe("fitInside", () => {
  it("scales by the tighter side and centres the other", () => {
    expect(fitInside({ width: 1920, height: 1080 }, { width: 800, height: 300 })).toEqual({ scale: 2.4, x: 0, y: (1080 - 720) / 2 });
    expect(fitInside({ width: 1024, height: 768 }, { width: 1600, height: 900 })).toEqual({ scale: 0.64, x: 0, y: (768 - 576) / 2 });
  });
  it("never grows past MAX_SCALE, and an empty content or box is left as it is", () => {
    expect(fitInside({ width: 1920, height: 1080 }, { width: 10, height: 10 }).scale).toBe(MAX_SCALE);
    expect(fitInside({ width: 0, height: 0 }, { width: 10, height: 10 })).toEqual({ scale: 1, x: 0, y: 0 });
  });
});

describe("full screen", () => {
  it("a refused request leaves presenter mode on, in the window", async () => {
    const st = createAppStore();
    let asked = 0;
    document.documentElement.requestFullscreen = () => {
      asked++;
      return Promise.reject(new TypeError("Permissions check failed"));
    };
    togglePresenter(st.getState(), true);
    await Promise.resolve();
    expect(asked).toBe(1);
    expect(st.getState().presenter).toBe(true);
    togglePresenter(st.getState(), false);
    expect(st.getState().presenter).toBe(false);
  });
  it("leaving full screen the browser's way leaves presenter mode", () => {
    const st = createAppStore();
    function Probe() {
      useLeaveWithFullscreen();
      return null;
    }
    render(
      <StoreProvider store={st}>
        <Probe />
      </StoreProvider>,
    );
    st.getState().setPresenter(true);
    let fs: Element | null = document.documentElement;
    Object.defineProperty(document, "fullscreenElement", { configurable: true, get: () => fs });
    act(() => void document.dispatchEvent(new Event("fullscreenchange")));
    expect(st.getState().presenter).toBe(true);
    fs = null;
    act(() => void document.dispatchEvent(new Event("fullscreenchange")));
    expect(st.getState().presenter).toBe(false);
    delete (document as { fullscreenElement?: unknown }).fullscreenElement;
  });
});

describe("tile labels sized for the room", () => {
  it("the usual size lays out as before; a bigger label gets room above and beside the tiles", () => {
    const shape = [2, 3, 5, 7, 9];
    const usual = layoutArray(shape, 6);
    expect(usual.label).toBe(LABEL_PX);
    expect(layoutArray(shape, 6, false, false, LABEL_PX)).toEqual(usual);
    const big = layoutArray(shape, 6, false, false, 24);
    expect(big.label).toBe(24);
    // Same cells, tiles and labels; the label rows and columns grew by the font's growth.
    expect(big.cells.length).toBe(usual.cells.length);
    expect(big.labels.length).toBe(usual.labels.length);
    // A row of labels above each of axis 1's 3 tile rows (axis 2's labels) and one more above
    // them all (axis 0's); a column beside each of axis 0's 2 tiles (axis 1's labels).
    expect(big.height - usual.height).toBe(4 * (24 - LABEL_PX));
    expect(big.width - usual.width).toBeCloseTo(2 * 1.8 * (24 - LABEL_PX), 6);
    // No label overlaps the cells of its own tile row: each horizontal label sits above the tile's first row.
    const firstRowY = Math.min(...big.cells.filter((c) => c.coord.every((x, i) => i === 0 || i === 2 || x === 0)).map((c) => c.y));
    expect(Math.min(...big.labels.map((l) => l.y))).toBeLessThanOrEqual(firstRowY);
  });
  it("layouts are cached per label size", () => {
    expect(gridLayout([2, 3, 5], 560, 24)).not.toBe(gridLayout([2, 3, 5], 560));
    expect(gridLayout([2, 3, 5], 560, 24)).toBe(gridLayout([2, 3, 5], 560, 24));
  });
});

describe("a lesson's question in presenter mode", () => {
  it("is asked on the screen, and Show the answer reveals the result", async () => {
    // jsdom lays nothing out: the fit has nothing to observe.
    globalThis.ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    } as unknown as typeof ResizeObserver;
    const { default: Presenter } = await import("../../../app/classroom/Presenter");
    const { lessonLibrary } = await import("../../../app/lessons/library");
    const st = createAppStore();
    const lib = lessonLibrary();
    st.getState().setLessonLibrary(lib);
    const steps = lib.get("axes-in-vmap")!.steps;
    const q = steps.findIndex((s) => s.question && s.state);
    st.getState().openLesson("axes-in-vmap", q);
    expect(st.getState().lessonConceal).toBe(true);
    const { getByRole, container } = render(
      <StoreProvider store={st}>
        <Presenter />
      </StoreProvider>,
    );
    expect(container.querySelector(".presenter-question")?.textContent).toContain("Predict:");
    act(() => getByRole("button", { name: /Show the answer/ }).click());
    expect(st.getState().lessonConceal).toBe(false);
    expect(container.querySelector(".presenter-question")).toBeNull();
  });
});
