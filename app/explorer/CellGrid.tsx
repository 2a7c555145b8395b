/**
 * One array drawn as cells: React renders the frame, axis brackets, tile labels and the
 * accessible name; D3 joins the cells into one <g> and animates them (style P12). Data redraw,
 * animation frame and provenance highlight are three separate effects. Pointer hover, a click
 * or tap, and keyboard focus (arrow keys move a cell cursor) report the cell for provenance
 * highlighting (useCellCursor).
 * Above CANVAS_ABOVE cells the cells go to a canvas (CanvasCellGrid.tsx, loaded on first use).
 */
import { createContext, lazy, Suspense, useContext, useMemo, useRef, type PointerEvent } from "react";
import { useGridLocator } from "./cellLocators";
import { applyFrame, joinCells, markCells } from "../viz/drawCells";
import { canvasAvailable } from "../viz/canvasSupport";
import { axisVar } from "../viz/colors";
import { gridLayout, LABEL_PX, type GridLayout } from "../viz/layout";
import { useD3Layer } from "../viz/useD3Layer";
import { AxisLegend, useCellCursor, type CellGridProps } from "./gridParts";

export type { CellGridProps } from "./gridParts";

const CanvasCellGrid = lazy(() => import("./CanvasCellGrid"));

/**
 * The canvas grid's frame while its code loads: the same box, so nothing moves when it paints.
 * Not yet the grid (no role, no name): what finds the grid by its name waits for the real one.
 */
function CanvasPlaceholder({ layout, mapped }: CellGridProps) {
  return (
    <>
      <AxisLegend shape={layout.shape} mapped={mapped} />
      <div className="canvas-grid" style={{ width: layout.width, aspectRatio: `${layout.width} / ${layout.height}` }} aria-hidden="true" />
    </>
  );
}

/**
 * How big grids are drawn below this provider: the page's usual sizes, or presenter mode's
 * (classroom/Presenter.tsx), whose tile labels must stay large once the picture is scaled, and
 * the scale it shows them at (`zoom`: a canvas grid paints that many more pixels).
 */
export const GridSizing = createContext<{ label: number; zoom: number }>({ label: LABEL_PX, zoom: 1 });

/** The layout of `shape`, with cells `textCell` px wide where they show expressions (fitText.ts). */
export function useGridLayout(shape: number[], maxWidth: number, textCell?: number): GridLayout {
  const key = shape.join(",");
  const { label } = useContext(GridSizing);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => gridLayout(shape, maxWidth, label, textCell), [key, maxWidth, label, textCell]);
}

/** Above this many cells a grid is painted on a canvas (measured faster), else drawn as SVG. */
const CANVAS_ABOVE = 300;

export function CellGrid(p: CellGridProps) {
  if (p.layout.cells.length > CANVAS_ABOVE && canvasAvailable())
    return (
      <Suspense fallback={<CanvasPlaceholder {...p} />}>
        <CanvasCellGrid {...p} />
      </Suspense>
    );
  return <SvgCellGrid {...p} />;
}

function SvgCellGrid(p: CellGridProps) {
  const layout = p.layout;
  const layer = useRef<SVGGElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const cursor = useCellCursor(layout, p.onHover);
  useGridLocator(p.locatorKey, layout, svg);
  const texts = p.texts ?? null;
  useD3Layer(layer, (g) => joinCells(g, layout, p.fills, p.values, p.dtype, texts), [layout, p.fills, p.values, p.dtype, texts]);
  useD3Layer(layer, (g) => applyFrame(g, layout, p.states, p.duration), [layout, p.fills, p.values, texts, p.states]);
  useD3Layer(layer, (g) => markCells(g, layout, p.highlight ?? []), [layout, p.fills, p.values, texts, p.highlight]);

  const cellAt = (e: PointerEvent<SVGSVGElement>): number | null => {
    const el = (e.target as Element).closest?.("g.cell");
    const i = el?.getAttribute("data-i");
    return i == null ? null : Number(i);
  };
  return (
    <>
    <AxisLegend shape={layout.shape} mapped={p.mapped} />
    <svg
      ref={svg}
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
        <text key={`l${i}`} className={l.axis === p.mapped ? "tile-label mapped" : "tile-label"} x={l.x} y={l.y} textAnchor={l.anchor} style={{ fill: axisVar(l.axis, p.mapped), fontSize: layout.label === LABEL_PX ? undefined : layout.label }}>
          {l.index}
        </text>
      ))}
      <g ref={layer} className="cells" />
    </svg>
    </>
  );
}
