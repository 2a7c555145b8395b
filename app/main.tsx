/**
 * Mount the explorer and tie the store to the URL (one subscription: state/store.ts syncUrl).
 * A first visit (no link state in the URL) finds the default state prerendered in the page
 * (prerender.tsx) and hydrates it, then plays the example once, motion permitting; a link
 * renders its own state in place of the prerendered one. Once the page has loaded, the built
 * app registers its service worker (offline/registerOffline.ts), so it works with no network.
 */
import { createRoot, hydrateRoot } from "react-dom/client";
import { Root } from "./Root";
import { appStore, syncUrl, useStore } from "./state/store";
import { initTheme } from "./theme";
import { loadTransitions } from "./viz/transitions";
import "./styles.css";
import "./share/share.css";
import "./classroom/classroom.css";

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

if (import.meta.env.PROD) {
  const register = () => void import("./offline/registerOffline").then((m) => m.registerOffline(appStore));
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
