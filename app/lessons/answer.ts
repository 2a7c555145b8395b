/**
 * Predict, then reveal: reading a student's answer (`(2,2)`, `2, 2`, `[2, 2]`, `error`), the
 * right answer, and hints. The right answer and every hint come from the engine, through the
 * explorer's own door (selectors.ts for the trace, engineBridge's describeCall for vmap's
 * argument plan): nothing here works out a shape by itself.
 */
import { pyShape, pyTuple, type EngineError } from "../../engine/index";
import { describeCall, vmapCall } from "../state/engineBridge";
import { sameShape, type ExplorerState } from "../state/explorerTypes";
import { parsePyLiteral, type PyLit } from "../state/pyLiteral";
import { selectView } from "../state/selectors";

export type Given = { kind: "error" } | { kind: "shape"; value: PyLit } | { kind: "unreadable"; why: string };

/** What vmap gives for a state: its result shapes, its error, or not known yet (computing off the page). */
export type Expected = { kind: "shapes"; shapes: number[][]; tree: string } | { kind: "error"; error: EngineError } | { kind: "pending" };

const ERROR_WORDS = /^(an? )?(error|exception|it fails|fails|raises|valueerror|typeerror)[.!]?$/i;

/** Reads an answer as a person writes one: a shape with or without brackets, or "error". */
export function readAnswer(text: string): Given {
  const t = text.trim();
  if (t === "") return { kind: "unreadable", why: "Write a shape, like (2, 2), or error." };
  if (ERROR_WORDS.test(t)) return { kind: "error" };
  // `(2, 2)` and `[2, 2]` read as written; `2, 2` (and `(2,), (2,)` for a pair of results) as
  // the tuple a person means; a bare `2` as `(2,)`.
  let v: PyLit;
  try {
    v = parsePyLiteral(t);
  } catch {
    try {
      v = parsePyLiteral(`(${t},)`);
    } catch {
      return { kind: "unreadable", why: `“${t.slice(0, 40)}” is not a shape: write it like (2, 2), 2, 2 or [2, 2], or write error.` };
    }
  }
  if (!valid(v)) return { kind: "unreadable", why: "A shape holds whole numbers from 0, like (2, 3)." };
  return { kind: "shape", value: typeof v === "number" ? [v] : v };
}

const valid = (v: PyLit): boolean => (v === null ? false : typeof v === "number" ? v >= 0 : v.every(valid));

/** The question a step asks: its own words, or what its call's answer is written as (a tuple of shapes for a function returning a tuple). */
export function questionPrompt(s: ExplorerState, prompt?: string): string {
  if (prompt) return prompt;
  const e = expectedAnswer(s);
  return e.kind === "shapes" && e.tree !== "array"
    ? "What are the shapes of the results? Write them as a tuple of shapes, like ((2,), (3,)), or error if vmap raises."
    : "What is the shape of the output? (Write error if vmap raises.)";
}

/** The engine's answer for this state (the trace the explorer draws). */
export function expectedAnswer(s: ExplorerState): Expected {
  const v = selectView(s);
  if (v.result.ok) return { kind: "shapes", shapes: v.result.story.outputs.map((o) => o.shape), tree: v.result.story.outputTree };
  return v.error ? { kind: "error", error: v.error } : { kind: "pending" };
}

const asShape = (v: PyLit): number[] | null => (typeof v === "number" ? [v] : Array.isArray(v) && v.every((x) => typeof x === "number") ? (v as number[]) : null);
const sameAs = (a: number[] | null, b: number[]) => a !== null && sameShape(a, b);

export function isRight(given: Given, expected: Expected): boolean {
  if (expected.kind === "pending" || given.kind === "unreadable") return false;
  if (expected.kind === "error") return given.kind === "error";
  if (given.kind !== "shape") return false;
  if (expected.tree === "array") return sameAs(asShape(given.value), expected.shapes[0]);
  const items = Array.isArray(given.value) ? given.value : [given.value];
  return items.length === expected.shapes.length && items.every((x, i) => sameAs(asShape(x), expected.shapes[i]));
}

/** The right answer as the player states it. */
export function answerText(expected: Expected): string {
  if (expected.kind === "pending") return "still being computed";
  if (expected.kind === "error") return `an error (${expected.error.pyType ?? "Error"})`;
  return expected.tree === "array" ? pyShape(expected.shapes[0]) : pyTuple(expected.shapes.map(pyShape));
}

const WHERE: Record<string, string> = {
  in_axes: "in_axes and the arguments",
  argument: "an argument",
  axis_size: "axis_size",
  function: "f itself, run on the per-example shapes",
  out_axes: "out_axes",
};

/**
 * Hints for a wrong answer, the gentler first: which axis of each argument went where (vmap's
 * argument plan), then what one example's result is and where out_axes puts the batch axis (the
 * trace), or which part of the call the error is about (the engine's `where`).
 */
export function answerHints(s: ExplorerState): string[] {
  const d = describeCall(vmapCall(s));
  const first: string[] = [];
  for (const a of d?.args ?? []) {
    const name = `${a.param}${a.path}`;
    if (a.inAxisWritten === null) first.push(`${name} ${pyShape(a.shape)} is not sliced (None): every example sees all of it, ${pyShape(a.sliceShape)}.`);
    else if (a.batchSize !== null) first.push(`${name} ${pyShape(a.shape)} is sliced along axis ${a.inAxisWritten}${a.inAxisWritten !== a.inAxis ? ` (that is axis ${a.inAxis})` : ""}, of size ${a.batchSize}: each example sees ${pyShape(a.sliceShape)}.`);
    else first.push(`${name} ${pyShape(a.shape)} is asked for axis ${a.inAxisWritten}, which an array of ${a.shape.length} axes does not have.`);
  }
  if (d?.axisSize != null) first.push(`So there are ${d.axisSize} examples.`);
  const hints = [first.join(" ")];
  const v = selectView(s);
  if (v.result.ok) {
    const story = v.result.story;
    hints.push(
      story.outputs
        .map((o) => {
          const name = story.outputTree === "array" ? "f" : `Result ${o.path}`;
          if (o.outAxis === null) return `${name} gives ${pyShape(o.perExampleShape)} for one example, and out_axes None returns it as it is.`;
          return `${name} gives ${pyShape(o.perExampleShape)} for one example${o.batched ? "" : " (the same for every example: it is broadcast)"}; out_axes ${o.outAxisWritten} puts the ${story.axisSize} examples at position ${o.outAxis}.`;
        })
        .join(" "),
    );
  } else if (v.error) {
    hints.push(`Something here does not fit: look at ${WHERE[v.error.where.kind] ?? "the call"}.`);
  }
  return hints.filter((h) => h !== "");
}
