/**
 * The grad and jit panels below the explorer, each loaded on demand (React.lazy), so their code
 * is a separate chunk and the explorer's first paint does not wait for it. They are mounted
 * (loaded and computed) only when the page comes within LOAD_MARGIN of them: on a phone they
 * are far below the first screen, and computing them at once cost the first screen ~70 ms of
 * blocked main thread and 0.6 s of Lighthouse's largest paint (measured with them removed). A panel that throws
 * (an engine bug) shows its message in its own region (ErrorBoundary.tsx) instead of taking
 * the explorer down with it.
 */
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { Region } from "../ErrorBoundary";
import { PanelLoading as Loading } from "./PanelLoading";
import "./panels.css";

const loadGrad = () => import("./grad/GradPanel");
const loadJit = () => import("./jit/JitPanel");
const GradPanel = lazy(loadGrad);
const JitPanel = lazy(loadJit);


/** How close (px) the panels may come to the viewport before they load. */
const LOAD_MARGIN = 600;

/** True once `ref` has come within LOAD_MARGIN of the viewport (at once where nothing can tell). */
function useNear(ref: React.RefObject<HTMLElement | null>): boolean {
  // Not near on the server (the prerendered page shows the placeholders, as hydration expects).
  const [near, setNear] = useState(() => typeof window !== "undefined" && typeof IntersectionObserver === "undefined");
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: `${LOAD_MARGIN}px 0px` });
    io.observe(el);
    return () => io.disconnect();
  }, [near, ref]);
  return near;
}

export function Panels() {
  const ref = useRef<HTMLDivElement>(null);
  const near = useNear(ref);
  // Their code is fetched and run once the page is first idle: the page coming near them later
  // (a scroll, or a change that shortens the picture) then costs no download or module
  // evaluation inside that interaction (it did, in the bench's out_axes row, for ~10 changes).
  useEffect(() => {
    // A failure is the lazy load's to show, in the panels' regions, when they come near.
    const id = window.requestIdleCallback?.(() => void loadGrad().then(loadJit).catch(() => {}));
    return () => void (id && cancelIdleCallback(id));
  }, []);
  if (!near)
    return (
      <div className="panels" ref={ref}>
        <Loading name="jax.grad" />
        <Loading name="jax.jit" />
      </div>
    );
  return (
    <div className="panels" ref={ref}>
      <Region name="jax.grad">
        <Suspense fallback={<Loading name="jax.grad" />}>
          <GradPanel />
        </Suspense>
      </Region>
      <Region name="jax.jit">
        <Suspense fallback={<Loading name="jax.jit" />}>
          <JitPanel />
        </Suspense>
      </Region>
    </div>
  );
}
