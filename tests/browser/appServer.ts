/**
 * Builds the app once with vite's build() into a temp folder, serves it with preview() on a
 * free loopback port, and launches the system Chromium (playwright-core, no browser download).
 * Shared by the browser tests and bench/browser.ts.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
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

export async function startApp(): Promise<AppServer> {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const outDir = mkdtempSync(join(tmpdir(), "vmap-app-"));
  await build({ root, logLevel: "error", build: { outDir, emptyOutDir: true } });
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
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
