// Indexing by values in a real Chromium: the "x[i] with a batched index" preset draws arrows from
// the chosen cells (the value and the index that chose it) to the hovered output cell, and the
// shape story says vmap turned dynamic_slice into gather. Screenshots in tests/browser/screenshots/.
import { join } from "node:path";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appLive, type AppServer } from "./appServer";
import { browserDescribe, desktopSuite, SHOTS } from "./suite";

let app: AppServer;
let page: Page;

browserDescribe("indexing by values in Chromium", () => {
  desktopSuite((a, p) => {
    app = a;
    page = p;
  });

  it("x[i]: arrows from x[i_k, j] and i[k] to out[k, j]; the story names the gather", async () => {
    await page.goto(app.url);
    await appLive(page);
    await page.getByLabel("Presets").selectOption("gather");
    await expect.poll(() => page.getByLabel("Output shape").textContent()).toBe("(4, 4)");
    const story = page.getByRole("region", { name: "Shape story" });
    await expect.poll(() => story.textContent()).toContain("vmap turned it into gather");
    // out[2, 1] = x[i[2], 1] = x[2, 1]: its arrows come from x's cell (2, 1) and i's cell 2.
    const out = page.getByRole("img", { name: /^Output out/ });
    await out.focus();
    for (let n = 0; n < 2; n++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.locator("#cell-readout").textContent()).toMatch(/^out\[2, 1\] = 9(\.0)?, from k = 2 ← x\[2, 1\], chosen by i\[2\]/);
    const arrows = page.getByTestId("gather-arrows");
    await expect.poll(() => arrows.locator("path.value").count()).toBe(1);
    expect(await arrows.locator("path.index").count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, "gather-arrows-1280.png"), fullPage: true });
    // Hovering an input cell: arrows to every output cell that read it (x[0, 1] → out[0, 1] and out[3, 1]).
    const x = page.getByRole("img", { name: /^Argument x/ });
    await x.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.locator("#cell-readout").textContent()).toMatch(/^x\[0, 1\] = x₀₁ = 1/);
    await expect.poll(() => arrows.locator("path.value").count()).toBe(2);
    await page.screenshot({ path: join(SHOTS, "gather-arrows-input-1280.png"), fullPage: true });
  });

  it("x[jnp.argmax(x)]: arrows from the row argmax read to the pick", async () => {
    await page.goto(app.url);
    await appLive(page);
    await page.getByLabel("Presets").selectOption("argmax-pick");
    await expect.poll(() => page.getByLabel("Output shape").textContent()).toBe("(3,)");
    await page.getByRole("img", { name: /^Output out/ }).focus();
    await page.keyboard.press("ArrowRight");
    // out[1] = x[1, argmax(x[1])]: an arrow from that one cell (argmax reads the whole row, and
    // the highlight shows it; the arrows show every source, so the row's cells all point in).
    await expect.poll(() => page.getByTestId("gather-arrows").locator("path.value").count()).toBe(4);
    await page.screenshot({ path: join(SHOTS, "argmax-pick-1280.png"), fullPage: true });
  });
});
