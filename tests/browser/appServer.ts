/**
 * Builds the app once with vite's build() into a temp folder, serves it with preview() on a
 * free loopback port, and launches the system Chromium (playwright-core, no browser download).
 * Shared by the browser tests and bench/browser.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import { build, preview, type PreviewServer } from "vite";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export const hasChromium = (): boolean => existsSync(CHROMIUM);

export interface AppServer {
  url: string;
  browser: Browser;
  close: () => Promise<void>;
}

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The built app's folder. Under vitest, globalSetup (tests/browser/buildOnce.ts) names one shared
 * folder and the first browser test file to get here builds into it while the others wait, so a
 * run builds once however many files open the app; elsewhere (the bench) each caller builds its own.
 * Returns the folder and whether the caller owns (and so removes) it.
 */
export async function builtApp(): Promise<{ dir: string; owned: boolean }> {
  const shared = process.env.VMAP_SHARED_BUILD;
  if (!shared) {
    const dir = mkdtempSync(join(tmpdir(), "vmap-app-"));
    await build({ root, logLevel: "error", build: { outDir: dir, emptyOutDir: true } });
    return { dir, owned: true };
  }
  const dir = join(shared, "dist");
  const done = join(shared, "done");
  let builder = false;
  try {
    mkdirSync(join(shared, "lock"));
    builder = true;
  } catch {
    // Another file is building: wait for its marker below.
  }
  if (builder) {
    await build({ root, logLevel: "error", build: { outDir: dir, emptyOutDir: true } });
    writeFileSync(done, "");
  }
  const deadline = Date.now() + 180_000;
  while (!existsSync(done)) {
    if (Date.now() > deadline) throw new Error("the shared app build did not finish in 3 minutes");
    await new Promise((r) => setTimeout(r, 100));
  }
  return { dir, owned: false };
}

export async function startApp(): Promise<AppServer> {
  const { dir: outDir, owned } = await builtApp();
  const server: PreviewServer = await preview({ root, logLevel: "error", build: { outDir }, preview: { port: 0, host: "127.0.0.1", strictPort: false, open: false } });
  const addr = server.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${addr.port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    url,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((r) => server.httpServer.close(() => r()));
      if (owned) rmSync(outDir, { recursive: true, force: true });
    },
  };
}
