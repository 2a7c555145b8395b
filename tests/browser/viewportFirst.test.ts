// What is in view is painted first (app/explorer/viewportFirst.ts), in a real Chromium at a
// laptop's 1280×900, where the blog's (2,3,5,7,9) result starts below the fold: a change of b's
// shape repaints b's grid in the frame that shows the change, the result grid right after it
// (without being scrolled to), and the result then holds what a fresh page of the same call
// paints. Scrolled into view, the result is painted in the change's own frame.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startApp, type AppServer, appLive } from "./appServer";
import { browserDescribe, expectCleanConsole } from "./suite";
import { inViewAndPainted } from "./inView";

let app: AppServer;

const link = (b: string) => `f=lambda+a%2C+b%3A+a+%2B+b&shape.a=(2%2C3%2C5%2C7%2C9)&in.a=None&shape.b=${encodeURIComponent(b)}&in.b=0&out=3`;

/** Counts each grid's full paints (putImageData on its canvas, by the grid's label's first word or two). */
const COUNT_PAINTS = `(() => {
  const counts = (window.__paints = new Map());
  const put = CanvasRenderingContext2D.prototype.putImageData;
  CanvasRenderingContext2D.prototype.putImageData = function (...a) {
    const label = this.canvas.closest("[aria-label]")?.getAttribute("aria-label") ?? "";
    const key = label.startsWith("Output") ? "out" : label.startsWith("Argument b") ? "b" : "other";
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return put.apply(this, a);
  };
})()`;

const paints = (page: Page) => page.evaluate(() => Object.fromEntries((window as unknown as { __paints: Map<string, number> }).__paints)) as Promise<Record<string, number>>;

/** Sets b's shape as typing it does, and returns the paints counted once the change's frame has painted. */
async function changeShape(page: Page, shape: string): Promise<Record<string, number>> {
  return page.evaluate(async (shape) => {
    const el = document.querySelector('[aria-label="Shape of b"]') as HTMLInputElement;
    const w = window as unknown as { __paints: Map<string, number> };
    w.__paints.clear();
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(el, shape);
    el.dispatchEvent(new Event("input", { bubbles: true }));
    // A rAF callback runs just before its frame paints; a message posted from it, just after.
    await new Promise<void>((r) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); }));
    return Object.fromEntries(w.__paints);
  }, shape);
}

/**
 * The result grid's picture: the pixels of the part of its canvas its frame shows (a canvas that
 * grew keeps a bigger backing store than a fresh page's), as a size and a hash.
 */
async function resultPixels(page: Page): Promise<string> {
  await inViewAndPainted(page.getByRole("img", { name: /^Output out/ }));
  return page.evaluate(() => {
    const frame = document.querySelector('[aria-label^="Output"].canvas-grid, [aria-label^="Output"] .canvas-grid') as HTMLElement;
    const canvas = frame.querySelector("canvas") as HTMLCanvasElement;
    const scale = canvas.width / canvas.getBoundingClientRect().width;
    const f = frame.getBoundingClientRect();
    const w = Math.round(f.width * scale);
    const h = Math.round(f.height * scale);
    const data = canvas.getContext("2d")!.getImageData(0, 0, w, h).data;
    let hash = 2166136261;
    for (let i = 0; i < data.length; i++) hash = Math.imul(hash ^ data[i], 16777619);
    return `${w}×${h} ${(hash >>> 0).toString(16)}`;
  });
}

/** The 5-d example with b of `shape` at a laptop's 1280×900, each grid's full paints counted. */
async function openCounted(shape: string): Promise<Page> {
  const page = await app.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(COUNT_PAINTS);
  await page.goto(`${app.url}#${link(shape)}`);
  await appLive(page);
  return page;
}

browserDescribe("what is in view is painted first", () => {
  expectCleanConsole(() => app.problems);
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it("paints a result below the fold right after the frame that shows the change", async () => {
    const page = await openCounted("(2,3,5,7,9)");
    const result = page.getByRole("img", { name: /^Output out/ });
    await result.waitFor();
    expect((await result.boundingBox())!.y).toBeGreaterThan(900);
    await page.waitForTimeout(500);
    const inFrame = await changeShape(page, "(3,3,5,7,9)");
    expect(inFrame.b).toBe(1);
    expect(inFrame.out ?? 0).toBe(0);
    await expect.poll(async () => (await paints(page)).out ?? 0, { timeout: 5000 }).toBe(1);
    await page.getByRole("img", { name: /^Output out, shape \(2, 3, 5, 3, 7, 9\)/ }).waitFor({ state: "attached" });
    const painted = await resultPixels(page);
    const fresh = await openCounted("(3,3,5,7,9)");
    await fresh.getByRole("img", { name: /^Output out, shape \(2, 3, 5, 3, 7, 9\)/ }).waitFor();
    await fresh.waitForTimeout(500);
    expect(painted).toBe(await resultPixels(fresh));
    await fresh.close();
    await page.close();
  });

  it("paints a result in view in the change's own frame", async () => {
    const page = await openCounted("(2,3,5,7,9)");
    const result = page.getByRole("img", { name: /^Output out/ });
    await result.scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    const inFrame = await changeShape(page, "(3,3,5,7,9)");
    expect(inFrame.out).toBe(1);
    await page.close();
  });
});
