/**
 * Reads lesson data into what the player uses (lessonTypes.ts), step by step, so one broken
 * step becomes an error for that step and the rest of the lesson works (style P14). A step's
 * state goes through the permalink's own reader (urlState.ts: the same whitelist and the same
 * words a bad link gets), then its function through the engine's parser (a name the lambda
 * language does not know is the engine's NameError, as in the explorer).
 */
import { parseFunction } from "../state/engineBridge";
import { decodeExplorer } from "../state/urlState";
import type { ExplorerState } from "../state/explorerTypes";
import type { LessonData, LessonLibrary, LessonPlace, LessonStepData, PreparedLesson, PreparedStep, StepStateData } from "./lessonTypes";

type Read = { ok: true; state: ExplorerState } | { ok: false; why: string };

const isPairs = (v: unknown): v is [string, unknown][] => Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === "string");

/** A step's state as a link's fields, read by the link's decoder. */
export function readStepState(data: StepStateData | undefined): Read {
  if (!data || typeof data !== "object") return { ok: false, why: "the step has no state" };
  if (typeof data.f !== "string") return { ok: false, why: "the step has no function" };
  if (!isPairs(data.shapes)) return { ok: false, why: "the step's shapes must be [parameter, shape] pairs" };
  if (data.inAxes !== undefined && !isPairs(data.inAxes)) return { ok: false, why: "the step's in_axes must be [parameter, axis] pairs" };
  if (data.fills !== undefined && !isPairs(data.fills)) return { ok: false, why: "the step's fills must be [parameter, fill] pairs" };
  const q = new URLSearchParams();
  q.set("f", data.f);
  for (const [n, shape] of data.shapes) q.set(`shape.${n}`, String(shape));
  for (const [n, fill] of data.fills ?? []) q.set(`fill.${n}`, String(fill));
  for (const [n, axis] of data.inAxes ?? []) q.set(`in.${n}`, String(axis));
  if (data.outAxes !== undefined) q.set("out", String(data.outAxes));
  if (data.axisSize !== undefined) q.set("size", String(data.axisSize));
  if (data.axisName !== undefined) q.set("axis_name", String(data.axisName));
  if (data.mapWith !== undefined) q.set("map", String(data.mapWith));
  if (data.devices !== undefined) q.set("devices", String(data.devices));
  const r = decodeExplorer(q.toString());
  if (!r.ok) return { ok: false, why: r.why };
  const parsed = parseFunction(r.state.fnSource);
  if (!parsed.ok) return { ok: false, why: `${parsed.error.pyType ?? "Error"}: ${parsed.error.message}` };
  return { ok: true, state: r.state };
}

export function prepareStep(step: LessonStepData): PreparedStep {
  const text = Array.isArray(step?.text) ? step.text.filter((t): t is string => typeof t === "string") : [];
  const title = typeof step?.title === "string" ? step.title : "Untitled step";
  const r = readStepState(step?.state);
  const question = step?.question?.kind === "shape" ? step.question : null;
  return { title, text, state: r.ok ? r.state : null, problem: r.ok ? null : r.why, question };
}

export function prepareLesson(data: LessonData): PreparedLesson {
  return { id: data.id, title: data.title, summary: data.summary, steps: (Array.isArray(data.steps) ? data.steps : []).map(prepareStep) };
}

/** Lessons keyed by id (a Map: ids are data, never keys of a plain object). */
export function prepareLibrary(lessons: readonly LessonData[]): LessonLibrary {
  const byId = new Map(lessons.filter((l) => l.steps.length > 0).map((l) => [l.id, prepareLesson(l)]));
  return Object.assign(byId, { place: (id: string, step: number) => placeIn(byId, id, step) });
}

/** A lesson that is not there is reported; a step that is not there falls back to the first. */
function placeIn(byId: ReadonlyMap<string, PreparedLesson>, id: string, step: number): LessonPlace {
  const lesson = byId.get(id);
  if (!lesson) return { lesson: null, notice: `There is no lesson called "${id.slice(0, 40)}", so the explorer is shown as it was.` };
  if (Number.isInteger(step) && step >= 0 && step < lesson.steps.length) return { lesson, at: step, notice: null };
  return { lesson, at: 0, notice: `"${lesson.title}" has ${lesson.steps.length} steps, not ${Number.isInteger(step) ? step + 1 : "that one"}, so its first step is shown.` };
}
