// @vitest-environment jsdom
// A canvas grid's full repaint waits while the grid is out of view (app/explorer/viewportFirst.ts)
// and runs just before the next frame if the grid is in view by then, at the next idle moment,
// or before anything draws on it; a newer paint replaces a waiting one.
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { createElement, StrictMode, useLayoutEffect, useRef } from "react";
import { act, cleanup, render } from "@testing-library/react";
import { useViewportFirst, ViewportFirst } from "../../app/explorer/viewportFirst";

let frames: (() => void)[] = [];
let idles: (() => void)[] = [];
const runFrames = () => frames.splice(0).forEach((f) => f());
const runIdle = () => idles.splice(0).forEach((f) => f());

beforeEach(() => {
  frames = [];
  idles = [];
  vi.stubGlobal("IntersectionObserver", class {
    observe() {}
    disconnect() {}
  });
  vi.stubGlobal("requestAnimationFrame", (f: () => void) => frames.push(f));
  vi.stubGlobal("cancelAnimationFrame", (id: number) => (frames[id - 1] = () => {}));
  vi.stubGlobal("requestIdleCallback", (f: () => void) => idles.push(f));
  vi.stubGlobal("cancelIdleCallback", (id: number) => (idles[id - 1] = () => {}));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A grid's frame whose box starts `top` px down the page (the viewport is jsdom's 768 px). */
function gridAt(top: number): HTMLElement {
  const el = document.createElement("div");
  el.getBoundingClientRect = () => new DOMRect(0, top, 400, 300);
  return el;
}

it("paints at once while the grid is in view", () => {
  const vf = new ViewportFirst(() => gridAt(0));
  vf.seen = true;
  const painted: string[] = [];
  vf.paint(() => painted.push("a"));
  expect(painted).toEqual(["a"]);
  expect(frames).toHaveLength(0);
});

it("keeps the paint of a grid out of view for the next idle moment, the newest only", () => {
  const vf = new ViewportFirst(() => gridAt(2000));
  vf.seen = false;
  const painted: string[] = [];
  vf.paint(() => painted.push("a"));
  vf.paint(() => painted.push("b"));
  expect(painted).toEqual([]);
  runFrames(); // still below the fold at the frame
  expect(painted).toEqual([]);
  runIdle();
  expect(painted).toEqual(["b"]);
  runIdle();
  runFrames();
  expect(painted).toEqual(["b"]);
});

it("lets a grid out of view wait through a burst of changes, however long the page stays busy, and paints the newest at the first idle moment", () => {
  vi.useFakeTimers();
  try {
    // An idle callback as browsers run it: at an idle moment, or when its deadline (if asked) passes.
    vi.stubGlobal("requestIdleCallback", (f: () => void, opts?: { timeout?: number }) => {
      const id = idles.push(f);
      if (opts?.timeout !== undefined) setTimeout(() => idles[id - 1](), opts.timeout);
      return id;
    });
    const vf = new ViewportFirst(() => gridAt(2000));
    vf.seen = false;
    const painted: number[] = [];
    // Keys held on a menu: a change every 33 ms for 10 s, each with its frame, never idle.
    for (let i = 0; i < 300; i++) {
      vf.paint(() => painted.push(i));
      runFrames();
      vi.advanceTimersByTime(33);
    }
    expect(painted).toEqual([]);
    runIdle();
    expect(painted).toEqual([299]);
  } finally {
    vi.useRealTimers();
  }
});

it("paints before the frame a grid the change has brought into view", () => {
  let top = 2000;
  const vf = new ViewportFirst(() => gridAt(top));
  vf.seen = false;
  const painted: string[] = [];
  vf.paint(() => painted.push("a"));
  top = 500;
  runFrames();
  expect(painted).toEqual(["a"]);
  runIdle();
  expect(painted).toEqual(["a"]);
});

it("paints a grid just made, before the observer's word, in its first frame when in view, at idle when not", () => {
  const painted: string[] = [];
  const shown = new ViewportFirst(() => gridAt(100));
  const below = new ViewportFirst(() => gridAt(1000));
  shown.paint(() => painted.push("shown"));
  below.paint(() => painted.push("below"));
  expect(painted).toEqual([]);
  runFrames();
  expect(painted).toEqual(["shown"]);
  runIdle();
  expect(painted).toEqual(["shown", "below"]);
});

it("runs a waiting paint before anything draws on it, and forgets it when dropped", () => {
  const vf = new ViewportFirst(() => gridAt(2000));
  vf.seen = false;
  const painted: string[] = [];
  vf.paint(() => painted.push("a"));
  vf.flush();
  expect(painted).toEqual(["a"]);
  vf.flush();
  expect(painted).toEqual(["a"]);
  vf.paint(() => painted.push("b"));
  vf.drop();
  runFrames();
  runIdle();
  expect(painted).toEqual(["a"]);
});

it("paints at once where there is no IntersectionObserver", () => {
  vi.stubGlobal("IntersectionObserver", undefined);
  const vf = new ViewportFirst(() => gridAt(2000));
  vf.seen = false;
  const painted: string[] = [];
  vf.paint(() => painted.push("a"));
  expect(painted).toEqual(["a"]);
});

/** A grid as CanvasCellGrid paints it: its first commit paints, later ones draw on that paint. */
function Grid({ onPaint }: { onPaint: () => void }) {
  const frame = useRef<HTMLDivElement>(null);
  const viewport = useViewportFirst(frame);
  const painted = useRef(false);
  useLayoutEffect(() => {
    if (painted.current) return viewport.flush();
    painted.current = true;
    viewport.paint(onPaint);
  });
  return createElement("div", { ref: frame });
}

it("keeps a grid's first paint through StrictMode's second run of its effects", () => {
  let painted = 0;
  render(createElement(StrictMode, null, createElement(Grid, { onPaint: () => painted++ })));
  act(() => {
    runFrames(); // jsdom's boxes are empty, at the viewport's corner: in view
    runIdle();
  });
  expect(painted).toBe(1);
});

it("forgets the waiting paint of a grid that has gone", () => {
  let painted = 0;
  const page = render(createElement(Grid, { onPaint: () => painted++ }));
  page.unmount();
  runFrames();
  runIdle();
  expect(painted).toBe(0);
});
