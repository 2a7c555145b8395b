/**
 * `npm run bench`: bundles bench/run.ts and what it imports (the engine, the app's bridge) with
 * the app's own bundler (vite's build, rolldown; not minified) and runs the bundle, so the rows
 * time the engine as the built app ships it. Run through tsx, every module kept tsx's
 * `keepNames` wrappers (a `__name` call per closure made, ~20% of a small vmap call) and its
 * module-level constants stayed `const`s, which rolldown turns into `var`s (engine/array/tanh.ts
 * says what that cost). Arguments pass through: `npm run bench -- vmap,grad`.
 */
import { build } from "vite";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
// Two levels below the root, as tests/browser/appServer.ts is, which finds the root from its own URL.
const OUT = `${ROOT}bench/.build`;

await build({
  root: ROOT,
  configFile: false,
  publicDir: false,
  logLevel: "warn",
  build: { ssr: "bench/run.ts", outDir: OUT, emptyOutDir: true, minify: false, target: "node20", rollupOptions: { output: { entryFileNames: "run.mjs", chunkFileNames: "[name]-[hash].mjs" } } },
});
await import(pathToFileURL(`${OUT}/run.mjs`).href);
