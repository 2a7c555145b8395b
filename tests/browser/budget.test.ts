// The first-screen JavaScript budget: the built entry chunk plus everything it imports
// statically, and the app it starts (app/start.tsx) with its static imports (what the browser
// must fetch before the explorer works), gzipped, stays within
// FIRST_SCREEN_GZIP. Lazily loaded chunks (the grad and jit panels) do not count. Read from
// vite's build manifest, so the figure is the built app's, whatever the chunking.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtApp } from "./appServer";

/** The budget issue 14 sets: 150 KB (10³ bytes), gzip level 9 as servers send it. */
const FIRST_SCREEN_GZIP = 150_000;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  isDynamicEntry?: boolean;
}

let outDir = "";
let owned = false;
let manifest: Record<string, ManifestChunk>;

describe("bundle budget", () => {
  beforeAll(async () => {
    const built = await builtApp();
    outDir = built.dir;
    owned = built.owned;
    manifest = JSON.parse(readFileSync(join(outDir, "manifest.json"), "utf8"));
  });
  afterAll(() => {
    if (owned) rmSync(outDir, { recursive: true, force: true });
  });

  it(`first-screen JavaScript is at most ${FIRST_SCREEN_GZIP / 1000} KB gzipped`, () => {
    // The playground's page (the embed page is another entry, with its own smaller first screen).
    const entry = Object.keys(manifest).find((k) => manifest[k].isEntry && k === "index.html")!;
    expect(entry).toBe("index.html");
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      for (const i of manifest[key].imports ?? []) visit(i);
    };
    visit(entry);
    // The entry only starts the app after the first paint (app/main.tsx → start.tsx): the
    // app's code is the first screen's all the same.
    // Its one dynamic import is the chunk holding start.tsx (the first screen's chunk, vite.config.ts).
    const started = manifest[entry].dynamicImports ?? [];
    expect(started).toHaveLength(1);
    visit(started[0]);
    const files = [...seen].map((k) => manifest[k].file).filter((f) => f.endsWith(".js"));
    const sizes = files.map((f) => gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length);
    const total = sizes.reduce((a, b) => a + b, 0);
    console.log(`first-screen JS: ${files.map((f, i) => `${f} ${sizes[i]} B`).join(", ")}; total ${total} B gzipped, ${FIRST_SCREEN_GZIP - total} B under the budget`);
    expect(total).toBeLessThanOrEqual(FIRST_SCREEN_GZIP);
    // The panels stay out of it: they are loaded when the page reaches them.
    expect(files.some((f) => /GradPanel|JitPanel/.test(f))).toBe(false);
    // So does CodeMirror: the function box is a plain field until the user reaches for it.
    const codemirror = Object.keys(manifest).find((k) => k.endsWith("app/editor/codemirror.ts"));
    expect(codemirror && manifest[codemirror].isDynamicEntry).toBe(true);
    expect([...seen].some((k) => k.includes("node_modules/@codemirror/") || k === codemirror)).toBe(false);
  });
});
