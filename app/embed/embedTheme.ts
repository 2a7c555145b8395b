/**
 * An embed's theme as a palette: "light" and "dark" as given, "auto" the system's choice,
 * followed while the embed is open (the page around it is not asked).
 */
import { useSyncExternalStore } from "react";
import type { Theme as Palette } from "../viz/colors";
import type { Theme } from "./options";

const QUERY = "(prefers-color-scheme: dark)";

function subscribeSystem(onChange: () => void): () => void {
  const mq = typeof window.matchMedia === "function" ? window.matchMedia(QUERY) : null;
  mq?.addEventListener?.("change", onChange);
  return () => mq?.removeEventListener?.("change", onChange);
}

function systemPalette(): Palette {
  return typeof window.matchMedia === "function" && window.matchMedia(QUERY).matches ? "dark" : "light";
}

export function useEmbedPalette(theme: Theme): Palette {
  const system = useSyncExternalStore(subscribeSystem, systemPalette, () => "light" as Palette);
  return theme === "auto" ? system : theme;
}
