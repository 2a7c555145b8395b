/**
 * One region of the page (the call line, the arrays, the shape story, the code, each panel)
 * that cannot take the page down. React unmounts the whole tree on an error thrown while
 * rendering, which leaves a blank page, and a blank page again on reload when the state came
 * from the link. Here the region shows what went wrong and a way back instead: "Reset" loads the
 * default explorer state (one undoable step) and clears the link. The region also tries again
 * by itself whenever the explorer state changes (an edit elsewhere, undo, a preset). Root.tsx
 * puts one more around the whole page, for an error outside every region.
 */
import { Component, useEffect, useRef, type ErrorInfo, type ReactNode } from "react";
import { appStore, resetToDefault, useStore, useStoreApi } from "./state/store";

interface BoundaryProps {
  name: string;
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

  private readonly retry = () => this.setState({ error: null });

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
        <RetryOnNewExplorer retry={this.retry} />
      </section>
    );
  }
}

/**
 * While a region shows its error: a new explorer snapshot clears it (the region renders again).
 * Only a stopped region listens: a working one is not rendered again by every change.
 */
function RetryOnNewExplorer({ retry }: { retry: () => void }) {
  const explorer = useStore((s) => s.explorer);
  const stoppedAt = useRef(explorer);
  useEffect(() => {
    if (explorer !== stoppedAt.current) retry();
  }, [explorer, retry]);
  return null;
}

/** A region of the page: it stops alone, and tries again on the next explorer snapshot. */
export function Region({ name, children }: { name: string; children: ReactNode }) {
  const store = useStoreApi();
  return (
    <Boundary name={name} onReset={() => resetToDefault(store, store === appStore ? window : null)}>
      {children}
    </Boundary>
  );
}
