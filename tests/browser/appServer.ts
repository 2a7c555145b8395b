/**
 * Builds the app once with vite's build() into a temp folder, serves it with preview() on a
 * free loopback port, and launches the system Chromium (playwright-core, no browser download).
 * Shared by the browser tests, bench/browser.ts and scripts/lighthouse.ts.
 *
 * Every page opened through `app.newPage` (or watched with `recordProblems`) records console
 * errors and warnings and uncaught page errors; the suites assert after each test that there
 * were none (suite.ts), so a warning React or the browser prints fails a test.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import { build, preview, type PreviewServer } from "vite";
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export const hasChromium = (): boolean => existsSync(CHROMIUM);

export const INSTALL_HINT = `Chromium is missing at ${CHROMIUM}: install it with \`apt-get install chromium\` (Debian's package; playwright-core downloads no browser).`;

/** Records console errors/warnings and page errors of `page` into `into`. */
export function recordProblems(page: Page, into: string[]): Page {
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") into.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => into.push(`page error: ${e.message}`));
  return page;
}

/**
 * Brings the grad and jit panels into view and waits until they are loaded: they mount only
 * near the viewport (app/panels/Panels.tsx).
 */
export async function showPanels(page: Page): Promise<void> {
  await page.locator(".panels").scrollIntoViewIfNeeded();
  await page.locator(".panel-loading").first().waitFor({ state: "detached" });
}

/**
 * Waits until the page is the app's: the prerendered first screen is in the HTML at once, but
 * it responds, and shows a link's state, only once React has it (app/Root.tsx marks
 * `<html data-app="live">`), and then for a control of the hydrated page: the Function field,
 * or `control` where a page has none (a student link may lock it away).
 */
export async function appLive(page: Page, control: Locator = page.getByLabel("Function", { exact: true })): Promise<void> {
  await page.locator('html[data-app="live"]').waitFor({ state: "attached" });
  await control.waitFor();
}

export interface Preview {
  url: string;
  close: () => Promise<void>;
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The production build, as `npm run build` makes it (both pages and the web component), into `outDir`. Vite takes the bundle's
 * `process.env.NODE_ENV` from the environment first, and vitest sets it to "test", which
 * would ship React's development build: it is "production" for the length of the build.
 * With vite's manifest.json (what each chunk imports), which the budget test reads.
 */
export async function buildApp(outDir: string): Promise<void> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ root: ROOT, mode: "production", logLevel: "error", build: { outDir, emptyOutDir: true, manifest: "manifest.json" } });
    // The second step of `npm run build`: the web component beside the pages (vite.lib.config.ts).
    await build({ root: ROOT, configFile: join(ROOT, "vite.lib.config.ts"), mode: "production", logLevel: "error", build: { outDir, emptyOutDir: false } });
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

/**
 * The built app's folder. Under vitest, globalSetup (tests/browser/buildOnce.ts) names one shared
 * folder and the first browser test file to get here builds into it while the others wait, so a
 * run builds once however many files open the app; elsewhere (the bench, the scripts) each
 * caller builds its own. Returns the folder and whether the caller owns (and so removes) it.
 */
export async function builtApp(): Promise<{ dir: string; owned: boolean }> {
  const shared = process.env.VMAP_SHARED_BUILD;
  if (!shared) {
    const dir = mkdtempSync(join(tmpdir(), "vmap-app-"));
    await buildApp(dir);
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
    await buildApp(dir);
    writeFileSync(done, "");
  }
  const deadline = Date.now() + 180_000;
  while (!existsSync(done)) {
    if (Date.now() > deadline) throw new Error("the shared app build did not finish in 3 minutes");
    await new Promise((r) => setTimeout(r, 100));
  }
  return { dir, owned: false };
}

/** Serves the built app (builtApp) on a free loopback port. */
export async function startPreview(): Promise<Preview> {
  const root = ROOT;
  const { dir: outDir, owned } = await builtApp();
  const server: PreviewServer = await preview({ root, logLevel: "error", build: { outDir }, preview: { port: 0, host: "127.0.0.1", strictPort: false, open: false } });
  const addr = server.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${addr.port}/`,
    close: async () => {
      await new Promise<void>((r) => server.httpServer.close(() => r()));
      if (owned) rmSync(outDir, { recursive: true, force: true });
    },
  };
}

export interface AppServer {
  url: string;
  browser: Browser;
  /** Console errors/warnings and page errors of every page from `newPage`, since the last check. */
  problems: string[];
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
  close: () => Promise<void>;
}

export async function startApp(): Promise<AppServer> {
  const server = await startPreview();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const problems: string[] = [];
  return {
    url: server.url,
    browser,
    problems,
    // A context per page (axe-core's builder needs one), closed with its page.
    newPage: async (options) => {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      page.on("close", () => void context.close().catch(() => undefined));
      return recordProblems(page, problems);
    },
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json", ".png": "image/png" };

/**
 * A tiny static server over `dir` on a free loopback port (unknown paths get index.html), with
 * the extra response headers `headers` gives per file and request (a CSP, CORS).
 */
export function serveDir(dir: string, headers: (file: string, url: URL, req: IncomingMessage) => Record<string, string> = () => ({})): Promise<Server> {
  const srv = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, "");
    let file = join(dir, rel);
    if (!file.startsWith(dir) || !statSync(file, { throwIfNoEntry: false })?.isFile()) file = join(dir, "index.html");
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", ...headers(file, url, req) }).end(readFileSync(file));
  });
  return new Promise((r) => srv.listen(0, "127.0.0.1", () => r(srv)));
}
