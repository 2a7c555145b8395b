/**
 * What every browser suite shares: it runs only where Chromium is, fails loudly under CI when
 * Chromium is missing, and after each test asserts that no page printed a console error or
 * warning or threw (the pages of `app.newPage` record them: appServer.ts).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
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
 * The usual suite set-up: the built app and one 1280 × 900 page for the whole suite, handed to
 * `onOpen`, closed after it, with the clean-console check after each test.
 */
export function desktopSuite(onOpen: (app: AppServer, page: Page) => void): void {
  let app: AppServer | undefined;
  expectCleanConsole(() => app?.problems ?? []);
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startApp();
    onOpen(app, await app.newPage({ viewport: { width: 1280, height: 900 } }));
  });
  afterAll(async () => {
    await app?.close();
  });
}
