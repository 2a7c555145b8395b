/**
 * The explorer's state as data: the function text, each parameter's argument (a shape, or a
 * tuple of them, and a fill), the in_axes per parameter, out_axes and axis_size. Everything the
 * page shows is derived from this (selectors.ts); the URL (urlState.ts) and undo history
 * (historySlice.ts) store exactly this. Arguments are keyed by parameter name, so the argument
 * list follows the function's parameters and renaming back restores what was there.
 * Parameter names are user text, so per-parameter state lives in Maps, never in plain objects:
 * a parameter named `__proto__` or `constructor` must not reach Object.prototype.
 */
import { formatPyLiteral, type PyLit } from "./pyLiteral";

/** One argument: an array of `shape`, or a tuple of arguments (a pytree JAX maps leaf by leaf). */
export type ArgTree = { kind: "leaf"; shape: number[] } | { kind: "tuple"; items: ArgTree[] };

/**
 * Cells named by symbols (`a₀₁`, outputs as expressions; computed with the unique numbers), the
 * unique numbers (`a` from 0, `b` from 100 …, fills.ts), small seeded random numbers,
 * indices: ints 0, 1, 2, 0, 1, 2, … (JAX's default int), for indexing by values (`x[i]`), or the
 * values the imported JAX code made (`code`: the engine re-runs `ExplorerState.code`).
 */
export type Fill = "symbols" | "unique" | "random" | "indices" | "code";
/** Every fill a permalink may name; `code` is offered only while imported code is present. */
export const FILLS: readonly Fill[] = ["symbols", "unique", "random", "indices", "code"];

/** Up to this many cells per argument leaf, cells are shown by symbols (and a new argument gets them). */
export const SYMBOL_CELLS = 64;

export interface ArgState {
  tree: ArgTree;
  fill: Fill;
}

/** An in_axes / out_axes entry: an axis, None, or a tuple matching a tuple argument/output. */
export type AxisTree = number | null | AxisTree[];

/** Which map the call line uses: `jax.vmap` (one batched program) or `jax.pmap` (one program per device). */
export type MapWith = "vmap" | "pmap";

/** pmap's simulated devices: JAX's host-platform device count, 1–8 here. */
export const MIN_DEVICES = 1;
export const MAX_DEVICES = 8;
export const DEFAULT_DEVICES = 8;

export interface ExplorerState {
  fnSource: string;
  args: ReadonlyMap<string, ArgState>;
  inAxes: ReadonlyMap<string, AxisTree>;
  outAxes: AxisTree;
  axisSize: number | null;
  /** jax.vmap's axis_name (collectives in f name the mapped axis by it), or null for none. */
  axisName: string | null;
  /** `jax.config.update("jax_enable_x64", True)`: float64 values instead of JAX's float32. */
  x64: boolean;
  mapWith: MapWith;
  /** Simulated devices for pmap (`XLA_FLAGS=--xla_force_host_platform_device_count=N`). */
  devices: number;
  /**
   * The JAX program last loaded with "Import JAX code" (absent otherwise): kept so the permalink
   * holds the pasted text, and the source of the values of every `code` fill.
   */
  code?: string;
}

export const leaf = (...shape: number[]): ArgTree => ({ kind: "leaf", shape });
export const tuple = (...items: ArgTree[]): ArgTree => ({ kind: "tuple", items });

/** The fill a new argument gets: symbols while every leaf is small enough to name its cells. */
export function defaultFill(tree: ArgTree): Fill {
  const small = (t: ArgTree): boolean => (t.kind === "leaf" ? sizeOfShape(t.shape) <= SYMBOL_CELLS : t.items.every(small));
  return small(tree) ? "symbols" : "unique";
}

const DEFAULT_ARG: ArgState = { tree: leaf(2, 2), fill: "symbols" };
const DEFAULT_IN_AXIS: AxisTree = 0;

/** A state from its function, one `[name, shape tree, in_axes entry]` per parameter, and out_axes. */
export function explorerOf(fnSource: string, params: [string, ArgTree, AxisTree][], outAxes: AxisTree): ExplorerState {
  return {
    fnSource,
    args: new Map(params.map(([n, tree]) => [n, { tree, fill: defaultFill(tree) }])),
    inAxes: new Map(params.map(([n, , axis]) => [n, axis])),
    outAxes,
    axisSize: null,
    axisName: null,
    x64: false,
    mapWith: "vmap",
    devices: DEFAULT_DEVICES,
    // No imported code: written out so every field is a key of the state (urlState's policy table).
    code: undefined,
  };
}

export const defaultExplorer = (): ExplorerState =>
  explorerOf("lambda a, b: a + b", [["a", leaf(2, 2), 0], ["b", leaf(2, 2), 0]], 0);

/** The argument for a parameter, defaulting to a 2×2 array for a parameter never seen before. */
export const argFor = (s: ExplorerState, name: string): ArgState => s.args.get(name) ?? DEFAULT_ARG;
export const inAxisFor = (s: ExplorerState, name: string): AxisTree => {
  const v = s.inAxes.get(name);
  return v === undefined ? DEFAULT_IN_AXIS : v;
};

/** A copy of `m` with `k` set: the immutable update every per-parameter setter uses. */
export const withEntry = <V>(m: ReadonlyMap<string, V>, k: string, v: V): ReadonlyMap<string, V> => new Map(m).set(k, v);

/**
 * A content key for a snapshot (equal content, equal key), for caches keyed by state. Maps
 * are written as their entry lists: JSON.stringify alone writes every Map as `{}`.
 */
export const explorerKey = (s: ExplorerState): string => JSON.stringify(s, (_k, v: unknown) => (v instanceof Map ? [...v] : v));

/** The leaves of an argument in JAX's flattening order, with their key paths (`[0]`, `[1][0]`). */
export function argLeaves(tree: ArgTree, path = ""): { path: string; shape: number[] }[] {
  if (tree.kind === "leaf") return [{ path, shape: tree.shape }];
  return tree.items.flatMap((t, i) => argLeaves(t, `${path}[${i}]`));
}

const argTreeToLit = (t: ArgTree): PyLit => (t.kind === "leaf" ? t.shape : t.items.map(argTreeToLit));
export const formatArgTree = (t: ArgTree): string => formatPyLiteral(argTreeToLit(t));

/** Replace the leaf at `path` (indices into nested tuples) with `shape`. */
export function setLeafShape(tree: ArgTree, path: number[], shape: number[]): ArgTree {
  if (path.length === 0) return leaf(...shape);
  if (tree.kind !== "tuple") return tree;
  return tuple(...tree.items.map((t, i) => (i === path[0] ? setLeafShape(t, path.slice(1), shape) : t)));
}

export const sizeOfShape = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
/** Whether two shapes have the same entries. */
export const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/** Every parameter's in_axes is None (vmap then needs axis_size). */
export function allInAxesNone(s: ExplorerState, params: string[]): boolean {
  return params.length > 0 && params.every((p) => inAxisFor(s, p) === null);
}
