// The function box as a code editor in Chromium (app/editor/): the first screen's plain field
// turns into CodeMirror when the user reaches for it, without moving and keeping text, caret
// and focus; typing a lambda changes the result; the engine's error is underlined at its
// line and column (the engine's own, read here from its parser); `jnp.su` offers jnp.sum; Tab leaves the editor. A screenshot goes to
// tests/browser/screenshots/ (looked at).
import { join } from "node:path";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { EngineError, parseLambda, sourcePosition } from "../../engine";
import { appLive, type AppServer } from "./appServer";
import { editorField, editorText, openCodeMirror } from "./editor";
import { axeAudit, browserDescribe, desktopSuite, SHOTS } from "./suite";

let app: AppServer;
let page: Page;

const outShape = () => page.getByLabel("Output shape").textContent();
const content = () => page.locator('.cm-content[aria-label="Function"]');

/** Where the engine's parser says `src` is wrong, as a line and a column in that line. */
function engineErrorAt(src: string): { line: number; column: number } {
  try {
    parseLambda(src);
  } catch (e) {
    if (e instanceof EngineError && e.column !== undefined) return sourcePosition(src, e.column);
  }
  throw new Error(`no positioned error for ${src}`);
}

/** The underline's line (1-based) and the column where it starts in that line. */
const markAt = (mark: ReturnType<Page["locator"]>) =>
  mark.evaluate((m) => {
    const line = m.closest(".cm-line")!;
    const lines = [...line.parentElement!.querySelectorAll(".cm-line")];
    const r = document.createRange();
    r.setStart(line, 0);
    r.setEndBefore(m);
    return { line: lines.indexOf(line) + 1, column: r.toString().length + 1 };
  });

/**
 * A new document at the link: going from one link to another of the same page is only a
 * hash change (the old page stays, already live), which would let a test act on the old state.
 */
async function openFresh(hash = "") {
  await page.goto("about:blank");
  await page.goto(`${app.url}#${hash}`);
  await appLive(page);
}

/** Replaces the editor's text by typing it, key by key, as a user does (or pasting it, `paste`). */
async function retype(text: string, paste = false) {
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Backspace");
  if (paste) await page.keyboard.insertText(text);
  else await page.keyboard.type(text);
}

browserDescribe("the code editor in Chromium", () => {
  desktopSuite((a, p) => {
    app = a;
    page = p;
  });

  it("starts as the plain field and becomes CodeMirror in place, with the text, caret and focus", async () => {
    await openFresh();
    const field = editorField(page);
    expect(await field.evaluate((e) => e.tagName)).toBe("TEXTAREA");
    const before = await page.locator(".editor-wrap").boundingBox();
    // The caret after "lambda a" (offset 8), then the swap.
    await field.focus();
    await field.evaluate((e) => (e as HTMLTextAreaElement).setSelectionRange(8, 8));
    await content().waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Function");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("cm-content"))).toBe(true);
    expect(await editorText(page)).toBe("lambda a, b: a + b");
    const after = await page.locator(".editor-wrap").boundingBox();
    expect(after).toEqual(before);
    // Typing goes where the caret was.
    await page.keyboard.type("x");
    expect(await editorText(page)).toBe("lambda ax, b: a + b");
  });

  it("on a 390 px phone the plain field shows every line a long lambda wraps to", async () => {
    // 70 characters: the field's `rows` estimate (70 a line) gives one line; a phone wraps it.
    const f = "lambda a, b: jnp.sum(jnp.tanh(a * b + a) ** 2, axis=-1) + jnp.mean(b)";
    await page.setViewportSize({ width: 390, height: 800 });
    try {
      await openFresh(`f=${encodeURIComponent(f)}&shape.a=(3%2C4)&in.a=0&shape.b=(3%2C4)&in.b=0&out=0`);
      const field = editorField(page);
      expect(await field.evaluate((e) => e.tagName)).toBe("TEXTAREA");
      const { client, scroll, line } = await field.evaluate((e) => ({ client: e.clientHeight, scroll: e.scrollHeight, line: parseFloat(getComputedStyle(e).lineHeight) }));
      expect(scroll).toBeGreaterThan(1.5 * line);
      expect(client).toBeGreaterThanOrEqual(scroll);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it("takes keys typed straight after reaching for it in the plain field, and becomes CodeMirror at a pause", async () => {
    await openFresh();
    // When each key's input came, and when CodeMirror took the field's place.
    await page.evaluate(() => {
      const w = window as unknown as { inputs: number[]; swapAt: number | null };
      w.inputs = [];
      w.swapAt = null;
      document.addEventListener("input", () => w.inputs.push(performance.now()), true);
      new MutationObserver(() => {
        if (w.swapAt === null && document.querySelector(".cm-content")) w.swapAt = performance.now();
      }).observe(document.body, { subtree: true, childList: true });
    });
    const field = editorField(page);
    await field.focus();
    await page.keyboard.press("End");
    // Keys come faster than the pause the swap waits for (CodeEditor.tsx SWAP_PAUSE_MS, 400 ms).
    await page.keyboard.type(" * 2 + a - b", { delay: 20 });
    await content().waitFor();
    // The swap came at a pause: keys went to the plain field first, and the last before the
    // swap came at least the pause before it (however a loaded machine spaced the keys).
    const { inputs, swapAt } = await page.evaluate(() => {
      const w = window as unknown as { inputs: number[]; swapAt: number };
      return { inputs: w.inputs, swapAt: w.swapAt };
    });
    const before = inputs.filter((t) => t < swapAt);
    expect(before.length).toBeGreaterThan(0);
    expect(swapAt - Math.max(...before)).toBeGreaterThanOrEqual(390);
    // CodeMirror's chunk was not even fetched (then evaluated, one long task) while keys came:
    // only at the pause.
    const fetched = await page.evaluate(() => performance.getEntriesByType("resource").filter((e) => /\/codemirror-[^/]*\.js$/.test(e.name)).map((e) => e.startTime));
    expect(fetched).toHaveLength(1);
    expect(fetched[0] - Math.max(...before)).toBeGreaterThanOrEqual(390);
    expect(await page.evaluate(() => document.activeElement?.classList.contains("cm-content"))).toBe(true);
    expect(await editorText(page)).toBe("lambda a, b: a + b * 2 + a - b");
    // The caret stayed at the end.
    await page.keyboard.type("!");
    expect(await editorText(page)).toBe("lambda a, b: a + b * 2 + a - b!");
  });

  it("a typed lambda changes the result; undo takes it back", async () => {
    await openFresh();
    await openCodeMirror(page);
    await retype("lambda a, b: jnp.sum(a * b)");
    // Brackets close themselves: the typed ")" steps over the inserted one.
    expect(await editorText(page)).toBe("lambda a, b: jnp.sum(a * b)");
    await expect.poll(outShape).toBe("(2,)");
    expect(await page.getByRole("alert").count()).toBe(0);
    await page.keyboard.press("ControlOrMeta+z");
    await expect.poll(() => editorText(page)).not.toBe("lambda a, b: jnp.sum(a * b)");
  });

  it("underlines the engine's error where the parser points", async () => {
    await openFresh();
    await openCodeMirror(page);
    const unknown = "lambda a, b: a + jnp.foo(b)";
    await retype(unknown);
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("module 'jax.numpy' has no attribute 'foo'");
    const mark = page.locator(".cm-lintRange-error");
    await expect.poll(() => mark.count()).toBe(1);
    expect(await markAt(mark)).toEqual(engineErrorAt(unknown));
    expect(await mark.textContent()).toMatch(/^\.?foo$/);
    expect(await content().getAttribute("aria-invalid")).toBe("true");
    // A syntax error on the second line of a two-line lambda.
    const unclosed = "lambda a, b: (a +\n  b ** )";
    expect(engineErrorAt(unclosed).line).toBe(2);
    await retype(unclosed, true);
    expect(await editorText(page)).toBe(unclosed);
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/line 2, column \d+/);
    await expect.poll(() => mark.count()).toBe(1);
    expect(await markAt(mark)).toEqual(engineErrorAt(unclosed));
    expect(await mark.textContent()).toBe(")");
    await page.screenshot({ path: join(SHOTS, "editor-error-1280.png"), clip: { x: 0, y: 0, width: 1280, height: 260 } });
    await retype("lambda a, b: a + b", true);
    await expect.poll(() => mark.count()).toBe(0);
    await expect.poll(() => content().getAttribute("aria-invalid")).toBe(null);
  });

  it("offers jnp.sum after jnp.su, with its signature, and Enter takes it", async () => {
    await openFresh();
    await openCodeMirror(page);
    await retype("lambda a, b: jnp.su");
    const options = page.locator(".cm-tooltip-autocomplete li");
    await expect.poll(() => options.allTextContents()).toContainEqual(expect.stringMatching(/^sum\(a, axis=None/));
    // Names the engine does not know are not offered.
    expect((await options.allTextContents()).every((t) => /^(sum|subtract|einsum)\b/.test(t))).toBe(true);
    while (!/^sum\(/.test((await page.locator(".cm-tooltip-autocomplete li[aria-selected]").textContent()) ?? "")) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.keyboard.type("(a * b)");
    expect(await editorText(page)).toBe("lambda a, b: jnp.sum(a * b)");
    await expect.poll(outShape).toBe("(2,)");
  });

  it("Tab leaves the editor (no focus trap), Shift+Tab comes back", async () => {
    await openFresh();
    await openCodeMirror(page);
    await page.keyboard.press("End");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Presets");
    expect(await editorText(page)).toBe("lambda a, b: a + b");
    await page.keyboard.press("Shift+Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Function");
    // With the completion list open, Tab still leaves (Escape closes the list first, if wanted).
    await page.keyboard.type(" + jnp.su");
    await page.locator(".cm-tooltip-autocomplete").waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Presets");
  });

  it("CodeMirror with an error and the completion list open has no axe violation, light and dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      await openFresh();
      await openCodeMirror(page);
      await retype("lambda a, b: jnp.foo(a) + jnp.su");
      await page.locator(".cm-tooltip-autocomplete").waitFor();
      await expect.poll(() => page.locator(".cm-lintRange-error").count()).toBe(1);
      expect(await axeAudit(page, ".callline"), colorScheme).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `editor-completion-${colorScheme}-1280.png`), clip: { x: 0, y: 0, width: 1280, height: 300 } });
    }
    await page.emulateMedia({ colorScheme: "light" });
  });
});
