// Big grids in a real Chromium (issue 15): up to 100,000 cells are drawn as cells on canvas, and
// an animated step on a canvas grid moves its cells on compositor overlays, then leaves the
// canvas showing what a full repaint of that step shows.
import { expect, it } from "vitest";
import { PNG } from "pngjs";
import type { Locator, Page } from "playwright-core";
import { appLive, type AppServer } from "./appServer";
import { browserDescribe, desktopSuite } from "./suite";
import { inViewAndPainted } from "./inView";

const enc = encodeURIComponent;
const link = (f: string, args: [string, string, string][], out = "0") =>
  [`f=${enc(f)}`, ...args.flatMap(([n, shape, ax]) => [`shape.${n}=${enc(shape)}`, `in.${n}=${ax}`]), `out=${out}`].join("&");

const MATMUL = link("lambda a, b: a @ b", [["a", "(64,128)", "0"], ["b", "(128,64)", "None"]]);
const BIG = link("lambda a, b: a * b", [["a", "(4,64,128)", "0"], ["b", "(4,64,128)", "0"]]);
const FIVE_D = link("lambda a, b: a + b", [["a", "(2,3,5,7,9)", "None"], ["b", "(2,3,5,7,9)", "0"]], "3");

async function open(page: Page, url: string, hash: string): Promise<void> {
  await page.goto(`${url}#${hash}`);
  await appLive(page);
}

/**
 * Records, in the page, the label of each grid whose overlay is shown (its `hidden` taken off)
 * from now on: a step's overlays show for its ~1.4 s at 0.25× speed, which a poll from the test
 * can miss on a loaded machine; the page sees every one.
 */
async function watchOverlays(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { __shownIn: string[] };
    w.__shownIn = [];
    new MutationObserver((changes) => {
      for (const m of changes) {
        const el = m.target as HTMLElement;
        if (el.matches("canvas.overlay") && !el.hidden) w.__shownIn.push(el.closest(".canvas-grid")?.getAttribute("aria-label") ?? "");
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["hidden"] });
  });
  return () => page.evaluate(() => (window as unknown as { __shownIn: string[] }).__shownIn);
}

/** A grid's canvas as RGBA pixels (the layout's part of the backing store is all of it here): the output's, or the one `name` names. */
/** The grid `name` names, once it is a canvas grid, in view, its paint landed. */
async function canvasGrid(page: Page, name: RegExp): Promise<Locator> {
  const grid = page.getByRole("img", { name }).first();
  await grid.locator("canvas").first().waitFor();
  await inViewAndPainted(grid);
  return grid;
}

async function outputPixels(page: Page, name: RegExp = /^Output/): Promise<PNG> {
  const grid = await canvasGrid(page, name);
  const url = await grid.locator("canvas:not(.overlay)").evaluate((c) => (c as HTMLCanvasElement).toDataURL("image/png"));
  return PNG.sync.read(Buffer.from(url.split(",")[1], "base64"));
}

browserDescribe("big grids on canvas", () => {
  let app: AppServer;
  let page: Page;
  desktopSuite((a, p) => {
    app = a;
    page = p;
  });

  it.each([
    ["(64,128) @ (128,64): 20,480 cells", MATMUL, 3],
    ["(4,64,128) * (4,64,128): 98,304 cells", BIG, 3],
  ])("draws %s as cells, not shape blocks", async (_name, hash, grids) => {
    await open(page, app.url, hash);
    await expect.poll(() => page.locator(".canvas-grid[role=img] canvas:not(.overlay)").count(), { timeout: 20_000 }).toBe(grids);
    expect(await page.getByText("drawn as shape blocks").count()).toBe(0);
  });

  /** Pixels a canvas holds with any ink (alpha above zero). */
  const inkOf = (png: PNG) => {
    let inked = 0;
    for (let i = 3; i < png.data.length; i += 4) if (png.data[i] > 0) inked++;
    return inked;
  };

  /** Whether `moved` shows what `painted` shows, over the page, but for a shade on a few antialiased edges. */
  function expectSamePicture(moved: PNG, painted: PNG): void {
    expect([moved.width, moved.height]).toEqual([painted.width, painted.height]);
    let differ = 0;
    let inked = 0;
    // Compared as they show over the page: premultiplied by their alpha. (A faint pixel's
    // colour, read back unpremultiplied, is coarse: at alpha 24 of 255, a level of ink is ten
    // of colour.)
    const shown = (d: Uint8Array, i: number, ch: number) => (ch === 3 ? d[i + 3] : (d[i + ch] * d[i + 3]) / 255);
    for (let i = 0; i < moved.data.length; i += 4) {
      if (painted.data[i + 3] > 0) inked++;
      for (let ch = 0; ch < 4; ch++) {
        if (Math.abs(shown(moved.data, i, ch) - shown(painted.data, i, ch)) > 8) {
          differ++;
          break;
        }
      }
    }
    expect(inked).toBeGreaterThan(10_000);
    // Antialiased edges may differ by a shade where stamped overlays meet; nothing else.
    expect(differ / inked).toBeLessThan(0.01);
  }

  /** The same number of Step ▶ presses with reduced motion (one full repaint each): the picture to compare with. */
  async function repainted(hash: string, steps: number, grid: RegExp): Promise<PNG> {
    const p = await app.newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: "reduce" });
    await open(p, app.url, hash);
    for (let n = 0; n < steps; n++) await p.getByLabel("Step forward").click();
    const png = await outputPixels(p, grid);
    await p.close();
    return png;
  }

  it.each([
    ["an animated step ends", 3, false, FIVE_D, /^Output/],
    // Each step starting from the last one's finished picture repaints only where cells move (drawCanvas.ts).
    ["steps that each finish before the next end", 6, true, FIVE_D, /^Output/],
    // The first step on the biggest grids: the dimming slices and the pending output are copied
    // onto their overlays as the canvas shows them, the lifted slice's outline written as pixels.
    ["the first step of (4,64,128) * (4,64,128), its output,", 1, false, BIG, /^Output/],
    ["the first step of (4,64,128) * (4,64,128), its argument a,", 1, false, BIG, /^Argument a/],
    // Take (the next slice lifts, the last one dims: painted), apply, place (the result lands), take again.
    ["four steps of (4,64,128) * (4,64,128), each finished before the next,", 4, true, BIG, /^Argument a/],
  ] as const)("%s showing what a full repaint shows", async (_name, steps, finishEach, hash, grid) => {
    // The same steps twice: with motion (overlays, stamped at the end) and with reduced motion (one full repaint).
    const shots: PNG[] = [];
    for (const reduced of [false, true]) {
      const p = await app.newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: reduced ? "reduce" : "no-preference" });
      await open(p, app.url, hash);
      await p.getByLabel("Speed").selectOption("0.25");
      // The grid on its canvas first: a step before the canvas chunk has drawn it is not animated there.
      await canvasGrid(p, grid);
      const shownIn = await watchOverlays(p);
      // Take, apply, place: the third phase moves k's result into the output.
      for (let n = 0; n < steps; n++) {
        await p.getByLabel("Step forward").click();
        if (finishEach && !reduced) {
          // A step at 0.25× lasts 420 × 0.85 / 0.25 ≈ 1.4 s (PlaybackControls' PHASE_MS); the next waits for its end.
          await p.waitForTimeout(1_600);
          await expect.poll(() => p.locator("canvas.overlay:not([hidden])").count(), { timeout: 10_000 }).toBe(0);
        }
      }
      if (!reduced && !finishEach) {
        // While the step moves, its cells are on overlays the compositor animates.
        await expect.poll(async () => (await shownIn()).length, { timeout: 5_000 }).toBeGreaterThan(0);
      }
      await expect.poll(() => p.locator("canvas.overlay:not([hidden])").count(), { timeout: 10_000 }).toBe(0);
      shots.push(await outputPixels(p, grid));
      await p.close();
    }
    const [moved, painted] = shots;
    expectSamePicture(moved, painted);
  });

  it.each([
    ["the first step of (4,64,128) * (4,64,128), its argument a", BIG, /^Argument a/],
    ["the first step of (4,64,128) * (4,64,128), its output", BIG, /^Output/],
    // Paused on k = 0's landing (a link's step): the next slice lifts and the last one dims.
    ["the step to k = 1 of (4,64,128) * (4,64,128), its argument a", `${BIG}&k=0`, /^Argument a/],
    // Still cells around the landing slice: the still layer made ahead holds them.
    ["the landing of k = 0 on the (2,3,5,7,9) example, its output", `${FIVE_D}&k=0&phase=1`, /^Output/],
  ] as const)("makes %s ahead while the page rests, and it ends on what a full repaint shows", async (_name, hash, grid) => {
    const p = await app.newPage({ viewport: { width: 1280, height: 900 } });
    await open(p, app.url, hash);
    await p.getByLabel("Speed").selectOption("0.25");
    // Made ahead (drawCanvas.ts prepareCanvas): the step's overlays wait, hidden and painted, in
    // the grid's frame (a page that has not stepped yet has no other overlays).
    const frame = p.getByRole("img", { name: grid }).first();
    const waiting = async () => {
      const urls = await frame.locator("canvas.overlay[hidden]").evaluateAll((cs) => cs.map((c) => (c as HTMLCanvasElement).toDataURL("image/png")));
      return Math.max(0, ...urls.map((u) => inkOf(PNG.sync.read(Buffer.from(u.split(",")[1], "base64")))));
    };
    await expect.poll(waiting, { timeout: 10_000 }).toBeGreaterThan(100);
    const shownIn = await watchOverlays(p);
    await p.getByLabel("Step forward").click();
    await expect.poll(async () => (await shownIn()).some((label) => grid.test(label)), { timeout: 5_000 }).toBe(true);
    await expect.poll(() => frame.locator("canvas.overlay:not([hidden])").count(), { timeout: 10_000 }).toBe(0);
    const moved = await outputPixels(p, grid);
    await p.close();
    expectSamePicture(moved, await repainted(hash, 1, grid));
  });

  it("plays (4,64,128) * (4,64,128), each step starting while the last one's overlays still wait, and pauses on what a full repaint shows", async () => {
    const p = await app.newPage({ viewport: { width: 1280, height: 900 } });
    await open(p, app.url, BIG);
    await p.getByRole("button", { name: "Play", exact: true }).click();
    // Take, apply, place, take, apply: into the second example, past two steps that painted overlays.
    await expect.poll(() => p.locator(".scrub input").inputValue(), { timeout: 20_000 }).toBe("1");
    await p.getByRole("button", { name: "Pause", exact: true }).click();
    await expect.poll(() => p.locator("canvas.overlay:not([hidden])").count(), { timeout: 10_000 }).toBe(0);
    // Steps from rest to where it paused: three per example before k, and k's phases up to the current one.
    const k = Number(await p.locator(".scrub input").inputValue());
    const phase = await p.locator("ol.phases li").evaluateAll((lis) => lis.findIndex((li) => li.getAttribute("aria-current") === "step"));
    expect(k).toBeGreaterThanOrEqual(1);
    expect(phase).toBeGreaterThanOrEqual(0);
    const moved = await outputPixels(p, /^Argument a/);
    await p.close();
    expectSamePicture(moved, await repainted(BIG, 3 * k + phase + 1, /^Argument a/));
  });

  it("paints the biggest grids on a 2× screen with the pixels the screen shows of them, not four times as many", async () => {
    const p = await app.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
    await open(p, app.url, BIG);
    const grid = p.getByRole("img", { name: /^Argument a/ }).first();
    await grid.locator("canvas").first().waitFor();
    const { backing, shownDevicePx, units } = await grid.evaluate((frame) => {
      const c = frame.querySelector("canvas:not(.overlay)") as HTMLCanvasElement;
      return { backing: c.width, shownDevicePx: frame.clientWidth * devicePixelRatio, units: parseFloat((frame as HTMLElement).style.width) };
    });
    // Shown at well under half its layout's width: one pixel per layout unit is still more than the screen shows.
    expect(shownDevicePx).toBeLessThan(units);
    expect(backing).toBeGreaterThanOrEqual(shownDevicePx);
    expect(backing).toBeLessThanOrEqual(Math.ceil(units) + 1);
    // Its cells are drawn: the picture is not blank.
    const png = await outputPixels(p, /^Argument a/);
    expect(inkOf(png)).toBeGreaterThan(0.5 * png.width * png.height);
    await p.close();
  });

  it("paints the biggest grids on a 1× screen at half a pixel per unit, gapless, with the ink of cells and gaps", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await open(page, app.url, BIG);
    const grid = page.getByRole("img", { name: /^Argument a/ }).first();
    await grid.locator("canvas").first().waitFor();
    const { backing, shown, units } = await grid.evaluate((frame) => {
      const c = frame.querySelector("canvas:not(.overlay)") as HTMLCanvasElement;
      return { backing: c.width, shown: frame.clientWidth, units: parseFloat((frame as HTMLElement).style.width) };
    });
    // Shown at under half its layout's width: half a pixel per unit, still more than the screen shows.
    expect(shown).toBeLessThan(units / 2);
    expect(backing).toBeGreaterThanOrEqual(shown);
    expect(backing).toBeLessThanOrEqual(Math.ceil(units / 2) + 1);
    // Inside the first tile (slice k = 0 of a, cells 3.5 units on a 4-unit pitch: pixelCells.ts
    // cellCover), every pixel holds the cell's colour at the share of its block the cell covers:
    // no pixel-wide gaps, which at this size would leave the tint paler than the cells' own.
    const png = await outputPixels(page, /^Argument a/);
    const alphas = new Set<number>();
    for (let y = 20; y < 60; y++) for (let x = 20; x < 60; x++) alphas.add(png.data[(y * png.width + x) * 4 + 3]);
    expect([...alphas]).toEqual([Math.round(255 * (3.5 / 4) ** 2)]);
  });
  /**
   * Counts, in the page, fillText calls on the grids' canvases; with `withoutMasks`, takes away
   * OffscreenCanvas, where the tile labels' masks are made (app/viz/glyphMasks.ts), so the grids
   * draw their labels with fillText as browsers without it do.
   */
  const LABEL_PROBE = (withoutMasks: boolean) => `(() => {
    ${withoutMasks ? "delete window.OffscreenCanvas;" : ""}
    window.__fillTexts = 0;
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (...a) {
      if (this.canvas.closest?.(".canvas-grid")) window.__fillTexts++;
      return fillText.apply(this, a);
    };
  })()`;

  it.each([1, 2])("blends the tile labels into a grid's pixels as fillText draws them, at %i× (the fillText path where OffscreenCanvas is missing)", async (dpr) => {
    const shots: PNG[] = [];
    const calls: number[] = [];
    for (const withoutMasks of [false, true]) {
      const p = await app.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: dpr });
      await p.addInitScript(LABEL_PROBE(withoutMasks));
      await open(p, app.url, FIVE_D);
      // A change repaints b's grid, labels and all (the batch axis's labels turn bold and magenta).
      await canvasGrid(p, /^Argument b/);
      await p.getByLabel("in_axes for b").selectOption("-1");
      await expect.poll(() => p.getByRole("img", { name: /^Argument b/ }).first().getAttribute("aria-label")).toMatch(/mapped along axis 4/);
      shots.push(await outputPixels(p, /^Argument b/));
      calls.push(await p.evaluate(() => (window as unknown as { __fillTexts: number }).__fillTexts));
      await p.close();
    }
    const [blended, drawn] = shots;
    // The labels are blended, not drawn, where masks can be made; drawn, every one, where not.
    expect(calls[0]).toBe(0);
    expect(calls[1]).toBeGreaterThan(30);
    // The same picture, labels included: the masks are the text engine's own coverage, placed
    // to a quarter of a pixel across, so a label's antialiased edge may differ by a few levels.
    expect([blended.width, blended.height]).toEqual([drawn.width, drawn.height]);
    let worst = 0;
    let inked = 0;
    for (let i = 0; i < drawn.data.length; i += 4) {
      if (drawn.data[i + 3] > 0) inked++;
      for (let ch = 0; ch < 4; ch++) worst = Math.max(worst, Math.abs((blended.data[i + ch] * blended.data[i + 3]) / 255 - (drawn.data[i + ch] * drawn.data[i + 3]) / 255));
    }
    expect(inked).toBeGreaterThan(1000);
    expect(worst).toBeLessThanOrEqual(24);
  });
});
