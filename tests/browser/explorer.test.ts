// The built app in a real Chromium: the blog's examples through the page's accessible names,
// with screenshots at 1280 px and 390 px wide (saved to tests/browser/screenshots/, looked at).
import { join } from "node:path";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { AppServer } from "./appServer";
import { browserDescribe, desktopSuite, SHOTS } from "./suite";
import { editorText } from "./editor";
import { appLive } from "./appServer";
import { URL_MAX_WAIT_MS } from "../../app/state/urlSync";


let app: AppServer;
let page: Page;

const outShape = () => page.getByLabel("Output shape").textContent();
const alertText = () => page.getByRole("alert").textContent();

/**
 * A new document at the link: going from one link to another of the same page is only a
 * hash change (the old page stays, already live), which would let a test act on the old state.
 */
async function openFresh(hash = "") {
  await page.goto("about:blank");
  await page.goto(`${app.url}#${hash}`);
  await appLive(page);
}

const FIVE_D = "f=lambda+a%2C+b%3A+a+%2B+b&shape.a=(2%2C3%2C5%2C7%2C9)&fill.a=unique&shape.b=(2%2C3%2C5%2C7%2C9)&fill.b=unique&in.a=None&in.b=0&out=3";

async function setShape(name: string, text: string) {
  await page.getByLabel(`Shape of ${name}`, { exact: true }).fill(text);
}

browserDescribe("explorer in Chromium", () => {
  desktopSuite((a, p) => {
    app = a;
    page = p;
  });

  it("walks the 2×2 example through each in_axes", async () => {
    await openFresh();
    expect(await editorText(page)).toBe("lambda a, b: a + b");
    expect(await outShape()).toBe("(2, 2)");
    const cases: [string, string, string][] = [
      ["0", "0", "(2, 2)"],
      ["0", "1", "(2, 2)"],
      ["1", "0", "(2, 2)"],
      ["-1", "-2", "(2, 2)"],
      ["None", "0", "(2, 2, 2)"],
      ["0", "None", "(2, 2, 2)"],
      ["None", "1", "(2, 2, 2)"],
    ];
    for (const [a, b, shape] of cases) {
      await page.getByLabel("in_axes for a").selectOption(a);
      await page.getByLabel("in_axes for b").selectOption(b);
      await expect.poll(outShape, { message: `in_axes (${a}, ${b})` }).toBe(shape);
      expect(await page.getByRole("alert").count()).toBe(0);
    }
    await page.screenshot({ path: join(SHOTS, "2x2-none-1-1280.png"), fullPage: true });
    await page.getByLabel("in_axes for a").selectOption("None");
    await page.getByLabel("in_axes for b").selectOption("None");
    await expect.poll(alertText).toContain("vmap must have at least one non-None value in in_axes or axis_size must be specified");
    await page.getByLabel("axis_size").fill("3");
    await expect.poll(outShape).toBe("(3, 2, 2)");
  });

  it("shows the (2,3,5,7,9) error, then every out_axes of the working None case", async () => {
    await openFresh();
    await setShape("a", "(2,3,5,7,9)");
    await setShape("b", "(2,3,5,7,9)");
    await page.getByLabel("in_axes for a").selectOption("0");
    await page.getByLabel("in_axes for b").selectOption("1");
    await expect
      .poll(alertText)
      .toContain(
        "vmap got inconsistent sizes for array axes to be mapped:\n  * one axis had size 2: axis 0 of argument a of type float32[2,3,5,7,9];\n  * one axis had size 3: axis 1 of argument b of type float32[2,3,5,7,9]",
      );
    expect(await page.getByLabel("Shape of a", { exact: true }).inputValue()).toBe("(2,3,5,7,9)");
    await page.screenshot({ path: join(SHOTS, "5d-error-1280.png"), fullPage: true });
    await page.getByLabel("in_axes for a").selectOption("None");
    await page.getByLabel("in_axes for b").selectOption("0");
    const expected = ["(2, 2, 3, 5, 7, 9)", "(2, 2, 3, 5, 7, 9)", "(2, 3, 2, 5, 7, 9)", "(2, 3, 5, 2, 7, 9)", "(2, 3, 5, 7, 2, 9)", "(2, 3, 5, 7, 9, 2)"];
    for (let o = 0; o <= 5; o++) {
      await page.getByLabel("out_axes").selectOption(String(o));
      await expect.poll(outShape, { message: `out_axes ${o}` }).toBe(expected[o]);
      await page.getByLabel("out_axes").selectOption(String(o - 6));
      await expect.poll(outShape, { message: `out_axes ${o - 6}` }).toBe(expected[o]);
    }
    await page.getByLabel("out_axes").selectOption("3");
    await expect.poll(outShape).toBe("(2, 3, 5, 2, 7, 9)");
    await page.screenshot({ path: join(SHOTS, "5d-out3-1280.png"), fullPage: true });
    await page.getByLabel("out_axes").selectOption("6");
    await expect.poll(alertText).toContain("ValueError: axis 6 is out of bounds for array of dimension 6");
    await page.getByLabel("in_axes for b").selectOption("1");
    await expect.poll(alertText).toContain("ValueError: Incompatible shapes for broadcasting: shapes=[(2, 3, 5, 7, 9), (2, 5, 7, 9)]");
  });

  it("a wrong in_axes on the (2,3,5,7,9) example does not move its own menu: the error inside f shows under the call line", async () => {
    await openFresh(FIVE_D);
    const menu = page.getByLabel("in_axes for b");
    const before = (await menu.boundingBox())!;
    // b's slice along axis 2 is (2, 3, 7, 9): it does not broadcast with a's (2, 3, 5, 7, 9) inside f.
    await menu.selectOption("2");
    await expect.poll(alertText).toContain("ValueError: Incompatible shapes for broadcasting: shapes=[(2, 3, 5, 7, 9), (2, 3, 7, 9)]");
    const after = (await menu.boundingBox())!;
    expect(after.y).toBe(before.y);
    await expect.poll(async () => ((await page.getByRole("alert").boundingBox())?.y ?? 0) > after.y + after.height).toBe(true);
    // A mistake in the text itself stays under the field being typed in, above the call line.
    await page.getByLabel("in_axes for b").selectOption("0");
    await expect.poll(() => page.getByRole("alert").count()).toBe(0);
    await page.getByLabel("Function").first().click();
    await page.keyboard.press("End");
    await page.keyboard.type(" +");
    await expect.poll(alertText).toContain("SyntaxError");
    // The field the user sees: CodeMirror may be taking the plain field's place (both labelled
    // "Function" for a moment, one of them hidden), so the boxes are read until both stand.
    const field = page.getByLabel("Function", { exact: true }).filter({ visible: true });
    const between = async () => {
      const [f, a, m] = await Promise.all([field.boundingBox(), page.getByRole("alert").boundingBox(), menu.boundingBox()]);
      return f && a && m ? { belowField: a.y > f.y, aboveMenu: a.y < m.y } : null;
    };
    await expect.poll(between).toEqual({ belowField: true, aboveMenu: true });
  });

  it("survives a reload, rejects a hostile link, and plays the animation", async () => {
    await openFresh();
    await page.getByLabel("in_axes for a").selectOption("None");
    await expect.poll(outShape).toBe("(2, 2, 2)");
    // The link is written once changes pause, or every URL_MAX_WAIT_MS while they go on (the first
    // visit's animation may be playing, and its step is in the link): reload once it holds the change.
    await expect.poll(() => page.url(), { timeout: URL_MAX_WAIT_MS + 3000 }).toContain("in.a=None");
    await page.reload();
    await appLive(page);
    expect(await outShape()).toBe("(2, 2, 2)");
    expect(await page.getByLabel("in_axes for a").inputValue()).toBe("None");
    await page.getByRole("button", { name: "Play" }).click();
    await expect.poll(() => page.locator(".caption").textContent(), { timeout: 8000 }).toContain("k = 1 of 2");
    await page.keyboard.press("Space");
    await page.screenshot({ path: join(SHOTS, "animation-1280.png"), fullPage: true });

    // Opened fresh on the hostile link (a hash set on the open page, then reloaded, raced the
    // page's own write of its fallback state into the link: whichever came first was loaded).
    await openFresh(`f=${encodeURIComponent("<img src=x onerror=alert(1)>")}`);
    await expect.poll(() => page.locator(".notice").allTextContents().then((t) => t.join(" "))).toContain("could not be read");
    expect(await page.locator("img").count()).toBe(0);
    expect(await outShape()).toBe("(2, 2)");
  });

  it("hovering a cell of the (2,3,5,7,9) result names the input cells it came from", async () => {
    await openFresh(FIVE_D);
    const grid = page.getByRole("img", { name: /^Output out/ });
    await grid.scrollIntoViewIfNeeded();
    const box = (await grid.boundingBox())!;
    // Sweep over the first tiles (gaps between tiles keep the last cell hovered).
    await page.mouse.move(box.x + 20, box.y + 20);
    await page.mouse.move(box.x + 160, box.y + 90, { steps: 12 });
    // Provenance is computed on the first hover, once per state, on the page's own thread.
    const readout = () => page.locator(".readout").textContent();
    const re = /^out\[(\d+), (\d+), (\d+), (\d+), (\d+), (\d+)\] = (\d+)\.0, from k = (\d+) ← a\[([\d, ]+)\]; b\[([\d, ]+)\]$/;
    await expect.poll(readout, { timeout: 10_000 }).toMatch(re);
    // out[i, j, l, k, m, n] = a[i, j, l, m, n] + b[k, j, l, m, n]; a counts from 0, b from 10⁷ in
    // steps of 1890 (a's size: every sum names both cells, and stays an exact float32 integer).
    const m = re.exec((await readout())!)!.slice(1).map((x) => x.split(", ").map(Number));
    const [[i], [j], [l], [k], [mm], [n], [v], [kk], a, b] = m;
    expect(kk).toBe(k);
    expect(a).toEqual([i, j, l, mm, n]);
    expect(b).toEqual([k, j, l, mm, n]);
    const flat = (idx: number[], shape: number[]) => idx.reduce((acc, x, d) => acc * shape[d] + x, 0);
    expect(v).toBe(flat(a, [2, 3, 5, 7, 9]) + 1e7 + 1890 * flat(b, [2, 3, 5, 7, 9]));
    // The pointer stays on the grid while out_axes changes: the new state's provenance follows.
    await page.getByLabel("out_axes").selectOption("0");
    await expect.poll(outShape).toBe("(2, 2, 3, 5, 7, 9)");
    await expect.poll(readout, { timeout: 10_000 }).toMatch(/^out\[(\d+, ){5}\d+\] = \d+\.0, from k = \d+ ← a\[/);
    await page.mouse.move(0, 0);
  });

  it("a click or a tap on a cell shows where that cell came from (canvas and SVG grids)", async () => {
    const readout = () => page.locator(".readout").textContent();
    const re = /^out\[([\d, ]+)\] = (\d+)\.0, from k = (\d+) ← a\[([\d, ]+)\]; b\[([\d, ]+)\]$/;
    // Canvas grid (the (2,3,5,7,9) result): the cell under a point, found by hovering it...
    await openFresh(FIVE_D);
    const grid = page.getByRole("img", { name: /^Output out/ });
    await grid.scrollIntoViewIfNeeded();
    expect(await grid.evaluate((el) => el.classList.contains("canvas-grid"))).toBe(true);
    const box = (await grid.boundingBox())!;
    const at = { x: box.x + 150, y: box.y + 80 };
    await page.mouse.move(at.x, at.y);
    await expect.poll(readout, { timeout: 10_000 }).toMatch(re);
    const hovered = (await readout())!;
    expect(hovered.startsWith("out[0, 0, 0, 0, 0, 0]")).toBe(false);
    await page.mouse.move(0, 0);
    // ...is the cell a click there reports (the grid takes focus: it used to report cell 0).
    await page.mouse.click(at.x, at.y);
    await expect.poll(readout, { timeout: 10_000 }).toBe(hovered);
    // And a tap on a touch screen.
    const touch = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, hasTouch: true });
    const phone = await touch.newPage();
    await phone.goto(`${app.url}#${FIVE_D}`);
    await appLive(phone);
    const pgrid = phone.getByRole("img", { name: /^Output out/ });
    await pgrid.scrollIntoViewIfNeeded();
    const pbox = (await pgrid.boundingBox())!;
    await phone.touchscreen.tap(pbox.x + 150, pbox.y + 80);
    await expect.poll(() => phone.locator(".readout").textContent(), { timeout: 10_000 }).toBe(hovered);

    // SVG grids (2×2, in_axes (None, 0), symbols: the link names no fill): tap out[1, 0, 1] =
    // a[0, 1] + b[1, 1] = 1 + 130; the highlighted input cells are exactly those indices (flat: a 1, b 3).
    await phone.goto(`${app.url}#f=lambda+a%2C+b%3A+a+%2B+b&shape.a=(2%2C2)&shape.b=(2%2C2)&in.a=None&in.b=0&out=0`);
    await appLive(phone);
    const out = phone.getByRole("img", { name: /^Output out/ });
    expect(await out.evaluate((el) => el.tagName.toLowerCase())).toBe("svg");
    const target = out.locator('g.cell[data-i="5"] rect');
    const tbox = (await target.boundingBox())!;
    await phone.touchscreen.tap(tbox.x + tbox.width / 2, tbox.y + tbox.height / 2);
    await expect.poll(() => phone.locator(".readout").textContent(), { timeout: 10_000 }).toBe("out[1, 0, 1] = a₀₁ + b₁₁ = 131.0, from k = 1 ← a[0, 1]; b[1, 1]");
    const hl = (name: RegExp) => phone.getByRole("img", { name }).locator("g.cell.hl").evaluateAll((gs) => gs.map((g) => Number(g.getAttribute("data-i"))));
    await expect.poll(() => hl(/^Argument a/)).toEqual([1]);
    expect(await hl(/^Argument b/)).toEqual([3]);
    expect(await hl(/^Output out/)).toEqual([5]);
    await phone.screenshot({ path: join(SHOTS, "tap-svg-1280.png"), fullPage: true });
    await touch.close();
  });

  it("draws a nested tuple argument leaf by leaf, mapped as vmap maps it", async () => {
    const f = encodeURIComponent("lambda q, p: q + p[0] + p[1][0] * p[1][1]");
    await openFresh(`f=${f}&shape.q=(3%2C)&shape.p=((3%2C)%2C((3%2C)%2C(3%2C)))&in.q=None&in.p=(0%2C0)&out=0`);
    expect(await outShape()).toBe("(3, 3)");
    expect(await page.getByRole("alert").count()).toBe(0);
    for (const name of ["p[0]", "p[1][0]", "p[1][1]"]) {
      // The link names no fill: symbols, listed in the grid's name.
      expect(await page.getByRole("img", { name: `Argument ${name}, shape (3,), mapped along axis 0: ${name}₀, ${name}₁, ${name}₂`, exact: true }).count()).toBe(1);
    }
    await page.screenshot({ path: join(SHOTS, "nested-tuple-1280.png"), fullPage: true });
  });

  it("reads at 390 px wide", async () => {
    const phone = await app.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${app.url}#f=lambda+a%2C+b%3A+a+%2B+b&shape.a=(2%2C3%2C5%2C7%2C9)&fill.a=unique&shape.b=(2%2C3%2C5%2C7%2C9)&fill.b=unique&in.a=None&in.b=0&out=3`);
    await appLive(phone);
    expect(await phone.getByLabel("Output shape").textContent()).toBe("(2, 3, 5, 2, 7, 9)");
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    // The shape fields show the whole (2, 3, 5, 7, 9), not a clipped "(2, 3, 5, 7, 9".
    for (const name of ["a", "b"]) {
      const field = phone.getByLabel(`Shape of ${name}`);
      expect(await field.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
    }
    await phone.screenshot({ path: join(SHOTS, "5d-out3-390.png"), fullPage: true });
    await phone.goto(`${app.url}`);
    await appLive(phone);
    await phone.screenshot({ path: join(SHOTS, "default-390.png"), fullPage: true });
    await phone.close();
  });
});
