/**
 * Mount the explorer and tie the store to the URL (one subscription: state/store.ts syncUrl).
 * The page sits in one more error boundary than its regions (App.tsx), so nothing a link or
 * an edit does can leave a blank page.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { Region } from "./ErrorBoundary";
import { syncUrl, useStore } from "./state/store";
import "./styles.css";

syncUrl(useStore, window);
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Region name="vmap Playground">
      <App />
    </Region>
  </StrictMode>,
);
