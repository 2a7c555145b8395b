/**
 * Printing gives a handout (Handout.tsx): the "Print handout" button and the browser's own
 * print both mount it just before printing (flushSync in `beforeprint`, so the browser lays it
 * out before it paints the pages) and remove it afterwards; the page's print styles hide
 * everything else. Its code is its own chunk, fetched when the page is idle, so a Ctrl+P finds
 * it loaded; the button waits for it if it is not yet.
 */
import { useCallback, useEffect, useState, type ComponentType } from "react";
import { flushSync } from "react-dom";

type HandoutModule = { Handout: ComponentType };
let loading: Promise<HandoutModule> | null = null;
const loadHandout = (): Promise<HandoutModule> => (loading ??= import("./Handout"));

export function usePrintHandout(): { handout: ComponentType | null; print: () => Promise<void> } {
  const [Comp, setComp] = useState<ComponentType | null>(null);
  const [on, setOn] = useState(false);
  useEffect(() => {
    let alive = true;
    const idle = (cb: () => void) => ("requestIdleCallback" in window ? window.requestIdleCallback(cb, { timeout: 5000 }) : setTimeout(cb, 2000));
    idle(() => void loadHandout().then((m) => alive && setComp(() => m.Handout)).catch(() => undefined));
    const before = () => flushSync(() => setOn(true));
    const after = () => setOn(false);
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    return () => {
      alive = false;
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
    };
  }, []);
  const print = useCallback(async () => {
    const m = await loadHandout();
    flushSync(() => {
      setComp(() => m.Handout);
      setOn(true);
    });
    window.print();
  }, []);
  return { handout: on ? Comp : null, print };
}
