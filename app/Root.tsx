/**
 * The whole page as main.tsx mounts it and the build prerenders it (prerender.tsx): the same
 * tree on both sides, so the prerendered first screen hydrates without a mismatch. The page
 * sits in one more error boundary than its regions (App.tsx), so nothing a link or an edit
 * does can leave a blank page.
 */
import { StrictMode } from "react";
import { App } from "./App";
import { Region } from "./ErrorBoundary";

export function Root({ autoplay = false }: { autoplay?: boolean }) {
  return (
    <StrictMode>
      <Region name="vmap Playground">
        <App autoplay={autoplay} />
      </Region>
    </StrictMode>
  );
}
