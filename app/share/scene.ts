/**
 * The picture as data, for export: every argument grid, the `f` line and every output grid of
 * one animation frame, laid out top to bottom with the same layout (viz/layout.ts), fills
 * (viz/colors.ts), cell states (viz/timeline.ts) and looks (viz/cellLook.ts) as the page. The
 * SVG writer here and the canvas painter (paintScene.ts) both draw a Scene, so the SVG, the PNG
 * and every GIF frame show what the page shows. Pure: no DOM.
 */
import { pyShape, type DType, type VmapStory } from "../../engine/index";
import type { InputLeaf } from "../state/hooks";
import { GRID_WIDTH } from "../explorer/ArgumentGrid";
import { outputName } from "../explorer/Stage";
import { gridFills } from "../viz/colors";
import { cellLook, cellPose, cellSide } from "../viz/cellLook";
import { cellText } from "../viz/numberText";
import { gridLayout, LABEL_PX, type GridLayout } from "../viz/layout";
import { BASE_PX, EXPRESSION_CELL, fitCellText } from "../viz/fitText";
import type { CellTexts } from "../state/symbols";
import { escapeMarkup } from "./escape";
import { inputCellState, outputCellState, type CellState, type Frame } from "../viz/timeline";

export interface SceneGrid {
  side: "in" | "out";
  title: string;
  /** Top-left of the grid's layout in the scene. */
  x: number;
  y: number;
  layout: GridLayout;
  fills: string[];
  states: CellState[];
  values: ArrayLike<number> | null;
  /** How the values print (JAX's spelling for the dtype: True, inf, float32 digits). */
  dtype: DType;
  /** Each cell's symbol or expression, shown instead of its value (the page's symbols fill), or null. */
  texts: readonly string[] | null;
}

export interface Scene {
  width: number;
  height: number;
  grids: SceneGrid[];
  /** The `f` line between inputs and outputs. */
  arrow: { y: number; text: string };
}

const PAD = 12;
const TITLE = 18;
const GAP = 14;
const ARROW = 28;
/** The width of a line of 12 px monospace text (0.6 em per character, with room to spare). */
const textWidth = (text: string): number => text.length * 7.5;

/** The frames of one play-through: each k's lift, apply and land, then the resting picture. */
export function animationFrames(B: number): Frame[] {
  const frames: Frame[] = [];
  for (let k = 0; k < B; k++) for (const phase of [0, 1, 2] as const) frames.push({ k, phase, B });
  frames.push({ k: null, phase: 2, B });
  return frames;
}

export function buildScene(leaves: readonly InputLeaf[], story: VmapStory, frame: Frame, texts: CellTexts = { inputs: [], symbolicOutputs: [], outputs: [] }): Scene {
  const grids: SceneGrid[] = [];
  let y = PAD;
  let width = 0;
  const add = (g: Omit<SceneGrid, "x" | "y">) => {
    grids.push({ ...g, x: PAD, y: y + TITLE });
    y += TITLE + g.layout.height + GAP;
    width = Math.max(width, g.layout.width, textWidth(g.title));
  };
  const B = story.axisSize;
  // The page's layouts: output cells showing expressions are wider (OutputGrid.tsx).
  for (const l of leaves) {
    const named = texts.inputs[l.leaf] ?? null;
    const layout = gridLayout(l.shape, GRID_WIDTH);
    add({
      side: "in",
      title: `${l.label} ${pyShape(l.shape)}${l.axis === null ? " (not mapped)" : ` mapped along axis ${l.axis}`}`,
      layout,
      fills: gridFills(layout.cells, l.axis, B),
      states: layout.cells.map((c) => inputCellState(frame, l, c.coord)),
      values: l.values.length ? l.values : null,
      dtype: l.dtype,
      texts: named,
    });
  }
  const arrow = { y: y + ARROW / 2, text: "↓ f applied to each k, results stacked ↓" };
  width = Math.max(width, textWidth(arrow.text));
  y += ARROW;
  story.outputs.forEach((o, i) => {
    const named = texts.outputs[i] ?? null;
    const layout = gridLayout(o.shape, GRID_WIDTH, LABEL_PX, texts.symbolicOutputs[i] ? EXPRESSION_CELL : undefined);
    const axis = { axis: o.outAxis };
    add({
      side: "out",
      title: `${outputName(o.path, story.outputTree)} ${pyShape(o.shape)}`,
      layout,
      fills: gridFills(layout.cells, o.outAxis, B),
      states: layout.cells.map((c) => outputCellState(frame, axis, c.coord)),
      values: story.values[i]?.data ?? null,
      dtype: story.values[i]?.dtype ?? "float32",
      texts: named,
    });
  });
  return { width: Math.ceil(width + 2 * PAD), height: Math.ceil(y + PAD - GAP), grids, arrow };
}

/** One cell as drawn: its square, outline and opacity, and its value text when shown. */
export interface CellDraw {
  x: number;
  y: number;
  side: number;
  radius: number;
  fill: string;
  stroke: string;
  strokeWidth: number;
  dash: readonly number[];
  opacity: number;
  text: string | null;
  /** The text's font size in px: the base size, or smaller to fit the cell (fitText.ts). */
  fontSize: number;
}

/** Every cell of `g` at rest in its state (the end of the page's transition). */
export function cellsOf(g: SceneGrid): CellDraw[] {
  const c = g.layout.cell;
  const named = g.layout.showValues && g.texts !== null && g.texts.length === g.layout.cells.length;
  const show = named || (g.layout.showValues && g.values !== null);
  return g.layout.cells.map((d) => {
    const fitted = show ? fitCellText(named ? g.texts![d.i] : cellText(g.values![d.i], g.dtype), c - 1) : null;
    const state = g.states[d.i] ?? "rest";
    const look = cellLook(state, c);
    const pose = cellPose(state, state, 1, c);
    return {
      x: g.x + d.x,
      y: g.y + d.y + pose.dy,
      side: cellSide(c),
      radius: c > 12 ? 3 : 0,
      fill: g.fills[d.i],
      stroke: look.stroke,
      strokeWidth: look.strokeWidth,
      dash: look.dash,
      opacity: pose.opacity,
      text: fitted?.text ?? null,
      fontSize: fitted?.size ?? BASE_PX,
    };
  });
}


const FONT = `ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace`;

/** The scene as a standalone SVG document. */
export function sceneSvg(scene: Scene): string {
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}" font-family='${FONT}'>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
  for (const g of scene.grids) {
    out.push(`<g class="grid" data-side="${g.side}" data-shape="${g.layout.shape.join(",")}">`);
    out.push(`<text x="${g.x}" y="${g.y - 5}" font-size="12" fill="#1d2330">${escapeMarkup(g.title)}</text>`);
    for (const d of cellsOf(g)) {
      const dash = d.dash.length ? ` stroke-dasharray="${d.dash.join(" ")}"` : "";
      out.push(
        `<g transform="translate(${d.x},${d.y})" opacity="${d.opacity}"><rect width="${d.side}" height="${d.side}" rx="${d.radius}" fill="${d.fill}" stroke="${d.stroke}" stroke-width="${d.strokeWidth}"${dash}/>` +
          (d.text === null ? "" : `<text x="${d.side / 2}" y="${d.side / 2 + 4}" text-anchor="middle" font-size="${d.fontSize}" fill="#222">${escapeMarkup(d.text)}</text>`) +
          `</g>`,
      );
    }
    out.push(`</g>`);
  }
  out.push(`<text x="${scene.width / 2}" y="${scene.arrow.y}" text-anchor="middle" font-size="12" fill="#5b6475">${escapeMarkup(scene.arrow.text)}</text>`);
  out.push(`</svg>`);
  return out.join("\n");
}
