/**
 * embed.html: one playground filling the page, its state and options read from the hash
 * (options.ts), for an `<iframe>` in a blog post. It reports its content height to the page
 * around it (`{ type: "vmap-playground:height", height }`, see the README's host snippet), so
 * the iframe can be exactly as tall as what it shows. It works in `<iframe sandbox="allow-scripts">`:
 * it reads no storage and no cookie, and the only message it sends is that height.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createAppStore, loadState } from "../state/store";
import { EmbedProblem, EmbedView } from "./EmbedView";
import { readEmbedHash } from "./options";
import { reportHeight } from "./height";
import "../styles.css";
import "./embed.css";

const root = createRoot(document.getElementById("root")!);

function show(): void {
  const r = readEmbedHash(location.hash);
  if (!r.ok) {
    root.render(<EmbedProblem problem={r.problem} theme="auto" />);
    return;
  }
  const store = createAppStore();
  loadState(store, r.state, null);
  root.render(
    <StrictMode>
      <EmbedView key={location.hash} store={store} options={r.options} base={new URL("./", location.href).href} />
    </StrictMode>,
  );
}

show();
window.addEventListener("hashchange", show);
reportHeight(document.getElementById("root")!, window.parent === window ? null : window.parent);
