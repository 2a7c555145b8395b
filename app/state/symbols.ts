/**
 * Symbolic cells for the picture: which input leaves are shown by name (fill "symbols", at most
 * SYMBOL_CELLS cells), and which outputs show each cell's expression (known at once, so their
 * grids are laid out for it). The expressions themselves (state/expressions.ts: the engine's
 * symbolic cells written by viz/symbolText.ts) load when first needed, keeping the first
 * screen's JavaScript within its budget. Derived, never stored (style P11): memoized per call.
 */
import type { VmapCall, VmapStory } from "./engineBridge";
import { argFor, SYMBOL_CELLS, sizeOfShape } from "./explorerTypes";
import type { InputLeaf } from "./hooks";
import { lazyModule } from "./lazyModule";
import { cellName } from "../viz/cellNames";

/** The expression writer (state/expressions.ts). */
export type SymbolWriter = typeof import("./expressions");
export const SYMBOL_WRITER = lazyModule<SymbolWriter>(() => import("./expressions"));

/** Whether a leaf's cells are shown by name. */
export function leafIsSymbolic(call: VmapCall, leaf: InputLeaf): boolean {
  return argFor(call.state, leaf.param).fill === "symbols" && sizeOfShape(leaf.shape) <= SYMBOL_CELLS;
}

export interface CellTexts {
  /** Per input leaf, each cell's name, or null (shown as numbers). */
  inputs: (string[] | null)[];
  /** Per output leaf, whether its cells show expressions (known before the writer loads: the layout). */
  symbolicOutputs: boolean[];
  /** Per output leaf, each cell's expression, or null (numbers, or the writer still loading). */
  outputs: (string[] | null)[];
}

const textMemo = new WeakMap<VmapCall, CellTexts>();

/** The texts the grids show for `call`'s inputs and, if any input is symbolic, its outputs (once `writer` is loaded). */
export function cellTexts(call: VmapCall, leaves: readonly InputLeaf[], story: VmapStory | null, writer: SymbolWriter | null): CellTexts {
  const hit = textMemo.get(call);
  if (hit && (hit.outputs.length || !writer || !hit.symbolicOutputs.some(Boolean))) return hit;
  const inputs = leaves.map((l) => (leafIsSymbolic(call, l) ? Array.from({ length: sizeOfShape(l.shape) }, (_, c) => cellName(l, c)) : null));
  const any = inputs.some((x) => x !== null);
  const symbolicOutputs = (story?.outputs ?? []).map((o) => any && sizeOfShape(o.shape) <= SYMBOL_CELLS);
  const outputs = writer && symbolicOutputs.some(Boolean) ? writer.outputTexts(call, leaves, symbolicOutputs) : [];
  const r = { inputs, symbolicOutputs, outputs };
  textMemo.set(call, r);
  return r;
}
