/**
 * vmap's argument plan: match in_axes to the argument leaves (the
 * pytree prefix rule), check each leaf's rank, find the one mapped size. `planArgs` never throws
 * an EngineError: it fills in every leaf it can and keeps the first error in JAX's order
 * (jax/_src/api.py: vmap's checks, flatten_axes, _mapped_axis_size). vmap and traceVmap throw
 * that error (`planVmap`); `describeArgs` hands the same plan to a UI as data, so the input
 * grids and the vmap that runs share one implementation of the in_axes rules.
 */
import type { BDim } from "../core/primitive";
import { paramNamesOf } from "../core/fnmeta";
import { axesLeavesValid, broadcastPrefix, treeFlatten, treeLeafPaths, type TreeDef } from "../core/pytree";
import { toValue, type Value } from "../core/tracer";
import { EngineError } from "../errors";
import type { ArgLeafStory, ArgsDescription } from "./storyTypes";
import * as E from "./vmapErrors";

export interface VmapOptions {
  axisSize?: number;
  /** jax.vmap's axis_name: collectives (psum, axis_index, …) in f name the mapped axis by it. */
  axisName?: string;
}

/** Everything vmap decided about its arguments before tracing. */
export interface ArgPlan {
  leaves: Value[];
  argsTree: TreeDef;
  /** Per leaf: in_axes entry as written, and normalised (null: unmapped, or out of range). */
  written: (number | null)[];
  inDims: BDim[];
  /** Per leaf: `argument a[0]` (JAX's name for it), parameter name, argument index, key path. */
  who: string[];
  params: string[];
  argIndex: number[];
  paths: string[];
  /** The one mapped size, or null when it cannot be decided (see `error`). */
  axisSize: number | null;
  /** The first error in JAX's order, or null. */
  error: EngineError | null;
}

export type VmapPlan = ArgPlan & { axisSize: number; error: null };

/** E1–E3 for in_axes: an int, None, or a tuple whose leaves are ints/None. */
export function checkInAxesSpec(inAxes: unknown, transform: "vmap" | "pmap" = "vmap"): void {
  const topOk = inAxes === null || inAxes === undefined || Array.isArray(inAxes) || (typeof inAxes === "number" && Number.isInteger(inAxes));
  // pmap checks only the leaves (jax/_src/pmap.py `_prepare_pmap`); vmap also the container.
  if (!topOk && transform === "vmap") throw E.inAxesTypeError(inAxes);
  if (!axesLeavesValid(inAxes)) throw E.axesLeafError("in_axes", inAxes, transform);
}

const isNone = (x: unknown) => x === null || x === undefined;

/**
 * Each argument leaf's parameter (its name in f, or `args[i]` past f's named parameters), the
 * positional index and the key path inside it, in flattening order.
 */
export function leafLabels(fun: Function | null, argsTree: TreeDef): { param: string; path: string; argIndex: number; named: boolean }[] {
  const names = (fun && paramNamesOf(fun)) ?? [];
  if (argsTree.kind !== "tuple") return [];
  return argsTree.children.flatMap((child, i) =>
    treeLeafPaths(child).map((path) => ({ param: i < names.length ? names[i] : `args[${i}]`, path, argIndex: i, named: i < names.length })),
  );
}

/** The plan, never throwing an EngineError: leaves it cannot decide are unmapped, `error` says why. */
export function planArgs(fun: Function | null, inAxes: unknown, args: readonly unknown[], opts: VmapOptions): ArgPlan {
  let error: EngineError | null = null;
  const fail = (e: EngineError): false => {
    error ??= e;
    return false;
  };
  const attempt = (f: () => void): boolean => {
    try {
      f();
      return true;
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      return fail(e);
    }
  };
  const specOk = attempt(() => checkInAxesSpec(inAxes));
  const sizeGiven = attempt(() => E.checkAxisSize(opts.axisSize)) ? opts.axisSize : undefined;
  const [raw, argsTree] = treeFlatten([...args]);
  const leaves = raw.map(toValue);
  if (argsTree.kind !== "tuple") throw new Error("unreachable");
  const labels = leafLabels(fun, argsTree);
  const who = labels.map((l) => (l.named ? `argument ${l.param}${l.path}` : `${l.param}${l.path}`));
  const params = labels.map((l) => l.param);
  const argIndex = labels.map((l) => l.argIndex);
  const paths = labels.map((l) => l.path);

  let written: (number | null)[] = leaves.map(() => null);
  const lengthOk = !Array.isArray(inAxes) || inAxes.length === args.length || fail(E.inAxesLengthError(inAxes.length, args.length));
  if (specOk && lengthOk) {
    const spec = Array.isArray(inAxes) ? inAxes : args.map(() => inAxes);
    attempt(() => {
      written = broadcastPrefix(spec, argsTree, "vmap in_axes", { kind: "in_axes" });
    });
  }
  if (leaves.length === 0 && sizeGiven === undefined) fail(E.noArgumentsError(args));
  const inDims: BDim[] = leaves.map((x, i) => {
    const a = written[i];
    if (a === null) return null;
    const r = x.shape.length;
    if (a >= -r && a < r) return a < 0 ? a + r : a;
    fail(E.axisRankError(a, x.shape, argIndex[i], paths[i]));
    return null;
  });
  const sizes = inDims.flatMap((d, i) => (d === null ? [] : [leaves[i].shape[d]]));
  const everyEntryNone = isNone(inAxes) || (Array.isArray(inAxes) && inAxes.every(isNone));
  if (sizes.length === 0 && sizeGiven === undefined) fail(E.noMappedAxisError(everyEntryNone));
  const all = sizeGiven === undefined ? sizes : [sizeGiven, ...sizes];
  let axisSize: number | null = all.length ? all[0] : null;
  if (all.some((s) => s !== all[0])) {
    axisSize = null;
    const described = leaves.map((x, i) => ({ who: who[i], shape: x.shape, dtype: x.dtype, axis: written[i], index: argIndex[i], path: paths[i] }));
    fail(E.inconsistentSizesError(described, sizeGiven));
  }
  return { leaves, argsTree, written, inDims, who, params, argIndex, paths, axisSize, error };
}

/** The plan vmap runs on: its first error is thrown. */
export function planVmap(fun: Function, inAxes: unknown, args: readonly unknown[], opts: VmapOptions): VmapPlan {
  const plan = planArgs(fun, inAxes, args, opts);
  if (plan.error) throw plan.error;
  return plan as VmapPlan;
}

/** Each argument leaf as the explorer draws it (traceVmap's `args` are the same objects). */
export function leafStories(plan: ArgPlan): ArgLeafStory[] {
  return plan.leaves.map((x, i) => {
    const d = plan.inDims[i];
    return {
      leaf: i,
      argIndex: plan.argIndex[i],
      param: plan.params[i],
      path: plan.paths[i],
      shape: [...x.shape],
      inAxisWritten: plan.written[i],
      inAxis: d,
      batchSize: d === null ? null : x.shape[d],
      sliceShape: x.shape.filter((_, k) => k !== d),
    };
  });
}

/**
 * What vmap makes of these arguments and in_axes, as data and without throwing: per leaf its key
 * path, parameter, shape, the in_axes entry as written and normalised, the batch size and the
 * slice shape f sees; the mapped size; and the error vmap would raise about the arguments (or
 * null). `fun` only names the parameters (null: `args[i]`).
 */
export function describeArgs(fun: Function | null, inAxes: unknown, args: readonly unknown[], opts: VmapOptions = {}): ArgsDescription {
  try {
    const plan = planArgs(fun, inAxes, args, opts);
    return { args: leafStories(plan), axisSize: plan.axisSize, error: plan.error };
  } catch (e) {
    // A leaf that is not an array (toValue's TypeError): nothing to draw, the error says why.
    if (e instanceof EngineError) return { args: [], axisSize: null, error: e };
    throw e;
  }
}
