import type { Locator } from "playwright-core";

/**
 * Brings `grid` into view and lets its paint land: a canvas grid out of view is painted at the
 * next idle moment or when it comes into view (app/explorer/viewportFirst.ts), so its pixels
 * are read as a user sees them, in view, after the observer's callback and a frame.
 */
export async function inViewAndPainted(grid: Locator): Promise<void> {
  await grid.scrollIntoViewIfNeeded();
  await grid.evaluate(
    () =>
      new Promise<void>((done) => {
        const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
        const task = () => new Promise<void>((r) => setTimeout(r, 0));
        void frame().then(frame).then(task).then(done);
      }),
  );
}
