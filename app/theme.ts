/**
 * Light or dark: the system's choice (prefers-color-scheme) until the user picks one with the
 * toggle, which is remembered (localStorage). The choice is the `data-theme` attribute of
 * <html> (styles.css resolves its colours from it through `color-scheme` and `light-dark()`)
 * plus the axis palette as CSS variables (viz/colors.ts); the canvas grids read `useTheme()`
 * (useTheme.ts). No React here: main.tsx applies the theme before the first paint, and the
 * page's entry stays free of React (it loads with the app, after that paint).
 */
import { paletteVars, type Theme } from "./viz/colors";

const KEY = "vmap-theme";
const QUERY = "(prefers-color-scheme: dark)";
const listeners = new Set<() => void>();

function stored(): Theme | null {
  try {
    const v = window.localStorage.getItem(KEY);
    return v === "light" || v === "dark" ? v : null;
  } catch {
    return null; // storage blocked (private mode, sandboxed frame): follow the system
  }
}

/** The system's choice (prefers-color-scheme), whatever the user picked. */
export function systemTheme(): Theme {
  return typeof window.matchMedia === "function" && window.matchMedia(QUERY).matches ? "dark" : "light";
}

/** Calls `l` when the system's choice changes; returns the way to stop. */
export function subscribeSystemTheme(l: () => void): () => void {
  const mq = typeof window.matchMedia === "function" ? window.matchMedia(QUERY) : null;
  mq?.addEventListener?.("change", l);
  return () => mq?.removeEventListener?.("change", l);
}

/** What apply() last read: grids ask on every render, so storage and the media query are not read each time. */
let applied: Theme | null = null;

export function currentTheme(): Theme {
  if (typeof window === "undefined") return "light";
  return applied ?? stored() ?? systemTheme();
}

function apply(): void {
  const theme = (applied = stored() ?? systemTheme());
  const root = document.documentElement;
  root.dataset.theme = theme;
  for (const [name, value] of paletteVars(theme)) root.style.setProperty(name, value);
  for (const l of listeners) l();
}

/** The user's pick, remembered across visits. */
export function setTheme(theme: Theme): void {
  try {
    window.localStorage.setItem(KEY, theme);
  } catch {
    // not remembered, still applied
  }
  apply();
}

/** Applies the theme now and follows the system's changes while the user has not picked one. */
export function initTheme(): void {
  apply();
  subscribeSystemTheme(apply);
}

/** Calls `l` whenever the theme changes; returns the way to stop. */
export function subscribeTheme(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
