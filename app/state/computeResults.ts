/**
 * Answers computed off the page (compute.ts runs them in a worker), kept per explorer state and
 * request key ("trace", or "grad|…" for the grad panel's options), like the page's own memos:
 * the view of a state whose call ran past the page's budget reads its answer here once it has
 * arrived. The worker's answers cross in the wire format (wire.ts).
 */
import { EngineError } from "../../engine/index";
import { OFF_PAGE, traceCall, type PageResult, type TraceResult, type VmapCall } from "./engineBridge";
import type { ExplorerState } from "./explorerTypes";

/** What came back for a request: the worker's report, or why there is none (time-out, cancel, a failed worker). */
export type OffPageAnswer = { done: true; value: unknown } | { done: false; error: EngineError };

const answers = new WeakMap<ExplorerState, Map<string, OffPageAnswer>>();

/** Records the off-page answer to request `key` for `s`. */
export function setOffPageAnswer(s: ExplorerState, key: string, answer: OffPageAnswer): void {
  let m = answers.get(s);
  if (!m) answers.set(s, (m = new Map()));
  m.set(key, answer);
}

export function offPageAnswer(s: ExplorerState, key: string): OffPageAnswer | undefined {
  return answers.get(s)?.get(key);
}

export const TRACE_KEY = "trace";

/** Each answer as a trace result, once (views are memoized on its identity). */
const asTrace = new WeakMap<OffPageAnswer, TraceResult>();

/** The call's answer: the page's trace, else (over the page's budget) the off-page answer once known. */
export function resolvedTrace(c: VmapCall): PageResult {
  const r = traceCall(c);
  if (r.ok || !("offPage" in r)) return r;
  const a = offPageAnswer(c.state, TRACE_KEY);
  if (!a) return OFF_PAGE;
  let t = asTrace.get(a);
  if (!t) asTrace.set(a, (t = a.done ? (a.value as TraceResult) : { ok: false, error: a.error }));
  return t;
}
