// Embeds as a blog uses them: the BUILT app on one port (with `Access-Control-Allow-Origin: *`,
// as a static host serving the build must), and a blog page on another port under a strict
// Content-Security-Policy (no 'unsafe-eval', no inline script), embedding the iframe page
// (sandbox="allow-scripts" only: an opaque origin) and two <vmap-playground> elements. Each
// renders the expected output shape; the iframe follows its content's height; hostile
// attributes and links show an error inside the embed and run nothing; no request leaves the
// two servers. Export from the main app: the SVG parses and holds the output grid, the GIF has
// 3 frames per k plus the rest. Screenshots of the blog page at 700 and 320 px go to
// tests/browser/screenshots/ (looked at).
import { mkdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from "playwright-core";
import { builtApp, CHROMIUM, CHROMIUM_ARGS, hasChromium, serveDir, appLive } from "./appServer";
import { HOST_SCRIPT } from "../../app/share/snippets";
import { readGif } from "../helpers/gifFrames";

const SHOTS = join(__dirname, "screenshots");
const run = hasChromium() ? describe : describe.skip;

let outDir = "";
let blogDir = "";
let app: Server;
let blog: Server;
let A = "";
let B = "";
let browser: Browser;

const origin = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

// x (4, 2) mapped along axis 1: B = 2, f sees (4,), results stacked along axis 0 → (2, 4).
const FRAME_STATE = "f=lambda+x%3A+x+*+2&shape.x=(4%2C2)&fill.x=unique&in.x=1&out=0&panels=code%2Cstory&controls=none";
const HOSTILE_LINK = "f=%3C%2Fscript%3E%3Cscript%3Eparent.pwned%3D1%3C%2Fscript%3E&out=0";

function blogPage(a: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>My post about vmap</title>
<link rel="stylesheet" href="/blog.css">
<script src="/host.js"></script>
<script type="module" src="${a}/vmap-playground.js"></script>
</head><body><main>
<h1>Understanding jax.vmap</h1>
<p id="marker">Here is a live example.</p>
<iframe id="frame" class="vmap-playground" src="${a}/embed.html#${FRAME_STATE}" sandbox="allow-scripts" title="vmap example"></iframe>
<p>And two components:</p>
<vmap-playground id="one" fn="lambda a, b: a + b" shapes="(2, 3); (3, 2)" in-axes="(0, 1)" out-axes="1" controls="axes" panels="story"></vmap-playground>
<vmap-playground id="two" fn="lambda m, v: jnp.dot(m, v)" shapes="(3, 4); (4,)" in-axes="(0, None)" controls="none" theme="dark"></vmap-playground>
<vmap-playground id="evil" fn="&lt;img src=x onerror=&quot;window.pwned=1&quot;&gt;" shapes="(2,)"></vmap-playground>
<vmap-playground id="evil2" fn="lambda x: x" shapes="(2,)" controls="&lt;svg onload=window.pwned=1&gt;"></vmap-playground>
<iframe id="evilframe" class="vmap-playground" src="${a}/embed.html#${HOSTILE_LINK}" sandbox="allow-scripts" title="broken example"></iframe>
<p id="end">The end.</p>
</main></body></html>`;
}

/** Past the page's budget (state/compute.ts): (3, 400, 400) @ (400, 400), 1.9·10⁸ multiply-adds. */
function heavyPage(a: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A heavy example</title>
<link rel="stylesheet" href="/blog.css"><script src="/host.js"></script>
<script type="module" src="${a}/vmap-playground.js"></script></head><body><main>
<vmap-playground id="heavy" fn="lambda a, b: a @ b" shapes="(3, 400, 400); (400, 400)" in-axes="(0, None)" controls="none"></vmap-playground>
<iframe id="heavyframe" class="vmap-playground" sandbox="allow-scripts" title="heavy" src="${a}/embed.html#f=lambda+a%2C+b%3A+a+%40+b&shape.a=(3%2C400%2C400)&shape.b=(400%2C400)&in.a=0&in.b=None&out=0&controls=none"></iframe>
</main></body></html>`;
}

const BLOG_CSS = "body { font-family: sans-serif; margin: 0; } main { max-width: 680px; margin: 0 auto; padding: 10px; } vmap-playground { margin: 12px 0; } iframe { width: 100%; height: 150px; border: 0; }";

/** Every request the page makes, by URL. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  return urls;
}

async function openBlog(width: number): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("dialog", (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  const requests = recordRequests(page);
  const res = await page.goto(`${B}/post.html`);
  expect(res?.headers()["content-security-policy"]).toContain("script-src");
  await page.locator("#one").getByLabel("Output shape").waitFor();
  await page.locator("#two").getByLabel("Output shape").waitFor();
  await page.frameLocator("#frame").getByLabel("Output shape").waitFor();
  await page.frameLocator("#evilframe").getByRole("alert").waitFor();
  return { page, errors, requests };
}

run("embeds on a blog page under a strict CSP", () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const built = await builtApp();
    outDir = built.owned ? built.dir : "";
    // The app's server: CORS for the opaque-origin iframe and the other-origin blog; its pages
    // under their own strict policy (scripts only from itself, no eval, no inline).
    let appOrigin = "";
    app = await serveDir(built.dir, (file): Record<string, string> => ({
      "Access-Control-Allow-Origin": "*",
      ...(file.endsWith(".html") ? { "Content-Security-Policy": `default-src 'none'; script-src ${appOrigin}; style-src ${appOrigin}; img-src ${appOrigin} data: blob:` } : {}),
    }));
    A = appOrigin = origin(app);
    blogDir = mkdtempSync(join(tmpdir(), "vmap-blog-"));
    writeFileSync(join(blogDir, "host.js"), HOST_SCRIPT);
    writeFileSync(join(blogDir, "blog.css"), BLOG_CSS);
    writeFileSync(join(blogDir, "post.html"), blogPage(A));
    writeFileSync(join(blogDir, "heavy.html"), heavyPage(A));
    writeFileSync(join(blogDir, "index.html"), "not found");
    let blogOrigin = "";
    blog = await serveDir(blogDir, (file): Record<string, string> =>
      file.endsWith(".html") ? { "Content-Security-Policy": `default-src 'none'; script-src ${blogOrigin} ${A}; style-src ${blogOrigin}; frame-src ${A}; img-src ${blogOrigin}` } : {},
    );
    B = blogOrigin = origin(blog);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    for (const s of [app, blog]) await new Promise<void>((r) => (s ? s.close(() => r()) : r()));
    if (outDir) rmSync(outDir, { recursive: true, force: true });
    if (blogDir) rmSync(blogDir, { recursive: true, force: true });
  });

  it("shows the iframe and two components with their output shapes, the iframe sized to its content", async () => {
    const { page, errors, requests } = await openBlog(700);
    const frame = page.frameLocator("#frame");
    expect(await frame.getByLabel("Output shape").textContent()).toBe("(2, 4)");
    expect(await page.locator("#one").getByLabel("Output shape").textContent()).toBe("(3, 2)");
    expect(await page.locator("#two").getByLabel("Output shape").textContent()).toBe("(3,)");
    // Each component has its own state: changing out_axes in one leaves the other alone.
    await page.locator("#one").getByLabel("out_axes").selectOption({ label: "0" });
    await expect.poll(() => page.locator("#one").getByLabel("Output shape").textContent()).toBe("(2, 3)");
    expect(await page.locator("#two").getByLabel("Output shape").textContent()).toBe("(3,)");
    // The blog's URL is not the components' to write.
    expect(new URL(page.url()).hash).toBe("");
    // Axes keep their colours in an embed (the page sets no palette; the embed does, per its
    // theme): the batch axis magenta in the light palette, pink in the dark one.
    const mappedColor = (embed: Locator | FrameLocator) => embed.locator(".dim.mapped").first().evaluate((e) => getComputedStyle(e).color);
    expect(await mappedColor(page.locator("#one"))).toBe("rgb(194, 24, 122)");
    expect(await mappedColor(frame)).toBe("rgb(194, 24, 122)");
    expect(await mappedColor(page.locator("#two"))).toBe("rgb(255, 140, 198)");

    // The iframe reports its height and the host script applies it; opening a panel grows it.
    const frameHeight = () => page.locator("#frame").evaluate((f) => f.getBoundingClientRect().height);
    const contentHeight = () => frame.locator("#root").evaluate((r) => Math.ceil(r.getBoundingClientRect().height));
    await expect.poll(async () => Math.abs((await frameHeight()) - (await contentHeight()))).toBeLessThanOrEqual(1);
    const before = await frameHeight();
    expect(before).toBeGreaterThan(150);
    await frame.getByText("Python code", { exact: true }).click();
    await frame.getByTestId("python-code").waitFor();
    await expect.poll(frameHeight).toBeGreaterThan(before + 50);
    await expect.poll(async () => Math.abs((await frameHeight()) - (await contentHeight()))).toBeLessThanOrEqual(1);

    // "Open in vmap Playground" carries the same state to the full app.
    const href = await frame.getByRole("link", { name: /Open in vmap Playground/ }).getAttribute("href");
    expect(href).toBe(`${A}/index.html#f=lambda+x%3A+x+*+2&shape.x=%284%2C+2%29&fill.x=unique&in.x=1&out=0`);

    // Nothing but the two servers was asked for anything.
    expect(requests.filter((u) => !u.startsWith(A) && !u.startsWith(B))).toEqual([]);
    // The components' module is one file: it requests nothing more from the app's server.
    const fromApp = requests.filter((u) => u.startsWith(A) && !u.includes("/embed.html") && !u.includes("/assets/"));
    expect(fromApp).toEqual([`${A}/vmap-playground.js`]);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(SHOTS, "blog-700.png"), fullPage: true });
    await page.close();
  });

  it("theme=light stays light on a reader's dark system, theme=dark dark on a light one", async () => {
    const { page } = await openBlog(700);
    await page.emulateMedia({ colorScheme: "dark" });
    await page.evaluate(() => {
      const el = document.createElement("vmap-playground");
      el.id = "light";
      for (const [k, v] of [["fn", "lambda a, b: a + b"], ["shapes", "(2, 3); (3, 2)"], ["in-axes", "(0, 1)"], ["theme", "light"]]) el.setAttribute(k, v);
      document.querySelector("#end")!.before(el);
    });
    const light = page.locator("#light");
    await light.getByLabel("Output shape").waitFor();
    const look = (l: Locator) => l.locator(".vmap-embed").evaluate((e) => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]);
    // The light palette's ink on its background, and its magenta batch axis.
    expect(await look(light)).toEqual(["rgb(29, 35, 48)", "rgb(247, 248, 250)"]);
    expect(await light.locator(".dim.mapped").first().evaluate((e) => getComputedStyle(e).color)).toBe("rgb(194, 24, 122)");
    await page.emulateMedia({ colorScheme: "light" });
    expect(await look(page.locator("#two"))).toEqual(["rgb(230, 233, 239)", "rgb(20, 23, 29)"]);
    await page.close();
  });

  it("shows hostile attributes and links as errors inside the embed, runs nothing, keeps the page", async () => {
    const { page, errors } = await openBlog(700);
    const evil = page.locator("#evil");
    await evil.getByRole("alert").waitFor();
    expect(await evil.getByRole("alert").textContent()).toContain("This embed could not be read");
    expect(await page.locator("#evil2").getByRole("alert").textContent()).toContain("controls must be one of none, axes, all");
    await page.frameLocator("#evilframe").getByRole("alert").waitFor();
    expect(await page.frameLocator("#evilframe").getByRole("alert").textContent()).toContain("the function");
    // Nothing ran: no grid in the broken embeds, no script effect, no dialog; the page is whole.
    expect(await evil.locator("svg, canvas, img").count()).toBe(0);
    expect(await page.frameLocator("#evilframe").locator("svg, canvas, img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator("#marker").textContent()).toBe("Here is a live example.");
    expect(await page.locator("#end").isVisible()).toBe(true);
    expect(await page.locator("#one").getByLabel("Output shape").textContent()).toBe("(3, 2)");
    expect(errors).toEqual([]);
    await page.locator("#evilframe").screenshot({ path: join(SHOTS, "blog-broken-frame.png") });
    await page.close();
  });

  it("computes a call past the page's budget in both kinds of embed (no worker can start there)", async () => {
    const page = await browser.newPage({ viewport: { width: 700, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${B}/heavy.html`);
    const heavy = page.locator("#heavy");
    await expect.poll(() => heavy.getByLabel("Output shape").textContent().catch(() => null), { timeout: 40_000 }).toBe("(3, 400, 400)");
    const frame = page.frameLocator("#heavyframe");
    await expect.poll(() => frame.getByLabel("Output shape").textContent().catch(() => null), { timeout: 40_000 }).toBe("(3, 400, 400)");
    expect(await heavy.getByRole("alert").count()).toBe(0);
    expect(await frame.getByRole("alert").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("reads at 320 px wide", async () => {
    const { page, errors } = await openBlog(320);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    const inner = await page.frameLocator("#frame").locator("html").evaluate((h) => h.scrollWidth - h.clientWidth);
    expect(inner).toBeLessThanOrEqual(1);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(SHOTS, "blog-320.png"), fullPage: true });
    await page.close();
  });

  it("exports the picture as SVG and the animation as a GIF from the main app", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${A}/#f=lambda+m%2C+v%3A+jnp.dot(m%2C+v)&shape.m=(3%2C4)&fill.m=unique&shape.v=(4%2C)&fill.v=unique&in.m=0&in.v=None&out=0`);
    await appLive(page);
    const save = async (item: string) => {
      const menu = page.locator("details.export-menu");
      if (!(await menu.evaluate((d) => (d as HTMLDetailsElement).open))) await page.getByText("Export", { exact: true }).click();
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: item }).click()]);
      return readFileSync((await download.path())!);
    };
    const svg = (await save("Picture (SVG)")).toString("utf8");
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "image/svg+xml");
      const grid = (side: string) => [...doc.querySelectorAll(`g.grid[data-side="${side}"]`)].map((g) => ({ shape: g.getAttribute("data-shape"), cells: g.querySelectorAll("rect").length, values: [...g.querySelectorAll("text")].slice(1).map((t) => t.textContent) }));
      return { error: doc.querySelector("parsererror")?.textContent ?? null, root: doc.documentElement.nodeName, inputs: grid("in"), outputs: grid("out") };
    }, svg);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe("svg");
    expect(parsed.inputs.map((g) => [g.shape, g.cells])).toEqual([["3,4", 12], ["4", 4]]);
    // m = arange(12).reshape(3, 4), v = arange(4) * 100 + 1000 (the unique fill's steps).
    const dot = [0, 1, 2].map((k) => [0, 1, 2, 3].reduce((s, j) => s + (4 * k + j) * (1000 + 100 * j), 0));
    expect(parsed.outputs).toEqual([{ shape: "3", cells: 3, values: dot.map(String) }]);

    const gif = readGif(new Uint8Array(await save("Animation (GIF)")));
    // B = 3: lift, apply and land for each k, then the resting picture.
    expect(gif.frames.length).toBe(3 * 3 + 1);
    expect(gif.loops).toBe(0);
    expect(gif.frames.every((f) => f.width === gif.width && f.height === gif.height && f.delayMs > 0)).toBe(true);

    const png = await save("Picture (PNG)");
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
    writeFileSync(join(SHOTS, "export.png"), png);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("copies from the Share dialog where the clipboard API is refused, and says so", async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.goto(`${A}/#f=lambda+x%3A+x+*+2&shape.x=(4%2C2)&fill.x=unique&in.x=1&out=0`);
    await appLive(page);
    await page.getByRole("button", { name: "Share", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Share", exact: true });
    const iframeSnippet = await dialog.getByLabel("Embed with an iframe").inputValue();
    expect(iframeSnippet).toContain(`src="${A}/embed.html#f=lambda+x%3A+x+*+2&amp;shape.x=%284%2C+2%29`);
    expect(iframeSnippet).toContain(`sandbox="allow-scripts allow-popups"`);
    // x has 8 cells, so its default fill is symbols: the link's unique numbers are written out.
    expect(await dialog.getByLabel("Embed as a web component").inputValue()).toContain(`<vmap-playground fn="lambda x: x * 2" shapes="(4, 2)" fills="unique" in-axes="(1,)" out-axes="0" controls="axes">`);
    await dialog.getByLabel("Shape story").check();
    await dialog.getByLabel("Theme").selectOption("dark");
    expect(await dialog.getByLabel("Embed with an iframe").inputValue()).toContain("&amp;out=0&amp;panels=story&amp;theme=dark");
    expect(await dialog.getByLabel("Embed as a web component").inputValue()).toContain(`controls="axes" panels="story" theme="dark"></vmap-playground>`);
    // No clipboard permission (plain http on 127.0.0.1 is a secure context, so the API exists
    // and is refused): the fallback copies the selection, and the button's status says it.
    const copy = dialog.getByRole("button", { name: "Copy" }).first();
    await copy.click();
    await expect.poll(() => dialog.getByRole("status").first().textContent()).toMatch(/^(Copied|Press Ctrl\+C)$/);
    await page.close();
  });
});
