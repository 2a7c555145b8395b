/**
 * The explorer state in the URL hash, one field at a time, with a per-field policy table that
 * TypeScript keeps exhaustive (a new ExplorerState field cannot be forgotten: TF Playground's
 * PROPS, excalidraw's APP_STATE_STORAGE_CONF). Decoding validates every field against a whitelist
 * (pyLiteral.ts for axes and shapes, a character set for the function text); any unreadable
 * field rejects the whole link, and the caller shows the default with a notice. Nothing read
 * here is evaluated: the function text is only ever given to the engine's parser. Parameter
 * names are user text: they key Maps, never plain objects (`shape.__proto__` is a parameter).
 */
import { MAX_SOURCE_LENGTH } from "../../engine/index";
import { defaultExplorer, defaultFill, FILLS, formatArgTree, MAX_DEVICES, MIN_DEVICES, type ArgState, type AxisTree, type ExplorerState } from "./explorerTypes";
import { formatPyLiteral, parsePyLiteral, type PyLit } from "./pyLiteral";
import { readShape } from "./shapeText";
import { lambdaParams } from "../../engine/index";

export type UrlPolicy = "url" | "none";

/** Every explorer field and whether it goes into the permalink. */
export const URL_POLICY: Record<keyof ExplorerState, UrlPolicy> = {
  fnSource: "url",
  args: "url",
  inAxes: "url",
  outAxes: "url",
  axisSize: "url",
  axisName: "url",
  x64: "url",
  mapWith: "url",
  devices: "url",
};

/** A Python identifier as the engine's tokenizer reads one (ASCII). */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * A character no lambda can contain: anything but printable ASCII, newline and tab, and the
 * three printable ones Python never reads outside a string (`$`, `?` and the backtick).
 */
const SOURCE_FORBIDDEN = /[^\x20-\x7E\n\t]|[`$?]/;
/**
 * The function text may be as long as the engine's parser allows (MAX_SOURCE_LENGTH, the same
 * limit the Function editor states); a longer text still loads, and the engine's message says
 * its length and the limit beside the editor, as when it is typed. The whole link may hold that
 * text percent-encoded (up to 3 characters each) plus the other fields.
 */
const MAX_LINK = 3 * MAX_SOURCE_LENGTH + 10_000;
const MAX_PARAMS = 64;
/** The fields written once per parameter, as `head.name`. */
const PER_PARAM = new Set(["shape", "fill", "in"]);
const MAX_AXIS = 64;

/** The parameter names of `lambda p1, p2: …`, from the engine's parser (header only), if URL-safe. */
function paramNames(src: string): string[] | null {
  const header = lambdaParams(src);
  return header.ok && header.params.every((n) => NAME.test(n)) ? header.params : null;
}

export function encodeExplorer(s: ExplorerState): string {
  const q = new URLSearchParams();
  const names = paramNames(s.fnSource) ?? [...s.args.keys()];
  const put: Record<keyof ExplorerState, () => void> = {
    fnSource: () => q.set("f", s.fnSource),
    args: () => {
      for (const n of names) {
        const a = s.args.get(n);
        if (!a) continue;
        q.set(`shape.${n}`, formatArgTree(a.tree));
        q.set(`fill.${n}`, a.fill);
      }
    },
    inAxes: () => {
      for (const n of names) {
        const axis = s.inAxes.get(n);
        if (axis !== undefined) q.set(`in.${n}`, formatPyLiteral(axis as PyLit));
      }
    },
    outAxes: () => q.set("out", formatPyLiteral(s.outAxes as PyLit)),
    axisSize: () => {
      if (s.axisSize !== null) q.set("size", String(s.axisSize));
    },
    axisName: () => {
      if (s.axisName !== null) q.set("axis_name", s.axisName);
    },
    x64: () => {
      if (s.x64) q.set("x64", "1");
    },
    // Written only for pmap, so every vmap link stays as it was.
    mapWith: () => {
      if (s.mapWith === "pmap") q.set("map", "pmap");
    },
    devices: () => {
      if (s.mapWith === "pmap") q.set("devices", String(s.devices));
    },
  };
  for (const key of Object.keys(URL_POLICY) as (keyof ExplorerState)[]) if (URL_POLICY[key] === "url") put[key]();
  return q.toString();
}

/** On failure, `why` says what is wrong and `notice` is the sentence the page shows. */
export type DecodeResult = { ok: true; state: ExplorerState } | { ok: false; state: ExplorerState; notice: string; why: string };

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
  const r = readShape(shapeText);
  if (!r.ok) throw new BadField(`shape of ${name}: ${r.problem}`);
  const fill = fillText === null ? defaultFill(r.tree) : FILLS.find((f) => f === fillText);
  if (fill === undefined) throw new BadField(`fill of ${name} is unknown`);
  return { tree: r.tree, fill };
}

/** Python's repr of a short string, escaping what cannot be shown: `'$'`, `'\x07'`. */
function pyRepr(text: string): string {
  const esc = (c: string) => {
    const n = c.codePointAt(0)!;
    if (c === "'" || c === "\\") return `\\${c}`;
    if (n >= 0x20 && n < 0x7f) return c;
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u${n.toString(16).padStart(4, "0")}`;
  };
  return `'${[...text].map(esc).join("")}'`;
}

/** Why this function text cannot come from a link, or null. Length is the engine's to judge. */
function sourceProblem(text: string): string | null {
  const bad = SOURCE_FORBIDDEN.exec(text);
  if (bad) return `the function text has a character a lambda never uses, ${pyRepr(bad[0])} at column ${bad.index + 1}`;
  if (!/^\s*lambda\b/.test(text)) return "the function must be a lambda";
  return null;
}

/** Reads a URL hash (with or without `#`). An empty hash is the default state, with no notice. */
export function decodeExplorer(hash: string): DecodeResult {
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  const fallback = defaultExplorer();
  if (text.trim() === "") return { ok: true, state: fallback };
  try {
    if (text.length > MAX_LINK) throw new BadField(`the link is ${text.length.toLocaleString("en-US")} characters long, the limit is ${MAX_LINK.toLocaleString("en-US")}`);
    const q = new URLSearchParams(text);
    const args = new Map<string, ArgState>();
    const inAxes = new Map<string, AxisTree>();
    const state: ExplorerState = { ...fallback, args, inAxes };
    const seen = new Set<string>();
    for (const [key, value] of q) {
      if (seen.has(key)) throw new BadField(`${key} appears twice`);
      seen.add(key);
      const dot = key.indexOf(".");
      const head = dot < 0 ? key : key.slice(0, dot);
      const name = dot < 0 ? "" : key.slice(dot + 1);
      // Every per-parameter field names its parameter: `in=0` or `shape.=(2,)` name none.
      if ((dot >= 0 || PER_PARAM.has(head)) && !NAME.test(name)) throw new BadField(`"${key.slice(0, 40)}" names no parameter`);
      if (key === "f") {
        const problem = sourceProblem(value);
        if (problem) throw new BadField(problem);
        state.fnSource = value;
      } else if (key === "out") state.outAxes = axisTree(value, "out_axes");
      else if (key === "size") {
        // Any size a person can type; the engine refuses one over its limit with its own message.
        if (!/^\d{1,15}$/.test(value)) throw new BadField(`axis_size must be a whole number, not ${pyRepr(value.slice(0, 20))}`);
        state.axisSize = Number(value);
      } else if (key === "axis_name") {
        if (!NAME.test(value)) throw new BadField(`axis_name must be a name, not ${pyRepr(value.slice(0, 20))}`);
        state.axisName = value;
      } else if (key === "x64") {
        if (value !== "1" && value !== "0") throw new BadField(`x64 must be 1 or 0, not ${pyRepr(value.slice(0, 20))}`);
        state.x64 = value === "1";
      } else if (key === "map") {
        if (value !== "vmap" && value !== "pmap") throw new BadField(`map must be vmap or pmap, not ${pyRepr(value.slice(0, 20))}`);
        state.mapWith = value;
      } else if (key === "devices") {
        const n = Number(value);
        if (!/^\d{1,2}$/.test(value) || n < MIN_DEVICES || n > MAX_DEVICES) throw new BadField(`devices must be a whole number from ${MIN_DEVICES} to ${MAX_DEVICES}, not ${pyRepr(value.slice(0, 20))}`);
        state.devices = n;
      } else if (head === "shape") args.set(name, argState(value, q.get(`fill.${name}`), name));
      else if (head === "fill") {
        if (!q.has(`shape.${name}`)) throw new BadField(`fill of ${name} without its shape`);
      } else if (head === "in") inAxes.set(name, axisTree(value, `in_axes for ${name}`));
      else throw new BadField(`unknown field "${key.slice(0, 40)}"`);
    }
    if (args.size > MAX_PARAMS) throw new BadField(`${args.size} arguments, the limit is ${MAX_PARAMS}`);
    if (!q.has("f")) throw new BadField("the function is missing");
    // What was read must be writable again (the URL sync writes it back at once).
    encodeExplorer(state);
    return { ok: true, state };
  } catch (e) {
    // A BadField says what is wrong with the link; anything else is a bug here, and a link
    // must still never leave a blank page (start.tsx reads it before the first render).
    const why = e instanceof BadField ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, state: fallback, notice: `This link could not be read (${why}), so the default example is shown.`, why };
  }
}

/** A lesson step in a link: `lesson=axes-in-vmap&step=3` (the step counted from 1, as the player shows it). */
export interface LinkLesson {
  id: string;
  /** 0-based, as the store holds it. */
  step: number;
  /** The link also carries the explorer's state (the student's own edits): keep it rather than the step's. */
  keepExplorer: boolean;
}

export type LinkResult = DecodeResult & { lesson: LinkLesson | null };

const LESSON_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const LESSON_STEP = /^[1-9]\d{0,2}$/;
const LESSON_FIELDS = ["lesson", "step"];

/** The page's link: the explorer's state and, while a lesson is open, its step. */
export function encodeLink(s: ExplorerState, lesson: { id: string; step: number } | null): string {
  const enc = encodeExplorer(s);
  if (!lesson) return enc;
  const q = new URLSearchParams({ lesson: lesson.id, step: String(lesson.step + 1) });
  return `${q.toString()}&${enc}`;
}

/**
 * Reads the page's link: the lesson fields are checked here (an id of lowercase letters, digits
 * and dashes, a step from 1), the rest by decodeExplorer. A lesson link without a function is
 * the step's own state; whether that lesson and step exist is known once the lessons are loaded
 * (the lesson slice falls back with a notice).
 */
export function decodeLink(hash: string): LinkResult {
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(text.length > MAX_LINK ? "" : text);
  } catch {
    q = new URLSearchParams();
  }
  if (!q.has("lesson") && !q.has("step")) return { ...decodeExplorer(hash), lesson: null };
  const fail = (why: string): LinkResult => ({
    ok: false,
    state: defaultExplorer(),
    why,
    notice: `This link could not be read (${why}), so the default example is shown.`,
    lesson: null,
  });
  const id = q.getAll("lesson");
  const step = q.getAll("step");
  if (id.length !== 1) return fail(id.length ? "lesson appears twice" : "step without a lesson");
  if (!LESSON_ID.test(id[0])) return fail(`the lesson ${pyRepr(id[0].slice(0, 40))} is not a lesson's name`);
  if (step.length > 1) return fail("step appears twice");
  if (step.length === 1 && !LESSON_STEP.test(step[0])) return fail(`the step must be a number from 1, not ${pyRepr(step[0].slice(0, 20))}`);
  for (const f of LESSON_FIELDS) q.delete(f);
  const rest = q.toString();
  const r = decodeExplorer(rest);
  if (!r.ok) return { ...r, lesson: null };
  return { ...r, lesson: { id: id[0], step: step.length ? Number(step[0]) - 1 : 0, keepExplorer: rest !== "" } };
}
