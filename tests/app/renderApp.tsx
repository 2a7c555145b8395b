/** Renders the explorer with a fresh store (selectors are pure: no caches to reset) (zustand's reset-per-test pattern). */
import { cleanup, render } from "@testing-library/react";
import { App } from "../../app/App";
import { resetStore, useStore } from "../../app/state/store";
import { syncUrl } from "../../app/state/urlSync";

export function renderApp() {
  resetStore();
  return render(<App />);
}

let stopSync: (() => void) | null = null;

/** Opens `hash` the way start.tsx does: the URL sync reads it, then the page renders. */
export function openLink(hash: string) {
  resetStore();
  window.history.replaceState(null, "", `/${hash}`);
  stopSync = syncUrl(useStore, window);
  return render(<App />);
}

/** Stops the URL sync and unmounts; the URL stays (a reload opens it again). */
export function unmountLink() {
  stopSync?.();
  stopSync = null;
  cleanup();
}

/** After each test: stop the URL sync, unmount, and leave the URL bare. */
export function closeLink() {
  unmountLink();
  window.history.replaceState(null, "", "/");
}
