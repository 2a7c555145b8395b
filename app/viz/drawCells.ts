/**
 * D3 drawing of one array's cells into a <g> the React component owns (style P12): a keyed
 * join of cell groups (rect + value text when the grid is small), then cheap separate passes
 * for the animation frame (only cells whose state changed get a transition) and for the
 * provenance highlight (class toggles, no re-join). Never queries the document.
 */
import { select } from "d3-selection";
import { easeCubicOut } from "./transitions";
import { loadTransitions, transitionsReady } from "./transitions";
import type { DType } from "../../engine/index";
import { cellText, valueText } from "./numberText";
import type { Layer } from "./useD3Layer";
import type { CellBox, GridLayout } from "./layout";
import type { CellState } from "./timeline";
import { cellLook, cellPose, cellSide, HIGHLIGHT } from "./cellLook";
import { BASE_PX, fitCellText } from "./fitText";

interface LayerMemo {
  nodes: SVGGElement[];
  states: CellState[];
  highlight: Set<number>;
}

const memo = new WeakMap<SVGGElement, LayerMemo>();

/**
 * Join the cells of `layout`, filled by `fills[i]`, labelled with `values[i]` (of `dtype`) when
 * shown.
 */
export function joinCells(g: Layer, layout: GridLayout, fills: string[], values: ArrayLike<number> | null, dtype: DType = "float32", texts: readonly string[] | null = null): void {
  const c = layout.cell;
  const sel = g
    .selectAll<SVGGElement, CellBox>("g.cell")
    .data(layout.cells, (d) => d.i)
    .join((enter) => {
      const e = enter.append("g").attr("class", "cell s-rest");
      e.append("rect");
      return e;
    });
  if (transitionsReady()) sel.interrupt();
  sel.attr("class", "cell s-rest").attr("transform", (d) => `translate(${d.x},${d.y})`).attr("data-i", (d) => d.i).style("opacity", null);
  sel
    .select("rect")
    .attr("width", cellSide(c))
    .attr("height", cellSide(c))
    .attr("rx", c > 12 ? 3 : 0)
    .attr("fill", (d) => fills[d.i]);
  const named = layout.showValues && texts !== null && texts.length === layout.cells.length;
  const show = named || (layout.showValues && values !== null);
  // Each value printed once (numberText.ts, the one printer), or the cell's symbol or expression
  // (symbolText.ts), fitted to the cell (smaller type or fewer digits, never spilling into the
  // next cell); the full text is the cell's <title> (a tooltip on hover) and the readout's
  // (HoverReadout.tsx) on hover and focus.
  const printed = !show ? [] : named ? layout.cells.map((d) => texts![d.i]) : layout.cells.map((d) => cellText(values![d.i], dtype));
  const full = (i: number) => (named ? (values ? `${texts![i]} = ${valueText(values[i], dtype)}` : texts![i]) : valueText(values![i], dtype));
  sel
    .selectAll<SVGTextElement, CellBox>("text")
    .data((d) => (show ? [d] : []))
    .join("text")
    .attr("x", c / 2 - 0.5)
    .attr("y", c / 2 + 4)
    .attr("text-anchor", "middle")
    .each(function (d) {
      const f = fitCellText(printed[d.i], c - 1);
      this.textContent = f.text;
      this.style.fontSize = f.size === BASE_PX ? "" : `${f.size}px`;
    });
  sel
    .selectAll<SVGTitleElement, CellBox>("title")
    .data((d) => (show ? [d] : []))
    .join("title")
    .text((d) => full(d.i));
  const nodes: SVGGElement[] = [];
  sel.each(function (d) {
    nodes[d.i] = this;
  });
  for (const node of nodes) if (node) outline(node, "rest", false, c);
  memo.set(g.node()!, { nodes, states: nodes.map(() => "rest"), highlight: new Set() });
}

/** The rect's outline for its state, or the highlight outline (cellLook.ts, shared with the canvas). */
function outline(node: SVGGElement, state: CellState, highlighted: boolean, c: number): void {
  const rect = node.firstElementChild as SVGRectElement | null;
  if (!rect) return;
  const look = cellLook(state, c);
  rect.setAttribute("stroke", highlighted ? HIGHLIGHT.stroke : look.stroke);
  rect.setAttribute("stroke-width", String(highlighted ? HIGHLIGHT.width(c) : look.strokeWidth));
  if (!highlighted && look.dash.length) rect.setAttribute("stroke-dasharray", look.dash.join(" "));
  else rect.removeAttribute("stroke-dasharray");
}

/**
 * Move every cell to its state in the frame; only changed cells transition (duration 0 = instant).
 * The tweens interpolate plain numbers: d3's generic SVG transform interpolator parses through
 * the DOM per element and per frame, too slow for the ~4,000 cells of the (2,3,5,7,9) example.
 */
export function applyFrame(g: Layer, layout: GridLayout, states: CellState[], duration: number): void {
  const m = memo.get(g.node()!);
  if (!m) return;
  const c = layout.cell;
  for (const d of layout.cells) {
    const next = states[d.i] ?? "rest";
    const prev = m.states[d.i];
    if (prev === next) continue;
    m.states[d.i] = next;
    const node = m.nodes[d.i];
    if (!node) continue;
    node.setAttribute("class", `cell s-${next}${m.highlight.has(d.i) ? " hl" : ""}`);
    outline(node, next, m.highlight.has(d.i), c);
    const s = select<SVGGElement, CellBox>(node);
    const from = prev ?? "rest";
    const pose = (t: number) => {
      const p = cellPose(from, next, t, c);
      node.setAttribute("transform", `translate(${d.x},${d.y + p.dy})`);
      node.style.opacity = String(p.opacity);
    };
    // Instant when asked, and until D3's transitions have loaded (transitions.ts).
    if (duration <= 0 || !transitionsReady()) {
      if (transitionsReady()) s.interrupt();
      else loadTransitions();
      pose(1);
      continue;
    }
    s.interrupt().transition().duration(duration).ease(easeCubicOut).tween("cell", () => pose);
  }
}

/** Outline the cells in `cells` (provenance of the hovered cell), clearing the previous set. */
export function markCells(g: Layer, layout: GridLayout, cells: Iterable<number>): void {
  const m = memo.get(g.node()!);
  if (!m) return;
  const next = new Set(cells);
  const mark = (i: number, on: boolean) => {
    const node = m.nodes[i];
    if (!node) return;
    node.classList.toggle("hl", on);
    outline(node, m.states[i] ?? "rest", on, layout.cell);
  };
  for (const i of m.highlight) if (!next.has(i)) mark(i, false);
  for (const i of next) mark(i, true);
  m.highlight = next;
}
