/**
 * Output cells as expressions, loaded after the first screen (state/symbols.ts SYMBOL_WRITER):
 * the engine's expression of each output cell (traceVmap's `symbols`, one trace per state)
 * written by viz/symbolText.ts, symbolic input cells by name and the others by value.
 */
import type { CellExpr, DType } from "../../engine";
import { fullTrace, onPage, type PageResult, type VmapCall } from "./engineBridge";
import type { InputLeaf } from "./hooks";
import { leafIsSymbolic } from "./symbols";
import { cellText } from "../viz/numberText";
import { cellNamer, type NameCell } from "../viz/cellNames";
import { exprText } from "../viz/symbolText";

export { exprText };

/** The call's page trace with every output cell written as an expression. */
const symbolTrace = (c: VmapCall): PageResult => onPage(() => fullTrace(c, false, true));

/** Per output leaf, each cell's expression (engine), or null when the trace gives none. */
const exprMemo = new WeakMap<VmapCall, (CellExpr[] | null)[] | null>();
export function outputExprs(call: VmapCall): (CellExpr[] | null)[] | null {
  if (exprMemo.has(call)) return exprMemo.get(call)!;
  const r = symbolTrace(call);
  const v = r.ok ? r.story.outputs.map((o) => o.symbols ?? null) : null;
  exprMemo.set(call, v);
  return v;
}

/**
 * How expressions of this call name input cells: symbolic leaves by name, the others (or all) by
 * value, as a grid prints it (`write`; the caption gives whole values).
 */
export function namerFor(call: VmapCall, leaves: readonly InputLeaf[], allByValue = false, write: (v: number, dtype: DType) => string = cellText): NameCell {
  const sym = leaves.map((l) => !allByValue && leafIsSymbolic(call, l));
  return cellNamer(leaves, (leaf) => sym[leaf] ?? false, (leaf, cell) => {
    const l = leaves[leaf];
    const v = l?.values[cell];
    return v === undefined ? "?" : write(v, l.dtype);
  });
}

/** Per output leaf `i` with `symbolic[i]`, each cell's expression as text; null elsewhere. */
export function outputTexts(call: VmapCall, leaves: readonly InputLeaf[], symbolic: readonly boolean[]): (string[] | null)[] {
  const exprs = outputExprs(call);
  if (!exprs) return [];
  const name = namerFor(call, leaves);
  const shapes = leaves.map((l) => l.shape);
  return exprs.map((cells, i) => (cells && symbolic[i] ? cells.map((e) => exprText(e, name, shapes)) : null));
}
