// The grad and jit panels' explanations in a real Chromium, for the blog's functions and an MLP
// loss: "How vmap rewrote the program", "The computation graph" stepped to the gradients, and
// "Time against size" run in a real Web Worker (the page keeps answering while it runs); their code
// fetched while the page is idle, before it comes near them.
// Screenshots go to tests/browser/screenshots/ (looked at).
import { join } from "node:path";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { AppServer } from "./appServer";
import { browserDescribe, desktopSuite, SHOTS } from "./suite";
import { appLive } from "./appServer";


let app: AppServer;
let page: Page;

const FIVE_D = "f=lambda+a%2C+b%3A+a+%2B+b&shape.a=(2%2C3%2C5%2C7%2C9)&fill.a=unique&shape.b=(2%2C3%2C5%2C7%2C9)&fill.b=unique&in.a=None&in.b=0&out=3";
const MLP = "lambda w, x: jnp.mean(jnp.tanh(x @ w) ** 2)";

async function open(hash = "") {
  await page.goto(`${app.url}#${hash}`);
  await appLive(page);
  await page.getByRole("heading", { name: "How vmap rewrote the program" }).waitFor({ timeout: 20_000 });
  await page.getByRole("heading", { name: "The computation graph" }).waitFor({ timeout: 20_000 });
}
const section = (name: string) => page.locator("section", { has: page.getByRole("heading", { name, exact: true }) }).last();

browserDescribe("grad and jit panels explain, in Chromium", () => {
  desktopSuite((a, p) => {
    app = a;
    page = p;
  });

  it("the blog's 2×2 add and 5-d add: the rewrite pairs the jaxprs and flags vmap's transpose", async () => {
    await open();
    const rw = section("How vmap rewrote the program");
    // The panels follow the explorer a frame later (usePanelInputs): poll.
    await expect.poll(() => rw.locator("tr.rw-row").count()).toBe(1);
    expect(await rw.locator("tr.rw-added").count()).toBe(0);
    await open(FIVE_D);
    await expect.poll(() => rw.locator("tr.rw-added").count()).toBe(1);
    expect(await rw.locator("tr.rw-added").textContent()).toContain("transpose[permutation=(1, 2, 3, 0, 4, 5)]");
    await rw.locator("tr.rw-row").nth(1).hover();
    await expect.poll(() => page.locator(".story li.linked").count()).toBe(1);
    await rw.scrollIntoViewIfNeeded();
    await rw.screenshot({ path: join(SHOTS, "panels-rewrite-5d.png") });
  }, 60_000);

  it("fetches the panels' code while the page is idle and far from them, so coming near them later downloads nothing", async () => {
    // A page of its own: the suite's page has loaded the panels already.
    const fresh = await app.newPage({ viewport: { width: 1280, height: 900 } });
    const asked: string[] = [];
    fresh.on("request", (r) => asked.push(new URL(r.url()).pathname));
    await fresh.goto(`${app.url}#${FIVE_D}`);
    await appLive(fresh);
    const panelCode = () => ["GradPanel", "JitPanel"].every((n) => asked.some((p) => new RegExp(`/${n}-[\\w-]+\\.js$`).test(p)));
    await expect.poll(panelCode, { timeout: 10_000 }).toBe(true);
    // Still far below the picture: placeholders, not the panels.
    expect(await fresh.locator(".panel-loading").count()).toBe(2);
    const before = asked.length;
    await fresh.locator(".panels").scrollIntoViewIfNeeded();
    await fresh.getByRole("heading", { name: "How vmap rewrote the program" }).waitFor({ timeout: 20_000 });
    expect(asked.slice(before).filter((p) => /\/(GradPanel|JitPanel|gradModel|memoPerState)-/.test(p))).toEqual([]);
    await fresh.close();
  }, 60_000);

  it("an MLP loss: the computation graph steps forward and backward to the gradient", async () => {
    await open();
    await page.getByLabel("Function").fill(MLP);
    const cg = section("The computation graph");
    await expect.poll(() => cg.locator(".cg-node.cg-eqn").count(), { timeout: 10_000 }).toBe(5);
    await cg.getByRole("button", { name: "Start of backward pass" }).click();
    await cg.getByRole("button", { name: "Next step" }).click();
    expect(await cg.getByLabel("Step caption").textContent()).toMatch(/^Backward 2\/5: the VJP rule of reduce_sum/);
    await cg.scrollIntoViewIfNeeded();
    await cg.screenshot({ path: join(SHOTS, "panels-graph-backward.png") });
    const last = Number(await cg.getByLabel("Step", { exact: true }).getAttribute("max"));
    await cg.getByLabel("Step", { exact: true }).fill(String(last));
    await expect.poll(() => cg.getByLabel("Step caption").textContent()).toMatch(/^Gradients: ∂loss\/∂w \(a\) = /);
    // The last frame's cotangent of w is what the grad panel shows as the gradient.
    const ct = await cg.locator('.cg-node [data-ct="a"]').textContent();
    const first = await page.getByRole("table", { name: "Gradient values" }).getByRole("cell").first().textContent();
    expect(Number(ct!.replace(/^ct \[/, "").split(",")[0])).toBeCloseTo(Number(first), 3);
  }, 60_000);

  it("a non-scalar output offers a loss; Time across sizes runs in a worker with progress and the page keeps answering", async () => {
    await open();
    const cg = section("The computation graph");
    await cg.getByRole("status").waitFor();
    expect(await cg.getByRole("status").textContent()).toMatch(/^TypeError: Gradient only defined for scalar-output functions/);
    await cg.getByRole("button", { name: "squared norm" }).click();
    await expect.poll(() => cg.getByLabel("Graph loss function").textContent()).toBe("loss = lambda a, b: jnp.sum(jnp.square(a + b))");
    await cg.scrollIntoViewIfNeeded();
    await cg.screenshot({ path: join(SHOTS, "panels-graph-loss.png") });

    const tas = section("Time against size");
    await tas.getByRole("button", { name: "Time across sizes" }).click();
    await tas.getByRole("progressbar").waitFor();
    // The main thread is free: a typed edit is answered while the worker times.
    const t0 = Date.now();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    expect(Date.now() - t0).toBeLessThan(500);
    await tas.getByLabel("Retraces").waitFor({ timeout: 120_000 });
    expect(await tas.getByLabel("Retraces").textContent()).toMatch(/traced 5 times/);
    expect(await tas.locator(".tas-series").count()).toBe(3);
    await tas.scrollIntoViewIfNeeded();
    await tas.screenshot({ path: join(SHOTS, "panels-time-against-size.png") });
    // Cancel: a second sweep stops at once.
    await tas.getByRole("button", { name: "Time across sizes" }).click();
    await tas.getByRole("button", { name: "Cancel" }).click();
    expect(await tas.getByRole("status").textContent()).toBe("Cancelled.");
  }, 180_000);
});
