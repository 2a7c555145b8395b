// The lessons in a real Chromium: "Axes in vmap" completed by keyboard alone (Tab, Enter and
// typing), one question answered wrongly (the engine's hint shows) and the others rightly;
// the quiz; the cheat sheet in print emulation, fitting on at most two A4 and two Letter
// pages; axe-core over the lesson view and the cheat sheet, light and dark. Screenshots go to
// tests/browser/screenshots/ (looked at).
import { join } from "node:path";
import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appLive, type AppServer } from "./appServer";
import { axeAudit as axe, browserDescribe, desktopSuite, SHOTS } from "./suite";
import { LESSON_ANSWERS, wrongFor } from "../helpers/lessonAnswers";

let app: AppServer;
let page: Page;

async function openFresh(hash = "") {
  await page.goto(`${app.url}#${hash}`);
  await appLive(page);
}

/** The accessible text of the focused element. */
const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent?.trim() ?? "");
const focusedLabel = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? "");

/** Presses Tab until the focused element's text is `text` (at most `max` presses). */
async function tabTo(text: string, max = 60) {
  for (let i = 0; i < max; i++) {
    if ((await focused()) === text) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached "${text}" (focus on "${await focused()}")`);
}

/** Pages in a PDF: each page object is `/Type /Page` (the tree's nodes are `/Type /Pages`). */
const pdfPages = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

browserDescribe("lessons in Chromium", () => {
  desktopSuite((a, p) => {
    app = a;
    page = p;
  });

  it("completes Axes in vmap by keyboard alone, one answer wrong and the rest right", async () => {
    await page.emulateMedia({ reducedMotion: "reduce" });
    await openFresh();
    await page.evaluate(() => localStorage.clear());
    await tabTo("Lessons");
    await page.keyboard.press("Enter");
    await page.getByRole("dialog", { name: "Lessons" }).waitFor();
    expect(await focused()).toBe("Axes in vmap");
    await page.keyboard.press("Enter");
    const heading = page.locator("#lesson-step-title");
    await heading.waitFor();
    await page.screenshot({ path: join(SHOTS, "lesson-step-1.png") });
    const answers = LESSON_ANSWERS["axes-in-vmap"];
    const total = Number((await page.getByText(/^Step 1 of \d+$/).textContent())!.match(/of (\d+)/)![1]);
    let wrongDone = false;
    for (let step = 1; step <= total; step++) {
      await page.getByText(`Step ${step} of ${total}`).waitFor();
      const want = answers[step];
      if (want) {
        // The question box takes focus; the results are hidden until it is answered.
        await page.getByLabel("Your answer").waitFor();
        expect(await focusedLabel()).toBe("Your answer");
        expect(await page.getByText("The output is hidden until you answer the question above.").isVisible()).toBe(true);
        if (!wrongDone) {
          await page.keyboard.type(wrongFor(want));
          await page.keyboard.press("Enter");
          await page.getByText("Not quite", { exact: false }).waitFor();
          expect(await page.getByRole("list", { name: "Hints" }).textContent()).toMatch(/sliced along axis 0, of size 2/);
          expect(await page.getByLabel("Output shape").isVisible()).toBe(false);
          await page.screenshot({ path: join(SHOTS, "lesson-wrong-answer.png") });
          // Focus stays in the answer field for another try.
          expect(await focusedLabel()).toBe("Your answer");
          await page.keyboard.press("Control+A");
          wrongDone = true;
        }
        await page.keyboard.type(want);
        await page.keyboard.press("Enter");
        await page.getByText(/^Right:/).waitFor();
        if (want === "error") expect(await page.getByRole("alert").first().textContent()).toMatch(/^(ValueError|TypeError): /);
        else expect(await page.getByLabel("Output shape").textContent()).toBe(want);
        if (step === 2) await page.screenshot({ path: join(SHOTS, "lesson-right-answer.png") });
        if (step === 9) await page.screenshot({ path: join(SHOTS, "lesson-error-answer.png") });
        // A right answer hands focus on to Next.
        expect(await focused()).toBe("Next ▶");
      } else if (step > 1) {
        expect(await page.getByLabel("Output shape").isVisible()).toBe(true);
      }
      if (step < total) {
        await tabTo("Next ▶");
        await page.keyboard.press("Enter");
      }
    }
    expect(await page.getByRole("button", { name: "Next ▶" }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, "lesson-last-step.png") });
    // The URL names the step (written just after the step's frame is painted); the menu
    // remembers where the student stopped.
    await expect.poll(() => new URL(page.url()).hash).toMatch(new RegExp(`^#lesson=axes-in-vmap&step=${total}&`));
    expect(await page.evaluate(() => localStorage.getItem("vmap-playground:lessons"))).toContain(`["axes-in-vmap",${total - 1}]`);
  });

  it("a quiz question, answered from the keyboard, counts in the session's score", async () => {
    await openFresh();
    await page.getByRole("button", { name: "Lessons" }).click();
    await page.getByRole("button", { name: "Quiz: Medium" }).click();
    await page.getByLabel("Your answer").waitFor();
    await page.keyboard.type("error");
    await page.keyboard.press("Enter");
    await page.getByText(/^(Not quite|Right)/).waitFor();
    expect(await page.getByText(/^Score this session: [01] of 1$/).isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, "lesson-quiz.png") });
  });

  it("the lesson view and the cheat sheet have no axe violation, light and dark, 1280 and 390 px", async () => {
    for (const [colorScheme, width] of [["light", 1280], ["dark", 1280], ["light", 390]] as const) {
      const p = await app.newPage({ viewport: { width, height: 900 }, reducedMotion: "reduce", colorScheme });
      await p.goto(`${app.url}#lesson=axes-in-vmap&step=6`);
      await p.getByLabel("Your answer").waitFor();
      await p.getByLabel("Your answer").fill("(2, 2)");
      await p.getByRole("button", { name: "Check" }).click();
      await p.getByRole("list", { name: "Hints" }).waitFor();
      await p.screenshot({ path: join(SHOTS, `lesson-hint-${colorScheme}-${width}.png`) });
      expect(await axe(p), `lesson with a hint, ${colorScheme}, ${width}px`).toEqual([]);
      await p.getByRole("button", { name: "Lessons" }).click();
      await p.getByRole("dialog", { name: "Lessons" }).waitFor();
      expect(await axe(p), `lessons menu, ${colorScheme}, ${width}px`).toEqual([]);
      await p.getByRole("button", { name: "Cheat sheet" }).click();
      await p.getByRole("heading", { name: "jax.vmap cheat sheet" }).waitFor();
      expect(await axe(p), `cheat sheet, ${colorScheme}, ${width}px`).toEqual([]);
      await p.screenshot({ path: join(SHOTS, `cheatsheet-${colorScheme}-${width}.png`), fullPage: true });
      await p.close();
    }
  }, 240_000);

  it("the cheat sheet prints alone on at most two A4 or Letter pages", async () => {
    await openFresh();
    await page.getByRole("button", { name: "Lessons" }).click();
    await page.getByRole("button", { name: "Cheat sheet" }).click();
    await page.getByRole("heading", { name: "jax.vmap cheat sheet" }).waitFor();
    await page.emulateMedia({ media: "print" });
    try {
      // Only the sheet prints: no page header, no buttons, no explorer.
      expect(await page.locator("header").isVisible()).toBe(false);
      expect(await page.getByRole("button", { name: "Print" }).isVisible()).toBe(false);
      expect(await page.locator(".explorer-area").isVisible()).toBe(false);
      expect(await page.getByRole("table").count()).toBe(3);
      const color = await page.locator(".cheatsheet").evaluate((el) => getComputedStyle(el).color);
      expect(color).toBe("rgb(0, 0, 0)");
      await page.screenshot({ path: join(SHOTS, "cheatsheet-print.png"), fullPage: true });
      // The dark theme prints light too.
      await page.evaluate(() => (document.documentElement.dataset.theme = "dark"));
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe("rgb(247, 248, 250)");
      for (const format of ["A4", "Letter"]) {
        const pages = pdfPages(await page.pdf({ format, printBackground: true }));
        expect(pages, format).toBeGreaterThanOrEqual(1);
        expect(pages, format).toBeLessThanOrEqual(2);
      }
    } finally {
      await page.emulateMedia({ media: "screen" });
      await page.evaluate(() => delete document.documentElement.dataset.theme);
    }
  });
});
