/**
 * The current theme as React state: a component redraws when it changes. The playground follows
 * theme.ts (the user's toggle or the system); an embed chooses its own theme by attribute and
 * provides it with ThemeOverride, so its grids never read the page's storage or toggle.
 */
import { createContext, useContext, useSyncExternalStore } from "react";
import { currentTheme, subscribeTheme } from "./theme";
import type { Theme } from "./viz/colors";

export const ThemeOverride = createContext<Theme | null>(null);

export function useTheme(): Theme {
  const override = useContext(ThemeOverride);
  const global = useSyncExternalStore(subscribeTheme, currentTheme, () => "light" as Theme);
  return override ?? global;
}
