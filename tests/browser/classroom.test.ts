// The classroom in the built app (issue 11): presenter mode fills 1920×1080 with grid text of
// at least 24 px and no page scroll (the blog's 2×2 and (None, 0) 5-d examples), also at
// 1280×720, 1024×768 and 200 % browser zoom; the clicker's PageDown walks the animation; a
// student link hides and locks what the teacher chose; a reload keeps the step and speed; the
// service worker lets a reload with no network work and compute; printing gives the handout.
// Screenshots of presenter mode go to tests/browser/screenshots/ (looked at); axe checks
// presenter mode and the dialogs.
import { join } from "node:path";
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import type { BrowserContextOptions, Page } from "playwright-core";
import { appLive, builtApp, serveDir, type AppServer } from "./appServer";
import { appSuite, axeAudit, browserDescribe, SHOTS } from "./suite";

let app: AppServer;

const TWO = "f=lambda+a%2C+b%3A+a+%2B+b&shape.a=(2%2C+2)&shape.b=(2%2C+2)&in.a=0&in.b=0&out=0";
const FIVE_D = "f=lambda+a%2C+b%3A+a+%2B+b&shape.a=(2%2C3%2C5%2C7%2C9)&fill.a=unique&shape.b=(2%2C3%2C5%2C7%2C9)&fill.b=unique&in.a=None&in.b=0&out=3";

/** appLive on the output shape: a student link may show no Function field. */
const live = (page: Page) => appLive(page, page.getByLabel("Output shape"));

async function open(hash: string, opts: BrowserContextOptions = {}): Promise<Page> {
  const page = await app.newPage({ viewport: { width: 1920, height: 1080 }, reducedMotion: "reduce", ...opts });
  await page.goto(`${app.url}#${hash}`);
  await live(page);
  return page;
}

/** Enters presenter mode with its key and waits for the picture to be fitted and drawn. */
async function present(page: Page, canvases = 0): Promise<void> {
  await page.keyboard.press("p");
  await page.locator(".presenter-fit").waitFor();
  if (canvases) await page.locator(".presenter .canvas-grid canvas").nth(canvases - 1).waitFor();
  // Fitting follows a ResizeObserver: wait until the scale stops changing.
  let last = "";
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(100);
    const now = (await page.locator(".presenter-fit").getAttribute("data-scale")) ?? "";
    if (now === last) break;
    last = now;
  }
}

/**
 * The rendered size in CSS px of every number drawn in the grids: an SVG text's font size times
 * its SVG's on-screen scale; a canvas grid's tile labels at the size it paints them times the
 * canvas's on-screen scale (the transform presenter mode applies included).
 */
const gridTextPx = (page: Page) =>
  page.evaluate(() => {
    const sizes: number[] = [];
    for (const svg of document.querySelectorAll<SVGSVGElement>(".presenter svg.cellgrid")) {
      const k = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      for (const t of svg.querySelectorAll("text")) if (t.textContent) sizes.push(parseFloat(getComputedStyle(t).fontSize) * k);
    }
    for (const c of document.querySelectorAll<HTMLElement>(".presenter .canvas-grid")) sizes.push((Number(c.dataset.labelPx) * c.getBoundingClientRect().width) / c.offsetWidth);
    return sizes;
  });

/** Whether the page scrolls, and whether the fitted picture stays inside the window. */
const fits = (page: Page) =>
  page.evaluate(() => {
    const doc = document.scrollingElement!;
    const r = document.querySelector(".presenter-fit")!.getBoundingClientRect();
    return {
      scrolls: doc.scrollHeight > innerHeight || doc.scrollWidth > innerWidth,
      inside: r.left >= -0.5 && r.top >= -0.5 && r.right <= innerWidth + 0.5 && r.bottom <= innerHeight + 0.5,
    };
  });

const caption = (page: Page) => page.locator(".presenter-caption").textContent();

browserDescribe("the classroom in Chromium", () => {
  appSuite((a) => {
    app = a;
  });

  for (const [name, hash, canvases] of [["2×2", TWO, 0], ["(None, 0) 5-d", FIVE_D, 3]] as const) {
    it(`presenter mode at 1920×1080, the ${name} example: grid text ≥ 24 px, no scroll`, async () => {
      const page = await open(hash);
      await present(page, canvases);
      const sizes = await gridTextPx(page);
      expect(sizes.length).toBeGreaterThan(0);
      expect(Math.min(...sizes), `smallest grid text of ${sizes.length}`).toBeGreaterThanOrEqual(24);
      expect(await fits(page)).toEqual({ scrolls: false, inside: true });
      // Canvas grids paint at least one pixel per screen pixel, scaled up as they are.
      const sharpness = await page.evaluate(() => [...document.querySelectorAll<HTMLCanvasElement>(".presenter canvas")].map((c) => c.width / c.getBoundingClientRect().width));
      expect(sharpness.length).toBe(canvases);
      for (const x of sharpness) expect(x).toBeGreaterThanOrEqual(0.99);
      // The controls are out of sight until the pointer comes near the top.
      expect(await page.locator(".presenter-bar").evaluate((el) => getComputedStyle(el).opacity)).toBe("0");
      await page.screenshot({ path: join(SHOTS, `presenter-${canvases ? "5d" : "2x2"}-1920.png`) });
      await page.mouse.move(400, 10);
      await page.waitForFunction(() => getComputedStyle(document.querySelector(".presenter-bar")!).opacity === "1");
      expect(await axeAudit(page)).toEqual([]);
      // Esc leaves (full screen, if the browser granted it, goes with it).
      await page.keyboard.press("Escape");
      await page.getByLabel("Function").waitFor();
      expect(await page.locator(".presenter").count()).toBe(0);
      await page.close();
    });
  }

  it("fits projectors and browser zoom: 1280×720, 1024×768, 1920×1080 at 200 %", async () => {
    for (const [w, h, zoom] of [[1280, 720, 1], [1024, 768, 1], [960, 540, 2]] as const) {
      const page = await open(FIVE_D, { viewport: { width: w, height: h }, deviceScaleFactor: zoom });
      await present(page, 3);
      expect(await fits(page), `${w}×${h} at ${zoom * 100} %`).toEqual({ scrolls: false, inside: true });
      if (w === 1024) await page.screenshot({ path: join(SHOTS, "presenter-5d-1024x768.png") });
      await page.close();
    }
    const page = await open(TWO, { viewport: { width: 1024, height: 768 } });
    await present(page);
    expect(await fits(page)).toEqual({ scrolls: false, inside: true });
    await page.screenshot({ path: join(SHOTS, "presenter-2x2-1024x768.png") });
    await page.close();
  });

  it("the clicker's PageDown walks the animation and PageUp walks back", async () => {
    const page = await open(TWO);
    await present(page);
    expect(await caption(page)).toMatch(/^Both results are stacked/);
    const seen: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("PageDown");
      const c = (await caption(page)) ?? "";
      seen.push(c);
      if (/^Both results/.test(c)) break;
    }
    // Every step shows one k at a time, in order, and the walk ends at the stacked result.
    const ks = seen.slice(0, -1).map((c) => Number(/^k = (\d) of 2/.exec(c)?.[1]));
    expect(ks.length).toBeGreaterThanOrEqual(2);
    expect(ks).toEqual([...ks].sort());
    expect(ks[0]).toBe(0);
    expect(ks.at(-1)).toBe(1);
    expect(seen.at(-1)).toMatch(/^Both results are stacked/);
    await page.keyboard.press("PageUp");
    expect(await caption(page)).toMatch(/^k = 1 of 2/);
    await page.close();
  });

  it("the clicker's PageDown walks an open lesson's steps (a question's answer first), PageUp walks back, and the link keeps the step", async () => {
    const page = await open(`${TWO}&lesson=axes-in-vmap&step=1`);
    await present(page);
    const call = page.locator(".presenter-fit .callline");
    expect(await call.textContent()).toContain("in_axes=(0, 0)");
    await page.keyboard.press("PageDown");
    // Step 2 of "Axes in vmap" maps b along axis 1.
    await page.waitForFunction(() => document.querySelector(".presenter-fit .callline")?.textContent?.includes("in_axes=(0, 1)"));
    await page.waitForFunction(() => location.hash.includes("lesson=axes-in-vmap&step=2"));
    // Step 2 asks a question: it is on the screen, the next press shows the answer, the one after moves on.
    const question = page.locator(".presenter-question");
    expect(await question.textContent()).toContain("Predict:");
    await page.keyboard.press("PageDown");
    await question.waitFor({ state: "detached" });
    expect(await page.locator(".presenter-fit").getByLabel("Output shape").textContent()).toBe("(2, 2)");
    expect(new URL(page.url()).hash).toContain("step=2");
    await page.keyboard.press("PageDown");
    await page.waitForFunction(() => document.querySelector(".presenter-fit .callline")?.textContent?.includes("in_axes=(1, 0)"));
    await page.keyboard.press("PageUp");
    await page.waitForFunction(() => location.hash.includes("step=2"));
    expect(await call.textContent()).toContain("in_axes=(0, 1)");
    await page.close();
  });

  it("a student link hides and locks what the teacher chose; Share with class writes it", async () => {
    const page = await open(TWO, { viewport: { width: 1280, height: 900 } });
    await page.getByRole("button", { name: "Share with class" }).click();
    const dialog = page.getByRole("dialog", { name: "Share with class" });
    await dialog.waitFor();
    expect(await axeAudit(page)).toEqual([]);
    // Defaults: only out_axes open, the panels hidden; hide the shape story too.
    await dialog.getByRole("checkbox", { name: "Shape story" }).check();
    const link = await dialog.getByLabel("Student link").inputValue();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await page.goto(link);
    await page.reload();
    await live(page);
    expect(await page.getByRole("textbox", { name: "Function" }).count()).toBe(0);
    expect(await page.getByLabel("in_axes for a").isDisabled()).toBe(true);
    expect(await page.getByLabel("Shape of a").isDisabled()).toBe(true);
    // The out_axes table shows (what sits beside the picture has loaded), the story does not.
    await page.getByRole("region", { name: "Where the batch axis can go" }).waitFor();
    expect(await page.getByRole("region", { name: "Shape story" }).count()).toBe(0);
    expect(await page.locator(".panels").count()).toBe(0);
    expect(await page.getByLabel("out_axes").isDisabled()).toBe(false);
    await page.getByLabel("out_axes").selectOption("1");
    expect(await page.getByLabel("Output shape").textContent()).toBe("(2, 2)");
    // The out_axes table follows the picture a frame later (hooks.ts useViewBeside).
    await expect.poll(() => page.getByRole("row", { name: /1 \/ -1 ◀ current/ }).count()).toBe(1);
    await page.close();
  });

  it("a reload keeps the step and the speed; ? lists the shortcuts", async () => {
    const page = await open(TWO, { viewport: { width: 1280, height: 900 } });
    await page.getByLabel("Speed").selectOption("2");
    await page.getByRole("button", { name: "Step forward" }).click();
    await page.getByRole("button", { name: "Step forward" }).click();
    const before = await page.locator(".playback .caption").textContent();
    const k = /^k = (\d) of 2/.exec(before ?? "")?.[1];
    expect(k).toBeDefined();
    // Two steps from rest: k = 0, phase 1 (apply f).
    expect(before).toMatch(/^k = 0 of 2: apply f/);
    // The URL is written once changes pause (state/urlSync.ts), a burst at its end: reload once
    // it holds this step (k and phase).
    await page.waitForFunction(
      (kk) => {
        const q = new URLSearchParams(location.hash.slice(1));
        return q.get("speed") === "2" && q.get("k") === kk && q.get("phase") === "1";
      },
      k,
    );
    await page.reload();
    await live(page);
    expect(await page.getByLabel("Speed").inputValue()).toBe("2");
    // The caption's worked values come with the symbols, which load after the first screen.
    await expect.poll(() => page.locator(".playback .caption").textContent()).toBe(before);
    await page.locator("body").press("Shift+?");
    const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await dialog.waitFor();
    expect(await dialog.getByRole("row", { name: /Presenter mode/ }).count()).toBeGreaterThan(0);
    expect(await axeAudit(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await page.close();
  });

  it("works offline once loaded: reload with no network, and it still computes", async () => {
    const page = await open(TWO, { viewport: { width: 1280, height: 900 } });
    await page.getByText("Ready to use offline").waitFor({ timeout: 30_000 });
    await page.context().setOffline(true);
    await page.reload();
    await live(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(await page.getByLabel("Output shape").textContent()).toBe("(2, 2)");
    await page.getByLabel("Shape of b").fill("(2, 3)");
    await page.getByLabel("in_axes for a").selectOption("None");
    // a (2, 2) unmapped, b (2, 3) mapped along axis 1: each k sees b[:, k] of shape (2,), and
    // a + b[:, k] broadcasts to (2, 2); three of them stacked at out_axes 0: (3, 2, 2).
    await page.getByLabel("in_axes for b").selectOption("1");
    await page.waitForFunction(() => document.querySelector('[aria-label="Output shape"]')?.textContent === "(3, 2, 2)");
    await page.context().setOffline(false);
    await page.close();
  });

  it("a new version waits for the person's yes: 'A new version is ready — Reload'", async () => {
    // A copy of the build on its own server, whose service worker then changes (a new release).
    const dir = mkdtempSync(join(tmpdir(), "vmap-update-"));
    cpSync((await builtApp()).dir, dir, { recursive: true });
    const server = await serveDir(dir);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const page = await app.newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: "reduce" });
    try {
      await page.goto(`${url}#${TWO}`);
      await page.getByText("Ready to use offline").waitFor({ timeout: 30_000 });
      appendFileSync(join(dir, "sw.js"), "\n// the next release\n");
      await page.reload();
      const banner = page.getByRole("status").filter({ hasText: "A new version is ready" });
      await banner.waitFor({ timeout: 30_000 });
      // Nothing changes by itself: the new worker waits.
      expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null)).toBe(true);
      // Listening for the reload's load before the click: a fast reload can fire it before the click resolves.
      await Promise.all([page.waitForEvent("load"), banner.getByRole("button", { name: "Reload" }).click()]);
      await live(page);
      expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
      await page.getByText("Ready to use offline").waitFor();
    } finally {
      await page.close();
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("prints the handout: still frames k by k, the shape story, the out_axes table, the code, no controls", async () => {
    const page = await open(TWO, { viewport: { width: 1280, height: 900 } });
    // The browser's own print (page.pdf prints as Ctrl+P does, with beforeprint and afterprint):
    // the handout's code, fetched when the page went idle, is laid out in time for it.
    await page.waitForLoadState("networkidle");
    await page.evaluate(() => window.addEventListener("beforeprint", () => document.documentElement.setAttribute("data-stills", String(document.querySelectorAll(".handout-still").length))));
    const printed = await page.pdf({ format: "A4" });
    expect(await page.locator("html").getAttribute("data-stills")).toBe("2");
    expect((printed.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBe(1);
    // The button: the handout stays laid out for the print preview (print() is stubbed here).
    await page.evaluate(() => {
      window.print = () => undefined;
    });
    await page.getByRole("button", { name: "Print handout" }).click();
    await page.locator(".handout").waitFor({ state: "attached" });
    await page.emulateMedia({ media: "print" });
    const handout = page.getByRole("article", { name: "Handout" });
    expect(await handout.isVisible()).toBe(true);
    expect(await page.locator(".app").isVisible()).toBe(false);
    expect(await handout.locator(".handout-still").count()).toBe(2);
    expect(await handout.locator(".handout-still figcaption").allTextContents()).toEqual(["k = 0 of 2: place the result at out[0, :]", "k = 1 of 2: place the result at out[1, :]"]);
    expect(await handout.getByRole("region", { name: "Shape story" }).isVisible()).toBe(true);
    expect(await handout.getByRole("table").count()).toBe(1);
    expect(await handout.locator("pre.handout-code").textContent()).toContain("out = jax.vmap(f, in_axes=(0, 0), out_axes=0)(a, b)");
    expect(await handout.locator("button, select, input, textarea").count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, "handout-print.png"), fullPage: true });
    const pdf = await page.pdf({ format: "A4" });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBe(1);
    await page.close();
  });
});
