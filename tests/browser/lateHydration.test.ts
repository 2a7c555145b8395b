// The parts whose code arrives after the first screen's (the shape story and the out_axes table,
// the code panel) may hydrate after the visitor has changed the state: their chunks are held
// back here until then. They hydrate against the prerendered HTML with no mismatch (React would
// report error #418 and redraw them), then show the state the visitor made.
import { afterAll, beforeAll, expect, it } from "vitest";
import { appLive, startApp, type AppServer } from "./appServer";
import { browserDescribe, expectCleanConsole } from "./suite";

let app: AppServer;

browserDescribe("parts that hydrate late", () => {
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });
  expectCleanConsole(() => app.problems);

  it("hydrate without a mismatch after the state changed, then show the new state", async () => {
    const page = await app.newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: "reduce" });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route(/\/assets\/(Beside|CodePanel)-[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(app.url);
    await appLive(page);
    // The prerendered side and code stay there, the default example's (out_axes 0), while their
    // code is on its way: a slow network's second or two (they vanished after ~0.6 s when App
    // re-rendered their unhydrated boundaries).
    await page.waitForTimeout(1500);
    expect(await page.getByRole("region", { name: "Where the batch axis can go" }).innerText()).toContain("0 / -2 ◀ current");
    expect(await page.getByTestId("python-code").count()).toBe(1);
    await page.getByLabel("out_axes").selectOption("1");
    await page.getByLabel("Function").first().fill("lambda a, b: a * b");
    await page.waitForTimeout(400);
    // An example loaded with the keyboard, as the Examples menu's test does.
    await page.getByLabel("Presets").focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForTimeout(400);
    release();
    const code = page.getByTestId("python-code");
    await expect.poll(() => code.textContent()).toContain("jnp.add(a, b)");
    const table = page.getByRole("region", { name: "Where the batch axis can go" });
    await expect.poll(() => table.locator("[aria-current]").first().innerText()).toContain("0 / -3 ◀ current");
    await page.close();
  });
});
