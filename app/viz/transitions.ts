/**
 * D3's transitions (d3-transition with d3-interpolate, d3-color, d3-timer and d3-dispatch:
 * ~9 KB gzipped) load right after the first screen instead of with it (start.tsx starts the
 * load; tests/browser/budget.test.ts). A step taken before they arrive lands at once, as with
 * reduced motion; the first visit's animation starts later than that.
 */
import type {} from "d3-transition";
import { lazyModule } from "../state/lazyModule";

const D3_TRANSITION = lazyModule(() => import("d3-transition"));

/** Starts loading d3-transition (it adds `transition` and `interrupt` to every D3 selection); a failed load is tried again at the next call. */
export const loadTransitions = (): void => D3_TRANSITION.prefetch();

/** Whether selections have `transition` and `interrupt` yet. */
export const transitionsReady = (): boolean => D3_TRANSITION.get() !== null;

/**
 * d3-ease's `easeCubicOut` (its `--t * t * t + 1`), here: importing it from d3-ease kept all of
 * that module (~450 B gzipped, its tunable easings are built when it loads) on the first screen.
 */
export const easeCubicOut = (t: number): number => --t * t * t + 1;
