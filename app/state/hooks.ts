/**
 * React hooks over the store: the explorer snapshot, the derived view (selectors.ts), the input
 * leaves as drawn (each argument leaf with its mapped axis resolved from in_axes), and the
 * provenance highlight for the hovered cell. Components read through these, never compute.
 */
import { useMemo } from "react";
import { useShallow } from "zustand/react/shallow";
import { useStore } from "./store";
import { selectView, memoizeLast, type View } from "./selectors";
import { provenanceFor, type Provenance } from "./provenance";
import { argFor, argLeaves, inAxisFor, sizeOfShape, type AxisTree, type ExplorerState } from "./explorerTypes";
import { leafValues, uniqueOffset } from "./fills";
import type { HoverCell } from "./playbackSlice";

export const useExplorer = (): ExplorerState => useStore((s) => s.explorer);
export const useView = (): View => selectView(useStore((s) => s.explorer));

/**
 * Part of the view or of the explorer state, compared shallowly: a component that reads only
 * what it shows is not re-rendered by changes elsewhere (an out_axes change does not re-render
 * the shape editors, the function editor or the in_axes menus). Selectors are memoized, so
 * running `pick` on every store change costs nothing.
 */
export function useViewPart<T>(pick: (v: View) => T): T {
  return useStore(useShallow((s) => pick(selectView(s.explorer))));
}
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
  values: Float64Array;
}

/** The axis an in_axes entry gives each leaf of its argument (an int/None covers a whole tuple). */
function leafAxes(spec: AxisTree, n: number): AxisTree[] {
  if (!Array.isArray(spec)) return Array(n).fill(spec);
  return spec.flatMap((x) => (Array.isArray(x) ? x.flat(4) : [x])) as AxisTree[];
}

const selectInputLeaves = memoizeLast(([s, params]: [ExplorerState, string[]]): InputLeaf[] => {
  const all = params.flatMap((p) => argLeaves(argFor(s, p).tree).map((l) => ({ ...l, param: p })));
  const sizes = all.map((l) => sizeOfShape(l.shape));
  const offset = uniqueOffset(sizes);
  const counts = new Map<string, number>();
  for (const l of all) counts.set(l.param, (counts.get(l.param) ?? 0) + 1);
  const axesByParam = new Map(params.map((p) => [p, leafAxes(inAxisFor(s, p), counts.get(p) ?? 0)]));
  const seen = new Map<string, number>();
  return all.map((l, i) => {
    const j = seen.get(l.param) ?? 0;
    seen.set(l.param, j + 1);
    const raw = axesByParam.get(l.param)?.[j];
    const r = l.shape.length;
    const axis = typeof raw === "number" && raw >= -r && raw < r ? (raw + r) % r : null;
    const fill = argFor(s, l.param).fill;
    const key = `${i}|${l.param}${l.path}|${l.shape.join(",")}|${fill}|${offset}|${axis}`;
    // Same leaf, same object: grids that did not change skip their redraw (React.memo).
    let leaf = leafCache.get(key);
    if (!leaf) {
      const big = sizes[i] > 20_000;
      leaf = { leaf: i, param: l.param, path: l.path, label: `${l.param}${l.path}`, shape: l.shape, axis, values: big ? new Float64Array(0) : leafValues(l.shape, fill, i, offset) };
      if (leafCache.size > 200) leafCache.clear();
      leafCache.set(key, leaf);
    }
    return leaf;
  });
});

const leafCache = new Map<string, InputLeaf>();

const pairKey = new WeakMap<ExplorerState, Map<string, [ExplorerState, string[]]>>();
export function useInputLeaves(): InputLeaf[] {
  const s = useExplorer();
  const { params } = useView();
  let m = pairKey.get(s);
  if (!m) pairKey.set(s, (m = new Map()));
  const key = params.join(",");
  if (!m.has(key)) m.set(key, [s, params]);
  return selectInputLeaves(m.get(key)!);
}

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

/**
 * The current state's provenance while a cell is hovered (null otherwise): computed on the first
 * hover, on this thread, once per state (provenance.ts).
 */
export function useProvenance(): Provenance | null {
  const hover = useStore((s) => s.hover);
  const explorer = useExplorer();
  const { stale } = useView();
  const want = hover !== null && !stale;
  return useMemo(() => (want ? provenanceFor(explorer) : null), [want, explorer]);
}

export const useHighlight = (): Highlight => {
  const hover = useStore((s) => s.hover);
  const { stale } = useView();
  const prov = useProvenance();
  // While an error shows, the dimmed last good picture is not highlighted.
  return useMemo(() => highlightFor(prov, stale ? null : hover), [prov, hover, stale]);
};

/** Flat row-major index → multi-index. */
export function unravel(i: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    out[d] = shape[d] === 0 ? 0 : i % shape[d];
    i = Math.floor(i / Math.max(1, shape[d]));
  }
  return out;
}
