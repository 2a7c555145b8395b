/**
 * React hooks over the store: the explorer snapshot, the derived view (selectors.ts), the input
 * leaves as drawn (each argument leaf with the mapped axis the engine's plan gives it), and the
 * provenance highlight for the hovered cell. Components read through these, never compute.
 */
import { useMemo } from "react";
import { useAfterPaint } from "./afterPaint";
import { useShallow } from "zustand/react/shallow";
import type { DType } from "../../engine/index";
import { useStore } from "./store";
import { selectView, type View } from "./selectors";
import { useShown, useShownViewPart } from "./shown";
import { describeCall, type VmapCall } from "./engineBridge";
import { provenanceFor, type Provenance } from "./provenance";
import { argFor, argLeaves, type ExplorerState } from "./explorerTypes";
import type { HoverCell } from "./playbackSlice";
import { cellTexts, SYMBOL_WRITER, leafIsSymbolic, type CellTexts } from "./symbols";
import { useLazyModule } from "./lazyModule";
import { unravelCell } from "../viz/cellNames";

export const useExplorer = (): ExplorerState => useStore((s) => s.explorer);
/**
 * The view of the state shown (shown.ts): at once after a control's change, in a transition
 * after a keystroke in the function box.
 */
export const useView = (opts: { fromFirst?: boolean } = {}): View => {
  const s = useShown(opts);
  return selectView(s.explorer, s.lastGood);
};

/**
 * The view for what sits beside the picture (the shape story, the out_axes table, the code): it
 * follows the picture once its frame is painted and the controls have rested for
 * BESIDE_QUIET_MS (afterPaint.ts). A control's change is then painted with the picture alone. A
 * frame later was not enough: a burst of changes (arrow keys on a menu, the throttled bench's
 * changes one after another) laid out and painted the side's ~200 elements in the next change's
 * frame (at 4× CPU throttling, a shape change's median 44–45 → 35 ms, layout 5.4 → 3.3 ms).
 */
// Its parts (the shape story, the out_axes table) load after the first screen (App.tsx Beside)
// and may hydrate after the state has changed: hydrating, they read the state the prerendered
// page shows (shown.ts fromFirst), and follow the current one as any later change.
export const useViewBeside = (): View => useAfterPaint(useView({ fromFirst: true }), BESIDE_QUIET_MS);

/** How long the controls must rest before the side catches up (afterPaint.ts). */
export const BESIDE_QUIET_MS = 80;

/**
 * Part of the view, compared shallowly: a component that reads only what it shows is not
 * re-rendered by changes elsewhere (an out_axes change does not re-render the shape editors,
 * the function editor or the in_axes menus). Follows the shown state as useView does.
 */
export const useViewPart = useShownViewPart;
export function useExplorerPart<T>(pick: (s: ExplorerState) => T): T {
  return useStore(useShallow((s) => pick(s.explorer)));
}

export interface InputLeaf {
  leaf: number;
  param: string;
  path: string;
  label: string;
  shape: number[];
  /** Normalised mapped axis, or null (unmapped, or out of range: the error says which). */
  axis: number | null;
  /** The in_axes entry as written: null for None (an entry out of range has `axis` null but not this). */
  written: number | null;
  /** What f sees for each k (the engine's slice shape). */
  sliceShape: number[];
  /** The values as the engine holds them: rounded to `dtype` (float32 unless x64 is on). */
  values: Float64Array;
  dtype: DType;
}

/** Leaf objects per leaf data array: a grid whose leaf did not change keeps its object (React.memo). */
const leafObjects = new WeakMap<Float64Array, Map<string, InputLeaf>>();
const NO_VALUES = new Float64Array(0);
/** The arguments' dtype where no argument was built: the default float of the state's x64 flag. */
const floatOf = (s: ExplorerState): DType => (s.x64 ? "float64" : "float32");

/**
 * The argument leaves as drawn: each with the mapped axis the engine's own plan gives it
 * (describeArgs, the code vmap runs), so nested tuples and pytree prefixes are drawn as mapped.
 * When the arguments cannot be built (too large: the error says so), their shapes alone.
 */
function inputLeaves(call: VmapCall): InputLeaf[] {
  const described = describeCall(call);
  if (!described || !call.args.ok) {
    return call.params.flatMap((p, argIndex) =>
      argLeaves(argFor(call.state, p).tree).map((l) => ({ argIndex, param: p, path: l.path, shape: l.shape })),
    ).map((l, i) => ({ leaf: i, param: l.param, path: l.path, label: `${l.param}${l.path}`, shape: l.shape, axis: null, written: null, sliceShape: l.shape, values: NO_VALUES, dtype: floatOf(call.state) }));
  }
  const { leafData: data, leafDtypes } = call.args;
  return described.args.map((d) => {
    const param = call.params[d.argIndex] ?? d.param;
    const label = `${param}${d.path}`;
    const values = data[d.leaf] ?? NO_VALUES;
    let m = leafObjects.get(values);
    if (!m) leafObjects.set(values, (m = new Map()));
    const key = `${d.leaf}|${label}|${d.inAxis}|${d.inAxisWritten}`;
    let leaf = m.get(key);
    const dtype = leafDtypes[d.leaf] ?? floatOf(call.state);
    if (!leaf) m.set(key, (leaf = { leaf: d.leaf, param, path: d.path, label, shape: d.shape, axis: d.inAxis, written: d.inAxisWritten, sliceShape: d.sliceShape, values, dtype }));
    return leaf;
  });
}

const leavesOfCall = new WeakMap<VmapCall, InputLeaf[]>();
export function selectInputLeaves(call: VmapCall): InputLeaf[] {
  let r = leavesOfCall.get(call);
  if (!r) leavesOfCall.set(call, (r = inputLeaves(call)));
  return r;
}

export const useInputLeaves = (): InputLeaf[] => selectInputLeaves(useView().call);

/** For each (side, leaf), the cells related to the hovered one through the trace's provenance. */
export type Highlight = Map<string, Set<number>>;

/** The hovered cell and, once its provenance is known, the cells it came from or went to. */
export function highlightFor(prov: Provenance | null, hover: HoverCell | null): Highlight {
  const h: Highlight = new Map();
  if (!hover) return h;
  const add = (key: string, c: number) => {
    const set = h.get(key) ?? new Set<number>();
    set.add(c);
    h.set(key, set);
  };
  add(`${hover.side}:${hover.leaf}`, hover.cell);
  if (!prov) return h;
  if (hover.side === "out") {
    prov.source(hover.leaf, hover.cell)?.sources.forEach((cells, leaf) => cells.forEach((c) => add(`in:${leaf}`, c)));
  } else {
    for (const { out, cell } of prov.users(hover.leaf, hover.cell)) add(`out:${out}`, cell);
  }
  return h;
}

const cellsOf = (shape: readonly number[]) => shape.reduce((n, d) => n * d, 1);

/**
 * The hovered cell if it is a cell of the picture shown (null otherwise): the hover is the index
 * of a cell in the picture it was made in, and a new state (a link, an edit, an answer from the
 * worker) may have fewer leaves or cells, where the old index would read a value that is not there.
 */
export function hoverIn(hover: HoverCell | null, story: View["shown"], leaves: readonly InputLeaf[]): HoverCell | null {
  if (!hover || hover.cell < 0) return null;
  const shape = hover.side === "out" ? story?.outputs[hover.leaf]?.shape : leaves[hover.leaf]?.shape;
  return shape && hover.cell < cellsOf(shape) ? hover : null;
}

export function useHover(): HoverCell | null {
  const hover = useStore((s) => s.hover);
  const { shown } = useView();
  return hoverIn(hover, shown, useInputLeaves());
}

/**
 * The current state's provenance while a cell is hovered (null otherwise): computed on the first
 * hover, on this thread, once per state (provenance.ts).
 */
export function useProvenance(): Provenance | null {
  const hover = useHover();
  const { stale, call } = useView();
  // The state the picture shows (it lags the store's while a keystroke's picture computes).
  const explorer = call.state;
  const want = hover !== null && !stale;
  return useMemo(() => (want ? provenanceFor(explorer) : null), [want, explorer]);
}

export const useHighlight = (): Highlight => {
  const hover = useHover();
  const { stale } = useView();
  const prov = useProvenance();
  // While an error shows, the dimmed last good picture is not highlighted.
  return useMemo(() => highlightFor(prov, stale ? null : hover), [prov, hover, stale]);
};

/** Flat row-major index → multi-index (one implementation: viz/cellNames.ts names cells by it). */
export const unravel = unravelCell;

const NO_TEXTS: CellTexts = { inputs: [], symbolicOutputs: [], outputs: [] };

/**
 * What the grids write in their cells instead of numbers: symbolic inputs' names and, for the
 * picture of this state (not a dimmed last good one), the outputs' expressions (symbols.ts).
 */
export function useCellTexts(): CellTexts {
  const view = useView();
  const leaves = useInputLeaves();
  const writer = useLazyModule(SYMBOL_WRITER, !view.blocks && leaves.some((l) => leafIsSymbolic(view.call, l)));
  return useMemo(() => {
    if (view.blocks) return NO_TEXTS;
    // The story drawn is this state's (not stale): the outputs' texts are its own.
    const t = cellTexts(view.call, leaves, view.stale ? null : view.shown, writer);
    return view.stale ? { inputs: t.inputs, symbolicOutputs: [], outputs: [] } : t;
  }, [view.call, view.stale, view.blocks, view.shown, leaves, writer]);
}
