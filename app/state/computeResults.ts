/**
 * Answers computed off the page (compute.ts runs them in a worker), kept per explorer state
 * like the page's own traces (engineBridge.ts): the view of a state whose call ran past the
 * page's budget reads its answer here once it has arrived. Also the wire format between the
 * page and the worker: a VmapStory is plain data (numbers, strings, arrays) and crosses as is;
 * an EngineError loses its class in structured cloning, so it crosses as its fields.
 */
import { EngineError, type ErrorWhere } from "../../engine/index";
import { OFF_PAGE, traceCall, type PageResult, type TraceResult, type VmapCall, type VmapStory } from "./engineBridge";
import type { ExplorerState } from "./explorerTypes";

export interface WireError {
  kind: EngineError["kind"];
  message: string;
  pyType: EngineError["pyType"];
  where: ErrorWhere;
  column?: number;
}

export type WireResult = { ok: true; story: VmapStory } | { ok: false; error: WireError };

export function toWire(r: TraceResult): WireResult {
  if (r.ok) return r;
  const e = r.error;
  return { ok: false, error: { kind: e.kind, message: e.message, pyType: e.pyType, where: e.where, ...(e.column === undefined ? {} : { column: e.column }) } };
}

export function fromWire(r: WireResult): TraceResult {
  if (r.ok) return r;
  const e = r.error;
  return { ok: false, error: new EngineError(e.kind, e.message, { pyType: e.pyType, where: e.where, column: e.column }) };
}

const offPage = new WeakMap<ExplorerState, TraceResult>();

/** Records the off-page answer for `s` (the worker's, or a time-out or cancellation as an error). */
export function setOffPageResult(s: ExplorerState, r: TraceResult): void {
  offPage.set(s, r);
}

/** The call's answer: the page's trace, else (over the page's budget) the off-page answer once known. */
export function resolvedTrace(c: VmapCall): PageResult {
  const r = traceCall(c);
  if (r.ok || !("offPage" in r)) return r;
  return offPage.get(c.state) ?? OFF_PAGE;
}
