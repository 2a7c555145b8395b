/**
 * EngineError: every failure the engine reports, as data with a `kind` and JAX's words.
 * Message builders live here, one per situation, so the wording is tested once and reused
 * by vmap, the lambda parser and the UI. JAX: jax/_src/api.py (`_mapped_axis_size`), lax.py.
 */

export type ErrorKind =
  | "inconsistent-sizes"
  | "axis-out-of-bounds"
  | "no-mapped-axis"
  | "in-axes-structure"
  | "mapped-output-none"
  | "shape-error"
  | "syntax"
  | "unsupported"
  | "too-large"
  /** pmap: the mapped axis does not fit the devices (more slices than devices). */
  | "devices";

export type PyType =
  | "ValueError"
  | "TypeError"
  | "IndexError"
  | "SyntaxError"
  | "IndentationError"
  | "TabError"
  | "NameError"
  | "AttributeError"
  | "NotImplementedError"
  | "MemoryError"
  | "KeyError"
  | "RecursionError"
  | "ZeroDivisionError"
  | "OverflowError"
  // Not raised by the engine: the app's own stops of a call that ran too long or was cancelled
  // (app/state/compute.ts), named as Python names them (a timeout, Ctrl+C).
  | "TimeoutError"
  | "KeyboardInterrupt";

/**
 * Which part of a vmap call an error belongs to, set where the knowledge is (vmapErrors.ts,
 * pytree prefix errors, the lambda parser, vmap's call of f), so a UI places it by lookup.
 * `argument`: a positional argument's leaf (e.g. an array above the size limit);
 * `in_axes`: entry `index` (with the key path inside it, when known) or in_axes as a whole;
 * `out_axes`: the entry at `path`; `axis_size`; `function`: the function's text (`column`,
 * 1-based, when the parser knows it) or anything raised while f runs on the slices;
 * `devices`: pmap's mapped size does not fit the simulated devices (transforms/pmap.ts).
 */
export type ErrorWhere =
  | { kind: "argument"; index: number; path: string }
  | { kind: "in_axes"; index?: number; path?: string }
  /** An out_axes entry out of range: `axis` as written, `rank` the result's with the batch axis. */
  | { kind: "out_axes"; path?: string; axis?: number; rank?: number }
  | { kind: "axis_size" }
  | { kind: "function"; column?: number; operands?: ClashOperand[] }
  | { kind: "devices" };

/**
 * One array a shape error inside f is about (`operands` of a function error): its per-example
 * shape and the arguments f received with exactly that shape (`a`, `p[0]`; none: a value f
 * computed). Set by vmap where it calls f (transforms/vmap.ts), from the error's `shapes`.
 */
export interface ClashOperand {
  shape: number[];
  args: string[];
}

/** Where an error of `kind` belongs when its builder says nothing more precise. */
function defaultWhere(kind: ErrorKind, column: number | undefined): ErrorWhere {
  switch (kind) {
    case "inconsistent-sizes":
    case "axis-out-of-bounds":
    case "no-mapped-axis":
    case "in-axes-structure":
      return { kind: "in_axes" };
    case "mapped-output-none":
      return { kind: "out_axes" };
    case "devices":
      return { kind: "devices" };
    default:
      return column === undefined ? { kind: "function" } : { kind: "function", column };
  }
}

/** The class JAX raises most often for each kind; builders that know better pass `pyType`. */
function defaultPyType(kind: ErrorKind): PyType {
  switch (kind) {
    case "syntax":
      return "SyntaxError";
    case "in-axes-structure":
      return "ValueError";
    case "too-large":
      return "MemoryError";
    case "unsupported":
      return "NotImplementedError";
    default:
      return "ValueError";
  }
}

export class EngineError extends Error {
  readonly kind: ErrorKind;
  /** For syntax errors: 1-based column of the offending character. */
  readonly column?: number;
  /** The Python exception class JAX raises for the same mistake. */
  readonly pyType: PyType;
  /** The part of the call this error belongs beside (see ErrorWhere). */
  readonly where: ErrorWhere;
  /** The array shapes the message is about (operands that do not broadcast or multiply), if any. */
  readonly shapes?: readonly (readonly number[])[];
  constructor(kind: ErrorKind, message: string, opts: { column?: number; pyType?: PyType; where?: ErrorWhere; shapes?: readonly (readonly number[])[] } = {}) {
    super(message);
    this.name = "EngineError";
    this.kind = kind;
    this.column = opts.column;
    this.pyType = opts.pyType ?? defaultPyType(kind);
    this.where = opts.where ?? defaultWhere(kind, opts.column);
    if (opts.shapes) this.shapes = opts.shapes;
  }
}

/** Python's tuple repr of already-formatted items: `()`, `(a,)` (the one-tuple's comma), `(a, b)`. */
export function pyTuple(items: readonly string[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
}

/** The same error (kind, words, Python class) placed elsewhere: e.g. anything raised inside f. */
export function relocated(e: EngineError, where: ErrorWhere): EngineError {
  return new EngineError(e.kind, e.message, { column: e.column, pyType: e.pyType, where, shapes: e.shapes });
}

/** Python's tuple repr of a shape: `()`, `(2,)`, `(3, 4)`. */
export function pyShape(shape: readonly number[]): string {
  return pyTuple(shape.map(String));
}

/** JAX's aval text as vmap prints it, with the dtype's full name: `float32[10,4]`, `int32[3]`. */
export function avalText(shape: readonly number[], dtype: string): string {
  return `${dtype}[${shape.join(",")}]`;
}

export function incompatibleBroadcast(prim: string, a: readonly number[], b: readonly number[]): EngineError {
  // JAX: lax.py `broadcasting_shape_rule` raises TypeError (same rank); jnp's rank promotion a ValueError (below).
  return new EngineError("shape-error", `${prim} got incompatible shapes for broadcasting: ${pyShape(a)}, ${pyShape(b)}.`, { pyType: "TypeError", shapes: [a, b] });
}

export function incompatibleRankBroadcast(shapes: readonly (readonly number[])[]): EngineError {
  return new EngineError("shape-error", `Incompatible shapes for broadcasting: shapes=[${shapes.map(pyShape).join(", ")}]`, { shapes });
}

export function tooLarge(size: number, limit: number): EngineError {
  return new EngineError(
    "too-large",
    `An array of ${size.toLocaleString("en-US")} elements is above the playground's limit of ${limit.toLocaleString("en-US")} elements.`,
  );
}
