/**
 * What each playback phase says (style P13: a pure function of the frame and the trace): take the
 * slices (each with its shape and cells), apply f (the slice's computation written out: each result
 * cell's expression from the engine, then with the slice's values, then the result), place the
 * result at index k along out_axes. Cells are written by the caller: by symbol (`a₀₁`) or by value.
 */
import { pyShape } from "../../engine";
import type { Frame } from "./timeline";
import { sliceText } from "./timeline";

export interface NarratedInput {
  name: string;
  shape: readonly number[];
  /** The mapped axis, or null (the whole array, for every k). */
  axis: number | null;
  sliceShape: readonly number[];
  /** Cell c as written: its symbol or its value. */
  cell: (c: number) => string;
}

export interface NarratedOutput {
  name: string;
  shape: readonly number[];
  /** out_axes (normalised), or null (returned as is). */
  axis: number | null;
  perExampleShape: readonly number[];
  /** Cell c's value as written. */
  value: (c: number) => string;
  /** Cell c's expression over input cells: as the picture names them, and with every cell's value; null: unknown. */
  expr: ((c: number) => string) | null;
  exprByValue: ((c: number) => string) | null;
}

export interface Narration {
  /** One sentence: which k, which phase, what happens. */
  head: string;
  /** The phase's working: the slices, the computation, or where the result lands. */
  detail: string | null;
}

/** Longest list written whole; longer ones keep their ends around `…`. */
const LIST_MAX = 6;

/**
 * Most values a nested list shows in all: a slice of the blog's (2, 3, 5, 7, 9) example, each
 * axis elided to its ends, was still 162 values, written three times over (by name, by value,
 * the result): a caption taller than the grids on a phone.
 */
const SHOWN_MAX = 12;

/** Nested-list text of `items` (row-major) of `shape`, long lists elided: `[0, 1, …, 9]`. */
export function arrayText(items: readonly string[], shape: readonly number[]): string {
  return listText((i) => items[i] ?? "", shape, shownIndices(shape), 0);
}

/**
 * The indices each axis shows (-1 for `…`): a short axis all of them, a long one its ends
 * (`[0, 1, …, n-1]`); while the values shown pass SHOWN_MAX, outer axes give way first, to
 * `[0, …, n-1]` and then `[0, …]`, so the innermost rows, which read as the cells do, stay.
 */
function shownIndices(shape: readonly number[]): number[][] {
  const plan = shape.map((n, d) => (n <= (d === shape.length - 1 ? LIST_MAX : 3) ? [...Array(n).keys()] : [0, 1, -1, n - 1]));
  const shown = () => plan.reduce((m, ix) => m * ix.filter((i) => i >= 0).length, 1);
  for (let d = 0; d < plan.length && shown() > SHOWN_MAX; d++) {
    const n = shape[d];
    if (n > 2 && shown() / plan[d].filter((i) => i >= 0).length * 2 <= SHOWN_MAX) plan[d] = [0, -1, n - 1];
    else if (n > 1) plan[d] = [0, -1];
  }
  return plan;
}

/**
 * The text of the items `item(start)`, `item(start + 1)`, … as `plan` shows them: only the items
 * the text shows are written (a slice of a big array has thousands; each step of playback
 * narrates one).
 */
function listText(item: (i: number) => string, shape: readonly number[], plan: readonly (readonly number[])[], start: number): string {
  if (shape.length === 0) return item(start);
  const rest = shape.slice(1);
  const inner = rest.reduce((a, b) => a * b, 1);
  return `[${plan[0].map((i) => (i < 0 ? "…" : listText(item, rest, plan.slice(1), start + i * inner))).join(", ")}]`;
}

/**
 * The flat cells of `shape` at index k along `axis` (all of them when axis is null), row-major:
 * how many, and the j-th. Worked out per cell asked: a step of playback on a 100,000-cell grid
 * narrates a few cells of a slice of thousands.
 */
export function sliceCells(shape: readonly number[], axis: number | null, k: number): { count: number; at: (j: number) => number } {
  const n = shape.reduce((a, b) => a * b, 1);
  if (axis === null) return { count: n, at: (j) => j };
  if (k < 0 || k >= shape[axis]) return { count: 0, at: (j) => j };
  // In row-major order the slice is runs of `after` cells, one every shape[axis] × after cells.
  const after = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  return { count: n / shape[axis], at: (j) => (Math.floor(j / after) * shape[axis] + k) * after + (j % after) };
}

/** A slice's cells written out as a nested list (long ones elided as arrayText elides them). */
function someCells(cells: { count: number; at: (j: number) => number }, write: (c: number) => string, shape: readonly number[]): string {
  return listText((j) => (j < cells.count ? write(cells.at(j)) : ""), shape, shownIndices(shape), 0);
}

export function narrate(f: Frame, inputs: readonly NarratedInput[], outputs: readonly NarratedOutput[]): Narration {
  // At rest the caption is PlaybackControls' own (restCaption): this module loads on the first step.
  if (f.k === null) return { head: "", detail: null };
  const k = f.k;
  const head = `k = ${k} of ${f.B}: `;
  const slices = inputs.map((l) => sliceText(l.name, l.shape.length, l.axis, k));
  if (f.phase === 0) {
    const parts = inputs.map((l, i) =>
      l.axis === null
        ? `${l.name} ${pyShape(l.shape)}, whole (the same for every k)`
        : `${slices[i]} ${pyShape(l.sliceShape)} = ${someCells(sliceCells(l.shape, l.axis, k), l.cell, l.sliceShape)}`,
    );
    return { head: `${head}take the slices ${slices.join(", ")}`, detail: parts.join("; ") };
  }
  const outSlices = outputs.map((o) => sliceText(o.name, o.shape.length, o.axis, k));
  if (f.phase === 1) {
    const call = `f(${slices.join(", ")})`;
    const results = outputs.map((o) => {
      const cells = sliceCells(o.shape, o.axis, k);
      const steps = [o.expr && someCells(cells, o.expr, o.perExampleShape), o.exprByValue && someCells(cells, o.exprByValue, o.perExampleShape), someCells(cells, o.value, o.perExampleShape)];
      // A step that reads the same as the one before says nothing new (a symbol-free slice).
      return steps.filter((s, i): s is string => s !== null && s !== steps[i - 1]).join(" = ");
    });
    const detail = outputs.length === 1 ? `${call} = ${results[0]}` : `${call} = (${results.join(", ")})`;
    return { head: `${head}apply f to ${slices.join(", ")}`, detail };
  }
  const where = outputs.map((o, i) =>
    o.axis === null ? `${o.name} ${pyShape(o.shape)} is returned as f made it (out_axes None)` : `${pyShape(o.perExampleShape)} lands at ${outSlices[i]}: index ${k} along axis ${o.axis} (out_axes)`,
  );
  return { head: `${head}place the result at ${outSlices.join(", ")}`, detail: `f's result ${where.join("; ")}` };
}
