/**
 * vmap as an interpreter: each value carries the axis it is batched along (or none), and every
 * primitive's batching rule handles the whole batch at once — never a loop over examples.
 * Follows Autodidax "Vectorized batching with vmap"; JAX: jax/_src/interpreters/batching.py,
 * jax/_src/api.py (vmap, _mapped_axis_size). The argument plan: describe.ts; messages: vmapErrors.ts.
 */
import { ShapedArray } from "../core/aval";
import { isStable, keepParamNames } from "../core/fnmeta";
import type { AxisData, BDim, PrimitiveDef } from "../core/primitive";
import { axesLeavesValid, broadcastPrefix, treeFlatten, treeLeafPaths, treeUnflatten, type TreeDef } from "../core/pytree";
import { EngineError, relocated, type ClashOperand } from "../errors";
import { checkInAxesSpec, leafLabels, planVmap, type VmapOptions, type VmapPlan } from "./describe";
/** The argument plan lives in describe.ts (provenance.ts reads it from here). */
export type { VmapPlan } from "./describe";
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
  /** jax.vmap's axis_name, for collectives and the rules of control flow. */
  axisName?: string;
  listener?: PrimitiveListener;
  /** Called before each batching rule runs (the listener is told after it ran). */
  beforeRule?: () => void;
}

class BatchTracer extends Tracer {
  constructor(readonly trace: BatchTrace, readonly val: Value, readonly bdim: BDim) {
    super();
  }
  private perExample?: ShapedArray;
  /** The per-example aval: what the traced function sees (kept: rules ask for it many times). */
  get aval(): ShapedArray {
    if (this.perExample) return this.perExample;
    const full = avalOf(this.val);
    return (this.perExample = this.bdim === null ? full : new ShapedArray(full.shape.filter((_, i) => i !== this.bdim), full.dtype, full.weak));
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
    data.beforeRule?.();
    const axis: AxisData = { size: data.axisSize, name: data.axisName };
    const [outs, dims] = prim.batch(data.axisSize, ts.map((t) => t.val), ts.map((t) => t.bdim), params, axis);
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
  beforeRule?: () => void,
  axisName?: string,
): { outs: unknown[]; outDims: BDim[]; outTree: TreeDef } {
  const data: BatchData = { axisSize, axisName, listener, beforeRule };
  return withMainTrace((m: MainTrace<BatchData>) => new BatchTrace(m), data, (main) => {
    const trace = new BatchTrace(main);
    return withAxisFrame({ name: axisName, size: axisSize, main }, () => runBatched(fun, trace, main, args, inDims));
  });
}

/** One level of the axis environment: a vmap (named or not) and its trace. */
export interface AxisFrame {
  readonly name: string | undefined;
  readonly size: number;
  readonly main: MainTrace<unknown>;
}

/**
 * The axis environment: the vmaps running now, innermost last. Collectives look their axis
 * name up here (JAX: core.py `AxisEnv`, extended by `extend_axis_env_nd` in vmap); like the
 * trace stack it follows the dynamic extent of the running call.
 */
const axisFrames: AxisFrame[] = [];

function withAxisFrame<T>(frame: AxisFrame, fn: () => T): T {
  axisFrames.push(frame);
  try {
    return fn();
  } finally {
    axisFrames.pop();
  }
}

/** The innermost vmap named `name`, or undefined when the name is unbound. */
export function axisFrame(name: string): AxisFrame | undefined {
  for (let i = axisFrames.length - 1; i >= 0; i--) if (axisFrames[i].name === name) return axisFrames[i];
  return undefined;
}

/** The level of a per-example frame: below every trace, so every traced value may vary along it. */
const PER_EXAMPLE: MainTrace<unknown> = {
  level: -1,
  makeTrace: () => {
    throw new Error("a per-example axis frame has no trace");
  },
  data: null,
};

/**
 * Runs `fn` (tracing f at per-example shapes, as make_jaxpr's `axis_env` does) with `name`
 * bound to an axis of `size`, so collectives over it stage as equations instead of failing.
 */
export function withPerExampleAxis<T>(name: string | undefined, size: number, fn: () => T): T {
  return name === undefined ? fn() : withAxisFrame({ name, size, main: PER_EXAMPLE }, fn);
}

/** True for the frame of withPerExampleAxis (no vmap is running: nothing to batch into). */
export const isPerExampleFrame = (f: AxisFrame): boolean => f.main === PER_EXAMPLE;

/** `val` batched along `bdim` at the vmap level `frame` (axis_index's iota enters its vmap so). */
export function batchedAt(frame: AxisFrame, val: Value, bdim: number): Value {
  return new BatchTracer(new BatchTrace(frame.main as MainTrace<BatchData>), val, bdim);
}

function runBatched(fun: (xs: Value[]) => unknown, trace: BatchTrace, main: MainTrace<BatchData>, args: readonly Value[], inDims: readonly BDim[]) {
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
}

/** The in_axes/out_axes spec checks vmap and pmap share (each names itself in the message). */
export function checkAxesSpecs(inAxes: unknown, outAxes: unknown, transform: "vmap" | "pmap" = "vmap"): void {
  checkInAxesSpec(inAxes, transform);
  if (!axesLeavesValid(outAxes)) throw E.axesLeafError("out_axes", outAxes, transform);
}

/** Move each output leaf's batch axis to its out_axes entry, with JAX's out_axes errors. JAX: batching.py `matchaxis`. */
export function placeOutputs(outs: readonly unknown[], outDims: readonly BDim[], outTree: TreeDef, outAxes: unknown, axisSize: number) {
  const spec = broadcastPrefix(outAxes, outTree, "vmap out_axes", { kind: "out_axes" });
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
    if (o < -rank || o >= rank) throw E.outAxisError(o, rank, paths[i]);
    return moveBatchAxis(axisSize, src, o < 0 ? o + rank : o, v);
  });
  return { placed, spec, paths };
}

/** Marks "not run as a program": vmap batches primitive by primitive. */
export const EAGER: unique symbol = Symbol("eager");

/** The whole eager call on given argument leaves: output leaves (out_axes placed) and tree. */
export type BatchedCall = (leaves: readonly unknown[]) => { leaves: unknown[]; tree: TreeDef };

/**
 * Runs a call as one compiled program, or answers EAGER (vmapProgram.ts). It comes with jit's
 * compiler and registers itself when that loads, so vmap alone never pulls the compiler in;
 * `owner` is one object per vmapped function, under which the runner keeps its programs;
 * `stable`: f traces the same on every call (core/fnmeta.ts), so its trace may be kept too.
 */
export type ProgramRunner = (owner: object, plan: VmapPlan, batched: BatchedCall, stable: boolean) => unknown;

let programRunner: ProgramRunner | null = null;

export function setProgramRunner(run: ProgramRunner | null): void {
  programRunner = run;
}

/** jax.vmap: `vmap(fun, inAxes, outAxes, { axisSize })`. */
export function vmap(fun: Function, inAxes: unknown = 0, outAxes: unknown = 0, opts: VmapOptions = {}) {
  checkAxesSpecs(inAxes, outAxes);
  const programs = {}; // this function's compiled programs, kept by vmapProgram.ts
  const vmapped = (...args: unknown[]) =>
    withBudgetScope(() => {
      const plan = planVmap(fun, inAxes, args, opts);
      const batched: BatchedCall = (leaves) => {
        const { outs, outDims, outTree } = vmapList((xs) => callWithTree(fun, plan.argsTree, xs), plan.axisSize, leaves as Value[], plan.inDims, undefined, undefined, opts.axisName);
        return { leaves: placeOutputs(outs, outDims, outTree, outAxes, plan.axisSize).placed, tree: outTree };
      };
      // Big concrete arguments: the same call as one compiled program when it gives the same answer.
      const fast = programRunner?.(programs, plan, batched, isStable(fun)) ?? EAGER;
      if (fast !== EAGER) return fast;
      const { leaves, tree } = batched(plan.leaves);
      return treeUnflatten(tree, leaves);
    });
  return keepParamNames(fun, vmapped);
}

/**
 * Rebuild the positional arguments from flat leaves and call `fun` with them. Whatever f raises
 * belongs to the function (even an inner vmap's in_axes error is a mistake in f's text).
 */
export function callWithTree(fun: Function, argsTree: TreeDef, leaves: readonly unknown[]): unknown {
  try {
    return fun(...(treeUnflatten(argsTree, leaves) as unknown[]));
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    if (e.where.kind !== "function") throw relocated(e, { kind: "function" });
    // A shape error names the arrays it is about: say which of f's arguments have those
    // per-example shapes (an inner vmap's call of its own f said so first, for its arguments).
    if (e.shapes && !e.where.operands) throw relocated(e, { ...e.where, operands: clashOperands(e.shapes, fun, argsTree, leaves) });
    throw e;
  }
}

/** Per shape, the arguments (leaves) f received with that per-example shape. */
function clashOperands(shapes: readonly (readonly number[])[], fun: Function, argsTree: TreeDef, leaves: readonly unknown[]): ClashOperand[] {
  const labels = leafLabels(fun, argsTree);
  // What f's code sees: a batch tracer's per-example aval, an unmapped argument whole.
  const seen = leaves.map((x) => (x instanceof BatchTracer ? x.aval.shape : toValue(x).shape));
  return shapes.map((shape) => ({
    shape: [...shape],
    args: labels.filter((_, i) => seen[i].length === shape.length && seen[i].every((d, j) => d === shape[j])).map((l) => `${l.param}${l.path}`),
  }));
}

