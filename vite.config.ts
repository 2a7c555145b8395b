import { defineConfig } from "vitest/config";
import { createServer, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";
import { fileURLToPath } from "node:url";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

const root = fileURLToPath(new URL(".", import.meta.url));
const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const THEME = /[\\/]app[\\/](theme\.ts|viz[\\/]colors\.ts)|vite[\\/]preload-helper|rolldown[\\/]runtime/;
/** The packages the explorer's first screen runs: React, the store, D3's selection (its easing is app/viz/transitions.ts easeCubicOut). */
const FIRST_SCREEN_PACKAGES = /node_modules[\\/](react|react-dom|scheduler|zustand|d3-selection)[\\/]/;

/**
 * Our modules that `entry` reaches through static imports (`import … from`, `export … from`,
 * bare `import "…"`; not `import type`, not `import()`): what the explorer runs once started.
 * Everything else (the engine's families, engine/lazyFamily.ts; def programs and Import; the
 * editor; the panels; the canvas painter…) loads when first used.
 */
function staticallyReached(entry: string): Set<string> {
  const seen = new Set<string>();
  const resolve = (from: string, spec: string): string | null => {
    if (!spec.startsWith(".")) return null;
    const base = join(dirname(from), spec);
    return [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")].find((f) => existsSync(f) && statSync(f).isFile()) ?? null;
  };
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!/\.tsx?$/.test(file)) return;
    for (const m of readFileSync(file, "utf8").matchAll(/^(?:import|export)\s+(?!type\b)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gms)) {
      const next = resolve(file, m[1]);
      if (next) walk(next);
    }
  };
  walk(entry);
  return seen;
}
const FIRST_SCREEN_FILES = staticallyReached(page("app/start.tsx"));
/** In the first screen's chunk: start.tsx and what it reaches, and the packages it runs. */
const isFirstScreen = (id: string): boolean => {
  const file = id.split("?")[0];
  return (FIRST_SCREEN_FILES.has(file) && !/\.css$/.test(file)) || FIRST_SCREEN_PACKAGES.test(file);
};
const isEmbedPage = (path: string) => /(^|\/)embed\.html$/.test(path);

/**
 * Prerenders the first screen (app/prerender.tsx) into index.html at build time, so the page
 * paints before its JavaScript has loaded (Lighthouse's first and largest paint). If rendering
 * fails the page is built without it, and the app renders on the client as before.
 */
function prerender(): Plugin {
  return {
    name: "vmap-prerender",
    apply: "build",
    async transformIndexHtml(html, ctx) {
      // The playground's first screen belongs to index.html only, not the embed page.
      if (isEmbedPage(ctx.path)) return html;
      const server = await createServer({ configFile: false, root, logLevel: "error", plugins: [react()], server: { middlewareMode: true, hmr: false, watch: null }, appType: "custom", optimizeDeps: { noDiscovery: true, include: [] } });
      try {
        const mod = (await server.ssrLoadModule("/app/prerender.tsx")) as { renderFirstScreen: () => Promise<string> };
        return html.replace('<div id="root"></div>', `<div id="root">${await mod.renderFirstScreen()}</div>`);
      } catch (e) {
        console.warn(`prerender skipped: ${(e as Error).message}`);
        return html;
      } finally {
        await server.close();
      }
    },
  };
}

/**
 * Inlines the built stylesheet into index.html (it is ~3 KB gzipped): a stylesheet link blocks
 * the first paint for one more round trip, which on a phone is most of the wait.
 */
function inlineCss(): Plugin {
  return {
    name: "vmap-inline-css",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        // The embed page keeps its stylesheet links: a blog's strict CSP may forbid inline styles.
        if (isEmbedPage(ctx.path)) return html;
        return html.replace(/<link rel="stylesheet" crossorigin href="\/([^"]+\.css)">/g, (tag, file: string) => {
          const asset = ctx.bundle?.[file];
          return asset && asset.type === "asset" ? `<style>${String(asset.source)}</style>` : tag;
        });
      },
    },
  };
}

/**
 * The offline copy: a Workbox service worker (dist/sw.js) precaching every file of the built
 * app, registered by the app itself through workbox-window (app/offline/registerOffline.ts,
 * hence no injected script). "prompt": a new version waits until the person says reload.
 * No navigation fallback: a page asked for with a query (the CSP test's `?csp`) comes from
 * the network, as it would without the worker; `/` and `/embed.html` are precached as they are.
 * No web app manifest: offline use needs none.
 */
const offline = VitePWA({
  registerType: "prompt",
  injectRegister: false,
  manifest: false,
  workbox: {
    globPatterns: ["**/*.{js,css,html,svg,png}"],
    // vite's build manifest (written for the budget test) is no part of the app.
    globIgnores: ["manifest.json"],
    navigateFallback: null,
    cleanupOutdatedCaches: true,
  },
});

export default defineConfig({
  plugins: [react(), prerender(), inlineCss(), offline],
  // Two pages: the playground and the embed page for iframes (app/embed/page.tsx). The
  // web component is the second build step (vite.lib.config.ts).
  // No modulepreload polyfill: every browser that runs the app's ES2022 modules has modulepreload.
  build: {
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: { main: page("index.html"), embed: page("embed.html") },
      // What the app's first screen runs (start.tsx's static imports: React, the engine, the
      // explorer) is one chunk. Split by which lazy chunks also use which parts of it, it came
      // in five files that gzip worse (~1.5 KB more), though the page fetches all of them at once.
      // The theme and vite's loader (main.tsx's, before the first paint) are a small chunk of their
      // own that the app shares, so the entry never waits for the app's chunk.
      output: { codeSplitting: { groups: [{ name: "theme", test: THEME, priority: 2 }, { name: "app", priority: 1, test: isFirstScreen }] } },
    },
  },
  // A sandboxed iframe (opaque origin) and a blog on another origin fetch the module scripts
  // in CORS mode: the preview server allows that, as a static host serving the build must.
  preview: { headers: { "Access-Control-Allow-Origin": "*" } },
  test: {
    environment: "node",
    globalSetup: ["tests/browser/buildOnce.ts"],
    // The engine's families load on first use in the built app (engine/lazyFamily.ts); tests have them from the start.
    setupFiles: ["tests/helpers/loadFamilies.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A poll waits up to 10 s, not vitest's 1 s: the browser tests run a real Chromium beside
    // the other files on 2 cores, where a lazily loaded part (the side after a first visit's
    // preset: 0.9 s on an idle machine) takes over a second (a fresh-clone run failed so,
    // gather's poll). A poll that is met returns at once. (names' link poll failed even at 10 s:
    // that was the app losing the link, app/state/urlSync.ts onHash.)
    expect: { poll: { timeout: 10_000 } },
    // One test file per core, not vitest's default of one fewer (which on 2 cores runs every
    // file in turn): a browser file spends much of its time waiting on Chromium's processes.
    maxWorkers: "100%",
    projects: [
      // The engine's tests use no page, store or DOM: one module graph per worker, not one per
      // file (~0.4 s of set-up per file; these 77 files 60 → 25 s), each file starting from the
      // engine's default config (engineDefaults.ts). The app's files keep their own (jsdom, the
      // store): sharing them failed 8 tests for 28 s saved.
      { extends: true, test: { name: "engine", include: ["tests/{engine,property,lang}/**/*.test.ts"], isolate: false, setupFiles: ["tests/helpers/engineDefaults.ts"] } },
      { extends: true, test: { name: "app", include: ["tests/{app,browser}/**/*.test.{ts,tsx}"] } },
    ],
  },
});
