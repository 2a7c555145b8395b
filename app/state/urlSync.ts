/**
 * The page's link and the store kept in step (the permalink: pageLink.ts), loaded by start.tsx
 * beside the first screen rather than in it: a first visit has no link to read, and the link's
 * coding is the biggest part of the state code the first screen would otherwise carry.
 */
import type { StoreApi } from "zustand";
import { decodePageLink, encodePageLink } from "./pageLink";
import { loadState, type StoreState } from "./store";
import { whenTypingPauses } from "./typingPause";

/** The permalink of what `s` shows (pageLink.ts): the step only while paused on one. */
export const pageLinkOf = (s: StoreState): string =>
  encodePageLink({ explorer: s.explorer, step: !s.playing && s.k !== null ? { k: s.k, phase: s.phase } : null, speed: s.speed, lock: s.lock, lesson: s.lesson });

interface UrlHost {
  location: { hash: string; pathname?: string; search?: string };
  history: { replaceState: (data: unknown, unused: string, url?: string) => void };
  addEventListener: (type: "hashchange" | "pagehide", cb: (e?: { newURL?: string }) => void) => void;
  removeEventListener: (type: "hashchange" | "pagehide", cb: (e?: { newURL?: string }) => void) => void;
}

/**
 * The link is written once changes pause for this many ms. `replaceState` is not free: in
 * Chromium each call is a same-document navigation that also fetches and decodes the page's
 * icon again (measured at 4× CPU throttling: 5–10 ms of main thread per write, landing inside
 * whichever change comes next: the p95 of in_axes changes 57–64 → 50–52 ms without writes,
 * bench/throttled.ts), Chromium throttles pages that call it hundreds of times in a few seconds,
 * and Safari throws after 100 calls in 10 s. So a burst of changes (an instructor stepping
 * through a menu, keys held on a select) is written once, when it ends.
 */
export const URL_QUIET_MS = 300;
/** A burst that goes on is still written at least this often, so the link never lags far. */
export const URL_MAX_WAIT_MS = 2000;

/** Runs `cb` in a task after the next frame is painted (in a page; elsewhere soon). */
function afterNextPaint(cb: () => void): void {
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => setTimeout(cb, 0));
  else setTimeout(cb, 0);
}

/**
 * Reads the state from the URL once, then writes every change of the permalink (pageLinkOf:
 * the explorer, the lesson step, the paused animation step, the speed, the lock) back with one
 * subscription (replaceState: the history stack belongs to undo, not to the back button),
 * once changes pause for URL_QUIET_MS (or URL_MAX_WAIT_MS into a burst that goes on), just
 * after a frame; a pending write is flushed when the page is hidden or the sync stops. A link
 * pasted while the page is open (hashchange) is read the same way.
 */
export function syncUrl(store: StoreApi<StoreState>, host: UrlHost): () => void {
  const hashNow = () => host.location.hash.replace(/^#/, "");
  // The hash as the page last had it from us or from a navigation read (as location reads it back).
  let lastHash = hashNow();
  let last = "";
  // A change to write: the link is encoded when it is written, not on every change (a keystroke).
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  // When the oldest change not yet written was made.
  let dirtySince: number | null = null;
  let reading = false;
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    dirty = false;
    dirtySince = null;
  };
  const flush = () => {
    const was = dirty;
    cancel();
    if (!was) return;
    const enc = pageLinkOf(store.getState());
    if (enc === last) return;
    last = enc;
    host.history.replaceState(null, "", `#${enc}`);
    lastHash = hashNow();
  };
  // While the user types, the link waits for the pause too (typingPause.ts), then the next paint.
  const writeSoon = () => whenTypingPauses(store, () => afterNextPaint(flush));
  const read = (hash: string) => {
    cancel();
    const r = decodePageLink(`#${hash}`);
    // Leave the link as it was until the user changes something: a reload of a broken link
    // shows the same notice again instead of silently becoming the default. So what reading
    // it changes is not written back.
    reading = true;
    try {
      loadState(store, r.link.explorer, r.ok ? null : r.notice, r.link);
      // A lesson step's link (urlState.ts decodeLink): the lesson slice enters the step once the
      // lessons are loaded, over the student's own edits if the link carries them; without one,
      // a link leaves any open lesson.
      if (r.link.lesson) store.getState().openLesson(r.link.lesson.id, r.link.lesson.step, { keepExplorer: r.link.lesson.keepExplorer, fromLink: true });
      else if (store.getState().lesson) store.getState().closeLesson();
    } finally {
      reading = false;
    }
    last = pageLinkOf(store.getState());
  };
  const changed = () => {
    dirty = true;
    dirtySince ??= Date.now();
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(writeSoon, Math.max(0, Math.min(URL_QUIET_MS, dirtySince + URL_MAX_WAIT_MS - Date.now())));
  };
  // A first visit's state is the default already (and may be playing it): nothing to read. This
  // runs when its chunk has loaded: an edit made before then (a quick first click on a busy
  // machine) is the user's and is written as any other (it was left out of the link until the
  // next change).
  if (host.location.hash.replace(/^#/, "") === "") {
    const edited = store.getState().past.length > 0;
    last = edited ? "" : pageLinkOf(store.getState());
    if (edited) changed();
  } else read(hashNow());
  const unsub = store.subscribe((s, prev) => {
    if (reading) return;
    if (s.explorer === prev.explorer && s.k === prev.k && s.phase === prev.phase && s.playing === prev.playing && s.speed === prev.speed && s.lock === prev.lock && s.lesson === prev.lesson) return;
    changed();
  });
  const onHash = (e?: { newURL?: string }) => {
    // The hash navigated to, from the event: a write of ours may have replaced the URL between
    // the navigation and its event (seen under load: the link opened was then never read).
    const hash = e?.newURL ? new URL(e.newURL).hash.replace(/^#/, "") : hashNow();
    if (hash === lastHash) return;
    lastHash = hash;
    read(hash);
    if (hashNow() !== hash) {
      host.history.replaceState(null, "", `#${hash}`);
      lastHash = hashNow();
    }
  };
  host.addEventListener("hashchange", onHash);
  host.addEventListener("pagehide", flush);
  return () => {
    flush();
    unsub();
    host.removeEventListener("hashchange", onHash);
    host.removeEventListener("pagehide", flush);
  };
}
