/**
 * The panels' reports, cached per explorer snapshot and option key (weak: old snapshots are
 * collected). The panels compute on the page, so under the page's budget
 * (engineBridge.PAGE_BUDGET). A report that runs past it either goes to the worker
 * (state/compute.ts; `offPage`: the grad panel), showing `pending` until the answer arrives, or
 * (without `offPage`: the jit panel, whose trace cache and timings belong to the page) ends in
 * the engine's too-large error naming the budget. Nothing here holds the page for long.
 */
import { EngineError, withinWorkBudget, withWorkBudget } from "../../engine/index";
import { PAGE_BUDGET } from "../state/engineBridge";
import { offPageAnswer } from "../state/computeResults";
import type { ExplorerState } from "../state/explorerTypes";

/** A report the worker can compute: its kind (compute.worker.ts runs it) and the report to show meanwhile. */
export interface OffPage<O, R> {
  kind: "grad";
  /** The report with `note` (computing…, or why there is no answer) in place of its outcomes. */
  pending: (s: ExplorerState, o: O, note: EngineError) => R;
}

export interface OffPageRequest {
  state: ExplorerState;
  key: string;
  kind: "grad";
  options: unknown;
}

/** Requests made while rendering, started by the panels' effect (usePanelInputs.ts), never during render. */
const wanted: OffPageRequest[] = [];
export const takeOffPageRequests = (): OffPageRequest[] => wanted.splice(0);
const want = (r: OffPageRequest) => {
  if (!wanted.some((w) => w.state === r.state && w.key === r.key)) wanted.push(r);
};

const notes = new WeakSet<EngineError>();

/** What a report shows while its worker computes: not an error (Outcome.tsx shows it as a status). */
export function computingNote(): EngineError {
  const e = new EngineError("too-large", "Computing… this call is too big to compute at once on the page, so it runs in the background.");
  notes.add(e);
  return e;
}

export const isComputingNote = (e: EngineError): boolean => notes.has(e);

export function memoPerState<O, R>(keyOf: (o: O) => string, compute: (s: ExplorerState, o: O) => R, offPage?: OffPage<O, R>) {
  let cache = new WeakMap<ExplorerState, Map<string, R>>();
  /** Placeholders shown until the worker answers. */
  const pending = new WeakSet<object>();
  const select = (s: ExplorerState, o: O): R => {
    let m = cache.get(s);
    if (!m) cache.set(s, (m = new Map()));
    const key = keyOf(o);
    const hit = m.get(key);
    if (hit !== undefined && !(offPage && pending.has(hit as object))) return hit;
    if (offPage) {
      const wireKey = `${offPage.kind}|${key}`;
      const a = offPageAnswer(s, wireKey);
      if (a) {
        const r = a.done ? (a.value as R) : offPage.pending(s, o, a.error);
        m.set(key, r);
        return r;
      }
      const request: OffPageRequest = { state: s, key: wireKey, kind: offPage.kind, options: o };
      if (hit !== undefined) {
        // Asked again on every render until answered: a request for a state that was not the
        // explorer's any more (the panels lag a frame) is dropped, and undo can bring it back.
        want(request);
        return hit;
      }
      const run = withinWorkBudget(PAGE_BUDGET, () => compute(s, o));
      const r = run.done ? run.value : offPage.pending(s, o, computingNote());
      if (!run.done) {
        pending.add(r as object);
        want(request);
      }
      m.set(key, r);
      return r;
    }
    const r = withWorkBudget(PAGE_BUDGET, () => compute(s, o));
    m.set(key, r);
    return r;
  };
  select.reset = () => {
    cache = new WeakMap();
  };
  /** Drops `s`'s reports: the next select computes them again. */
  select.forget = (s: ExplorerState) => {
    cache.delete(s);
  };
  return select;
}
