// Issue 18's pictures in a real Chromium: a batched cond (both branches, the taken one marked per
// example), a while_loop stepped through its iterations, a fori_loop's scan, and psum's values
// flowing across the batch; each screenshotted to tests/browser/screenshots/ (looked at).
import { join } from "node:path";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appLive, type AppServer } from "./appServer";
import { axeAudit, browserDescribe, desktopSuite, SHOTS } from "./suite";
import { encodeExplorer } from "../../app/state/urlState";
import { explorerOf, leaf, type ExplorerState } from "../../app/state/explorerTypes";

let app: AppServer;
let page: Page;

/** The lesson's states ("Indexing and control flow under vmap"); not presets (the first screen's JavaScript budget). */
const STATES: Record<string, ExplorerState> = {
  cond: explorerOf("lambda p, x: jax.lax.cond(p > 1.5, lambda y: y * 10.0, lambda y: -y, x)", [["p", leaf(4), 0], ["x", leaf(4, 2), 0]], 0),
  psum: { ...explorerOf("lambda x: x / jax.lax.psum(x, 'b')", [["x", leaf(4, 2), 0]], 0), axisName: "b" },
  while: explorerOf("lambda x: jax.lax.while_loop(lambda c: c < 10.0, lambda c: c * 2.0 + 1.0, x)", [["x", leaf(4), 0]], 0),
  fori: explorerOf("lambda x: jax.lax.fori_loop(0, 3, lambda i, c: c * 2.0 + i, x)", [["x", leaf(3, 2), 0]], 0),
};

async function openPreset(id: string) {
  await page.goto(`${app.url}#${encodeExplorer(STATES[id])}`);
  await appLive(page);
  await page.getByRole("region", { name: "Control flow and collectives" }).waitFor();
}

const picture = () => page.getByRole("region", { name: "Control flow and collectives" });

/** axe-core over the pictures and the call line (axis_name), as quality.test.ts runs it on the page. */
const axeViolations = () => axeAudit(page, ".control-picture", ".callline");

browserDescribe("control flow and collectives pictures", () => {
  desktopSuite((a, p) => {
    app = a;
    page = p;
  });

  it("a batched cond: every branch on every example, the taken one marked (p > 1.5 for p = 0, 1, 2, 3)", async () => {
    await openPreset("cond");
    const figure = picture();
    expect(await figure.textContent()).toContain("cond under vmap → select_n of every branch");
    const taken = await figure.locator("td.taken").allTextContents();
    const discarded = await figure.locator("td.discarded").count();
    expect(taken).toHaveLength(4);
    expect(discarded).toBe(4);
    // Examples 0 and 1 take false_fun (-y), 2 and 3 true_fun (y * 10).
    const rows = await figure.locator("tbody tr").all();
    const takenColumn = await Promise.all(rows.map((r) => r.locator("td").evaluateAll((tds) => tds.findIndex((td) => td.classList.contains("taken")))));
    expect(takenColumn).toEqual([0, 0, 1, 1]);
    // The side follows the picture once the controls rest (hooks.ts useViewBeside).
    await expect.poll(() => page.getByRole("region", { name: "Shape story" }).textContent()).toContain("vmap made it select_n");
    await figure.screenshot({ path: join(SHOTS, "control-cond.png") });
    expect(await axeViolations()).toEqual([]);
  });

  it("a while_loop with a batched predicate, stepped: it runs until every example is done", async () => {
    await openPreset("while");
    const figure = picture();
    expect(await figure.textContent()).toContain("while with a batched predicate");
    expect(await figure.textContent()).toContain("4 of 4 examples still running");
    const next = figure.getByRole("button", { name: "Next iteration" });
    for (let i = 0; i < 3; i++) await next.click();
    // x = 0, 1, 2, 3 under c ↦ 2c + 1 until c ≥ 10: 0 → 1 → 3 → 7 → 15 needs 4 iterations,
    // 1 → 3 → 7 → 15 three, 2 → 5 → 11 and 3 → 7 → 15 two; the done keep their carry.
    expect(await figure.textContent()).toContain("after iteration 3");
    expect(await figure.textContent()).toContain("1 of 4 examples still running");
    expect(await figure.locator("tr.done").count()).toBe(3);
    await figure.screenshot({ path: join(SHOTS, "control-while.png") });
    expect(await axeViolations()).toEqual([]);
    await next.click();
    expect(await figure.textContent()).toContain("0 of 4 examples still running");
  });

  it("fori_loop with Python-int bounds is a scan on the whole batch", async () => {
    await openPreset("fori");
    const figure = picture();
    expect(await figure.textContent()).toContain("scan under vmap → scan: 3 steps");
    await figure.getByRole("slider", { name: "Iteration" }).fill("3");
    expect(await figure.textContent()).toContain("after iteration 3 of 3");
    await figure.screenshot({ path: join(SHOTS, "control-fori.png") });
  });

  it("psum over axis_name='b': each example's value flows into the one sum every example gets", async () => {
    await openPreset("psum");
    expect(await page.getByLabel("axis_name").inputValue()).toBe("b");
    const figure = picture();
    expect(await figure.textContent()).toContain("psum under vmap → reduce_sum over the batch axis");
    expect(await figure.locator(".control-examples li").count()).toBe(4);
    // x = arange(8).reshape(4, 2): the per-example sums are [12, 16].
    expect(await figure.locator(".control-result").textContent()).toContain("[12, 16]");
    await expect.poll(() => page.getByRole("region", { name: "Python code" }).textContent()).toContain("axis_name='b'");
    await figure.screenshot({ path: join(SHOTS, "control-psum.png") });
    await page.screenshot({ path: join(SHOTS, "control-psum-page.png"), fullPage: false });
    expect(await axeViolations()).toEqual([]);
    // Dark theme too.
    await page.emulateMedia({ colorScheme: "dark" });
    await openPreset("cond");
    expect(await axeViolations()).toEqual([]);
    await picture().screenshot({ path: join(SHOTS, "control-cond-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });
  });
});
