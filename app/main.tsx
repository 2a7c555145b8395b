/**
 * Mount the explorer and tie the store to the URL (one subscription: state/store.ts syncUrl).
 * A first visit (no link state in the URL) finds the default state prerendered in the page
 * (prerender.tsx) and hydrates it, then plays the example once, motion permitting; a link
 * renders its own state in place of the prerendered one.
 */
import { createRoot, hydrateRoot } from "react-dom/client";
import { Root } from "./Root";
import { syncUrl, useStore } from "./state/store";
import { initTheme } from "./theme";
import { loadTransitions } from "./viz/transitions";
import "./styles.css";
import "./share/share.css";

initTheme();
void loadTransitions();
const fresh = !window.location.hash;
const autoplay = fresh && !window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
syncUrl(useStore, window);
const container = document.getElementById("root")!;
if (fresh && container.firstElementChild) {
  hydrateRoot(container, <Root autoplay={autoplay} />);
} else {
  container.textContent = "";
  createRoot(container).render(<Root autoplay={autoplay} />);
}
