/**
 * The explorer state in the URL hash, one field at a time, with a per-field policy table that
 * TypeScript keeps exhaustive (a new ExplorerState field cannot be forgotten: TF Playground's
 * PROPS, excalidraw's APP_STATE_STORAGE_CONF). Decoding validates every field against a whitelist
 * (pyLiteral.ts for axes and shapes, a character set for the function text); any unreadable
 * field rejects the whole link, and the caller shows the default with a notice. Nothing read
 * here is evaluated: the function text is only ever given to the engine's parser.
 */
import { argLeaves, defaultExplorer, formatArgTree, litToArgTree, type ArgState, type AxisTree, type ExplorerState } from "./explorerTypes";
import { formatPyLiteral, parsePyLiteral, type PyLit } from "./pyLiteral";

export type UrlPolicy = "url" | "none";

/** Every explorer field and whether it goes into the permalink. */
export const URL_POLICY: Record<keyof ExplorerState, UrlPolicy> = {
  fnSource: "url",
  args: "url",
  inAxes: "url",
  outAxes: "url",
  axisSize: "url",
};

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,19}$/;
/** Printable ASCII plus newline/tab, without the characters the lambda language never uses. */
const SOURCE_CHARS = /^[\x20-\x7E\n\t]*$/;
const SOURCE_FORBIDDEN = /[`$\\;{}]/;
export const MAX_SOURCE = 2000;
const MAX_PARAMS = 12;
const MAX_DIM = 1_000_000_000;
const MAX_RANK = 8;
const MAX_AXIS = 64;

/** The parameter names of `lambda p1, p2: …` read from the text alone (no engine needed). */
export function lambdaParams(src: string): string[] | null {
  const m = /^\s*lambda\s*([A-Za-z0-9_,\s]*):/.exec(src);
  if (!m) return null;
  const names = m[1].split(",").map((s) => s.trim()).filter((s) => s !== "");
  return names.every((n) => NAME.test(n)) ? names : null;
}

export function encodeExplorer(s: ExplorerState): string {
  const q = new URLSearchParams();
  const names = lambdaParams(s.fnSource) ?? Object.keys(s.args);
  const put: Record<keyof ExplorerState, () => void> = {
    fnSource: () => q.set("f", s.fnSource),
    args: () => {
      for (const n of names) {
        const a = s.args[n];
        if (!a) continue;
        q.set(`shape.${n}`, formatArgTree(a.tree));
        q.set(`fill.${n}`, a.fill === "random" ? "random" : "unique");
      }
    },
    inAxes: () => {
      for (const n of names) if (n in s.inAxes) q.set(`in.${n}`, formatPyLiteral(s.inAxes[n] as PyLit));
    },
    outAxes: () => q.set("out", formatPyLiteral(s.outAxes as PyLit)),
    axisSize: () => {
      if (s.axisSize !== null) q.set("size", String(s.axisSize));
    },
  };
  for (const key of Object.keys(URL_POLICY) as (keyof ExplorerState)[]) if (URL_POLICY[key] === "url") put[key]();
  return q.toString();
}

export type DecodeResult = { ok: true; state: ExplorerState } | { ok: false; state: ExplorerState; notice: string };

class BadField extends Error {}

function axisTree(text: string, field: string, depth = 0): AxisTree {
  let v: PyLit;
  try {
    v = parsePyLiteral(text);
  } catch (e) {
    throw new BadField(`${field}: ${(e as Error).message}`);
  }
  const check = (x: PyLit, d: number): AxisTree => {
    if (x === null) return null;
    if (typeof x === "number") {
      if (Math.abs(x) > MAX_AXIS) throw new BadField(`${field}: axis ${x} is not a sensible axis`);
      return x;
    }
    if (d > 3 || x.length > 16) throw new BadField(`${field}: too deeply nested`);
    return x.map((y) => check(y, d + 1));
  };
  return check(v, depth);
}

function argState(shapeText: string, fillText: string | null, name: string): ArgState {
  let lit: PyLit;
  try {
    lit = parsePyLiteral(shapeText);
  } catch (e) {
    throw new BadField(`shape of ${name}: ${(e as Error).message}`);
  }
  const tree = litToArgTree(lit);
  if (!tree) throw new BadField(`shape of ${name} is not a shape`);
  const leaves = argLeaves(tree);
  if (leaves.length > 16) throw new BadField(`shape of ${name} has too many parts`);
  for (const l of leaves) {
    if (l.shape.length > MAX_RANK || l.shape.some((d) => !Number.isInteger(d) || d > MAX_DIM)) {
      throw new BadField(`shape of ${name} is out of range`);
    }
  }
  if (fillText !== null && fillText !== "unique" && fillText !== "random") throw new BadField(`fill of ${name} is unknown`);
  return { tree, fill: fillText === "random" ? "random" : "unique" };
}

/** Reads a URL hash (with or without `#`). An empty hash is the default state, with no notice. */
export function decodeExplorer(hash: string): DecodeResult {
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  const fallback = defaultExplorer();
  if (text.trim() === "") return { ok: true, state: fallback };
  try {
    if (text.length > 20_000) throw new BadField("the link is too long");
    const q = new URLSearchParams(text);
    const state: ExplorerState = { ...fallback, args: {}, inAxes: {} };
    const seen = new Set<string>();
    for (const [key, value] of q) {
      if (seen.has(key)) throw new BadField(`${key} appears twice`);
      seen.add(key);
      const dot = key.indexOf(".");
      const head = dot < 0 ? key : key.slice(0, dot);
      const name = dot < 0 ? "" : key.slice(dot + 1);
      if (dot >= 0 && !NAME.test(name)) throw new BadField(`"${key.slice(0, 40)}" is not a parameter name`);
      if (key === "f") {
        if (value.length > MAX_SOURCE || !SOURCE_CHARS.test(value) || SOURCE_FORBIDDEN.test(value)) {
          throw new BadField("the function text has characters a lambda never uses");
        }
        if (!/^\s*lambda\b/.test(value)) throw new BadField("the function must be a lambda");
        state.fnSource = value;
      } else if (key === "out") state.outAxes = axisTree(value, "out_axes");
      else if (key === "size") {
        if (!/^\d{1,9}$/.test(value)) throw new BadField("axis_size must be a whole number");
        state.axisSize = Number(value);
      } else if (head === "shape") state.args[name] = argState(value, q.get(`fill.${name}`), name);
      else if (head === "fill") {
        if (!q.has(`shape.${name}`)) throw new BadField(`fill of ${name} without its shape`);
      } else if (head === "in") state.inAxes[name] = axisTree(value, `in_axes for ${name}`);
      else throw new BadField(`unknown field "${key.slice(0, 40)}"`);
    }
    if (Object.keys(state.args).length > MAX_PARAMS) throw new BadField("too many arguments");
    if (!q.has("f")) throw new BadField("the function is missing");
    return { ok: true, state };
  } catch (e) {
    if (!(e instanceof BadField)) throw e;
    return { ok: false, state: fallback, notice: `This link could not be read (${e.message}), so the default example is shown.` };
  }
}
