/**
 * The grad and jit panels below the explorer, each loaded on demand (React.lazy), so their code
 * is a separate chunk and the explorer's first paint does not wait for it. A panel that throws
 * (an engine bug) shows its message in its own region (ErrorBoundary.tsx) instead of taking
 * the explorer down with it.
 */
import { lazy, Suspense } from "react";
import { Region } from "../ErrorBoundary";
import "./panels.css";

const GradPanel = lazy(() => import("./grad/GradPanel"));
const JitPanel = lazy(() => import("./jit/JitPanel"));

function Loading({ name }: { name: string }) {
  return (
    <section className="panel panel-loading" aria-busy="true">
      <h2>{name}</h2>
      <p className="panel-aside">Loading…</p>
    </section>
  );
}

export function Panels() {
  return (
    <div className="panels">
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
