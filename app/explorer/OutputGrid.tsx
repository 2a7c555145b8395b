/**
 * The stacked result: each output leaf as a grid tinted by its index along out_axes (the k it
 * came from, same tint as the input slice), the `Output shape` text, and during playback the
 * results so far placed, the k-th landing, the rest faint. While an error shows, the last good
 * result stays, dimmed.
 */
import { memo, useCallback, useMemo } from "react";
import { pyShape, pyTuple, type DType, type OutputLeafStory } from "../../engine";
import { useStore } from "../state/store";
import { gridFills } from "../viz/colors";
import { reserveFor } from "../viz/layout";
import { cellStates, outputCellState, type Frame } from "../viz/timeline";
import { CellGrid, useGridLayout } from "./CellGrid";
import { nextFrame, useSameValues, withCellTexts } from "./gridParts";
import { EXPRESSION_CELL } from "../viz/fitText";
import { GRID_WIDTH } from "./ArgumentGrid";
import { ShapeText } from "./ShapeText";

/** `(2, 2, 2)` for one array; a tuple of shapes `((2,), ())` for a tuple result. */
export function outputShapeText(outputs: { shape: number[] }[], tree: string): string {
  if (tree === "array" && outputs.length === 1) return pyShape(outputs[0].shape);
  return pyTuple(outputs.map((o) => pyShape(o.shape)));
}

export const OutputLeafGrid = memo(function OutputLeafGrid(p: { out: OutputLeafStory; name: string; data: ArrayLike<number> | null; dtype?: DType; B: number; frame: Frame; duration: number; highlight: Set<number> | undefined; symbolic: boolean; texts: readonly string[] | null }) {
  const { out } = p;
  // Sized for expressions before they arrive (symbols.ts), so nothing moves when they do.
  const layout = useGridLayout(out.shape, GRID_WIDTH, p.symbolic ? EXPRESSION_CELL : undefined);
  const setHover = useStore((s) => s.setHover);
  const axis = out.outAxis;
  const fills = useSameValues(useMemo(() => gridFills(layout.cells, axis, p.B), [layout, axis, p.B]));
  const leafAxes = useMemo(() => ({ axis }), [axis]);
  // Every out_axes gives this result another shape: its canvas is sized for all of them at once.
  const shapesKey = out.outAxesTable.map((r) => r.shape.join(",")).join(";");
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const reserve = useMemo(() => reserveFor([out.shape, ...out.outAxesTable.map((r) => r.shape)], GRID_WIDTH), [shapesKey, out.shape.join(",")]);
  const states = useSameValues(useMemo(() => cellStates(layout.cells, leafAxes, p.frame, outputCellState), [layout, p.frame, leafAxes]));
  const next = useCallback(() => cellStates(layout.cells, leafAxes, nextFrame(p.frame), outputCellState), [layout, p.frame, leafAxes]);
  return (
    <figure className="out">
      <figcaption>
        <strong className="argname">{p.name}</strong> <ShapeText shape={out.shape} mapped={axis} />{" "}
        <span className="note">
          {axis === null
            ? "out_axes None: returned as f made it"
            : `per-example ${pyShape(out.perExampleShape)}, results stacked along axis ${axis}${out.batched ? "" : " (not batched: copied for every k)"}`}
        </span>
      </figcaption>
      <CellGrid
        label={withCellTexts(`Output ${p.name}, shape ${pyShape(out.shape)}${axis === null ? "" : `, stacked along axis ${axis}`}`, p.texts, p.name, out.shape)}
        layout={layout}
        mapped={axis}
        fills={fills}
        values={p.data}
        texts={p.texts}
        dtype={p.dtype}
        states={states}
        duration={p.duration}
        next={next}
        highlight={p.highlight}
        locatorKey={`out:${out.leaf}`}
        onHover={(cell) => setHover(cell === null ? null : { side: "out", leaf: out.leaf, cell })}
        reserve={reserve}
      />
    </figure>
  );
});
