/**
 * vmap as an interpreter: each value carries the axis it is batched along (or none), and every
 * primitive's batching rule handles the whole batch at once — never a loop over examples.
 * Follows Autodidax "Vectorized batching with vmap"; JAX: jax/_src/interpreters/batching.py,
 * jax/_src/api.py (vmap, _mapped_axis_size). Argument checks and messages: vmapErrors.ts.
 */
import { ShapedArray } from "../core/aval";
import { keepParamNames, paramNamesOf } from "../core/fnmeta";
import type { BDim, PrimitiveDef } from "../core/primitive";
import { axesLeavesValid, broadcastPrefix, treeFlatten, treeLeafPaths, treeUnflatten, type TreeDef } from "../core/pytree";
import { avalOf, isTracer, toValue, Trace, Tracer, withMainTrace, type MainTrace, type Value } from "../core/tracer";
import { withBudgetScope } from "../limits";
import { moveBatchAxis } from "../primitives/families";
import * as E from "./vmapErrors";

/** Called for every primitive vmap batches (traceVmap listens to tell the story). */
export type PrimitiveListener = (event: {
  prim: PrimitiveDef;
  params: unknown;
  inputs: { val: Value; bdim: BDim; aval: ShapedArray }[];
  outputs: { val: Value; bdim: BDim; aval: ShapedArray }[];
}) => void;

interface BatchData {
  axisSize: number;
  listener?: PrimitiveListener;
}

class BatchTracer extends Tracer {
  constructor(readonly trace: BatchTrace, readonly val: Value, readonly bdim: BDim) {
    super();
  }
  /** The per-example aval: what the traced function sees. */
  get aval(): ShapedArray {
    const full = avalOf(this.val).shape;
    return this.bdim === null ? new ShapedArray(full) : new ShapedArray(full.filter((_, i) => i !== this.bdim));
  }
  override fullLower(): Value {
    return this.bdim === null ? (isTracer(this.val) ? this.val.fullLower() : this.val) : this;
  }
}

class BatchTrace extends Trace<BatchData> {
  pure(x: Value): Tracer {
    return new BatchTracer(this, x, null);
  }
  process<P>(prim: PrimitiveDef<P>, tracers: Tracer[], params: P): Tracer[] {
    const ts = tracers as BatchTracer[];
    const data = this.main.data;
    const inAvals = ts.map((t) => t.aval);
    // Shape rule on per-example avals first, so errors quote the shapes the user reasons about.
    const outAvals = prim.shape(inAvals, params);
    const [outs, dims] = prim.batch(data.axisSize, ts.map((t) => t.val), ts.map((t) => t.bdim), params);
    data.listener?.({
      prim,
      params,
      inputs: ts.map((t, i) => ({ val: t.val, bdim: t.bdim, aval: inAvals[i] })),
      outputs: outs.map((o, i) => ({ val: o, bdim: dims[i], aval: outAvals[i] })),
    });
    return outs.map((o, i) => new BatchTracer(this, o, dims[i]));
  }
}

/**
 * The flat core: run `fun` on values batched along `inDims`, return each output leaf's batched
 * value and batch dim (null when it never depended on the mapped axis), and the output tree.
 */
export function vmapFlat(
  fun: (...xs: Value[]) => unknown,
  axisSize: number,
  args: readonly Value[],
  inDims: readonly BDim[],
  listener?: PrimitiveListener,
): { outs: unknown[]; outDims: BDim[]; outTree: TreeDef } {
  return vmapList((xs) => fun(...xs), axisSize, args, inDims, listener);
}

/** vmapFlat for a function taking its leaves as ONE list (any number of leaves, no spread). */
export function vmapList(
  fun: (xs: Value[]) => unknown,
  axisSize: number,
  args: readonly Value[],
  inDims: readonly BDim[],
  listener?: PrimitiveListener,
): { outs: unknown[]; outDims: BDim[]; outTree: TreeDef } {
  const data: BatchData = { axisSize, listener };
  return withMainTrace((m: MainTrace<BatchData>) => new BatchTrace(m), data, (main) => {
    const trace = new BatchTrace(main);
    const tracers = args.map((x, i) => (inDims[i] === null ? x : new BatchTracer(trace, x, inDims[i])));
    const [leaves, outTree] = treeFlatten(fun(tracers as Value[]));
    const outs: unknown[] = [];
    const outDims: BDim[] = [];
    for (const leaf of leaves) {
      if (leaf instanceof BatchTracer && leaf.trace.main === main) {
        outs.push(leaf.val);
        outDims.push(leaf.bdim);
      } else {
        outs.push(leaf);
        outDims.push(null);
      }
    }
    return { outs, outDims, outTree };
  });
}

export interface VmapOptions {
  axisSize?: number;
}

/** Everything vmap decided about its arguments before tracing: kept for traceVmap's story. */
export interface VmapPlan {
  leaves: Value[];
  inDims: BDim[];
  written: (number | null)[];
  who: string[];
  params: string[];
  argIndex: number[];
  paths: string[];
  axisSize: number;
  argsTree: TreeDef;
}

export function checkAxesSpecs(inAxes: unknown, outAxes: unknown): void {
  const topOk = inAxes === null || inAxes === undefined || Array.isArray(inAxes) || (typeof inAxes === "number" && Number.isInteger(inAxes));
  if (!topOk) throw E.inAxesTypeError(inAxes);
  if (!axesLeavesValid(inAxes)) throw E.axesLeafError("in_axes", inAxes);
  if (!axesLeavesValid(outAxes)) throw E.axesLeafError("out_axes", outAxes);
}

/** Match in_axes to the arguments, check ranks, find the one mapped size. JAX: api.py `vmap_f`, `_mapped_axis_size`. */
export function planVmap(fun: Function, inAxes: unknown, args: readonly unknown[], opts: VmapOptions): VmapPlan {
  E.checkAxisSize(opts.axisSize);
  if (Array.isArray(inAxes) && inAxes.length !== args.length) throw E.inAxesLengthError(inAxes.length, args.length);
  const [rawLeaves, argsTree] = treeFlatten([...args]);
  const spec = Array.isArray(inAxes) ? inAxes : args.map(() => inAxes);
  const written = broadcastPrefix(spec, argsTree, "vmap in_axes");
  if (argsTree.kind !== "tuple") throw new Error("unreachable");
  const names = paramNamesOf(fun) ?? [];
  const who: string[] = [];
  const params: string[] = [];
  const argIndex: number[] = [];
  const paths: string[] = [];
  argsTree.children.forEach((child, i) => {
    for (const p of treeLeafPaths(child)) {
      const param = i < names.length ? names[i] : `args[${i}]`;
      who.push(i < names.length ? `argument ${param}${p}` : `${param}${p}`);
      params.push(param);
      argIndex.push(i);
      paths.push(p);
    }
  });
  if (rawLeaves.length === 0 && opts.axisSize === undefined) throw E.noArgumentsError(args);
  const leaves = rawLeaves.map(toValue);
  const inDims: BDim[] = leaves.map((x, i) => {
    const a = written[i];
    if (a === null) return null;
    const r = x.shape.length;
    if (a < -r || a >= r) throw E.axisRankError(a, x.shape);
    return a < 0 ? a + r : a;
  });
  const sizes = inDims.flatMap((d, i) => (d === null ? [] : [leaves[i].shape[d]]));
  if (sizes.length === 0 && opts.axisSize === undefined) throw E.noMappedAxisError();
  const all = opts.axisSize === undefined ? sizes : [opts.axisSize, ...sizes];
  if (all.some((s) => s !== all[0])) {
    throw E.inconsistentSizesError(leaves.map((x, i) => ({ who: who[i], shape: x.shape, axis: written[i] })), opts.axisSize);
  }
  return { leaves, inDims, written, who, params, argIndex, paths, axisSize: all[0], argsTree };
}

/** Move each output leaf's batch axis to its out_axes entry, with JAX's out_axes errors. JAX: batching.py `matchaxis`. */
export function placeOutputs(outs: readonly unknown[], outDims: readonly BDim[], outTree: TreeDef, outAxes: unknown, axisSize: number) {
  const spec = broadcastPrefix(outAxes, outTree, "vmap out_axes");
  const paths = treeLeafPaths(outTree);
  const placed = outs.map((x, i) => {
    const o = spec[i];
    const src = outDims[i];
    if (o === null) {
      if (src !== null) throw E.mappedOutputNoneError(paths[i], src);
      return x;
    }
    const v = toValue(x);
    const rank = v.shape.length + (src === null ? 1 : 0);
    if (o < -rank || o >= rank) throw E.outAxisError(o, rank);
    return moveBatchAxis(axisSize, src, o < 0 ? o + rank : o, v);
  });
  return { placed, spec, paths };
}

/** jax.vmap: `vmap(fun, inAxes, outAxes, { axisSize })`. */
export function vmap(fun: Function, inAxes: unknown = 0, outAxes: unknown = 0, opts: VmapOptions = {}) {
  checkAxesSpecs(inAxes, outAxes);
  const vmapped = (...args: unknown[]) =>
    withBudgetScope(() => {
      const plan = planVmap(fun, inAxes, args, opts);
      const { outs, outDims, outTree } = vmapList((xs) => callWithTree(fun, plan.argsTree, xs), plan.axisSize, plan.leaves, plan.inDims);
      return treeUnflatten(outTree, placeOutputs(outs, outDims, outTree, outAxes, plan.axisSize).placed);
    });
  return keepParamNames(fun, vmapped);
}

/** Rebuild the positional arguments from flat leaves and call `fun` with them. */
export function callWithTree(fun: Function, argsTree: TreeDef, leaves: readonly unknown[]): unknown {
  return fun(...(treeUnflatten(argsTree, leaves) as unknown[]));
}

