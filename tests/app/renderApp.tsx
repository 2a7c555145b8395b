/** Renders the explorer with a fresh store (selectors are pure: no caches to reset) (zustand's reset-per-test pattern). */
import { render } from "@testing-library/react";
import { App } from "../../app/App";
import { resetStore } from "../../app/state/store";

export function renderApp() {
  resetStore();
  return render(<App />);
}
