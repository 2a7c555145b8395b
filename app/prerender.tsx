/**
 * The first screen as HTML, rendered at build time (vite.config.ts `prerender`) from the default
 * explorer state, so a first visit paints the page before any JavaScript has run; start.tsx then
 * hydrates it. Effects do not run here: the cells (drawn by D3 in effects) and the panels
 * (mounted near the viewport) come with hydration.
 */
import { renderToString } from "react-dom/server";
import { Root } from "./Root";

export function renderFirstScreen(): string {
  return renderToString(<Root />);
}
