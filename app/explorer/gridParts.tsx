/**
 * What both grid painters share (CellGrid.tsx draws SVG, CanvasCellGrid.tsx a canvas): their
 * props, the axis legend above a grid, and the cell cursor that pointer, tap and keyboard move.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from "react";
import type { DType } from "../../engine/index";
import { axisVar } from "../viz/colors";
import type { GridLayout } from "../viz/layout";
import type { CellState, Frame } from "../viz/timeline";
import { nextPosition } from "../state/playbackSlice";
import { unravelCell } from "../viz/cellNames";

export interface CellGridProps {
  label: string;
  layout: GridLayout;
  /** The batch axis in this array (coloured and tinted), or null. */
  mapped: number | null;
  fills: string[];
  values: ArrayLike<number> | null;
  /** Each cell's symbol or expression (symbolText.ts), shown instead of its value; null: values. */
  texts?: readonly string[] | null;
  /** The values' dtype, for their text (bools as True/False). */
  dtype?: DType;
  states: CellState[];
  duration: number;
  highlight: Set<number> | undefined;
  onHover: (cell: number | null) => void;
  /** Its highlight key (`in:0`, `out:1`): registers where its cells are (cellLocators.ts). */
  locatorKey?: string;
  /** The largest layout this grid may be asked to show next (a canvas is allocated for it once). */
  reserve?: { width: number; height: number };
  /** The states of the frame Play or Step ▶ shows next, for a painter that makes the step ahead. */
  next?: () => CellState[];
}

/** The frame Play or Step ▶ shows after `f` (playbackSlice's nextPosition). */
export const nextFrame = (f: Frame): Frame => ({ ...nextPosition(f, f.B), B: f.B });

/** How each axis is laid out, in its colour: `axis 0 → tiles · axis 1 ↓ rows · axis 2 → columns`. */
export function AxisLegend({ shape, mapped }: { shape: readonly number[]; mapped: number | null }) {
  const n = shape.length;
  const how = (d: number) => (d === n - 1 ? "→ columns" : d === n - 2 ? "↓ rows" : (n - 3 - d) % 2 === 0 ? "→ tiles" : "↓ tiles");
  if (n === 0) return null;
  return (
    <p className="legend">
      {shape.map((size, d) => (
        <span key={d} style={{ color: axisVar(d, mapped) }} className={d === mapped ? "mapped" : undefined}>
          axis {d} ({size}) {how(d)}
          {d === mapped ? " · batch" : ""}
        </span>
      ))}
    </p>
  );
}

/**
 * The cell a grid reports for highlighting, from the pointer, a tap or the keyboard. A press
 * moves the cursor to the pressed cell before the focus it causes (pointerdown comes before
 * focus), so focusing by click or tap shows the pressed cell's sources, not the cursor's old
 * cell (which was cell 0: "where did this come from" failed on touch screens). Arrow keys move
 * the cursor (and stop the page's playback keys). A touch pointer "leaves" as the finger lifts:
 * that does not clear the tapped cell; blur does.
 */
export function useCellCursor(layout: GridLayout, onHover: (c: number | null) => void) {
  const cursor = useRef(0);
  const size = layout.cells.length;
  const last = layout.shape[layout.shape.length - 1] ?? 1;
  const report = (c: number) => {
    cursor.current = c;
    onHover(c);
  };
  return {
    /** A pointer over or pressing cell `c` (null: between cells). */
    point: (c: number | null) => {
      if (c !== null) report(c);
    },
    handlers: {
      onKeyDown: (e: KeyboardEvent<Element>) => {
        const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: last, ArrowUp: -last }[e.key];
        if (step === undefined || size === 0) return;
        e.preventDefault();
        e.stopPropagation();
        report(Math.min(size - 1, Math.max(0, cursor.current + step)));
      },
      onFocus: () => {
        if (size > 0) report(Math.min(cursor.current, size - 1));
      },
      onBlur: () => onHover(null),
      onPointerLeave: (e: PointerEvent<Element>) => {
        if (e.pointerType !== "touch") onHover(null);
      },
    },
  };
}

/**
 * A grid's accessible name with its cells' symbols or expressions (the text alternative of what
 * the cells show, each in full): `…: a₀₀, a₀₁, …` for inputs, `…: out[0, 1] = a₀₁ + b₁₀; …` for
 * outputs (`name` and `shape` given).
 */
export function withCellTexts(label: string, texts: readonly string[] | null, name?: string, shape?: readonly number[]): string {
  if (!texts) return label;
  if (name === undefined || !shape) return `${label}: ${texts.join(", ")}`;
  const at = (i: number) => (shape.length === 0 ? name : `${name}[${unravelCell(i, shape).join(", ")}]`);
  return `${label}: ${texts.map((t, i) => `${at(i)} = ${t}`).join("; ")}`;
}

/** Whether two arrays hold the same values in the same order. */
export function sameValues<T>(a: ArrayLike<T>, b: ArrayLike<T>): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * `next`, or the array given before while it holds the same values: the painters compare their
 * inputs by identity, and a new B, a new step or another state often recomputes a grid's fills
 * or cell states to the very same values (an unmapped input's grey, every cell at rest), and
 * another argument's new shape rebuilds this one's values unchanged. Kept
 * the same, the grid is neither repainted nor animated from a picture to itself.
 */
export function useSameValues<A extends ArrayLike<unknown>>(next: A): A {
  const kept = useRef(next);
  if (!sameValues(kept.current, next)) kept.current = next;
  return kept.current;
}
