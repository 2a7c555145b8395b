/** The hovered cell's sentence (HoverReadout.tsx): its value and where it came from, in words. */
import { unravel, useCellTexts, useHover, useInputLeaves, useProvenance, useView } from "../state/hooks";
import { valueText } from "../viz/numberText";
import { IDLE } from "./HoverReadout";
import { outputName } from "./Stage";

const idx = (i: number, shape: readonly number[]) => (shape.length === 0 ? "" : `[${unravel(i, shape).join(", ")}]`);

export function HoveredCell() {
  const hover = useHover();
  const { shown: story } = useView();
  const prov = useProvenance();
  const leaves = useInputLeaves();
  const texts = useCellTexts();
  let text = IDLE;
  if (hover && story) {
    if (hover.side === "out") {
      const o = story.outputs[hover.leaf];
      const v = story.values[hover.leaf]?.data[hover.cell];
      const dtype = story.values[hover.leaf]?.dtype ?? "float32";
      const src = prov?.source(hover.leaf, hover.cell);
      if (o) {
        const list = (l: number) => {
          const cells = src?.sources[l] ?? [];
          if (!cells.length || !leaves[l]) return "";
          return cells.slice(0, 6).map((c) => `${leaves[l].label}${idx(c, leaves[l].shape)}`).join(", ") + (cells.length > 6 ? ` … (${cells.length} cells)` : "");
        };
        // Indexing by values: an int argument's cells are the indices that chose the others.
        const byValue = story.primitives.some((p) => p.byValue);
        const isIndex = (l: number) => byValue && (leaves[l]?.dtype === "int32" || leaves[l]?.dtype === "int64");
        const leafIds = src ? src.sources.map((_, l) => l) : [];
        const values = leafIds.filter((l) => !isIndex(l)).map(list).filter(Boolean).join("; ");
        const chosen = leafIds.filter(isIndex).map(list).filter(Boolean).join("; ");
        const from = values && chosen ? `${values}, chosen by ${chosen}` : values || chosen;
        const sym = texts.outputs[hover.leaf]?.[hover.cell];
        text = `${outputName(o.path, story.outputTree)}${idx(hover.cell, o.shape)} = ${sym ? `${sym} = ` : ""}${v === undefined ? "?" : valueText(v, dtype)}${src && src.k !== null ? `, from k = ${src.k}` : ""}${from ? ` ← ${from}` : src ? " ← no input cell (a constant)" : ""}`;
      }
    } else {
      const l = leaves[hover.leaf];
      if (l) {
        const v = l.values[hover.cell];
        const sym = texts.inputs[hover.leaf]?.[hover.cell];
        text = `${l.label}${idx(hover.cell, l.shape)}${sym ? ` = ${sym}` : ""}${v === undefined ? "" : ` = ${valueText(v, l.dtype)}`}${l.axis !== null ? `, in slice k = ${unravel(hover.cell, l.shape)[l.axis]}` : ", used by every k"}`;
      }
    }
  }
  return text;
}
