/**
 * Symbolic cells for the picture: which input leaves are shown by name (fill "symbols", at most
 * SYMBOL_CELLS cells), and each output cell's expression, from the engine (traceVmap's `symbols`,
 * engine/transforms/symbols.ts), written by viz/symbolText.ts (loaded when first needed: the
 * first screen's JavaScript stays within its budget). Cells of a numeric fill inside an
 * expression are written as their values (`a₀₁ + 110`). Derived, never stored (style P11):
 * memoized per vmap call, so a state's expressions are computed at most once.
 */
import type { CellExpr } from "../../engine";
import { symbolTrace, type VmapCall } from "./engineBridge";
import { argFor, SYMBOL_CELLS, sizeOfShape } from "./explorerTypes";
import type { InputLeaf } from "./hooks";
import { lazyModule } from "./lazyModule";
import { cellText } from "../viz/numberText";
import { cellName } from "../viz/cellNames";

/** The expression writer (viz/symbolText.ts). */
export type SymbolWriter = typeof import("../viz/symbolText");
export const SYMBOL_WRITER = lazyModule<SymbolWriter>(() => import("../viz/symbolText"));

/** Whether a leaf's cells are shown by name. */
export function leafIsSymbolic(call: VmapCall, leaf: InputLeaf): boolean {
  return argFor(call.state, leaf.param).fill === "symbols" && sizeOfShape(leaf.shape) <= SYMBOL_CELLS;
}

/** Per output leaf, each cell's expression (engine), or null when the trace gives none. */
const exprMemo = new WeakMap<VmapCall, (CellExpr[] | null)[] | null>();
export function outputExprs(call: VmapCall): (CellExpr[] | null)[] | null {
  if (exprMemo.has(call)) return exprMemo.get(call)!;
  const r = symbolTrace(call);
  const v = r.ok ? r.story.outputs.map((o) => o.symbols ?? null) : null;
  exprMemo.set(call, v);
  return v;
}

/** How expressions of this call name input cells: symbolic leaves by name, the others (or all) by value as a grid prints it. */
export function namerFor(writer: SymbolWriter, call: VmapCall, leaves: readonly InputLeaf[], allByValue = false) {
  const sym = leaves.map((l) => !allByValue && leafIsSymbolic(call, l));
  return writer.cellNamer(leaves, (leaf) => sym[leaf] ?? false, (leaf, cell) => {
    const l = leaves[leaf];
    const v = l?.values[cell];
    return v === undefined ? "?" : cellText(v, l.dtype);
  });
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
export function cellTexts(call: VmapCall, leaves: readonly InputLeaf[], writer: SymbolWriter | null): CellTexts {
  const hit = textMemo.get(call);
  if (hit && (hit.outputs.length || !writer || !hit.symbolicOutputs.some(Boolean))) return hit;
  const inputs = leaves.map((l) => (leafIsSymbolic(call, l) ? Array.from({ length: sizeOfShape(l.shape) }, (_, c) => cellName(l, c)) : null));
  const exprs = inputs.some((x) => x !== null) ? outputExprs(call) : null;
  const symbolicOutputs = (exprs ?? []).map((cells) => cells !== null && cells.length <= SYMBOL_CELLS);
  let outputs: (string[] | null)[] = [];
  if (exprs && writer) {
    const name = namerFor(writer, call, leaves);
    const shapes = leaves.map((l) => l.shape);
    outputs = exprs.map((cells, i) => (cells && symbolicOutputs[i] ? cells.map((e) => writer.exprText(e, name, shapes)) : null));
  }
  const r = { inputs, symbolicOutputs, outputs };
  textMemo.set(call, r);
  return r;
}
