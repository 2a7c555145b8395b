/**
 * One region of the page (the call line, the arrays, the shape story, the code, each panel)
 * that cannot take the page down. React unmounts the whole tree on an error thrown while
 * rendering, which leaves a blank page, and a blank page again on reload when the state came
 * from the link. Here the region shows what went wrong and a way back instead: "Reset" loads the
 * default explorer state (one undoable step) and clears the link. The region also tries again
 * by itself whenever the explorer state changes (an edit elsewhere, undo, a preset). Root.tsx
 * puts one more around the whole page, for an error outside every region.
 */
import { Component, type ErrorInfo, type ReactNode } from "react";
import { appStore, resetToDefault, useStore, useStoreApi } from "./state/store";

interface BoundaryProps {
  name: string;
  /** The explorer snapshot: a new one clears a shown error (the region renders again). */
  retryKey: unknown;
  onReset: () => void;
  children: ReactNode;
}

class Boundary extends Component<BoundaryProps, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    // Keep the stack for whoever reports the bug; the region shows the message.
    console.error(`${this.props.name} stopped:`, error, info.componentStack);
  }

  override componentDidUpdate(prev: BoundaryProps) {
    if (this.state.error && prev.retryKey !== this.props.retryKey) this.setState({ error: null });
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="region-error" role="alert" aria-label={`${this.props.name} stopped`} data-region={this.props.name}>
        <h2>{this.props.name}</h2>
        <p>
          This part of the page stopped because of a bug: <code>{error.message || error.name}</code>
        </p>
        <button type="button" onClick={this.props.onReset}>
          Reset
        </button>{" "}
        <span className="note">Reset shows the default example and clears the link; Undo (Ctrl+Z) brings your state back.</span>
      </section>
    );
  }
}

/** A region reading the store: it retries on every new explorer snapshot. */
export function Region({ name, children }: { name: string; children: ReactNode }) {
  const explorer = useStore((s) => s.explorer);
  const store = useStoreApi();
  return (
    <Boundary name={name} retryKey={explorer} onReset={() => resetToDefault(store, store === appStore ? window : null)}>
      {children}
    </Boundary>
  );
}
