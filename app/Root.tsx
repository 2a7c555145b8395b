/**
 * The whole page as start.tsx mounts it and the build prerenders it (prerender.tsx): the same
 * tree on both sides, so the prerendered first screen hydrates without a mismatch. The page
 * sits in one more error boundary than its regions (App.tsx), so nothing a link or an edit
 * does can leave a blank page.
 */
import { StrictMode, useEffect } from "react";
import { App } from "./App";
import { Region } from "./ErrorBoundary";

/**
 * `<html data-app="live">` once the page is React's (hydrated or rendered): until then the
 * prerendered first screen shows but does not respond, and a link's own state is not shown yet.
 * Browser tests wait for it (tests/browser/appServer.ts `appLive`).
 */
function useLiveMark() {
  useEffect(() => {
    document.documentElement.dataset.app = "live";
  }, []);
}

export function Root({ autoplay = false }: { autoplay?: boolean }) {
  useLiveMark();
  return (
    <StrictMode>
      <Region name="vmap Playground">
        <App autoplay={autoplay} />
      </Region>
    </StrictMode>
  );
}
