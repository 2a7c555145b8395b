/**
 * Lessons as data (style P14): a lesson is a title and a list of steps; a step is prose, the
 * explorer state it shows, and optionally a question. An instructor writes one file under
 * app/lessons/data/ and lists it in app/lessons/data/index.ts; no component changes.
 *
 * A step's state is written as the permalink writes it (`f`, a shape text and an in_axes text per
 * parameter, `out`), so a lesson file is read through the same whitelist as a link
 * (state/urlState.ts) and a mistake in it is reported in the link's words, for that step only.
 * These are types only: the data themselves load lazily, with the lesson player.
 */
import type { ExplorerState, Fill } from "../state/explorerTypes";

/** The explorer state of a step, field by field as in a link. */
export interface StepStateData {
  /** The function, a Python lambda (`lambda a, b: a + b`). */
  f: string;
  /** One shape text per parameter, in order: `(2, 2)`, `((3,), (3,))` for a tuple argument. */
  shapes: [string, string][];
  /** in_axes per parameter (`0`, `None`, `-1`, `(None, 0)`); a parameter left out maps along 0. */
  inAxes?: [string, string][];
  /** out_axes (`0` unless given). */
  outAxes?: string;
  axisSize?: number;
  /** jax.vmap's axis_name, for steps whose function uses a collective (`jax.lax.psum(x, 'b')`). */
  axisName?: string;
  fills?: [string, Fill][];
  /** The call line's map: `jax.vmap` unless `pmap`, with `devices` simulated devices (the link's `map` and `devices`). */
  mapWith?: "vmap" | "pmap";
  devices?: number;
}

/** A question about the step's call. The right answer is always the engine's. */
export interface QuestionData {
  /** "shape": the output shape, or "error" when vmap raises. */
  kind: "shape";
  /** The question as the student reads it; the default asks for the output shape. */
  prompt?: string;
}

export interface LessonStepData {
  title: string;
  /** The prose, in paragraphs; `code` spans are written between backticks. */
  text: string[];
  state: StepStateData;
  question?: QuestionData;
}

export interface LessonData {
  id: string;
  title: string;
  summary: string;
  steps: LessonStepData[];
}

/** A step as the player uses it: its state read (or why it could not be), its question. */
export interface PreparedStep {
  title: string;
  text: string[];
  /** The explorer state, or null when the step's data could not be read (`problem` says why). */
  state: ExplorerState | null;
  problem: string | null;
  question: QuestionData | null;
}

export interface PreparedLesson {
  id: string;
  title: string;
  summary: string;
  steps: PreparedStep[];
}

/** Where a (lesson, step) asked for lands: its step, and what the page says when it is not the one asked for. */
export type LessonPlace = { lesson: PreparedLesson; at: number; notice: string | null } | { lesson: null; notice: string };

/**
 * Lessons keyed by id, and where a lesson and step asked for (a link, the menu) land: with the
 * lessons' chunk, so the first screen does not carry the words.
 */
export interface LessonLibrary extends ReadonlyMap<string, PreparedLesson> {
  place(id: string, step: number): LessonPlace;
}
