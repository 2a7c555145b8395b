// "Ways to batch" and pmap over simulated devices in a real Chromium: the four ways timed in the
// timing worker (a real Web Worker) with a tick per result, the quickstart's selu eager vs jit;
// the call line switched to jax.pmap with its device lanes and JAX's too-many-slices error; axe
// finds nothing on either, light and dark. Screenshots go to tests/browser/screenshots/ (looked at).
import { join } from "node:path";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appLive, showPanels, type AppServer } from "./appServer";
import { axeAudit, browserDescribe, desktopSuite, SHOTS } from "./suite";

let app: AppServer;
let page: Page;

const ways = () => page.locator("section.ways");

async function open(hash = "") {
  await page.goto(`${app.url}#${hash}`);
  await appLive(page);
}

const axe = (include: string) => axeAudit(page, include);

browserDescribe("Ways to batch and pmap, in Chromium", () => {
  desktopSuite((a, p) => {
    app = a;
    page = p;
  });

  it("times the four ways of the blog's add in the worker, ticks each result; axe-clean light and dark", async () => {
    await open();
    await showPanels(page);
    await page.getByRole("heading", { name: "Ways to batch" }).waitFor({ timeout: 20_000 });
    await ways().getByRole("button", { name: "Time the ways" }).click();
    await expect.poll(() => ways().locator(".ways-bar").count(), { timeout: 30_000 }).toBe(4);
    expect(await ways().locator(".ways-check.ok").count()).toBe(3);
    expect(await ways().locator(".ways-check.bad").count()).toBe(0);
    await ways().scrollIntoViewIfNeeded();
    await ways().screenshot({ path: join(SHOTS, "ways-blog-add.png") });
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axe("section.ways"), scheme).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: "light" });
  }, 90_000);

  it("the quickstart: apply_matrix batched naively, by hand and with vmap, and selu on 10⁶ eager vs jit", async () => {
    await open();
    await showPanels(page);
    await ways().getByRole("button", { name: "Load JAX's quickstart" }).click();
    await expect.poll(() => ways().getByLabel("By hand code", { exact: true }).textContent(), { timeout: 20_000 }).toBe("out = jnp.dot(v, mat.T)");
    await ways().getByRole("button", { name: "Time the ways" }).click();
    await expect.poll(() => ways().locator(".ways-bar").count(), { timeout: 60_000 }).toBe(6);
    expect(await ways().locator(".ways-check.ok").count()).toBe(4);
    expect(await ways().locator(".ways-check.bad").count()).toBe(0);
    await ways().scrollIntoViewIfNeeded();
    await ways().screenshot({ path: join(SHOTS, "ways-quickstart.png") });
  }, 120_000);

  it("switches the call to jax.pmap: device lanes, then JAX's error for more slices than devices; axe-clean", async () => {
    await open("f=lambda+a%2C+b%3A+a+%2B+b&shape.a=(4%2C2)&shape.b=(4%2C2)&in.a=0&in.b=0&out=0");
    await page.getByLabel("Map with").selectOption("pmap");
    await page.getByRole("list", { name: "Device lanes" }).waitFor();
    expect(await page.getByRole("list", { name: "Device lanes" }).getByRole("listitem").count()).toBe(8);
    await expect.poll(() => page.url()).toContain("map=pmap");
    await page.locator("main").screenshot({ path: join(SHOTS, "pmap-lanes.png") });
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axe(".callline"), scheme).toEqual([]);
      expect(await axe(".device-lanes"), scheme).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.getByLabel("Devices").fill("3");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("but 3 does not evenly divide 4");
    await page.locator(".callline").screenshot({ path: join(SHOTS, "pmap-too-many-slices.png") });
    expect(await axe(".callline")).toEqual([]);
  }, 60_000);
});
