/**
 * The computation graph of a jaxpr laid out by dagre (@dagrejs/dagre, a layered layout): one node
 * per input, constant and equation (its primitive), one edge per value from the equation that
 * made it to each equation that reads it, labelled with its name and shape. Pure: tape data in,
 * positions out (tested without a DOM); GraphView draws it.
 */
import { inputLabels } from "./graphSteps";
import dagre from "@dagrejs/dagre";
import { pyShape, type GradTape } from "../../../engine/index";

export interface GraphNode {
  id: string;
  kind: "input" | "const" | "eqn" | "output";
  /** Primitive name, or the variable's name for inputs, constants and the output. */
  label: string;
  /** The equation's index (eqn nodes) */
  eqn: number | null;
  /** The variables this node produces (inputs and constants: themselves). */
  vars: string[];
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** The value carried: a variable's name, its shape text. */
  name: string;
  shape: string;
  points: { x: number; y: number }[];
  labelX: number;
  labelY: number;
}

export interface GraphLayout {
  nodes: GraphNode[];
  edges: GraphEdge[];
  width: number;
  height: number;
}

const CHAR = 7.5;
/** Characters an edge label reserves: `ct [0.25, 0.25, 0.25, …]` fits. */
const LABEL_CHARS = 26;
/** The width an edge label or an input's cotangent label may take, and the cotangent's gap from its node. */
export const LABEL_WIDTH = LABEL_CHARS * CHAR * 0.85;
export const CT_GAP = 4;
const nodeSize = (label: string) => ({ width: Math.max(56, label.length * CHAR + 24), height: 30 });

export function layoutGraph(t: GradTape, params: readonly string[] = []): GraphLayout {
  const labels = inputLabels(t, params);
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: "TB", nodesep: 28, ranksep: 42, edgesep: 12, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  const producer = new Map<string, string>();
  const nodes = new Map<string, Omit<GraphNode, "x" | "y">>();
  const add = (n: Omit<GraphNode, "x" | "y" | "width" | "height">) => {
    const size = nodeSize(n.label);
    nodes.set(n.id, { ...n, ...size });
    g.setNode(n.id, { ...size });
    n.vars.forEach((v) => producer.set(v, n.id));
  };
  t.inputs.forEach((v) => add({ id: `in:${v.name}`, kind: "input", label: labels.get(v.name) ?? v.name, eqn: null, vars: [v.name] }));
  t.constvars.forEach((v) => add({ id: `const:${v.name}`, kind: "const", label: v.name, eqn: null, vars: [v.name] }));
  t.eqns.forEach((e) => add({ id: `eqn:${e.index}`, kind: "eqn", label: e.primitive, eqn: e.index, vars: e.outputs.map((o) => o.name) }));
  add({ id: "out", kind: "output", label: `loss ${t.output.name}`, eqn: null, vars: [] });
  const edges: Omit<GraphEdge, "points" | "labelX" | "labelY">[] = [];
  const link = (name: string, shape: number[], to: string) => {
    const from = producer.get(name);
    if (!from) return; // a literal: printed in the equation, not a node
    const e = { from, to, name, shape: pyShape(shape) };
    // Room for three centred lines: the name and shape, the value and the cotangent (GraphView).
    const label = `${name} ${e.shape}`;
    g.setEdge(from, to, { width: Math.max(label.length * CHAR * 0.85, LABEL_WIDTH), height: 40, labelpos: "r", labeloffset: 6 }, `${name}>${to}`);
    edges.push(e);
  };
  t.eqns.forEach((e) => e.inputs.forEach((v) => !v.literal && link(v.name, v.shape, `eqn:${e.index}`)));
  if (!t.output.literal) link(t.output.name, t.output.shape, "out");
  dagre.layout(g);
  const laid = [...nodes.values()].map((n) => {
    const p = g.node(n.id);
    return { ...n, x: p.x!, y: p.y! };
  });
  const laidEdges = edges.map((e) => {
    const l = g.edge({ v: e.from, w: e.to, name: `${e.name}>${e.to}` });
    return { ...e, points: (l.points ?? []).map((p: { x: number; y: number }) => ({ x: p.x, y: p.y })), labelX: l.x ?? 0, labelY: l.y ?? 0 };
  });
  const gl = g.graph();
  // Labels are drawn centred on their point (edges) or beside the node (an input's cotangent),
  // and may reach past dagre's box: the drawing is as wide as they can reach, so the scroll
  // box around it shows them whole (at 390 px they were cut off).
  const reach = Math.max(
    gl.width ?? 0,
    ...laidEdges.map((e) => e.labelX + LABEL_WIDTH / 2),
    ...laid.filter((n) => n.kind === "input").map((n) => n.x + n.width / 2 + CT_GAP + LABEL_WIDTH),
  );
  return { nodes: laid, edges: laidEdges, width: Math.ceil(reach), height: gl.height ?? 0 };
}
