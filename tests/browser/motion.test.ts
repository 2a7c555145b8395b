// prefers-reduced-motion and the keyboard in a real Chromium: with reduced motion a step lands
// at once (no cell moves afterwards); with motion the same step is still moving right after it.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startApp, type AppServer, appLive } from "./appServer";
import { browserDescribe, expectCleanConsole } from "./suite";


let app: AppServer;

/** Each drawn cell's transform and opacity, in document order. */
const cellStates = () =>
  Array.from(document.querySelectorAll("g.cell")).map((g) => `${g.getAttribute("transform")}|${(g as SVGGElement).style.opacity}`);

browserDescribe("motion preferences and keyboard", () => {
  expectCleanConsole(() => app.problems);
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  for (const reduced of [true, false]) {
    it(`a step ${reduced ? "is instant with" : "animates without"} prefers-reduced-motion`, async () => {
      const page = await app.newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: reduced ? "reduce" : "no-preference" });
      await page.goto(app.url);
      await appLive(page);
      // The keyboard drives playback: focus the page body and step with the right arrow.
      // The slowest speed makes a step's transition last ~1.4 s, far longer than a sample takes.
      await page.getByLabel("Speed").selectOption("0.25");
      await page.locator("body").click({ position: { x: 5, y: 5 } });
      const caption = () => page.locator(".caption").textContent();
      // Steps walk take → apply → place per k, and "apply f" moves no cell: step to a landing
      // first, so the step sampled moves cells (the next slice lifts out, or all come to rest).
      for (let i = 0; i < 6 && !(await caption())?.includes("place the result"); i++) {
        const was = await caption();
        await page.keyboard.press("ArrowRight");
        await expect.poll(caption).not.toBe(was);
      }
      const before = await caption();
      await page.keyboard.press("ArrowRight");
      // Sample as soon as the step has happened (the caption names the new k), whatever the load.
      await expect.poll(caption).not.toBe(before);
      const early = await page.evaluate(cellStates);
      await page.waitForTimeout(2500);
      const late = await page.evaluate(cellStates);
      expect(early.length).toBeGreaterThan(0);
      if (reduced) expect(early).toEqual(late);
      else expect(early).not.toEqual(late);
      await page.close();
    });
  }
});
