/**
 * The offline copy: registers the service worker vite-plugin-pwa builds (Workbox precaching
 * every file of the built app, vite.config.ts) through workbox-window, and tells the page
 * (store `offline`, OfflineStatus.tsx) when the app is ready to be used with no network and
 * when a new version is waiting. A new version never takes over by itself (registerType
 * "prompt": the worker waits); only the person's "Reload" sends it SKIP_WAITING, and the page
 * reloads once it controls the page. Its own chunk, loaded after the first screen (main.tsx).
 */
import { Workbox } from "workbox-window";
import type { StoreApi } from "zustand";
import type { StoreState } from "../state/store";

/** The part of workbox-window used here (a fake one in the tests). */
export interface WorkboxLike {
  addEventListener(type: "waiting" | "controlling", cb: () => void): void;
  register(): Promise<ServiceWorkerRegistration | undefined>;
  messageSkipWaiting(): void;
  readonly active: Promise<ServiceWorker>;
}

export function watchOffline(wb: WorkboxLike, store: StoreApi<StoreState>, reload: () => void): Promise<void> {
  const ready = () => {
    if (store.getState().offline.state === "none") store.getState().setOffline({ state: "ready" });
  };
  let accepted = false;
  wb.addEventListener("waiting", () =>
    store.getState().setOffline({
      state: "update",
      acceptUpdate: () => {
        accepted = true;
        wb.messageSkipWaiting();
      },
    }),
  );
  wb.addEventListener("controlling", () => {
    if (accepted) reload();
  });
  // Active means installed, and a worker installs only once every precached file is cached.
  void wb.active.then(ready, () => undefined);
  return wb.register().then(
    (reg) => {
      if (reg?.active) ready();
    },
    () => undefined,
  );
}

/** Registers the app's service worker (a secure context only: https, or localhost). */
export function registerOffline(store: StoreApi<StoreState>): void {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const wb = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
  void watchOffline(wb as unknown as WorkboxLike, store, () => window.location.reload());
}
