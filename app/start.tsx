/**
 * Mount the explorer and tie the store to the URL (one subscription: state/urlSync.ts syncUrl),
 * started by main.tsx after the first paint. A first visit (no link state in the URL) finds the
 * default state prerendered in the page (prerender.tsx) and hydrates it, then plays the example
 * once, motion permitting; a link renders its own state in place of the prerendered one.
 * Hydration runs as a transition, so React does it in slices of a few milliseconds between
 * which the page stays responsive (a phone's main thread is never blocked for the whole page).
 * Once the page has loaded, the built app registers its service worker (offline/registerOffline.ts),
 * so it works with no network.
 */
import { startTransition } from "react";
import { createRoot, hydrateRoot } from "react-dom/client";
import { Root } from "./Root";
import { appStore, useStore } from "./state/store";
import { loadTransitions } from "./viz/transitions";

/** Starts the playground on this page (called by main.tsx; the module itself does nothing when loaded, so the embed page may share its chunk). */
export function start(): void {
  loadTransitions();
  const fresh = !window.location.hash;
  const autoplay = fresh && !window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  const container = document.getElementById("root")!;
  // The URL sync (state/urlSync.ts) is a chunk of its own: a first visit has no link to read and
  // mounts at once; a link's state is read before anything renders.
  const urlSync = import("./state/urlSync").then((m) => m.syncUrl(useStore, window));
  // The code panel and what sits beside the picture load after the first screen (App.tsx):
  // fetched now, with it, so a page rendered from a link shows them with the rest (the
  // prerendered page keeps their HTML meanwhile).
  const beside = Promise.all([import("./explorer/CodePanel"), import("./explorer/Beside")]);
  if (fresh && container.firstElementChild) {
    startTransition(() => {
      hydrateRoot(container, <Root autoplay={autoplay} />);
    });
  } else {
    void Promise.all([urlSync, beside]).then(() => {
      container.textContent = "";
      createRoot(container).render(<Root autoplay={autoplay} />);
    });
  }

  if (import.meta.env.PROD) {
    const register = () => void import("./offline/registerOffline").then((m) => m.registerOffline(appStore));
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register, { once: true });
  }
}
