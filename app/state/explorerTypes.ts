/**
 * The explorer's state as data: the function text, each parameter's argument (a shape, or a
 * tuple of them, and a fill), the in_axes per parameter, out_axes and axis_size. Everything the
 * page shows is derived from this (selectors.ts); the URL (urlState.ts) and undo history
 * (historySlice.ts) store exactly this. Arguments are keyed by parameter name, so the argument
 * list follows the function's parameters and renaming back restores what was there.
 */
import { formatPyLiteral, isShapeLit, type PyLit } from "./pyLiteral";

/** One argument: an array of `shape`, or a tuple of arguments (a pytree JAX maps leaf by leaf). */
export type ArgTree = { kind: "leaf"; shape: number[] } | { kind: "tuple"; items: ArgTree[] };

/** The blog's unique numbers (`a` from 0, `b` from 100 …) or small seeded random numbers. */
export type Fill = "unique" | "random";

export interface ArgState {
  tree: ArgTree;
  fill: Fill;
}

/** An in_axes / out_axes entry: an axis, None, or a tuple matching a tuple argument/output. */
export type AxisTree = number | null | AxisTree[];

export interface ExplorerState {
  fnSource: string;
  args: Record<string, ArgState>;
  inAxes: Record<string, AxisTree>;
  outAxes: AxisTree;
  axisSize: number | null;
}

export const leaf = (...shape: number[]): ArgTree => ({ kind: "leaf", shape });
export const tuple = (...items: ArgTree[]): ArgTree => ({ kind: "tuple", items });

const DEFAULT_ARG: ArgState = { tree: leaf(2, 2), fill: "unique" };
const DEFAULT_IN_AXIS: AxisTree = 0;

export function defaultExplorer(): ExplorerState {
  return {
    fnSource: "lambda a, b: a + b",
    args: { a: { tree: leaf(2, 2), fill: "unique" }, b: { tree: leaf(2, 2), fill: "unique" } },
    inAxes: { a: 0, b: 0 },
    outAxes: 0,
    axisSize: null,
  };
}

/** The argument for a parameter, defaulting to a 2×2 array for a parameter never seen before. */
export const argFor = (s: ExplorerState, name: string): ArgState => s.args[name] ?? DEFAULT_ARG;
export const inAxisFor = (s: ExplorerState, name: string): AxisTree =>
  name in s.inAxes ? s.inAxes[name] : DEFAULT_IN_AXIS;

/** The leaves of an argument in JAX's flattening order, with their key paths (`[0]`, `[1][0]`). */
export function argLeaves(tree: ArgTree, path = ""): { path: string; shape: number[] }[] {
  if (tree.kind === "leaf") return [{ path, shape: tree.shape }];
  return tree.items.flatMap((t, i) => argLeaves(t, `${path}[${i}]`));
}

const argTreeToLit = (t: ArgTree): PyLit => (t.kind === "leaf" ? t.shape : t.items.map(argTreeToLit));
export const formatArgTree = (t: ArgTree): string => formatPyLiteral(argTreeToLit(t));

/** `(2, 3)` is a shape; `((3,), (3,))` a tuple argument of two arrays. */
export function litToArgTree(v: PyLit): ArgTree | null {
  if (typeof v === "number") return v >= 0 ? leaf(v) : null;
  if (v === null) return null;
  if (isShapeLit(v)) return leaf(...v);
  if (v.length === 0 || !v.every(Array.isArray)) return null;
  const items = v.map(litToArgTree);
  return items.every((x): x is ArgTree => x !== null) ? tuple(...items) : null;
}

/** Replace the leaf at `path` (indices into nested tuples) with `shape`. */
export function setLeafShape(tree: ArgTree, path: number[], shape: number[]): ArgTree {
  if (path.length === 0) return leaf(...shape);
  if (tree.kind !== "tuple") return tree;
  return tuple(...tree.items.map((t, i) => (i === path[0] ? setLeafShape(t, path.slice(1), shape) : t)));
}

export const sizeOfShape = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
