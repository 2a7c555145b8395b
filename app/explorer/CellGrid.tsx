/**
 * One array drawn as cells: React renders the frame, axis brackets, tile labels and the
 * accessible name; D3 joins the cells into one <g> and animates them (style P12). Data redraw,
 * animation frame and provenance highlight are three separate effects. Pointer hover, a click
 * or tap, and keyboard focus (arrow keys move a cell cursor) report the cell for provenance
 * highlighting (useCellCursor).
 * Above CANVAS_ABOVE cells the cells go to a canvas, and so do the tile labels and brackets
 * (as SVG over the canvas they were the slowest part of an out_axes redraw; drawCanvas.ts).
 */
import { useLayoutEffect, useMemo, useRef, type KeyboardEvent, type PointerEvent } from "react";
import { applyFrame, joinCells, markCells } from "../viz/drawCells";
import type { DType } from "../../engine/index";
import { animateCanvas, canvasAvailable, cellAtPoint, highlightCanvas, resetCanvas } from "../viz/drawCanvas";
import { axisVar } from "../viz/colors";
import { useTheme } from "../theme";
import { gridLayout, type GridLayout } from "../viz/layout";
import type { CellState } from "../viz/timeline";
import { useD3Layer } from "../viz/useD3Layer";

export interface CellGridProps {
  label: string;
  layout: GridLayout;
  /** The batch axis in this array (coloured and tinted), or null. */
  mapped: number | null;
  fills: string[];
  values: ArrayLike<number> | null;
  /** The values' dtype, for their text (bools as True/False). */
  dtype?: DType;
  states: CellState[];
  duration: number;
  highlight: Set<number> | undefined;
  onHover: (cell: number | null) => void;
  /** The largest layout this grid may be asked to show next (a canvas is allocated for it once). */
  reserve?: { width: number; height: number };
}

export function useGridLayout(shape: number[], maxWidth: number): GridLayout {
  const key = shape.join(",");
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => gridLayout(shape, maxWidth), [key, maxWidth]);
}

/** How each axis is laid out, in its colour: `axis 0 → tiles · axis 1 ↓ rows · axis 2 → columns`. */
function AxisLegend({ shape, mapped }: { shape: readonly number[]; mapped: number | null }) {
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

/** Above this many cells a grid is painted on a canvas (measured faster), else drawn as SVG. */
const CANVAS_ABOVE = 300;

export function CellGrid(p: CellGridProps) {
  return p.layout.cells.length > CANVAS_ABOVE && canvasAvailable() ? <CanvasCellGrid {...p} /> : <SvgCellGrid {...p} />;
}

/**
 * The cell a grid reports for highlighting, from the pointer, a tap or the keyboard. A press
 * moves the cursor to the pressed cell before the focus it causes (pointerdown comes before
 * focus), so focusing by click or tap shows the pressed cell's sources, not the cursor's old
 * cell (which was cell 0: "where did this come from" failed on touch screens). Arrow keys move
 * the cursor (and stop the page's playback keys). A touch pointer "leaves" as the finger lifts:
 * that does not clear the tapped cell; blur does.
 */
function useCellCursor(layout: GridLayout, onHover: (c: number | null) => void) {
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

function CanvasCellGrid(p: CellGridProps) {
  const { layout } = p;
  const canvas = useRef<HTMLCanvasElement>(null);
  const cursor = useCellCursor(layout, p.onHover);
  // One effect, one paint per commit: a new layout or fills resets (and paints) the canvas;
  // otherwise a new frame animates and a new highlight repaints.
  const theme = useTheme();
  const drawn = useRef<{ layout: GridLayout; fills: string[]; mapped: number | null; theme: string; states: CellState[]; highlight: Set<number> | undefined } | null>(null);
  useLayoutEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const prev = drawn.current;
    if (!prev || prev.layout !== layout || prev.fills !== p.fills || prev.mapped !== p.mapped || prev.theme !== theme) {
      resetCanvas(el, layout, p.fills, p.states, { reserve: p.reserve, mapped: p.mapped, theme });
      if (p.highlight?.size) highlightCanvas(el, layout, p.fills, p.highlight);
    } else if (prev.states !== p.states) {
      if (prev.highlight !== p.highlight) highlightCanvas(el, layout, p.fills, p.highlight ?? [], false);
      animateCanvas(el, layout, p.fills, p.states, p.duration);
    } else if (prev.highlight !== p.highlight) {
      highlightCanvas(el, layout, p.fills, p.highlight ?? []);
    }
    drawn.current = { layout, fills: p.fills, mapped: p.mapped, theme, states: p.states, highlight: p.highlight };
  });
  const cellAt = (e: PointerEvent<HTMLDivElement>) => {
    // The frame, not the canvas: the canvas can be larger than the layout (clipped).
    const r = e.currentTarget.getBoundingClientRect();
    return cellAtPoint(layout, ((e.clientX - r.left) * layout.width) / r.width, ((e.clientY - r.top) * layout.height) / r.height);
  };
  return (
    <>
      <AxisLegend shape={layout.shape} mapped={p.mapped} />
      <div className="canvas-grid" style={{ width: layout.width, aspectRatio: `${layout.width} / ${layout.height}` }} role="img" aria-label={p.label} aria-describedby="cell-readout" tabIndex={0} onPointerMove={(e) => cursor.point(cellAt(e))} onPointerDown={(e) => cursor.point(cellAt(e))} {...cursor.handlers}>
        {/* The tile labels and axis brackets are painted with the cells (drawCanvas.ts). */}
        <div className="canvas-clip">
          <canvas ref={canvas} />
        </div>
      </div>
    </>
  );
}

function SvgCellGrid(p: CellGridProps) {
  const layout = p.layout;
  const layer = useRef<SVGGElement>(null);
  const cursor = useCellCursor(layout, p.onHover);
  useD3Layer(layer, (g) => joinCells(g, layout, p.fills, p.values, p.dtype), [layout, p.fills, p.values, p.dtype]);
  useD3Layer(layer, (g) => applyFrame(g, layout, p.states, p.duration), [layout, p.fills, p.values, p.states]);
  useD3Layer(layer, (g) => markCells(g, layout, p.highlight ?? []), [layout, p.fills, p.values, p.highlight]);

  const cellAt = (e: PointerEvent<SVGSVGElement>): number | null => {
    const el = (e.target as Element).closest?.("g.cell");
    const i = el?.getAttribute("data-i");
    return i == null ? null : Number(i);
  };
  return (
    <>
    <AxisLegend shape={layout.shape} mapped={p.mapped} />
    <svg
      className="cellgrid"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width={layout.width}
      style={{ maxWidth: "100%", height: "auto" }}
      role="img"
      aria-label={p.label}
      aria-describedby="cell-readout"
      tabIndex={0}
      onPointerOver={(e) => cursor.point(cellAt(e))}
      onPointerDown={(e) => cursor.point(cellAt(e))}
      {...cursor.handlers}
    >
      {layout.brackets.map((b, i) => (
        <line key={`b${i}`} className="bracket" x1={b.x1} y1={b.y1} x2={b.x2} y2={b.y2} style={{ stroke: axisVar(b.axis, p.mapped) }} strokeWidth={b.axis === p.mapped ? 3 : 2} />
      ))}
      {layout.labels.map((l, i) => (
        <text key={`l${i}`} className={l.axis === p.mapped ? "tile-label mapped" : "tile-label"} x={l.x} y={l.y} textAnchor={l.anchor} style={{ fill: axisVar(l.axis, p.mapped) }}>
          {l.index}
        </text>
      ))}
      <g ref={layer} className="cells" />
    </svg>
    </>
  );
}
