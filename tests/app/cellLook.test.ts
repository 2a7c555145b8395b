// @vitest-environment jsdom
// One visual rule for both painters: a cell in each animation state, and a highlighted cell,
// get the same outline and opacity from the SVG painter (drawCells) and the canvas painter
// (drawCanvas), both read from viz/cellLook.ts.
import { describe, expect, it } from "vitest";
import { select } from "d3-selection";
import { applyFrame, joinCells, markCells } from "../../app/viz/drawCells";
import { highlightCanvas, resetCanvas } from "../../app/viz/drawCanvas";
import { gridLayout } from "../../app/viz/layout";
import type { CellState } from "../../app/viz/timeline";
import type { Layer } from "../../app/viz/useD3Layer";

const STATES: CellState[] = ["rest", "lifted", "dim", "reused", "placed", "landing", "pending"];
const layout = gridLayout([2, 3], 300);
const fills = layout.cells.map(() => "#abcdef");

interface Look {
  stroke: string;
  width: number;
  dash: string;
  opacity: number;
}

function svgLooks(states: CellState[], highlight: number[]): Look[] {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  const g = document.createElementNS("http://www.w3.org/2000/svg", "g");
  svg.appendChild(g);
  const layer = select(g) as unknown as Layer;
  joinCells(layer, layout, fills, null);
  applyFrame(layer, layout, states, 0);
  markCells(layer, layout, highlight);
  return layout.cells.map((d) => {
    const node = g.querySelector(`g.cell[data-i="${d.i}"]`) as SVGGElement;
    const rect = node.querySelector("rect")!;
    return {
      stroke: rect.getAttribute("stroke") ?? "",
      width: Number(rect.getAttribute("stroke-width")),
      dash: (rect.getAttribute("stroke-dasharray") ?? "").replace(/,/g, " "),
      opacity: Number(node.style.opacity || 1),
    };
  });
}

/** The canvas painter's outline for each cell: the last strokeRect drawn at that cell's place. */
function canvasLooks(states: CellState[], highlight: number[]): Look[] {
  const drawn = new Map<string, Look>();
  let dash: number[] = [];
  const ctx: Record<string, unknown> = {
    globalAlpha: 1,
    strokeStyle: "",
    lineWidth: 1,
    setTransform() {},
    save() {},
    restore() {},
    rect() {},
    clip() {},
    clearRect() {},
    fillRect() {},
    beginPath() {},
    moveTo() {},
    lineTo() {},
    stroke() {},
    fillText() {},
    setLineDash(d: number[]) {
      dash = [...d];
    },
    strokeRect(x: number, y: number) {
      drawn.set(`${x},${y}`, { stroke: String(ctx.strokeStyle), width: Number(ctx.lineWidth), dash: dash.join(" "), opacity: Number(ctx.globalAlpha) });
    },
  };
  // The fill's opacity is the cell's: remember it at fillRect time.
  const alphaAt = new Map<string, number>();
  ctx.fillRect = (x: number, y: number) => alphaAt.set(`${x},${y}`, Number(ctx.globalAlpha));
  const canvas = document.createElement("canvas");
  canvas.getContext = (() => ctx) as unknown as HTMLCanvasElement["getContext"];
  resetCanvas(canvas, layout, fills, states);
  highlightCanvas(canvas, layout, fills, highlight);
  return layout.cells.map((d) => {
    const lift = states[d.i] === "lifted" ? Math.max(3, layout.cell * 0.35) : 0;
    const key = `${d.x},${d.y - lift}`;
    const look = drawn.get(key)!;
    return { ...look, opacity: highlight.includes(d.i) ? alphaAt.get(key)! : look.opacity };
  });
}

describe("cell looks are defined once for the SVG and canvas painters", () => {
  it.each(STATES)("state %s", (state) => {
    const states = layout.cells.map(() => state);
    expect(canvasLooks(states, [])).toEqual(svgLooks(states, []));
  });
  it("highlighted cells", () => {
    const states = layout.cells.map((_, i) => STATES[i % STATES.length]);
    const svg = svgLooks(states, [1, 4]);
    const canvas = canvasLooks(states, [1, 4]);
    expect(canvas[1]).toEqual(svg[1]);
    expect(canvas[4]).toEqual(svg[4]);
    expect(svg[1].stroke).not.toBe(svg[0].stroke);
  });
});
