/** Renders the explorer with a fresh store and fresh selector caches (zustand's reset-per-test pattern). */
import { render } from "@testing-library/react";
import { App } from "../../app/App";
import { resetStore } from "../../app/state/store";
import { resetSelectorCaches } from "../../app/state/selectors";

export function renderApp() {
  resetStore();
  resetSelectorCaches();
  return render(<App />);
}
