/**
 * What an embedded playground shows, read from the two places a blogger writes it: the
 * embed page's URL hash (the permalink's fields, state/urlState.ts, plus `controls`, `panels`
 * and `theme`) and the `<vmap-playground>` element's attributes (`fn`, `shapes`, `in-axes`,
 * `out-axes`, `axis-size` and the same three). Both end in the permalink decoder, so an
 * embed accepts exactly the states a link can carry, with the same words for what is wrong;
 * nothing read here is evaluated (the function text only reaches the engine's parser).
 */
import { lambdaParams } from "../../engine/index";
import { decodeExplorer, encodeExplorer } from "../state/urlState";
import { parsePyLiteral, formatPyLiteral, type PyLit } from "../state/pyLiteral";
import type { ExplorerState } from "../state/explorerTypes";

export type Controls = "none" | "axes" | "all";
export type PanelName = "code" | "story" | "table";
export type Theme = "light" | "dark" | "auto";

export interface EmbedOptions {
  controls: Controls;
  panels: PanelName[];
  theme: Theme;
}

export type EmbedRead = { ok: true; state: ExplorerState; options: EmbedOptions } | { ok: false; problem: string };

export const DEFAULT_OPTIONS: EmbedOptions = { controls: "axes", panels: [], theme: "auto" };

const CONTROLS: readonly Controls[] = ["none", "axes", "all"];
export const PANEL_NAMES: readonly PanelName[] = ["code", "story", "table"];
/** Each panel's title, in the Share dialog's choices and above the embedded panel. */
export const PANEL_TITLES: Record<PanelName, string> = { code: "Python code", story: "Shape story", table: "Every out_axes" };
const THEMES: readonly Theme[] = ["light", "dark", "auto"];

/** The embed's own fields: everything else in the hash belongs to the permalink. */
const EMBED_KEYS = new Set(["controls", "panels", "theme"]);

class BadOption extends Error {}

/** A short quote of user text for a message (never longer than a line). */
const quote = (text: string): string => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

function oneOf<T extends string>(value: string | null, allowed: readonly T[], field: string, fallback: T): T {
  if (value === null) return fallback;
  const v = value.trim();
  const hit = allowed.find((a) => a === v);
  if (!hit) throw new BadOption(`${field} must be one of ${allowed.join(", ")}, not ${quote(value)}`);
  return hit;
}

function panelList(value: string | null): PanelName[] {
  if (value === null || value.trim() === "") return [];
  const out: PanelName[] = [];
  for (const part of value.split(",")) {
    const p = oneOf(part, PANEL_NAMES, "each of panels", "code");
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

/** The embed fields of `get` (a URLSearchParams or an element's attributes). */
export function readOptions(get: (name: string) => string | null): EmbedOptions {
  return {
    controls: oneOf(get("controls"), CONTROLS, "controls", DEFAULT_OPTIONS.controls),
    panels: panelList(get("panels")),
    theme: oneOf(get("theme"), THEMES, "theme", DEFAULT_OPTIONS.theme),
  };
}

const failed = (e: unknown): EmbedRead => ({
  ok: false,
  problem: e instanceof BadOption ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`,
});

/**
 * The permalink decoder's answer as an embed's: what it cannot read shows its reason, not the
 * default example. `what` names the source in the message ("This link", or null for attributes).
 */
function fromLink(link: string, options: EmbedOptions, what: string | null): EmbedRead {
  const r = decodeExplorer(link);
  if (!r.ok) return { ok: false, problem: what ? `${what} could not be read (${r.why}).` : r.why };
  return { ok: true, state: r.state, options };
}

/** Reads an embed page's hash: the permalink's fields plus controls, panels and theme. */
export function readEmbedHash(hash: string): EmbedRead {
  try {
    const q = new URLSearchParams(hash.replace(/^#/, ""));
    const options = readOptions((k) => q.get(k));
    const rest = new URLSearchParams();
    for (const [k, v] of q) if (!EMBED_KEYS.has(k)) rest.append(k, v);
    return fromLink(rest.toString(), options, "This link");
  } catch (e) {
    return failed(e);
  }
}

/** The embed fields as a query string, leaving out the defaults. */
export function encodeOptions(o: EmbedOptions): string {
  const q = new URLSearchParams();
  if (o.controls !== DEFAULT_OPTIONS.controls) q.set("controls", o.controls);
  if (o.panels.length) q.set("panels", o.panels.join(","));
  if (o.theme !== DEFAULT_OPTIONS.theme) q.set("theme", o.theme);
  return q.toString();
}

/** The embed page's hash for a state and options (the Share dialog's iframe snippet). */
export function encodeEmbedHash(state: ExplorerState, o: EmbedOptions): string {
  const extra = encodeOptions(o);
  return extra ? `${encodeExplorer(state)}&${extra}` : encodeExplorer(state);
}

/** The attribute names `<vmap-playground>` reads. */
export const ELEMENT_ATTRIBUTES = ["fn", "shapes", "fills", "in-axes", "out-axes", "axis-size", "x64", "controls", "panels", "theme"] as const;

/** One `in_axes` entry per parameter: an int or None applies to every argument, as in JAX. */
function inAxesEntries(text: string, n: number): PyLit[] {
  let v: PyLit;
  try {
    v = parsePyLiteral(text);
  } catch (e) {
    throw new BadOption(`in-axes: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(v)) return Array.from({ length: n }, () => v);
  if (v.length !== n) throw new BadOption(`in-axes has ${v.length} entries but the function takes ${n} argument${n === 1 ? "" : "s"}`);
  return v;
}

/**
 * Reads `<vmap-playground>`'s attributes into a permalink and decodes that: `shapes` lists
 * one shape per parameter separated by `;` (a tuple argument's shape is `((2,), (3,))`),
 * `fills` (optional) one of symbols/unique/random/indices per parameter likewise (default: symbols up to 64 cells), `in-axes` is JAX's in_axes
 * (default 0), `out-axes` its out_axes (default 0).
 */
export function readAttributes(get: (name: string) => string | null): EmbedRead {
  try {
    const options = readOptions(get);
    const fn = get("fn");
    if (fn === null || fn.trim() === "") throw new BadOption("the fn attribute is missing");
    const header = lambdaParams(fn);
    if (!header.ok) throw new BadOption(`fn: ${header.error.message}`);
    const params = header.params;
    const shapes = (get("shapes") ?? "").split(";").map((s) => s.trim());
    if (shapes.length !== params.length || shapes.some((s) => s === "")) {
      throw new BadOption(`shapes lists ${shapes.filter((s) => s !== "").length} shape${shapes.length === 1 ? "" : "s"} but the function takes ${params.length} argument${params.length === 1 ? "" : "s"} (separate them with ";")`);
    }
    const fills = get("fills")?.split(";").map((s) => s.trim()) ?? null;
    if (fills && fills.length !== params.length) throw new BadOption(`fills lists ${fills.length} fill${fills.length === 1 ? "" : "s"} but the function takes ${params.length} argument${params.length === 1 ? "" : "s"}`);
    const axes = inAxesEntries(get("in-axes") ?? "0", params.length);
    const q = new URLSearchParams();
    q.set("f", fn);
    params.forEach((p, i) => {
      q.set(`shape.${p}`, shapes[i]);
      if (fills) q.set(`fill.${p}`, fills[i]);
      q.set(`in.${p}`, formatPyLiteral(axes[i]));
    });
    q.set("out", get("out-axes") ?? "0");
    const size = get("axis-size");
    if (size !== null) q.set("size", size.trim());
    // jax_enable_x64, as the permalink writes it (1 or 0).
    const x64 = get("x64");
    if (x64 !== null) q.set("x64", x64.trim());
    return fromLink(q.toString(), options, null);
  } catch (e) {
    return failed(e);
  }
}
