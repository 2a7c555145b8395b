/**
 * The shape of `traceVmap`'s answer: a plain, serialisable account of one vmap call,
 * written for the explorer UI (which never reaches into tracers).
 */
import type { DType } from "../array/dtype";
import type { CellExpr } from "../core/symbols";
export type { CellExpr, ReduceSymbol } from "../core/symbols";

export type Shape = number[];

/** One array leaf of the arguments, as vmap saw it. */
export interface ArgLeafStory {
  /** Index among all argument leaves (the order `sources` below uses). */
  leaf: number;
  /** Positional argument index and its parameter name (`a`, `b`, … or `args[2]`). */
  argIndex: number;
  param: string;
  /** Key path inside the argument, JAX style: "" for a plain array, "[0]", "['w']". */
  path: string;
  shape: Shape;
  /** in_axes entry as written (may be negative) and normalised (non-negative), or null. */
  inAxisWritten: number | null;
  inAxis: number | null;
  /** Size along the mapped axis, or null when unmapped. */
  batchSize: number | null;
  /** What f sees for each k: the shape without the mapped axis (or the whole shape). */
  sliceShape: Shape;
}

/** describeArgs' answer: the argument leaves as vmap plans them, and any error as data. */
export interface ArgsDescription {
  args: ArgLeafStory[];
  /** The mapped size B, or null when it cannot be decided (see `error`). */
  axisSize: number | null;
  /** The error vmap raises about these arguments and in_axes (the first, in JAX's order), or null. */
  error: import("../errors").EngineError | null;
}

export interface OperandStory {
  /** Per-example shape (what f's code sees). */
  perExample: Shape;
  /** Actual batched value's shape, and where the batch dimension sits in it (null = unbatched). */
  batched: Shape;
  bdim: number | null;
}

/** One primitive applied while tracing f under vmap. */
export interface PrimitiveStory {
  primitive: string;
  /** JAX-style parameter text, e.g. "axes=(0,)"; empty when the primitive has none. */
  params: string;
  inputs: OperandStory[];
  output: OperandStory;
  /** Control flow and collectives: what vmap turned it into ("select_n of every branch …"). */
  becomes?: string;
  /** Control flow and collectives: what the picture draws (small calls only). */
  control?: ControlStory;
  /**
   * The primitives vmap's batching rule bound for it, when they are not the primitive itself
   * (axis moves left out): a batched `dynamic_slice` became a `gather`, a batched
   * `dynamic_update_slice` a `scatter`. Absent when the rule kept the primitive.
   */
  batchedAs?: string[];
  /**
   * True when the operands' values choose which cells are read (gather, scatter,
   * dynamic_slice): the explorer draws arrows from the chosen cells.
   */
  byValue?: boolean;
}

/**
 * A cond, loop or collective under vmap, per example (issue 18's picture). Values are flat,
 * row-major; for a loop, the carry drawn is its last leaf (the value of a fori_loop).
 */
export type ControlStory =
  | {
      kind: "cond";
      branches: number;
      /** True when vmap turned the cond into select_n (the predicate differs per example). */
      batchedIndex: boolean;
      /** Per example, the branch it takes. */
      taken: number[];
      /** Per branch, per example, the branch's (first) result: every branch runs on every example. */
      values: number[][][];
    }
  | {
      kind: "loop";
      primitive: "while" | "scan";
      /** Step 0 is the initial carry; per step, each example's carry and whether it is still running. */
      steps: { carry: number[][]; active: boolean[] }[];
      /** More steps ran than are drawn. */
      truncated: boolean;
    }
  | {
      kind: "collective";
      primitive: string;
      /** Each example's operand, and the one result every example receives. */
      perExample: number[][];
      result: number[];
    };

/** Where output cell j came from: batch index k and, per argument leaf, the flat input cells read. */
export interface CellSource {
  k: number | null;
  sources: number[][];
}

export interface OutputLeafStory {
  leaf: number;
  path: string;
  perExampleShape: Shape;
  /** out_axes entry as written and normalised; null means returned as is. */
  outAxisWritten: number | null;
  outAxis: number | null;
  /** True when the per-example result depends on the mapped axis. */
  batched: boolean;
  shape: Shape;
  /** For each legal out_axes value of this leaf, the shape it would give. */
  outAxesTable: { outAxes: number; negative: number; shape: Shape }[];
  /** Per output cell (row-major flat index), its provenance; omitted above the cell budget. */
  provenance?: CellSource[];
  /** Per output cell, the expression it was computed by over input cells; only when asked for. */
  symbols?: CellExpr[];
}

export interface VmapStory {
  /** The mapped size B. */
  axisSize: number;
  args: ArgLeafStory[];
  primitives: PrimitiveStory[];
  outputs: OutputLeafStory[];
  /** "array" | "tuple" | "dict": how the output leaves are arranged. */
  outputTree: string;
  /**
   * The result values, row-major, one per output leaf. A typed array: a big result crosses from
   * the compute worker as one block of memory, where a JavaScript array of numbers is cloned one
   * element at a time (~130 ms for 800,000 values).
   */
  values: { shape: Shape; data: Float64Array; dtype: DType }[];
}
