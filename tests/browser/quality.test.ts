// Production quality of the built app in Chromium: no axe-core violation (WCAG 2.2 A/AA and
// axe's best practices) on the explorer, the (2,3,5,7,9) example, an error state and the grad
// and jit panels, in light and dark, on a phone and a desktop; every control reachable by Tab
// with a visible focus ring and at least 24 × 24 px; the Examples menu not acting on ArrowDown;
// the system's dark mode and a remembered toggle; the first visit playing the 2×2 example once
// (not with reduced motion); numbers fitted to their cells; favicon, description and preview
// image served. Screenshots at 390, 1280 and 1920 px, light and dark, go to
// tests/browser/screenshots/ (looked at). No page may print a console error or warning.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { BrowserContextOptions, Page } from "playwright-core";
import { showPanels, startApp, type AppServer, appLive } from "./appServer";
import { axeAudit, browserDescribe, expectCleanConsole } from "./suite";
import { editorText } from "./editor";

const SHOTS = join(__dirname, "screenshots");
const FIVE_D = "f=lambda+a%2C+b%3A+a+%2B+b&shape.a=(2%2C3%2C5%2C7%2C9)&fill.a=unique&shape.b=(2%2C3%2C5%2C7%2C9)&fill.b=unique&in.a=None&in.b=0&out=3";
const ERROR = "f=lambda+a%2C+b%3A+a+%2B+b&in.a=None&in.b=None";
const WIDE_NUMBERS = `f=${encodeURIComponent("lambda a, b: a * 2.7e33 - b * 1.003")}&shape.a=(2%2C+2)&fill.a=unique&shape.b=(2%2C+2)&fill.b=unique`;
/** Symbols (the default for small arguments) with long expressions: the blog's all-pairs distances. */
const LONG_SYMBOLS = `f=${encodeURIComponent("lambda x, y: jax.vmap(lambda a, b: jnp.sqrt(jnp.sum((a - b) ** 2)), in_axes=(None, 0))(x, y)")}&shape.x=(3%2C+2)&shape.y=(3%2C+2)&in.x=0&in.y=None`;

let app: AppServer;

async function open(hash: string, opts: BrowserContextOptions = {}): Promise<Page> {
  const page = await app.newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: "reduce", ...opts });
  await page.goto(`${app.url}${hash ? `#${hash}` : ""}`);
  await appLive(page);
  return page;
}

/** Waits for the lazily loaded panels, then runs axe over the whole page. */
async function axeViolations(page: Page): Promise<string[]> {
  await showPanels(page);
  return axeAudit(page);
}

browserDescribe("production quality in Chromium", () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });
  expectCleanConsole(() => app.problems);

  for (const colorScheme of ["light", "dark"] as const) {
    for (const [name, hash] of [["explorer", ""], ["5-d example", FIVE_D], ["error state", ERROR]] as const) {
      it(`${name}, ${colorScheme}: no axe violation at 1280 and 390 px`, async () => {
        for (const width of [1280, 390]) {
          const page = await open(hash, { colorScheme, viewport: { width, height: 900 } });
          if (hash === ERROR) await page.getByRole("alert").first().waitFor();
          expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(colorScheme);
          expect(await axeViolations(page), `${name} ${colorScheme} ${width}px`).toEqual([]);
          await page.close();
        }
      });
    }
  }

  it("the audit names what it finds: faint text, a button with no name, an image with no alt", async () => {
    const page = await open("");
    await page.evaluate(() => {
      const main = document.querySelector("main") ?? document.body;
      main.insertAdjacentHTML("beforeend", '<p id="faint" style="color:#ccc;background:#fff">faint words</p><button id="nameless"></button><img id="no-alt" src="/favicon.png">');
    });
    const found = await axeViolations(page);
    expect(found.find((v) => v.startsWith("color-contrast"))).toContain("#faint");
    expect(found.find((v) => v.startsWith("button-name"))).toContain("#nameless");
    expect(found.find((v) => v.startsWith("image-alt"))).toContain("#no-alt");
    await page.close();
  });

  it("every control is reachable by Tab, shows a focus ring, and is at least 24 × 24 px on a phone", async () => {
    const page = await open("", { viewport: { width: 390, height: 844 } });
    await showPanels(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    const controls = await page.locator("button:not([disabled]), select, input, textarea, [tabindex='0']").count();
    const seen = new Set<string>();
    for (let i = 0; i < controls + 5; i++) {
      await page.keyboard.press("Tab");
      const f = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const cs = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        const id = `${el.tagName}|${el.getAttribute("aria-label") ?? el.textContent?.slice(0, 30)}|${Math.round(r.x)},${Math.round(r.y + window.scrollY)}`;
        return { id, outline: cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2, w: r.width, h: r.height, inline: cs.display === "inline" };
      });
      if (!f) continue;
      expect(f.outline, `focus ring on ${f.id}`).toBe(true);
      if (!f.inline) expect(Math.min(f.w, f.h), `size of ${f.id}`).toBeGreaterThanOrEqual(24);
      seen.add(f.id);
    }
    expect(seen.size).toBeGreaterThanOrEqual(controls);
    await page.close();
  });

  it("the Examples menu browses with the arrow keys and loads on Enter", async () => {
    const page = await open("");
    await page.getByLabel("Function").fill("lambda a, b: a * b");
    await page.getByLabel("Presets").focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    expect(await page.getByLabel("Presets").inputValue()).toBe("jnp-add");
    expect(await editorText(page)).toBe("lambda a, b: a * b");
    await page.keyboard.press("Enter");
    await expect.poll(() => editorText(page)).toBe("lambda a, b: jnp.add(a, b)");
    await page.close();
  });

  it("follows the system's dark mode, and remembers the toggle", async () => {
    const page = await open("", { colorScheme: "dark" });
    const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(await bg()).toBe("rgb(22, 26, 33)");
    const toggle = page.getByRole("button", { name: "Dark theme" });
    expect(await toggle.getAttribute("aria-pressed")).toBe("true");
    await toggle.click();
    await expect.poll(bg).toBe("rgb(247, 248, 250)");
    await page.reload();
    await appLive(page);
    expect(await bg()).toBe("rgb(247, 248, 250)");
    expect(await page.getByRole("button", { name: "Dark theme" }).getAttribute("aria-pressed")).toBe("false");
    await page.close();
  });

  it("a first visit plays the 2×2 example once without a click, unless motion is reduced; nothing shifts", async () => {
    const page = await open("", { reducedMotion: "no-preference", viewport: { width: 412, height: 823 } });
    await page.evaluate(() => {
      const w = window as unknown as { shift: number; shifted: string[] };
      w.shift = 0;
      w.shifted = [];
      type Shift = { value: number; startTime: number; sources?: { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[] };
      new PerformanceObserver((l) =>
        l.getEntries().forEach((entry) => {
          const e = entry as unknown as Shift;
          w.shift += e.value;
          // What moved, for a failure's message (one CI run under load saw 0.069, not reproduced).
          for (const s of e.sources ?? []) w.shifted.push(`${Math.round(e.startTime)} ms ${e.value.toFixed(4)} ${(s.node as Element | undefined)?.className ?? s.node?.nodeName} y ${s.previousRect.y} → ${s.currentRect.y}, h ${s.previousRect.height} → ${s.currentRect.height}`);
        }),
      ).observe({ type: "layout-shift", buffered: true });
    });
    await expect.poll(() => page.locator(".caption").textContent(), { timeout: 8000 }).toContain("k = 0");
    expect(await page.locator(".tagline").textContent()).toContain("Try:");
    await expect.poll(() => page.getByRole("button", { name: "Play" }).count(), { timeout: 15_000 }).toBe(1);
    // Cumulative layout shift of the load and the whole run (the Play/Pause label, the caption).
    const { shift, shifted } = await page.evaluate(() => {
      const w = window as unknown as { shift: number; shifted: string[] };
      return { shift: w.shift, shifted: w.shifted };
    });
    expect(shift, shifted.join("; ")).toBeLessThan(0.005);
    await page.close();
    const still = await open("", { reducedMotion: "reduce" });
    await still.waitForTimeout(1500);
    expect(await still.locator(".caption").textContent()).not.toContain("k = ");
    expect(await still.getByRole("button", { name: "Play" }).count()).toBe(1);
    await still.close();
  });

  it("fits every number into its cell, with the full value on hover", async () => {
    const page = await open(WIDE_NUMBERS);
    const cells = await page.locator("svg.cellgrid g.cell").evaluateAll((gs) =>
      gs
        .filter((g) => g.querySelector("text"))
        .map((g) => ({
          text: g.querySelector("text")!.textContent,
          title: g.querySelector("title")?.textContent,
          w: (g.querySelector("text") as SVGTextElement).getComputedTextLength(),
          size: parseFloat(getComputedStyle(g.querySelector("text")!).fontSize),
          cell: Number(g.querySelector("rect")!.getAttribute("width")),
        })),
    );
    expect(cells.length).toBeGreaterThan(8);
    for (const c of cells) expect(c.w, `${c.text} in a ${c.cell} px cell`).toBeLessThanOrEqual(c.cell);
    // out[0, 0] = 0 * 2.7e33 - 100 * 1.003 = -100.3; out[0, 1] = 2.7e33 - 110.33 (float32).
    const out = cells.slice(-4);
    expect(out.map((c) => c.title)).toEqual(["-100.3", "2.7e+33", "5.4e+33", "8.1e+33"]);
    // Too long at full size: smaller type (or fewer digits), never spilling over.
    expect(out[1].text !== out[1].title || out[1].size < 11).toBe(true);
    expect(out[0].size).toBeLessThan(11);
    await page.close();

    // Symbols: every expression fits its cell too (smaller, or cut with …), in full on hover.
    const sym = await open(LONG_SYMBOLS);
    // The expressions arrive with their writer (loaded after the first screen).
    await expect.poll(() => sym.locator("svg.cellgrid g.cell title").evaluateAll((ts) => ts.some((t) => t.textContent!.startsWith("sqrt(")))).toBe(true);
    const texts = await sym.locator("svg.cellgrid g.cell").evaluateAll((gs) =>
      gs.map((g) => ({ text: g.querySelector("text")!.textContent!, title: g.querySelector("title")!.textContent!, w: (g.querySelector("text") as SVGTextElement).getComputedTextLength(), cell: Number(g.querySelector("rect")!.getAttribute("width")) })),
    );
    for (const c of texts) expect(c.w, `${c.text} in a ${c.cell} px cell`).toBeLessThanOrEqual(c.cell);
    // out[0, 1] = |x[0] - y[1]|: cut in the cell, whole in its title (and the grid's name).
    const cell = texts.find((c) => c.title.startsWith("sqrt((x₀₀ - y₁₀)² + (x₀₁ - y₁₁)²) = "))!;
    expect(cell.text.endsWith("…")).toBe(true);
    expect(await sym.getByRole("img", { name: /^Output out/ }).getAttribute("aria-label")).toContain("out[0, 1] = sqrt((x₀₀ - y₁₀)² + (x₀₁ - y₁₁)²)");
    await sym.close();
  });

  it("serves the favicon, a description and the social preview image", async () => {
    const page = await open("");
    expect(await page.locator('meta[name="description"]').getAttribute("content")).toMatch(/jax\.vmap/);
    const icon = await page.locator('link[rel="icon"]').getAttribute("href");
    const og = await page.locator('meta[property="og:image"]').getAttribute("content");
    for (const [path, type] of [[icon!, "image/png"], [og!, "image/png"]]) {
      const r = await page.request.get(new URL(path, app.url).href);
      expect(r.status(), path).toBe(200);
      expect(r.headers()["content-type"], path).toContain(type);
    }
    await page.close();
  });

  it("screenshots at 390, 1280 and 1920 px, light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const width of [390, 1280, 1920]) {
        const page = await open("", { colorScheme, viewport: { width, height: width === 390 ? 844 : 1000 } });
        await showPanels(page);
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(SHOTS, `default-${width}-${colorScheme}.png`), fullPage: width === 390 });
        await page.close();
      }
    }
    const five = await open(FIVE_D, { colorScheme: "dark", viewport: { width: 1280, height: 1000 } });
    await five.screenshot({ path: join(SHOTS, "5d-1280-dark.png") });
    await five.close();
  });
});
