/**
 * The grad and jit panels below the explorer, each loaded on demand (React.lazy), so their code
 * is a separate chunk and the explorer's first paint does not wait for it. A panel that throws
 * (an engine bug) shows its message instead of taking the explorer down with it.
 */
import { Component, lazy, Suspense, type ReactNode } from "react";
import "./panels.css";

const GradPanel = lazy(() => import("./grad/GradPanel"));
const JitPanel = lazy(() => import("./jit/JitPanel"));

class PanelBoundary extends Component<{ name: string; children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <section className="panel">
        <h2>{this.props.name}</h2>
        <p className="panel-error" role="status">
          This panel stopped: {this.state.error.message}
        </p>
      </section>
    );
  }
}

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
      <PanelBoundary name="jax.grad">
        <Suspense fallback={<Loading name="jax.grad" />}>
          <GradPanel />
        </Suspense>
      </PanelBoundary>
      <PanelBoundary name="jax.jit">
        <Suspense fallback={<Loading name="jax.jit" />}>
          <JitPanel />
        </Suspense>
      </PanelBoundary>
    </div>
  );
}
