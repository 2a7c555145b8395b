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
  | "too-large";

export type PyType = "ValueError" | "TypeError" | "IndexError" | "SyntaxError" | "NameError" | "NotImplementedError" | "MemoryError" | "KeyError" | "RecursionError";

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
  constructor(kind: ErrorKind, message: string, opts: { column?: number; pyType?: PyType } = {}) {
    super(message);
    this.name = "EngineError";
    this.kind = kind;
    this.column = opts.column;
    this.pyType = opts.pyType ?? defaultPyType(kind);
  }
}

/** Python's tuple repr of already-formatted items: `()`, `(a,)` (the one-tuple's comma), `(a, b)`. */
export function pyTuple(items: readonly string[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
}

/** Python's tuple repr of a shape: `()`, `(2,)`, `(3, 4)`. */
export function pyShape(shape: readonly number[]): string {
  return pyTuple(shape.map(String));
}

/** JAX's aval text as vmap prints it: `float32[10,4]`. We follow JAX's default (x64 off). */
export function avalText(shape: readonly number[]): string {
  return `float32[${shape.join(",")}]`;
}

export function incompatibleBroadcast(prim: string, a: readonly number[], b: readonly number[]): EngineError {
  return new EngineError("shape-error", `${prim} got incompatible shapes for broadcasting: ${pyShape(a)}, ${pyShape(b)}.`);
}

export function incompatibleRankBroadcast(shapes: readonly (readonly number[])[]): EngineError {
  return new EngineError("shape-error", `Incompatible shapes for broadcasting: shapes=[${shapes.map(pyShape).join(", ")}]`);
}

export function tooLarge(size: number, limit: number): EngineError {
  return new EngineError(
    "too-large",
    `An array of ${size.toLocaleString("en-US")} elements is above the playground's limit of ${limit.toLocaleString("en-US")} elements.`,
  );
}
