/**
 * What the Share dialog offers for the current state: the permalink, the iframe snippet (the
 * embed page, app/embed/page.tsx, with the host script that sizes it) and the web-component
 * snippet (`<vmap-playground>`, app/embed/element.tsx). The element's attributes say the same
 * state as the link: options.ts reads them back through the permalink decoder.
 */
import { formatPyLiteral, type PyLit } from "../state/pyLiteral";
import { inAxesText } from "../state/codegen";
import { argFor, defaultFill, formatArgTree, type ExplorerState } from "../state/explorerTypes";
import { encodeEmbedHash, type EmbedOptions } from "../embed/options";
import { HEIGHT_MESSAGE } from "../embed/height";
import { escapeMarkup } from "./escape";

/**
 * The host page's part of the iframe snippet: sizes each `iframe.vmap-playground` to the height
 * its embed reports. It trusts only messages from that iframe's own window, and caps the height.
 */
export const HOST_SCRIPT = `addEventListener("message", function (e) {
  var d = e.data;
  if (!d || d.type !== "${HEIGHT_MESSAGE}" || typeof d.height !== "number") return;
  var frames = document.querySelectorAll("iframe.vmap-playground");
  for (var i = 0; i < frames.length; i++) {
    if (frames[i].contentWindow === e.source) frames[i].style.height = Math.min(d.height, 4000) + "px";
  }
});`;

/** `<iframe>` for the embed page beside `appBase` (the folder holding index.html). */
export function iframeSnippet(appBase: string, s: ExplorerState, o: EmbedOptions, params: readonly string[]): string {
  const src = `${new URL("embed.html", appBase).href}#${encodeEmbedHash(s, o)}`;
  const title = `vmap Playground: jax.vmap(${s.fnSource.replace(/\s+/g, " ").trim()}) over ${params.join(", ")}`;
  return [
    `<iframe class="vmap-playground" src="${escapeMarkup(src)}" title="${escapeMarkup(title)}"`,
    `  sandbox="allow-scripts allow-popups" loading="lazy" width="100%" height="480" style="border: 0"></iframe>`,
    `<script>`,
    HOST_SCRIPT,
    `</script>`,
  ].join("\n");
}

/** The element's attributes for a state, in the order they are written. */
export function elementAttributes(s: ExplorerState, o: EmbedOptions, params: readonly string[]): [string, string][] {
  const attrs: [string, string][] = [
    ["fn", s.fnSource],
    ["shapes", params.map((p) => formatArgTree(argFor(s, p).tree)).join("; ")],
    ["in-axes", inAxesText(s, [...params])],
    ["out-axes", formatPyLiteral(s.outAxes as PyLit)],
  ];
  // Omitted fills are each argument's default (urlState.ts `defaultFill`): written only when one differs.
  const fills = params.map((p) => argFor(s, p));
  if (fills.some((a) => a.fill !== defaultFill(a.tree))) attrs.splice(2, 0, ["fills", fills.map((a) => a.fill).join("; ")]);
  if (s.axisSize !== null) attrs.push(["axis-size", String(s.axisSize)]);
  if (s.x64) attrs.push(["x64", "1"]);
  attrs.push(["controls", o.controls]);
  if (o.panels.length) attrs.push(["panels", o.panels.join(",")]);
  if (o.theme !== "auto") attrs.push(["theme", o.theme]);
  return attrs;
}

/** The script tag and the element, for a page that can load a module from `appBase`. */
export function elementSnippet(appBase: string, s: ExplorerState, o: EmbedOptions, params: readonly string[]): string {
  const attrs = elementAttributes(s, o, params).map(([k, v]) => `${k}="${escapeMarkup(v)}"`);
  return [
    `<script type="module" src="${escapeMarkup(new URL("vmap-playground.js", appBase).href)}"></script>`,
    `<vmap-playground ${attrs.join(" ")}></vmap-playground>`,
  ].join("\n");
}
