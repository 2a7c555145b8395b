/**
 * What presenter mode's keys and buttons do (actions.ts): enter and leave it, full screen
 * with it (the Fullscreen API; a refusal — an iframe without allowfullscreen, a browser that
 * asks first — leaves presenter mode on in the window), and the clicker's next/previous: a
 * lesson's step while a lesson is open, else the animation's step.
 */
import { useEffect } from "react";
import { useStoreApi, type StoreState } from "../state/store";

/** Full screen for the whole page, if the browser allows it; never throws. */
function enterFullscreen(): void {
  const el = typeof document !== "undefined" ? document.documentElement : null;
  if (!el?.requestFullscreen || document.fullscreenElement) return;
  try {
    void el.requestFullscreen({ navigationUI: "hide" }).catch(() => undefined);
  } catch {
    // Refused synchronously (older browsers): presenter mode still fills the window.
  }
}

function leaveFullscreen(): void {
  if (typeof document === "undefined" || !document.fullscreenElement || !document.exitFullscreen) return;
  void document.exitFullscreen().catch(() => undefined);
}

/** Presenter mode on or off, with full screen (called from a key press or click: a user gesture). */
export function togglePresenter(s: StoreState, on: boolean): void {
  if (on) enterFullscreen();
  else leaveFullscreen();
  s.setPresenter(on);
}

/** The clicker's next: the open lesson's next step, else (no lesson, or its last step) the animation's. */
export function clickerNext(s: StoreState, B: number): void {
  // A question's hidden answer first: the class predicts, the clicker reveals, the next press moves on.
  if (s.lessonConceal) return s.revealAnswer();
  if (s.lesson && s.lessonNext()) return;
  s.stepForward(B);
}

export function clickerPrev(s: StoreState, B: number): void {
  if (s.lesson && s.lessonPrev()) return;
  s.stepBack(B);
}

/**
 * The browser's own way out of full screen (Esc, which the page never sees, or F11) leaves
 * presenter mode too, when presenter mode had taken the screen.
 */
export function useLeaveWithFullscreen(): void {
  const store = useStoreApi();
  useEffect(() => {
    let had = false;
    const onChange = () => {
      if (document.fullscreenElement) had = true;
      else if (had) {
        had = false;
        if (store.getState().presenter) store.getState().setPresenter(false);
      }
    };
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, [store]);
}
