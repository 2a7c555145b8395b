/**
 * An embed's theme as a palette: "light" and "dark" as given, "auto" the system's choice,
 * followed while the embed is open (the page around it, and the playground's toggle, are not asked).
 */
import { useSyncExternalStore } from "react";
import { subscribeSystemTheme, systemTheme } from "../theme";
import type { Theme as Palette } from "../viz/colors";
import type { Theme } from "./options";

export function useEmbedPalette(theme: Theme): Palette {
  const system = useSyncExternalStore(subscribeSystemTheme, systemTheme, () => "light" as Palette);
  return theme === "auto" ? system : theme;
}
