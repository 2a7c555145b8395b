/**
 * The first screen as HTML, rendered at build time (vite.config.ts `prerender`) from the default
 * explorer state, so a first visit paints the page before any JavaScript has run; start.tsx then
 * hydrates it. Effects do not run here: the cells (drawn by D3 in effects) and the panels
 * (mounted near the viewport) come with hydration. React's static prerender waits for the parts
 * the page loads after its first screen (the code panel, React.lazy): the HTML holds them, and
 * hydration leaves their HTML in place until their code has arrived.
 */
import { prerenderToNodeStream } from "react-dom/static";
import { Root } from "./Root";

export async function renderFirstScreen(): Promise<string> {
  const { prelude } = await prerenderToNodeStream(<Root />);
  let html = "";
  for await (const chunk of prelude) html += String(chunk);
  return html;
}
