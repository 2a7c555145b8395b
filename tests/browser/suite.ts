/**
 * What every browser suite shares: it runs only where Chromium is, fails loudly under CI when
 * Chromium is missing, and after each test asserts that no page printed a console error or
 * warning or threw (the pages of `app.newPage` record them: appServer.ts).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";
import { hasChromium, INSTALL_HINT, startApp, type AppServer } from "./appServer";

/** Where browser tests save the screenshots we look at (git-ignored). */
export const SHOTS = join(__dirname, "screenshots");

export type BrowserMode = "run" | "fail" | "skip";

/**
 * What a browser suite does: run where Chromium is; without it, fail under CI (the `CI`
 * variable set, as CI runs set it), since a skip there would hide every browser test; elsewhere
 * skip, printing how to install it.
 */
export function browserMode(env: { ci: string | undefined; chromium: boolean }): BrowserMode {
  if (env.chromium) return "run";
  return env.ci && env.ci !== "false" && env.ci !== "0" ? "fail" : "skip";
}

/** `describe` for a browser suite, by `browserMode` of this machine. */
export function browserDescribe(name: string, body: () => void): void {
  const mode = browserMode({ ci: process.env.CI, chromium: hasChromium() });
  if (mode === "run") describe(name, body);
  else if (mode === "fail") describe(name, () => it("needs Chromium", () => expect.fail(INSTALL_HINT)));
  else {
    console.warn(`Browser tests skipped. ${INSTALL_HINT}`);
    describe.skip(name, body);
  }
}

/** After each test: no console error or warning and no page error since the last test. */
export function expectCleanConsole(problems: () => string[]): void {
  afterEach(() => {
    const list = problems();
    expect(list.splice(0)).toEqual([]);
  });
}

/**
 * The built app for the whole suite, handed to `onStart` (the tests open their own pages),
 * closed after it, with the clean-console check after each test.
 */
export function appSuite(onStart: (app: AppServer) => void | Promise<void>): void {
  let app: AppServer | undefined;
  expectCleanConsole(() => app?.problems ?? []);
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startApp();
    await onStart(app);
  });
  afterAll(async () => {
    await app?.close();
  });
}

/** The usual suite set-up: appSuite with one 1280 × 900 page for the whole suite, handed to `onOpen`. */
export function desktopSuite(onOpen: (app: AppServer, page: Page) => void): void {
  appSuite(async (app) => onOpen(app, await app.newPage({ viewport: { width: 1280, height: 900 } })));
}

/**
 * axe-core's WCAG 2.2 A/AA and best-practice violations on the page as it is now (or only inside
 * the `include` selectors, each of which must match), one line each. In axe.run's mode
 * (`setLegacyMode`): the builder's default finishes every run in a fresh blank page, which made
 * each audit about 3× slower (9 s against 3 s at load 10) for the same results on our pages,
 * whose frames, if any, are same-origin. Only violations are collected in full
 * (`resultTypes`): axe then skips building a selector and an HTML excerpt for each of the ~1,600
 * nodes that pass (0.45 s against 0.76–1.3 s an audit of the explorer alone; the six audit tests of
 * quality.test.ts 26.5 s against 29.4 s), the same violations.
 */
export async function axeAudit(page: Page, ...include: string[]): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).options({ resultTypes: ["violations"] }).setLegacyMode();
  for (const selector of include) builder = builder.include(selector);
  const r = await builder.analyze();
  return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(" | ")}`);
}
