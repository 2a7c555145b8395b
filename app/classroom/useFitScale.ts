/**
 * Scales `content` to fill `box` (presenter mode): its layout size (offsetWidth/Height, which
 * a transform does not change, so measuring never feeds back into itself) against the box's,
 * the smaller ratio wins, centred. Measured again whenever either resizes: a new example,
 * the window, full screen, the browser's zoom (which changes the CSS px a screen holds).
 */
import { useLayoutEffect, useState, type RefObject } from "react";

export interface Fit {
  scale: number;
  x: number;
  y: number;
}

/** A 1×1 example would otherwise grow without end. */
export const MAX_SCALE = 4;

export function fitInside(box: { width: number; height: number }, content: { width: number; height: number }): Fit {
  if (content.width <= 0 || content.height <= 0 || box.width <= 0 || box.height <= 0) return { scale: 1, x: 0, y: 0 };
  const scale = Math.min(MAX_SCALE, box.width / content.width, box.height / content.height);
  return { scale, x: Math.max(0, (box.width - content.width * scale) / 2), y: Math.max(0, (box.height - content.height * scale) / 2) };
}

export function useFitScale(box: RefObject<HTMLElement | null>, content: RefObject<HTMLElement | null>): Fit {
  const [fit, setFit] = useState<Fit>({ scale: 1, x: 0, y: 0 });
  useLayoutEffect(() => {
    const b = box.current;
    const c = content.current;
    if (!b || !c) return;
    const measure = () => {
      const next = fitInside({ width: b.clientWidth, height: b.clientHeight }, { width: c.offsetWidth, height: c.offsetHeight });
      setFit((f) => (Math.abs(f.scale - next.scale) < 1e-3 && Math.abs(f.x - next.x) < 0.5 && Math.abs(f.y - next.y) < 0.5 ? f : next));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(b);
    ro.observe(c);
    return () => ro.disconnect();
  }, [box, content]);
  return fit;
}
