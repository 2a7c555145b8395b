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
  addEventListener: (type: "hashchange" | "pagehide", cb: () => void) => void;
  removeEventListener: (type: "hashchange" | "pagehide", cb: () => void) => void;
}

/**
 * At most one URL write per this many ms. `replaceState` is not free: in Chromium each call is
 * work for the browser process as well (measured: ~10 ms of the median out_axes redraw on a
 * loaded 2-core machine), Chromium throttles pages that call it hundreds of times in a few
 * seconds, and Safari throws after 100 calls in 10 s, which typing in the function editor
 * could reach. So a change is written just after the frame that shows it (off the path from
 * the change to its picture: bench/throttled.ts), and further changes within the window are
 * written together at its end.
 */
export const URL_WRITE_MS = 250;

/** Runs `cb` in a task after the next frame is painted (in a page; elsewhere soon). */
function afterNextPaint(cb: () => void): void {
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => setTimeout(cb, 0));
  else setTimeout(cb, 0);
}

/**
 * Reads the state from the URL once, then writes every change of the permalink (pageLinkOf:
 * the explorer, the lesson step, the paused animation step, the speed, the lock) back with one
 * subscription (replaceState: the history stack belongs to undo, not to the back button),
 * at most once per URL_WRITE_MS (the last change of a burst is written at its end, and a
 * pending write is flushed when the page is hidden or the sync stops). A link pasted while the
 * page is open (hashchange) is read the same way.
 */
export function syncUrl(store: StoreApi<StoreState>, host: UrlHost): () => void {
  let last = "";
  // A change to write: the link is encoded when it is written, not on every change (a keystroke).
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastWrite = -Infinity;
  let reading = false;
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    dirty = false;
  };
  const flush = () => {
    const was = dirty;
    cancel();
    if (!was) return;
    const enc = pageLinkOf(store.getState());
    if (enc === last) return;
    last = enc;
    lastHash = enc;
    lastWrite = Date.now();
    host.history.replaceState(null, "", `#${enc}`);
  };
  // While the user types, the link waits for the pause too (typingPause.ts), then the next paint.
  const writeSoon = () => whenTypingPauses(store, () => afterNextPaint(flush));
  const read = () => {
    cancel();
    const r = decodePageLink(host.location.hash);
    // Leave the link as it was until the user changes something: a reload of a broken link
    // shows the same notice again instead of silently becoming the default. So what reading
    // it changes is not written back.
    reading = true;
    try {
      loadState(store, r.link.explorer, r.ok ? null : r.notice, r.link);
      // A lesson step's link (urlState.ts decodeLink): the lesson slice enters the step once the
      // lessons are loaded, over the student's own edits if the link carries them; without one,
      // a link leaves any open lesson.
      if (r.link.lesson) store.getState().openLesson(r.link.lesson.id, r.link.lesson.step, { keepExplorer: r.link.lesson.keepExplorer });
      else if (store.getState().lesson) store.getState().closeLesson();
    } finally {
      reading = false;
    }
    last = pageLinkOf(store.getState());
  };
  // A first visit's state is the default already (and may be playing it): nothing to read.
  if (host.location.hash.replace(/^#/, "") === "") last = pageLinkOf(store.getState());
  else read();
  let lastHash = host.location.hash.replace(/^#/, "");
  const unsub = store.subscribe((s, prev) => {
    if (reading) return;
    if (s.explorer === prev.explorer && s.k === prev.k && s.phase === prev.phase && s.playing === prev.playing && s.speed === prev.speed && s.lock === prev.lock && s.lesson === prev.lesson) return;
    dirty = true;
    if (timer === null) timer = setTimeout(writeSoon, Math.max(0, URL_WRITE_MS - (Date.now() - lastWrite)));
  });
  const onHash = () => {
    if (host.location.hash.replace(/^#/, "") === lastHash) return;
    lastHash = host.location.hash.replace(/^#/, "");
    read();
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
