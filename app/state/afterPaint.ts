/**
 * A value that follows another once the page has painted the change and input has paused: after
 * the next frame, `quietMs` with no newer value, then in a transition (a render that newer input
 * interrupts). A newer value before then restarts the wait, so a burst of changes (arrow keys
 * held on an in_axes menu) renders what follows once, at its end, and each change's frame
 * carries the picture alone.
 */
import { startTransition, useEffect, useState } from "react";

/**
 * `T` is never a function (it is stored as React state). With `startEmpty`, the first render
 * has nothing (null) and the value follows as any later one does: a component whose first render
 * would be costly mounts cheaply, even when newer input keeps interrupting its mount.
 */
export function useAfterPaint<T extends object | string>(current: T, quietMs?: number): T;
export function useAfterPaint<T extends object | string>(current: T, quietMs: number, startEmpty: true): T | null;
export function useAfterPaint<T extends object | string>(current: T, quietMs = 0, startEmpty = false): T | null {
  const [shown, setShown] = useState<T | null>(startEmpty ? null : current);
  useEffect(() => {
    if (shown === current) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setShown(current)), quietMs);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [current, shown, quietMs]);
  return shown;
}
