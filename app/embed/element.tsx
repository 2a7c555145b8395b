/**
 * `<vmap-playground>`: the embedded playground as a custom element, built into one ES module
 * (`dist/vmap-playground.js`, vite.lib.config.ts) that a blog loads with one script tag.
 * Each element has its own store (state/store.ts createAppStore) and its own shadow root with
 * the styles inside it (constructable style sheets, which a Content-Security-Policy without
 * 'unsafe-inline' styles still allows), so several on one page work independently and neither
 * styles nor keys leak to the page. Its attributes are read by options.ts (the permalink's
 * validation); one that cannot be read shows the reason inside the element, and nothing runs.
 */
import { createRoot, type Root } from "react-dom/client";
import { createAppStore, loadState, type AppStore } from "../state/store";
import { EmbedProblem, EmbedView } from "./EmbedView";
import { ELEMENT_ATTRIBUTES, readAttributes, type EmbedRead } from "./options";
import appCss from "../styles.css?inline";
import embedCss from "./embed.css?inline";

/** The page styles read `:root` for their variables; in a shadow root that is the host. */
const SHADOW_CSS = `:host { display: block; }\n${appCss.replace(/:root\b/g, ":host")}\n${embedCss}`;

let sharedSheet: CSSStyleSheet | null = null;

function styleShadow(shadow: ShadowRoot): void {
  if ("adoptedStyleSheets" in shadow && typeof CSSStyleSheet !== "undefined" && "replaceSync" in CSSStyleSheet.prototype) {
    if (!sharedSheet) {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(SHADOW_CSS);
    }
    shadow.adoptedStyleSheets = [sharedSheet];
    return;
  }
  const style = document.createElement("style");
  style.textContent = SHADOW_CSS;
  shadow.append(style);
}

/** Where the full playground lives: next to this module (dist/index.html). */
const BASE = new URL(/* @vite-ignore */ "./", import.meta.url).href;

export class VmapPlaygroundElement extends HTMLElement {
  static observedAttributes = [...ELEMENT_ATTRIBUTES];
  private root: Root | null = null;
  private readonly store: AppStore = createAppStore();
  private scheduled = false;
  private lastKey = "";

  connectedCallback(): void {
    if (!this.root) {
      const shadow = this.shadowRoot ?? this.attachShadow({ mode: "open" });
      styleShadow(shadow);
      const mount = document.createElement("div");
      shadow.append(mount);
      this.root = createRoot(mount, {
        // A bug while rendering stays inside the element (each region has its own boundary too).
        onUncaughtError: (e) => this.showProblem(`internal error: ${e instanceof Error ? e.message : String(e)}`),
      });
    }
    this.update();
  }

  disconnectedCallback(): void {
    // Moved within the page: connected again before this runs, so keep it.
    queueMicrotask(() => {
      if (this.isConnected || !this.root) return;
      this.root.unmount();
      this.root = null;
      this.shadowRoot?.replaceChildren();
      this.lastKey = "";
    });
  }

  attributeChangedCallback(): void {
    if (!this.root || this.scheduled) return;
    // Several attributes set in a row make one update.
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.update();
    });
  }

  private showProblem(problem: string): void {
    this.root?.render(<EmbedProblem problem={problem} theme="auto" />);
  }

  private update(): void {
    if (!this.root) return;
    let r: EmbedRead;
    try {
      r = readAttributes((n) => this.getAttribute(n));
    } catch (e) {
      r = { ok: false, problem: `internal error: ${e instanceof Error ? e.message : String(e)}` };
    }
    const key = ELEMENT_ATTRIBUTES.map((n) => `${n}=${this.getAttribute(n) ?? ""}`).join("\n");
    if (!r.ok) {
      this.lastKey = "";
      this.showProblem(r.problem);
      return;
    }
    // Only a change of the attributes restarts the state; a re-connect keeps what was edited.
    if (key !== this.lastKey) loadState(this.store, r.state, null);
    this.lastKey = key;
    this.root.render(<EmbedView store={this.store} options={r.options} base={BASE} />);
  }
}

if (typeof customElements !== "undefined" && !customElements.get("vmap-playground")) {
  customElements.define("vmap-playground", VmapPlaygroundElement);
}
