/**
 * Derivations from the store (style P11: derived values are selected, never stored): the vmap
 * call and its trace or error, where the error belongs, the picture to draw (this state's, or
 * the last good state's, dimmed, while an error shows or a call computes off the page), cell
 * counts for the drawing budget, and the generated Python. Pure functions of (explorer state,
 * last good state) and, for a call past the page's budget, the worker's answer once it is in
 * (computeResults.ts): each is memoized on the identity of those immutable inputs, so a
 * re-render that changed nothing recomputes nothing.
 */
import { ERROR_PLACE, vmapCall, type VmapCall, type EngineError, type ErrorPlace, type PageResult, type ParsedFn, type VmapStory } from "./engineBridge";
import { resolvedTrace } from "./computeResults";
import { allInAxesNone, argFor, argLeaves, sizeOfShape, type ExplorerState } from "./explorerTypes";

/** Above this many cells in all arrays together, arrays are drawn as shape blocks. */
export const CELL_BUDGET = 100_000;

export interface View {
  /** The vmap call this view traced (the input grids describe its arguments). */
  call: VmapCall;
  parsed: ParsedFn;
  params: string[];
  /** The trace, its error, or `offPage` (over the page's budget: computed in a worker, compute.ts). */
  result: PageResult;
  /** Over the page's budget and not answered yet: the worker is computing it. */
  computing: boolean;
  error: EngineError | null;
  errorPlace: ErrorPlace | null;
  /** The story to draw: this state's, or the last good one (then `stale`) while an error shows or it computes. */
  shown: VmapStory | null;
  /** The state `shown` is of: this one, or the last good one while stale (its devices, its map). */
  shownState: ExplorerState | null;
  stale: boolean;
  /** Cells in every argument leaf and output leaf of the shown story. */
  cellCount: number;
  blocks: boolean;
  allNone: boolean;
}

/** The state's call: parameters the text cannot name yet (`lambda a, b` before its colon) are the last good state's. */
function callOf(s: ExplorerState, lastGood: ExplorerState | null): VmapCall {
  return vmapCall(s, lastGood ? vmapCall(lastGood).params : []);
}

function computeView(s: ExplorerState, lastGood: ExplorerState | null, call: VmapCall, result: PageResult): View {
  const { parsed, params } = call;
  const good = lastGood && lastGood !== s ? resolvedTrace(vmapCall(lastGood)) : null;
  const shown = result.ok ? result.story : good?.ok ? good.story : null;
  const allNone = allInAxesNone(s, params);
  const error = result.ok ? null : (result.error ?? null);
  // Inputs are drawn from the current state (even while an error shows), outputs from `shown`.
  const inputCells = params.reduce((n, p) => n + argLeaves(argFor(s, p).tree).reduce((m, l) => m + sizeOfShape(l.shape), 0), 0);
  const cellCount = inputCells + (shown ? shown.outputs.reduce((n, o) => n + sizeOfShape(o.shape), 0) : 0);
  return {
    call,
    parsed,
    params,
    result,
    computing: !result.ok && result.error === undefined,
    error,
    errorPlace: error ? ERROR_PLACE[error.where.kind] : null,
    shown,
    shownState: result.ok ? s : good?.ok ? lastGood : null,
    stale: !result.ok,
    cellCount,
    blocks: cellCount > CELL_BUDGET,
    allNone,
  };
}

const okViews = new WeakMap<ExplorerState, View>();
const errorViews = new WeakMap<ExplorerState, WeakMap<ExplorerState, View>>();
const NO_LAST_GOOD = {} as ExplorerState;

/**
 * The view of `s`. A state that traces does not depend on `lastGood`; one that fails (or is
 * computing) is memoized per (state, last good state) pair and per answer: an answer arriving
 * from the worker (computeResults.ts) makes a new view.
 */
export function selectView(s: ExplorerState, lastGood: ExplorerState | null = null): View {
  const ok = okViews.get(s);
  if (ok) return ok;
  const lg = lastGood ?? NO_LAST_GOOD;
  const call = callOf(s, lastGood);
  const result = resolvedTrace(call);
  const byLast = errorViews.get(s)?.get(lg);
  if (byLast && byLast.result === result && byLast.call === call) return byLast;
  const v = computeView(s, lastGood, call, result);
  if (v.result.ok) okViews.set(s, v);
  else {
    let m = errorViews.get(s);
    if (!m) errorViews.set(s, (m = new WeakMap()));
    m.set(lg, v);
  }
  return v;
}

/** The explorer's parsed function (the panels differentiate and jit the same one). */
export const selectParsed = (s: ExplorerState): ParsedFn => vmapCall(s).parsed;

// Cell provenance (the same trace with `provenance`) is computed on the first hover, once per state: provenance.ts.
