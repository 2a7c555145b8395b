// @vitest-environment jsdom
/**
 * The first visit's animation (App.tsx useAutoplay) starts when the browser is next idle: not
 * over a change the visitor made before then.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, render } from "@testing-library/react";
import { App } from "../../app/App";
import { resetStore, useStore } from "../../app/state/store";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Renders the first visit with autoplay on, holding back the idle callback it asks for. */
function firstVisit(): () => void {
  const idle: (() => void)[] = [];
  vi.stubGlobal("requestIdleCallback", (cb: () => void) => idle.push(cb));
  vi.stubGlobal("cancelIdleCallback", () => {});
  resetStore();
  render(<App autoplay />);
  return () => act(() => idle.splice(0).forEach((cb) => cb()));
}

describe("the first visit's animation", () => {
  it("plays the example once the browser is idle", () => {
    const idle = firstVisit();
    expect(useStore.getState().playing).toBe(false);
    idle();
    expect(useStore.getState().playing).toBe(true);
  });

  it("does not start over a change made before then", () => {
    const idle = firstVisit();
    act(() => useStore.getState().setInAxis("a", null));
    idle();
    expect(useStore.getState().playing).toBe(false);
    expect(useStore.getState().k).toBe(null);
  });
});
