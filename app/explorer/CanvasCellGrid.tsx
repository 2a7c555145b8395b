/**
 * A grid above CellGrid's CANVAS_ABOVE cells, painted on a canvas with its tile labels and
 * brackets (as SVG over the canvas they were the slowest part of an out_axes redraw;
 * drawCanvas.ts). Its own chunk, loaded when the first such grid shows: the first screen's
 * 2×2 example never needs it.
 */
import { useContext, useEffect, useLayoutEffect, useRef, type PointerEvent } from "react";
import { useGridLocator } from "./cellLocators";
import { animateCanvas, cellAtPoint, highlightCanvas, prepareCanvas, resetCanvas } from "../viz/drawCanvas";
import { idleAfter } from "../state/idleAfter";
import { useTheme } from "../useTheme";
import type { GridLayout } from "../viz/layout";
import type { CellState } from "../viz/timeline";
import { AxisLegend, useCellCursor, type CellGridProps } from "./gridParts";
import { GridSizing } from "./CellGrid";
import { GRID_WIDTH } from "./ArgumentGrid";
import { useViewportFirst } from "./viewportFirst";

/** How long a grid rests before its next step is painted ahead: past a burst of changes or keys. */
const PREPARE_AFTER_MS = 300;

export default function CanvasCellGrid(p: CellGridProps) {
  const { layout } = p;
  const canvas = useRef<HTMLCanvasElement>(null);
  const cursor = useCellCursor(layout, p.onHover);
  // One effect, one paint per commit: a new layout or fills resets (and paints) the canvas;
  // otherwise a new frame animates and a new highlight repaints.
  const theme = useTheme();
  const { zoom } = useContext(GridSizing);
  const drawn = useRef<{ layout: GridLayout; fills: string[]; mapped: number | null; theme: string; zoom: number; states: CellState[]; highlight: Set<number> | undefined } | null>(null);
  // Where a cell is on the page, for the gather arrows: the frame has the layout's proportions.
  const frame = useRef<HTMLDivElement>(null);
  // A full repaint of a grid out of view waits for an idle moment (viewportFirst.ts).
  const viewport = useViewportFirst(frame);
  useLayoutEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const prev = drawn.current;
    if (!prev || prev.layout !== layout || prev.fills !== p.fills || prev.mapped !== p.mapped || prev.theme !== theme || prev.zoom !== zoom) {
      const { fills, states, reserve, mapped, highlight } = p;
      viewport.paint(() => {
        // How much of its layout's size the grid is shown at (its frame fits the stage's width).
        // Reading it lays out the page React has just changed, so it is read only where pixels
        // can be saved: a layout over twice the width grids are laid out for (the 98,304-cell
        // ones; the 5-d example's grids read nothing).
        const width = layout.width >= 2 * GRID_WIDTH ? frame.current?.clientWidth : 0;
        const shown = width ? Math.min(1, width / layout.width) : 1;
        resetCanvas(el, layout, fills, states, { reserve, mapped, theme, zoom, shown });
        if (highlight?.size) highlightCanvas(el, layout, fills, highlight);
      });
    } else {
      // What follows draws on the last full paint: a paint still waiting runs first.
      viewport.flush();
      if (prev.states !== p.states) {
        if (prev.highlight !== p.highlight) highlightCanvas(el, layout, p.fills, p.highlight ?? [], false);
        animateCanvas(el, layout, p.fills, p.states, p.duration);
      } else if (prev.highlight !== p.highlight) {
        highlightCanvas(el, layout, p.fills, p.highlight ?? []);
      }
    }
    drawn.current = { layout, fills: p.fills, mapped: p.mapped, theme, zoom, states: p.states, highlight: p.highlight };
  });
  // Once the grid has been left alone a moment, the step Play or Step ▶ shows next is painted
  // ahead (drawCanvas.ts prepareCanvas): the step then only puts it up. Any newer commit
  // (a change, a hover, a step) starts the wait again; a step still moving is waited out.
  const { next, fills, duration } = p;
  useEffect(() => {
    const el = canvas.current;
    if (!el || !next || duration <= 0) return;
    let cancel = () => {};
    const attempt = () => {
      viewport.flush();
      if (prepareCanvas(el, layout, fills, next) === "busy") cancel = idleAfter(PREPARE_AFTER_MS, attempt);
    };
    cancel = idleAfter(PREPARE_AFTER_MS, attempt);
    return () => cancel();
  });
  useGridLocator(p.locatorKey, layout, frame);
  const cellAt = (e: PointerEvent<HTMLDivElement>) => {
    // The frame, not the canvas: the canvas can be larger than the layout (clipped).
    const r = e.currentTarget.getBoundingClientRect();
    return cellAtPoint(layout, ((e.clientX - r.left) * layout.width) / r.width, ((e.clientY - r.top) * layout.height) / r.height);
  };
  return (
    <>
      <AxisLegend shape={layout.shape} mapped={p.mapped} />
      <div ref={frame} className="canvas-grid" data-label-px={layout.label} style={{ width: layout.width, aspectRatio: `${layout.width} / ${layout.height}` }} role="img" aria-label={p.label} aria-describedby="cell-readout" tabIndex={0} onPointerMove={(e) => cursor.point(cellAt(e))} onPointerDown={(e) => cursor.point(cellAt(e))} {...cursor.handlers}>
        {/* The tile labels and axis brackets are painted with the cells (drawCanvas.ts). */}
        <div className="canvas-clip">
          <canvas ref={canvas} />
        </div>
      </div>
    </>
  );
}
