/** Mount the explorer and tie the store to the URL (one subscription: state/store.ts syncUrl). */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { syncUrl, useStore } from "./state/store";
import "./styles.css";

syncUrl(useStore, window);
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
