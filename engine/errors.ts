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

export class EngineError extends Error {
  readonly kind: ErrorKind;
  /** For syntax errors: 1-based column of the offending character. */
  readonly column?: number;
  constructor(kind: ErrorKind, message: string, opts: { column?: number } = {}) {
    super(message);
    this.name = "EngineError";
    this.kind = kind;
    this.column = opts.column;
  }
}

export function engineError(kind: ErrorKind, message: string): EngineError {
  return new EngineError(kind, message);
}

export function isEngineError(e: unknown): e is EngineError {
  return e instanceof EngineError;
}

/** Python's tuple repr of a shape: `()`, `(2,)`, `(3, 4)`. */
export function pyShape(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(", ")})`;
}

/** JAX's aval text as vmap prints it: `float32[10,4]`. We follow JAX's default (x64 off). */
export function avalText(shape: readonly number[]): string {
  return `float32[${shape.join(",")}]`;
}

export function axisOutOfBounds(axis: number, ndim: number): EngineError {
  return new EngineError("shape-error", `axis ${axis} is out of bounds for array of dimension ${ndim}`);
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
