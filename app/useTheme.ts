/** The current theme (theme.ts) as React state: a component redraws when it changes. */
import { useSyncExternalStore } from "react";
import { currentTheme, subscribeTheme } from "./theme";
import type { Theme } from "./viz/colors";

export function useTheme(): Theme {
  return useSyncExternalStore(subscribeTheme, currentTheme, () => "light");
}
