/**
 * One argument leaf drawn as a grid: cells tinted by their index along the mapped axis (the k
 * of the slice they belong to), unmapped arrays in grey and marked "reused for every k" while
 * the animation runs. The caption gives the shape (axis colours) and the slice shape f sees.
 */
import { memo, useCallback, useMemo } from "react";
import type { InputLeaf } from "../state/hooks";
import { useStore } from "../state/store";
import { gridFills } from "../viz/colors";
import { cellStates, inputCellState, type Frame } from "../viz/timeline";
import { CellGrid, useGridLayout } from "./CellGrid";
import { nextFrame, useSameValues, withCellTexts } from "./gridParts";
import { ShapeText } from "./ShapeText";

export const GRID_WIDTH = 560;

/** An argument drawn without a batch axis: None, or an in_axes entry it does not have (vmap raises then). */
const unmappedNote = (leaf: InputLeaf): string =>
  leaf.written === null ? "not mapped: the whole array is reused for every k" : `in_axes ${leaf.written} is not an axis of this array: vmap raises (its error is with the call)`;

export const ArgumentGrid = memo(function ArgumentGrid({ leaf, frame, duration, highlight, texts }: { leaf: InputLeaf; frame: Frame; duration: number; highlight: Set<number> | undefined; texts: readonly string[] | null }) {
  const layout = useGridLayout(leaf.shape, GRID_WIDTH);
  const setHover = useStore((s) => s.setHover);
  // Tinted by k over the leaf's own mapped size, which is known while the call fails too (no
  // story, or a dimmed one of other shapes): a student sees the slices JAX's error is about.
  const B = leaf.axis === null ? 0 : leaf.shape[leaf.axis];
  // layout.cells is sorted by flat index, so position j is cell j.
  const fills = useSameValues(useMemo(() => gridFills(layout.cells, leaf.axis, B), [layout, leaf.axis, B]));
  // Per slice along the mapped axis (timeline.ts cellStates): the same array while no slice changes.
  const states = useSameValues(useMemo(() => cellStates(layout.cells, leaf, frame, inputCellState), [layout, frame, leaf]));
  const next = useCallback(() => cellStates(layout.cells, leaf, nextFrame(frame), inputCellState), [layout, frame, leaf]);
  const values = useSameValues(leaf.values);
  const playing = frame.k !== null;
  return (
    <figure className={`arg${leaf.axis === null ? " unmapped" : ""}${playing && leaf.axis === null ? " reused" : ""}`}>
      <figcaption>
        <strong className="argname">{leaf.label}</strong> <ShapeText shape={leaf.shape} mapped={leaf.axis} />{" "}
        {leaf.axis === null ? (
          <span className="note">{unmappedNote(leaf)}</span>
        ) : (
          <span className="note">
            mapped along axis {leaf.axis} → each k sees <ShapeText shape={leaf.sliceShape} mapped={null} />
          </span>
        )}
      </figcaption>
      <CellGrid
        label={withCellTexts(`Argument ${leaf.label}, shape (${leaf.shape.join(", ")}${leaf.shape.length === 1 ? "," : ""})${leaf.axis === null ? (leaf.written === null ? ", not mapped" : `, in_axes ${leaf.written} out of range`) : `, mapped along axis ${leaf.axis}`}`, texts)}
        layout={layout}
        mapped={leaf.axis}
        fills={fills}
        values={values.length ? values : null}
        texts={texts}
        dtype={leaf.dtype}
        states={states}
        duration={duration}
        next={next}
        highlight={highlight}
        locatorKey={`in:${leaf.leaf}`}
        onHover={(cell) => setHover(cell === null ? null : { side: "in", leaf: leaf.leaf, cell })}
      />
    </figure>
  );
});
