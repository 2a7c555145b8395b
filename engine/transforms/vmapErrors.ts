/**
 * vmap's argument checks, in JAX's order and words: structure of in_axes, axis ranges, the mapped
 * size. Pure functions over leaf descriptions; vmap.ts calls them.
 * JAX: jax/_src/api.py (`vmap`, `_mapped_axis_size`), jax/_src/api_util.py (`flatten_axes`).
 */
import { avalText, EngineError, pyShape, type ErrorWhere } from "../errors";
import { pyRepr } from "../core/pytree";

export interface MappedLeaf {
  /** `argument a[0]` or `args[2]['w']`: who, as JAX names it. */
  who: string;
  shape: readonly number[];
  /** Its dtype's name (`float32`, `int32` …). */
  dtype: string;
  axis: number | null;
  /** Positional argument index and key path inside it (for the error's `where`). */
  index?: number;
  path?: string;
}

const IN_AXES: ErrorWhere = { kind: "in_axes" };

export function inAxesTypeError(inAxes: unknown): EngineError {
  return new EngineError(
    "in-axes-structure",
    `vmap in_axes must be an int, None, or a tuple of entries corresponding to the positional arguments passed to the function, but got ${pyRepr(inAxes)}.`,
    { where: IN_AXES, pyType: "TypeError" },
  );
}

/** vmap's and pmap's shared check, in the same words with their own name (JAX: api.py `vmap`, pmap.py `_prepare_pmap`). */
export function axesLeafError(which: "in_axes" | "out_axes", axes: unknown, transform: "vmap" | "pmap" = "vmap"): EngineError {
  return new EngineError(
    "in-axes-structure",
    `${transform} ${which} must be an int, None, or (nested) container with those types as leaves, but got ${pyRepr(axes)}.`,
    { where: { kind: which }, pyType: "TypeError" },
  );
}

export function inAxesLengthError(n: number, m: number): EngineError {
  return new EngineError(
    "in-axes-structure",
    `vmap in_axes must be an int, None, or a tuple of entries corresponding to the positional arguments passed to the function, but got len(in_axes)=${n}, len(args)=${m}.`,
    { where: IN_AXES },
  );
}

export function noArgumentsError(args: readonly unknown[]): EngineError {
  return new EngineError(
    "no-mapped-axis",
    `vmap wrapped function must be passed at least one argument containing an array or axis_size must be specified, got empty *args=${pyRepr(args)} and **kwargs={}`,
    { where: { kind: "axis_size" } },
  );
}

/**
 * `everyEntryNone`: in_axes is None or a tuple of Nones, so what is missing is axis_size; when
 * some entry is a (nested) tuple of Nones, the in_axes entry is the place to look.
 */
export function noMappedAxisError(everyEntryNone: boolean): EngineError {
  return new EngineError("no-mapped-axis", "vmap must have at least one non-None value in in_axes or axis_size must be specified", {
    where: everyEntryNone ? { kind: "axis_size" } : IN_AXES,
  });
}

export function axisRankError(axis: number, shape: readonly number[], index: number, path: string): EngineError {
  const minRank = axis >= 0 ? axis + 1 : -axis;
  return new EngineError(
    "axis-out-of-bounds",
    `vmap was requested to map its argument along axis ${axis}, which implies that its rank should be at least ${minRank}, but is only ${shape.length} (its shape is ${pyShape(shape)})`,
    { where: { kind: "in_axes", index, path } },
  );
}

/** As JAX's `_mapped_axis_size`: groups by size, largest group first, ties in order of first appearance. */
export function inconsistentSizesError(leaves: readonly MappedLeaf[], axisSize: number | undefined): EngineError {
  const groups: { size: number; first: MappedLeaf; count: number }[] = [];
  for (const l of leaves) {
    if (l.axis === null) continue;
    const size = l.shape[l.axis < 0 ? l.axis + l.shape.length : l.axis];
    const g = groups.find((x) => x.size === size);
    if (g) g.count++;
    else groups.push({ size, first: l, count: 1 });
  }
  const ordered = groups.map((g, i) => ({ ...g, i })).sort((a, b) => b.count - a.count || a.i - b.i);
  const lines: string[] = [];
  if (axisSize !== undefined) lines.push(`the \`axis_size\` argument was ${axisSize}`);
  ordered.forEach((g, i) => {
    const where = `axis ${g.first.axis} of ${g.first.who} of type ${avalText(g.first.shape, g.first.dtype)}`;
    if (g.count === 1) lines.push(`one axis had size ${g.size}: ${where}`);
    else lines.push(`${i === 0 ? "most" : "some"} axes (${g.count} of them) had size ${g.size}, e.g. ${where}`);
  });
  // With axis_size given, it is the odd one out; else the first leaf outside the largest group.
  const odd = ordered[1]?.first;
  const where: ErrorWhere =
    axisSize !== undefined ? { kind: "axis_size" } : odd?.index !== undefined ? { kind: "in_axes", index: odd.index, path: odd.path ?? "" } : IN_AXES;
  return new EngineError("inconsistent-sizes", `vmap got inconsistent sizes for array axes to be mapped:\n${lines.map((l) => `  * ${l}`).join(";\n")}`, { where });
}

export function outAxisError(axis: number, rank: number, path: string): EngineError {
  return new EngineError("axis-out-of-bounds", `axis ${axis} is out of bounds for array of dimension ${rank}`, { where: { kind: "out_axes", path, axis, rank } });
}

export function mappedOutputNoneError(path: string, bdim: number): EngineError {
  return new EngineError("mapped-output-none", `at vmap out_axes${path}, got axis spec None but output was batched on axis ${bdim}`, {
    where: { kind: "out_axes", path },
  });
}

/** axis_size must be a non-negative Python int (JAX fails later, in broadcasting; we say it up front). */
export function checkAxisSize(axisSize: unknown): void {
  if (axisSize === undefined || axisSize === null) return;
  if (typeof axisSize !== "number" || !Number.isInteger(axisSize)) {
    throw new EngineError("unsupported", `vmap axis_size must be an int, but got ${pyRepr(axisSize)}.`, { pyType: "TypeError", where: { kind: "axis_size" } });
  }
  if (axisSize < 0) throw new EngineError("unsupported", `vmap axis_size must be non-negative, but got ${axisSize}.`, { pyType: "ValueError", where: { kind: "axis_size" } });
}
