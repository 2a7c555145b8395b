/**
 * A popup's way out, as menus have it: Escape, or a press outside it. `area` is what counts as
 * inside (the popup, with the button that opens it when that should not close it).
 */
import { useEffect, useRef } from "react";

export function useDismiss(active: boolean, area: () => Element | null | undefined, onDismiss: (by: "escape" | "outside") => void): void {
  // The latest callbacks, without re-adding the listeners on each render.
  const latest = useRef({ area, onDismiss });
  latest.current = { area, onDismiss };
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") latest.current.onDismiss("escape");
    };
    const onPress = (e: PointerEvent) => {
      const a = latest.current.area();
      if (a && !a.contains(e.target as Node)) latest.current.onDismiss("outside");
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPress);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPress);
    };
  }, [active]);
}
