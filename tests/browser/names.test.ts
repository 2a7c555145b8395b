// The built app in Chromium with the links that used to leave a blank page: a parameter named
// `__proto__` or `constructor` shows the explorer with that parameter, and again after a reload;
// a `constructor` lambda can be typed key by key; a 10,000-character paste is kept whole; an
// over-limit axis_size shows the engine's too-large message. Screenshot: proto-link-1280.png.
import { join } from "node:path";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { MAX_SOURCE_LENGTH } from "../../engine/index";
import { showPanels, type AppServer, appLive } from "./appServer";
import { browserDescribe, desktopSuite, SHOTS } from "./suite";
import { editorText } from "./editor";


let app: AppServer;
let page: Page;
const pageErrors: string[] = [];

const outShape = () => page.getByLabel("Output shape").textContent();

async function open(hash: string) {
  await page.goto(`${app.url}${hash}`);
  await appLive(page);
}

/** The explorer shows `name` as its one parameter with `shape`, and draws `out`; no alert. */
async function expectParam(name: string, shape: string, out: string) {
  expect(await page.getByLabel(`Shape of ${name}`, { exact: true }).inputValue()).toBe(shape);
  expect(await page.getByLabel(`in_axes for ${name}`, { exact: true }).inputValue()).toBe("0");
  await expect.poll(outShape).toBe(out);
  expect(await page.getByRole("alert").count()).toBe(0);
}

browserDescribe("parameter names and limits in Chromium", () => {
  desktopSuite((a, p) => {
    app = a;
    page = p;
    page.on("pageerror", (e) => pageErrors.push(e.message));
  });

  it("opens the __proto__ link, and reloads it", async () => {
    await open("#f=lambda+__proto__%3A+__proto__&shape.__proto__=(2,)&in.__proto__=0&out=0");
    expect(await editorText(page)).toBe("lambda __proto__: __proto__");
    await expectParam("__proto__", "(2,)", "(2,)");
    await page.screenshot({ path: join(SHOTS, "proto-link-1280.png"), fullPage: true });
    await page.reload();
    await appLive(page);
    await expectParam("__proto__", "(2,)", "(2,)");
    expect(pageErrors).toEqual([]);
  });

  it("opens a constructor link, and reloads it", async () => {
    await open("#f=lambda+constructor%3A+constructor+*+2.0&shape.constructor=(3%2C+2)&in.constructor=0&out=0");
    await expectParam("constructor", "(3, 2)", "(3, 2)");
    await page.reload();
    await appLive(page);
    await expectParam("constructor", "(3, 2)", "(3, 2)");
    expect(pageErrors).toEqual([]);
  });

  it("types a constructor lambda key by key, the ':' included", async () => {
    await open("");
    const fn = page.getByLabel("Function");
    await fn.fill("");
    await fn.pressSequentially("lambda constructor: constructor + 1.0");
    expect(await editorText(page)).toBe("lambda constructor: constructor + 1.0");
    await expectParam("constructor", "(2, 2)", "(2, 2)");
    expect(pageErrors).toEqual([]);
  });

  it("keeps a 10,000-character paste whole, and states the limit past it", async () => {
    await open("");
    const fn = page.getByLabel("Function");
    const text = "lambda a, b: a * b" + " ".repeat(MAX_SOURCE_LENGTH - 18);
    await fn.fill("");
    await fn.focus();
    await page.keyboard.insertText(text); // what a paste does: one insertion, subject to maxlength
    expect((await editorText(page)).length).toBe(MAX_SOURCE_LENGTH);
    // The empty field's error goes once typing pauses (app/state/typingPause.ts).
    await expect.poll(() => page.getByRole("alert").count()).toBe(0);
    await expect.poll(outShape).toBe("(2, 2)");
    await page.keyboard.insertText(" ");
    expect((await editorText(page)).length).toBe(MAX_SOURCE_LENGTH + 1);
    await expect.poll(() => page.getByRole("alert").textContent()).toContain(`the limit is ${MAX_SOURCE_LENGTH.toLocaleString("en-US")}`);
  });

  it("shows the engine's too-large message for axis_size 999999999, in the explorer and the panels", async () => {
    await open("#f=lambda+a%2C+b%3A+a+%2B+b&shape.a=(2,)&shape.b=(2,)&in.a=None&in.b=None&out=0&size=999999999");
    await expect.poll(() => page.getByRole("alert").getAttribute("data-kind")).toBe("too-large");
    expect(await page.getByRole("alert").textContent()).toContain("1,999,999,998");
    await showPanels(page);
    await page.getByLabel("jit code").waitFor();
    await page.getByLabel("argnums").waitFor();
    await page.waitForTimeout(300);
    const body = (await page.locator("body").textContent()) ?? "";
    expect(body).not.toContain("Internal error");
    expect(body).not.toContain("allocation");
    expect(pageErrors).toEqual([]);
  });
});
