/**
 * The second build step (`npm run build`): `<vmap-playground>` (app/embed/element.tsx) as one
 * self-contained ES module, dist/vmap-playground.js, beside the app. Its styles are inlined
 * (`?inline`) for its shadow root and nothing is split into chunks, so a page that loads it
 * makes no further request.
 */
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  // Library mode leaves process.env alone; React reads NODE_ENV to pick its build, and the
  // React plugin picks jsx or jsxDEV by the same variable (a test run builds with NODE_ENV=test).
  define: { "process.env.NODE_ENV": JSON.stringify(process.env.NODE_ENV ?? "production") },
  build: {
    outDir: "dist",
    emptyOutDir: false,
    copyPublicDir: false,
    minify: true,
    lib: { entry: "app/embed/element.tsx", formats: ["es"], fileName: () => "vmap-playground.js" },
    rollupOptions: { output: { codeSplitting: false } },
  },
});
