// @vitest-environment jsdom
// One visual rule for both painters: a cell in each animation state, and a highlighted cell,
// get the same outline and opacity from the SVG painter (drawCells) and the canvas painter
// (drawCanvas), both read from viz/cellLook.ts.
import { describe, expect, it } from "vitest";
import { select } from "d3-selection";
import { applyFrame, joinCells, markCells } from "../../app/viz/drawCells";
import { highlightCanvas, resetCanvas } from "../../app/viz/drawCanvas";
import { gridLayout, type GridLayout } from "../../app/viz/layout";
import type { CellState } from "../../app/viz/timeline";
import type { Layer } from "../../app/viz/useD3Layer";
import { snapCell } from "../../app/viz/pixelCells";
import { cellLook, cellPose, cellSide } from "../../app/viz/cellLook";
import { sameLook } from "../../app/viz/cellMoves";

const STATES: CellState[] = ["rest", "lifted", "dim", "reused", "placed", "landing", "pending"];
const big = gridLayout([2, 3], 300);
const small = gridLayout([2, 40], 300);
const fillsOf = (layout: GridLayout) => layout.cells.map(() => "#abcdef");

interface Look {
  stroke: string;
  width: number;
  dash: string;
  opacity: number;
}

function svgLooks(layout: GridLayout, states: CellState[], highlight: number[]): Look[] {
  const fills = fillsOf(layout);
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  const g = document.createElementNS("http://www.w3.org/2000/svg", "g");
  svg.appendChild(g);
  const layer = select(g) as unknown as Layer;
  joinCells(layer, layout, fills, null);
  applyFrame(layer, layout, states, 0);
  markCells(layer, layout, highlight);
  // One query, not one per cell: jsdom's selector engine makes per-cell queries quadratic.
  const nodes = new Map([...g.querySelectorAll<SVGGElement>("g.cell")].map((n) => [n.getAttribute("data-i"), n]));
  return layout.cells.map((d) => {
    const node = nodes.get(String(d.i))!;
    const rect = node.querySelector("rect")!;
    return {
      stroke: rect.getAttribute("stroke") ?? "",
      width: Number(rect.getAttribute("stroke-width")),
      dash: (rect.getAttribute("stroke-dasharray") ?? "").replace(/,/g, " "),
      opacity: Number(node.style.opacity || 1),
    };
  });
}

/** The canvas painter's outline for each cell: the last outline stroked at that cell's place. */
function canvasLooks(layout: GridLayout, states: CellState[], highlight: number[]): Look[] {
  const fills = fillsOf(layout);
  const drawn = new Map<string, Look>();
  let dash: number[] = [];
  let path: string[] = [];
  const look = (): Look => ({ stroke: String(ctx.strokeStyle), width: Number(ctx.lineWidth), dash: dash.join(" "), opacity: Number(ctx.globalAlpha) });
  const ctx: Record<string, unknown> = {
    globalAlpha: 1,
    strokeStyle: "",
    lineWidth: 1,
    setTransform() {},
    save() {},
    restore() {},
    rect(x: number, y: number) {
      path.push(`${x},${y}`);
    },
    clip() {},
    clearRect() {},
    fillRect() {},
    beginPath() {
      path = [];
    },
    moveTo() {},
    lineTo() {},
    stroke() {
      for (const k of path) drawn.set(k, look());
    },
    fillText() {},
    setLineDash(d: number[]) {
      dash = [...d];
    },
    strokeRect(x: number, y: number) {
      drawn.set(`${x},${y}`, look());
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
    // No outline drawn: the SVG rect says stroke "none".
    const look = drawn.get(key) ?? { stroke: "none", width: 0, dash: "", opacity: 1 };
    // The fill lands on whole pixels (pixelCells.ts snapCell; this context's scale is 1).
    const [fx, fy] = snapCell(d.x, d.y - lift, cellSide(layout.cell), 1);
    return { ...look, opacity: alphaAt.get(`${fx},${fy}`)! };
  });
}

describe("cell looks are defined once for the SVG and canvas painters", () => {
  it.each(STATES.flatMap((s) => [[s, "big", big] as const, [s, "small", small] as const]))("state %s, %s cells", (state, _size, layout) => {
    const states = layout.cells.map(() => state);
    expect(canvasLooks(layout, states, [])).toEqual(svgLooks(layout, states, []));
  });
  it("the two sizes are on either side of the hairline threshold", () => {
    expect(big.cell).toBeGreaterThan(8);
    expect(small.cell).toBeLessThanOrEqual(8);
  });
  it("highlighted cells", () => {
    const layout = big;
    const states = layout.cells.map((_, i) => STATES[i % STATES.length]);
    const svg = svgLooks(layout, states, [1, 4]);
    const canvas = canvasLooks(layout, states, [1, 4]);
    expect(canvas[1]).toEqual(svg[1]);
    expect(canvas[4]).toEqual(svg[4]);
    expect(svg[1].stroke).not.toBe(svg[0].stroke);
  });
});

describe("sameLook: moves the painters may skip", () => {
  it("is true exactly when the SVG painter shows the same cell at both ends and on the way", () => {
    for (const layout of [big, small]) {
      const c = layout.cell;
      for (const a of STATES)
        for (const b of STATES) {
          // The SVG cell's look at the start, the end and half-way (drawCells interpolates cellPose).
          const at = (t: number) => ({ pose: cellPose(a, b, t, c), look: cellLook(b, c), from: cellLook(a, c) });
          const [s, m, e] = [at(0), at(0.5), at(1)];
          const looksSame = a === b || (JSON.stringify(s.from) === JSON.stringify(e.look) && s.pose.dy === e.pose.dy && m.pose.dy === e.pose.dy && s.pose.opacity === e.pose.opacity && m.pose.opacity === e.pose.opacity);
          expect(sameLook(a, b, c), `${a} → ${b}, cell ${c}`).toBe(looksSame);
        }
    }
    // The move Play makes at every k: the result landed at k - 1 becomes "placed".
    expect(sameLook("landing", "placed", small.cell)).toBe(true);
    expect(sameLook("pending", "landing", small.cell)).toBe(false);
    expect(sameLook("dim", "lifted", small.cell)).toBe(false);
  });
});
