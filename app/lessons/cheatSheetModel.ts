/**
 * The cheat sheet's tables, every cell computed by the engine through the explorer's door
 * (selectors.ts for traces and errors, engineBridge's describeCall for the slices): the 2×2
 * in_axes table, the (2, 3, 5, 7, 9) out_axes table with the swap between neighbours, and
 * the errors with JAX's own words. Nothing here states a shape the engine did not give.
 */
import { jnp, np, pyShape, type NDArray } from "../../engine/index";
import { describeCall, vmapCall } from "../state/engineBridge";
import { explorerOf, formatArgTree, leaf, tuple, type AxisTree, type ExplorerState } from "../state/explorerTypes";
import { formatPyLiteral, type PyLit } from "../state/pyLiteral";
import { selectView } from "../state/selectors";
import { inAxesText } from "../state/codegen";

const lit = (v: AxisTree) => formatPyLiteral(v as PyLit);

export interface Outcome {
  text: string;
  error: boolean;
}

function outcome(s: ExplorerState): Outcome {
  const v = selectView(s);
  if (v.result.ok) {
    const story = v.result.story;
    return { text: story.outputTree === "array" ? pyShape(story.outputs[0].shape) : `(${story.outputs.map((o) => pyShape(o.shape)).join(", ")})`, error: false };
  }
  return { text: v.error ? `${v.error.pyType ?? "Error"}` : "…", error: true };
}

export interface InAxesRow {
  inAxes: string;
  sliceA: string;
  sliceB: string;
  B: string;
  out: Outcome;
}

const ADD = "lambda a, b: a + b";
const PAIRS: [AxisTree, AxisTree][] = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
  [-1, -2],
  [null, 0],
  [0, null],
  [null, 1],
  [null, null],
];

/** in_axes pairs on two (2, 2) arrays: what each example sees, B, and the output. */
export function inAxesRows(): InAxesRow[] {
  return PAIRS.map(([x, y]) => {
    const s = explorerOf(ADD, [["a", leaf(2, 2), x], ["b", leaf(2, 2), y]], 0);
    const d = describeCall(vmapCall(s));
    const slice = (i: number) => (d?.args[i] ? pyShape(d.args[i].sliceShape) : "—");
    return { inAxes: `(${lit(x)}, ${lit(y)})`, sliceA: slice(0), sliceB: slice(1), B: d?.axisSize != null ? String(d.axisSize) : "—", out: outcome(s) };
  });
}

export interface OutAxesRow {
  outAxes: string;
  shape: Outcome;
  /** Which pair of output axes this choice swaps against the one before it, when both run. */
  swap: string;
}

/**
 * Whether `next` equals `prev` with axes `o - 1` and `o` swapped, on the values: the engine's
 * two traces against the engine's own jnp.swapaxes.
 */
function swapHolds(prev: { shape: number[]; data: Float64Array }, next: { shape: number[]; data: Float64Array }, o: number): boolean {
  const swapped = (jnp.swapaxes(np.array(prev.data, prev.shape), o - 1, o) as NDArray).flat();
  return next.data.length === swapped.length && next.data.every((x, i) => Object.is(x, swapped[i]));
}

/** out_axes on the blog's (2, 3, 5, 7, 9) pair with in_axes (None, 0), one row per choice and one past the end. */
export function outAxesRows(): { rows: OutAxesRow[]; call: string } {
  const five = leaf(2, 3, 5, 7, 9);
  const at = (o: number) => selectView(explorerOf(ADD, [["a", five, null], ["b", five, 0]], o));
  const base = at(0);
  const table = base.result.ok ? base.result.story.outputs[0].outAxesTable : [];
  const values = table.map((t) => {
    const r = at(t.outAxes).result;
    return r.ok ? r.story.values[0] : null;
  });
  const rows = table.map((t, o): OutAxesRow => {
    const prev = values[o - 1];
    const cur = values[o];
    const swap = o === 0 || !prev || !cur ? "—" : swapHolds(prev, cur, o) ? `axes ${o - 1} ↔ ${o} swapped` : "not a swap";
    return { outAxes: `${t.outAxes} or ${t.negative}`, shape: { text: pyShape(t.shape), error: false }, swap };
  });
  const past = table.length;
  rows.push({ outAxes: String(past), shape: outcome(explorerOf(ADD, [["a", five, null], ["b", five, 0]], past)), swap: "—" });
  return { rows, call: "jax.vmap(lambda a, b: a + b, in_axes=(None, 0), out_axes=…)(a, b), a and b of shape (2, 3, 5, 7, 9)" };
}

export interface ErrorRow {
  cause: string;
  call: string;
  pyType: string;
  message: string;
  fix: string;
}

interface ErrorCase {
  cause: string;
  fix: string;
  state: ExplorerState;
}

const CASES: ErrorCase[] = [
  { cause: "Mapped axes of different sizes", fix: "map axes of one size", state: explorerOf(ADD, [["a", leaf(2, 3), 0], ["b", leaf(2, 3), 1]], 0) },
  { cause: "An axis the argument does not have", fix: "use −rank … rank−1", state: explorerOf(ADD, [["a", leaf(2, 2), 2], ["b", leaf(2, 2), 0]], 0) },
  { cause: "Every in_axes None", fix: "map one, or give axis_size", state: explorerOf(ADD, [["a", leaf(2, 2), null], ["b", leaf(2, 2), null]], 0) },
  { cause: "f's shapes do not broadcast", fix: "f sees per-example shapes", state: explorerOf(ADD, [["a", leaf(4, 2, 3), 0], ["b", leaf(4, 3, 2), 0]], 0) },
  { cause: "out_axes past the result's axes", fix: "−(rank+1) … rank", state: explorerOf(ADD, [["a", leaf(2, 2), 0], ["b", leaf(2, 2), 0]], 2) },
  { cause: "out_axes None for a batched result", fix: "None only for unbatched results", state: explorerOf(ADD, [["a", leaf(2, 2), 0], ["b", leaf(2, 2), 0]], null) },
  { cause: "in_axes not a prefix of the argument", fix: "mirror the argument's tuple", state: explorerOf("lambda p, x: p[0] * x + p[1]", [["p", tuple(leaf(3), leaf(3)), [0, 0, 0]], ["x", leaf(4, 3), 0]], 0) },
];

function callText(s: ExplorerState): string {
  const names = [...s.args.keys()];
  const shapes = names.map((n) => `${n}: ${formatArgTree(s.args.get(n)!.tree)}`);
  return `in_axes=${inAxesText(s, names)}, out_axes=${lit(s.outAxes)}; ${shapes.join(", ")}`;
}

/** JAX's message on one line; a long one cut after a whole sentence (cutting at a line left "… at key path"). */
function messageText(message: string): string {
  const text = message.replace(/\s+/g, " ").trim();
  if (text.length <= MESSAGE_CHARS) return text;
  const end = text.lastIndexOf(". ", MESSAGE_CHARS);
  return end > 0 ? `${text.slice(0, end + 1)} …` : `${text.slice(0, MESSAGE_CHARS)}…`;
}
const MESSAGE_CHARS = 400;

/** Each error vmap raises, provoked, with JAX's text as the engine gives it (first line). */
export function errorRows(): ErrorRow[] {
  return CASES.map((c) => {
    const v = selectView(c.state);
    const e = v.error;
    return {
      cause: c.cause,
      call: callText(c.state),
      pyType: e?.pyType ?? (v.result.ok ? "(runs)" : "Error"),
      message: e ? messageText(e.message) : "",
      fix: c.fix,
    };
  });
}
