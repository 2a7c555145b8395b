/**
 * What is in view is painted first. A canvas grid's full repaint (a new layout, fills or theme)
 * waits while the grid lies wholly outside the viewport, and runs as soon as the page is idle,
 * the grid comes into view, or anything else is about to draw on it. On the blog's (2,3,5,7,9)
 * example at a laptop's 1280×900 the result grid starts below the fold: a change of in_axes,
 * out_axes or a shape then shows what the user sees (the controls, the arguments, the shape
 * story) without first painting and uploading the ~950×880 px result (bench/throttled.ts, the
 * change rows; the "every grid painted" rows time the deferred paint too).
 *
 * The viewport is checked twice: by an IntersectionObserver (the last frame's layout, free to
 * read when a change commits) and, for a paint that waits, once more just before the next frame
 * (the change may have moved the grid into view: it is then painted in that frame, as before).
 * A grid just made has no observer's word yet: its first paint waits for that second check.
 * Without IntersectionObserver (jsdom, old browsers) every paint runs at once.
 *
 * The idle wait has no deadline: at a human pace the page rests within a frame or two of a
 * change (at 4× CPU throttling its idle callback came 20–90 ms after one), and while keys held
 * on a menu keep it busy, a grid nobody can see need not be painted between their changes (a
 * 250 ms deadline painted the 5-d result 10–11 times in 100 back-to-back shape changes at 4×,
 * 2–9 ms each, inside whichever change came next).
 */
import { useEffect, useRef, type RefObject } from "react";
import { onIdle } from "../state/idleAfter";

/** Whether `el`'s box meets the viewport now (a layout read: only just before a frame). */
function inViewport(el: Element): boolean {
  const r = el.getBoundingClientRect();
  return r.bottom >= 0 && r.right >= 0 && r.top <= window.innerHeight && r.left <= window.innerWidth;
}

/** One grid's paint that waits while the grid is out of view. */
export class ViewportFirst {
  /**
   * Whether the grid met the viewport at the last frame the observer reported; null until it
   * has (a grid just made: its paint waits for the check before the next frame).
   */
  seen: boolean | null = null;
  private waiting: (() => void) | null = null;
  private frameAsk = 0;
  private cancelIdle: (() => void) | null = null;

  constructor(private readonly frame: () => Element | null) {}

  /** Runs `paint` now, or, while the grid is out of view, later (a newer paint replaces a waiting one). */
  paint(paint: () => void): void {
    if (this.seen === true || typeof IntersectionObserver === "undefined") {
      this.drop();
      paint();
      return;
    }
    this.waiting = paint;
    if (!this.frameAsk)
      this.frameAsk = requestAnimationFrame(() => {
        this.frameAsk = 0;
        const el = this.frame();
        if (el && inViewport(el)) this.flush();
      });
    this.cancelIdle ??= onIdle(() => {
      this.cancelIdle = null;
      // A grid gone meanwhile (its frame's ref is null) has nothing left to paint.
      if (this.frame()) this.flush();
      else this.drop();
    });
  }

  /** Runs a waiting paint now: call before anything that draws on what it paints. */
  flush(): void {
    const paint = this.waiting;
    this.drop();
    paint?.();
  }

  /** Forgets a waiting paint (the grid has gone, or a newer paint runs). */
  drop(): void {
    this.waiting = null;
    if (this.frameAsk) cancelAnimationFrame(this.frameAsk);
    this.cancelIdle?.();
    this.frameAsk = 0;
    this.cancelIdle = null;
  }
}

/** The grid in `frame`'s ViewportFirst, told by an IntersectionObserver whether the grid is in view. */
export function useViewportFirst(frame: RefObject<HTMLElement | null>): ViewportFirst {
  const ref = useRef<ViewportFirst | null>(null);
  if (!ref.current) ref.current = new ViewportFirst(() => frame.current);
  const vf = ref.current;
  useEffect(() => {
    const el = frame.current;
    if (!el || typeof IntersectionObserver === "undefined") return;
    const io = new IntersectionObserver((entries) => {
      vf.seen = entries[entries.length - 1].isIntersecting;
      if (vf.seen) vf.flush();
    });
    io.observe(el);
    // A paint still waiting is kept: React's StrictMode runs this cleanup and the effect again
    // on a grid that stays (its paint would be lost); a grid that goes drops it at idle.
    return () => {
      io.disconnect();
      vf.seen = null;
    };
  }, [frame, vf]);
  return vf;
}
