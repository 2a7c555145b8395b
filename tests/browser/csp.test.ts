// The BUILT app under a Content-Security-Policy that forbids eval (`script-src 'self'`, no
// 'unsafe-eval'): the explorer still works and the jit panel runs its programs interpreted, with
// the right numbers; the same page without the header compiles them. A tiny node http server
// over the build adds the header when the page is asked for with `?csp`. Screenshots of the
// panels at 1280 px and 390 px go to tests/browser/screenshots/ (looked at).
import { mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { builtApp, CHROMIUM, CHROMIUM_ARGS, recordProblems, showPanels, appLive } from "./appServer";
import { browserDescribe, expectCleanConsole } from "./suite";
import { explorerOf, leaf } from "../../app/state/explorerTypes";
import { encodeExplorer } from "../../app/state/urlState";

const SHOTS = join(__dirname, "screenshots");
const CSP = "script-src 'self'";
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json" };

let outDir = "";
let server: Server;
let base = "";
let browser: Browser;
const problems: string[] = [];
/** Chromium's own report of the refused `new Function` probe: expected on the `?csp` page only. */
const REFUSED_EVAL = /Refused to evaluate a string as JavaScript because 'unsafe-eval'/;

/** Serves the build; the HTML document carries the CSP header when the URL has `?csp`. */
function serve(dir: string): Promise<Server> {
  const srv = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, "");
    let file = join(dir, rel);
    if (!file.startsWith(dir) || !statSync(file, { throwIfNoEntry: false })?.isFile()) file = join(dir, "index.html");
    const headers: Record<string, string> = { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" };
    // The worker's script carries its own policy (a worker does not inherit the page's): it is
    // asked for by the ?csp page, so its Referer says so.
    const fromCsp = url.searchParams.has("csp") || new URL(req.headers.referer ?? "http://x/").searchParams.has("csp");
    if (fromCsp && (file.endsWith(".html") || /worker/.test(file))) headers["Content-Security-Policy"] = CSP;
    res.writeHead(200, headers).end(readFileSync(file));
  });
  return new Promise((r) => srv.listen(0, "127.0.0.1", () => r(srv)));
}

// The matrix-vector preset: m = arange(12).reshape(3, 4), v = arange(4) + 100, in_axes (0, None).
const DOT = "#f=lambda+m%2C+v%3A+jnp.dot(m%2C+v)&shape.m=(3%2C4)&fill.m=unique&shape.v=(4%2C)&fill.v=unique&in.m=0&in.v=None&out=0";
const DOT_OUT = [0, 1, 2].map((k) => [0, 1, 2, 3].reduce((s, j) => s + (4 * k + j) * (100 + j), 0));

async function open(page: Page, query: string) {
  const res = await page.goto(`${base}${query}${DOT}`);
  expect(res?.headers()["content-security-policy"]).toBe(query === "?csp" ? CSP : undefined);
  await appLive(page);
  await showPanels(page);
  await page.getByLabel("jaxpr").waitFor();
}
const cellNumbers = (page: Page, table: string) => page.getByRole("table", { name: table, exact: true }).getByRole("cell").allTextContents();

browserDescribe("the built app under a CSP without 'unsafe-eval'", () => {
  expectCleanConsole(() => problems);
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const built = await builtApp();
    outDir = built.owned ? built.dir : "";
    server = await serve(built.dir);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it("works interpreted where eval is forbidden, with the right numbers", async () => {
    const page = recordProblems(await browser.newPage({ viewport: { width: 1280, height: 900 } }), problems);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.addInitScript(() => {
      const w = window as unknown as { violations: string[] };
      w.violations = [];
      document.addEventListener("securitypolicyviolation", (e) => w.violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
    });
    await open(page, "?csp");
    // The policy is really in force: Chromium refused the engine's one probe of `new Function`.
    // (page.evaluate itself would not tell: DevTools evaluation bypasses the page's CSP.)
    await expect.poll(() => page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual(["script-src eval"]);
    expect(await page.getByLabel("Output shape").textContent()).toBe("(3,)");
    expect(await page.getByLabel("Mode", { exact: true }).textContent()).toBe("interpreted");
    expect(await page.getByText("None: the program is interpreted").count()).toBe(1);
    expect((await cellNumbers(page, "jit result values")).map(Number)).toEqual(DOT_OUT);
    expect(await page.getByLabel("Traces", { exact: true }).textContent()).toBe("1");
    // d/dm sum(m @ v) = v on every row.
    await page.getByRole("button", { name: "Use jnp.sum(f(…)) as the loss" }).click();
    await expect.poll(async () => (await cellNumbers(page, "Gradient values")).map(Number)).toEqual([0, 1, 2].flatMap(() => [100, 101, 102, 103]));
    await page.getByRole("button", { name: "Time it" }).click();
    await page.getByRole("table", { name: "Timings" }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(SHOTS, "panels-csp-1280.png"), fullPage: true });
    await page.close();
    // The refusal asserted above, as Chromium prints it: the one console line this page may have.
    const refused = problems.filter((p) => REFUSED_EVAL.test(p));
    expect(refused.length).toBeLessThanOrEqual(1);
    problems.splice(0, problems.length, ...problems.filter((p) => !REFUSED_EVAL.test(p)));
  });

  it("runs a call past the page's budget in its module worker, whose jax.jit is interpreted there", async () => {
    const page = recordProblems(await browser.newPage({ viewport: { width: 1280, height: 900 } }), problems);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const workerPolicy: (string | undefined)[] = [];
    page.on("response", (r) => {
      if (/compute\.worker/.test(r.url())) workerPolicy.push(r.headers()["content-security-policy"]);
    });
    // (8, 300, 300) @ (300, 300) through jax.jit inside f: 2.2·10⁸ multiply-adds, past the page's budget.
    const state = explorerOf("lambda a, b: jax.jit(lambda u, v: u @ v)(a, b)", [["a", leaf(8, 300, 300), 0], ["b", leaf(300, 300), null]], 0);
    await page.goto(`${base}?csp#${encodeExplorer(state)}`);
    await appLive(page);
    await expect.poll(() => page.getByRole("status", { name: "Computation" }).textContent(), { timeout: 10_000 }).toContain("Computing…");
    await expect.poll(() => page.getByLabel("Output shape").textContent(), { timeout: 30_000 }).toBe("(8, 300, 300)");
    // One worker per job (the explorer's trace, the grad panel's report): each under the policy.
    expect(workerPolicy.length).toBeGreaterThan(0);
    expect(workerPolicy.every((p) => p === CSP)).toBe(true);
    expect(await page.getByRole("region", { name: "Arrays" }).getByRole("alert").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
    // The workers' refused `new Function` probes, as Chromium prints them, and nothing else.
    problems.splice(0, problems.length, ...problems.filter((p) => !REFUSED_EVAL.test(p)));
  });

  it("compiles without the policy, and reads at 390 px wide", async () => {
    const page = recordProblems(await browser.newPage({ viewport: { width: 390, height: 844 } }), problems);
    await open(page, "");
    expect(await page.getByLabel("Mode", { exact: true }).textContent()).toBe("compiled");
    expect((await cellNumbers(page, "jit result values")).map(Number)).toEqual(DOT_OUT);
    await page.getByText("Generated JavaScript").click();
    expect(await page.getByLabel("Generated JavaScript").textContent()).toContain("return function run(args)");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: join(SHOTS, "panels-390.png"), fullPage: true });
    await page.locator(".panels").screenshot({ path: join(SHOTS, "panels-only-390.png") });
    await page.close();
  });
});
