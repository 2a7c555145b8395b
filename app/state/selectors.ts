/**
 * Memoized derivations from the explorer state (style P11: derived values are selected, never
 * stored): the parsed function and its parameters, the trace or the error, where the error
 * belongs, the last good picture to keep (dimmed) while an error shows, cell counts for the
 * drawing budget, and the generated Python. Each is keyed on immutable inputs, so a re-render
 * that changed nothing recomputes nothing.
 */
import { codeOutputIsTree } from "./selectorsUtil";
import { errorPlace, parseFunction, runTrace, type EngineError, type ErrorPlace, type ParsedFn, type TraceResult, type VmapStory } from "./engineBridge";
import { allInAxesNone, pythonCode } from "./codegen";
import { argFor, argLeaves, sizeOfShape, type ExplorerState } from "./explorerTypes";
import { lambdaParams } from "./urlState";

/** Above this many cells in all arrays together, arrays are drawn as shape blocks. */
export const CELL_BUDGET = 20_000;

export function memoizeLast<A, R>(f: (a: A) => R): (a: A) => R {
  let lastArg: A | undefined;
  let lastRes: R | undefined;
  let has = false;
  return (a: A) => {
    if (has && a === lastArg) return lastRes as R;
    lastRes = f(a);
    lastArg = a;
    has = true;
    return lastRes;
  };
}

export interface View {
  parsed: ParsedFn;
  params: string[];
  result: TraceResult;
  error: EngineError | null;
  errorPlace: ErrorPlace | null;
  /** The story to draw: this state's, or the last good one (then `stale`) while an error shows. */
  shown: VmapStory | null;
  stale: boolean;
  /** Cells in every argument leaf and output leaf of the shown story. */
  cellCount: number;
  blocks: boolean;
  code: string;
  allNone: boolean;
}

let lastGoodParams: string[] = ["a", "b"];
let lastGood: VmapStory | null = null;

export function resetSelectorCaches(): void {
  lastGoodParams = ["a", "b"];
  lastGood = null;
}

export const selectParsed = memoizeLast((src: string) => parseFunction(src));

function computeView(s: ExplorerState): View {
  const parsed = selectParsed(s.fnSource);
  let params: string[];
  if (parsed.ok) params = lastGoodParams = parsed.params;
  else params = lambdaParams(s.fnSource) ?? lastGoodParams;
  const result = runTrace(s, parsed);
  if (result.ok) lastGood = result.story;
  const shown = result.ok ? result.story : lastGood;
  const allNone = allInAxesNone(s, params);
  const error = result.ok ? null : result.error;
  // Inputs are drawn from the current state (even while an error shows), outputs from `shown`.
  const inputCells = params.reduce((n, p) => n + argLeaves(argFor(s, p).tree).reduce((m, l) => m + sizeOfShape(l.shape), 0), 0);
  const cellCount = inputCells + (shown ? shown.outputs.reduce((n, o) => n + sizeOfShape(o.shape), 0) : 0);
  return {
    parsed,
    params,
    result,
    error,
    errorPlace: error ? errorPlace(error, allNone) : null,
    shown,
    stale: !result.ok,
    cellCount,
    blocks: cellCount > CELL_BUDGET,
    code: pythonCode(s, params, codeOutputIsTree(result.ok ? result.story : null, s)),
    allNone,
  };
}

export const selectView = memoizeLast(computeView);

// Cell provenance (the same trace with `provenance`) is computed on the first hover, once per state: provenance.ts.
