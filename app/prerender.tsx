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
  // Every part in place: past progressiveChunkSize (12,800 bytes by default) React writes a
  // finished Suspense part apart and moves it in with an inline script, which a page whose CSP
  // forbids inline scripts never runs (tests/browser/csp.test.ts saw it refused once the side,
  // ~36 KB into the page, became a lazy part).
  const { prelude } = await prerenderToNodeStream(<Root />, { progressiveChunkSize: Number.POSITIVE_INFINITY });
  let html = "";
  for await (const chunk of prelude) html += String(chunk);
  return html;
}
