/**
 * jsdom set up as a browser has the page, for tests that walk many states of the whole app and
 * assert what it says, not its pictures (Chromium draws those: tests/browser). With
 * `vi.mock("../../app/viz/canvasSupport", () => ({ canvasAvailable: () => true }))` in the test
 * file, grids above a few hundred cells go to canvases as in a browser (CellGrid.tsx) instead of
 * thousands of SVG cells a state, seconds apiece in jsdom.
 */

/** jsdom has no 2-D context: canvases paint nothing (the painters stop at a null context), quietly. */
export function canvasesPaintNothing(): void {
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
}

/**
 * The grad and jit panels stay unloaded, as they do until the page is scrolled near them
 * (Panels.tsx): jsdom has no IntersectionObserver, where they would load at once and recompute
 * at every state.
 */
export function panelsOutOfView(): void {
  globalThis.IntersectionObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  } as unknown as typeof IntersectionObserver;
}
