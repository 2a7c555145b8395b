/**
 * The page's entry, kept tiny. The first screen is already in the HTML (prerender.tsx, CSS
 * inlined), so the browser can paint it at once; the app itself (React, the engine, the
 * explorer: start.tsx) is fetched only after that first paint, so its ~150 KB never delays
 * it (nor does Lighthouse count them as blocking it). The theme is applied here, before the
 * paint, so a remembered dark theme never flashes light. Once the page has loaded, start.tsx
 * registers the built app's service worker (offline/registerOffline.ts): it works with no network.
 */
import { initTheme } from "./theme";
import "./styles.css";
import "./share/share.css";
import "./classroom/classroom.css";

initTheme();

/**
 * Runs `fn` after the next paint: a task queued from the frame's rAF runs after it paints. A
 * page opened in a background tab paints nothing: it starts at once (a timer instead would
 * start the app before the paint it waits for on a busy phone).
 */
function afterPaint(fn: () => void): void {
  if (document.visibilityState === "hidden") fn();
  else requestAnimationFrame(() => setTimeout(fn, 0));
}

// A link's state is not the prerendered default: nothing is gained by painting that first.
const start = () => void import("./start").then((m) => m.start());
if (window.location.hash) start();
else afterPaint(start);
