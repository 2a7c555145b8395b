/**
 * Mapping by a loop: f called once per slice, then the results stacked — what a Python
 * `jnp.stack([f(x[i]) for i in range(n)])` does, the program vmap replaces with one batched
 * program. pmap's device lanes (pmap.ts) are the same loop over device blocks, and `loopMap` is
 * the naive loop the jit panel's "Ways to batch" times against vmap. Each call of f is traced or
 * run separately, so `make_jaxpr` of a loop holds n copies of f's equations.
 */
import type { BDim } from "../core/primitive";
import { broadcastPrefix, treeFlatten, treeLeafPaths, treeUnflatten, type TreeDef } from "../core/pytree";
import { toValue, type Value } from "../core/tracer";
import { EngineError } from "../errors";
import { keepParamNames } from "../core/fnmeta";
import { withBudgetScope } from "../limits";
import * as lax from "../primitives/lax";
import { outAxisError } from "./vmapErrors";
import { planVmap, type VmapOptions } from "./describe";
import { callWithTree, checkAxesSpecs } from "./vmap";

export interface SliceLoop {
  /** results[k][j]: output leaf j of the k-th call. */
  results: Value[][];
  outTree: TreeDef;
  /** Per call, per argument leaf: the shape f saw (null: the leaf was passed whole). */
  inShapes: (readonly number[] | null)[][];
}

/** Calls f n times; `sliceOf(leaf, k)` is the k-th call's value of a leaf, or null to pass it whole. */
export function sliceLoop(fun: Function, argsTree: TreeDef, leaves: readonly Value[], n: number, sliceOf: (leaf: number, k: number) => Value | null): SliceLoop {
  const results: Value[][] = [];
  const inShapes: (readonly number[] | null)[][] = [];
  let outTree: TreeDef | null = null;
  for (let k = 0; k < n; k++) {
    const shapes: (readonly number[] | null)[] = [];
    const xs = leaves.map((x, i) => {
      const s = sliceOf(i, k);
      shapes.push(s === null ? null : s.shape);
      return s ?? x;
    });
    const [outs, tree] = treeFlatten(callWithTree(fun, argsTree, xs));
    outTree = tree;
    results.push(outs.map(toValue));
    inShapes.push(shapes);
  }
  if (outTree === null) throw new EngineError("shape-error", "Need at least one array to stack.", { pyType: "ValueError" });
  return { results, outTree, inShapes };
}

/** `x[..., k, ...]` at `axis`: a slice of size one, squeezed (as JAX lowers a static index). */
export function takeAlong(x: Value, axis: number, k: number): Value {
  const sliced = lax.slice(x, x.shape.map((n, i) => (i === axis ? { start: k, step: 1, size: 1 } : { start: 0, step: 1, size: n })));
  return lax.squeeze(sliced, [axis]);
}

/**
 * Per output leaf and its out_axes entry `o`: null takes the first call's value; otherwise each
 * call's value gets a new axis at `o` (lax.expand_dims) and they are concatenated along `joinAxis(o)`.
 */
export function gatherOutputs(loop: SliceLoop, outAxes: unknown, name: string, joinAxis: (o: number, rank: number) => number): unknown {
  const spec = broadcastPrefix(outAxes, loop.outTree, name, { kind: "out_axes" });
  const paths = treeLeafPaths(loop.outTree);
  const gathered = spec.map((o, j) => {
    if (o === null) return loop.results[0][j];
    const rank = loop.results[0][j].shape.length + 1;
    if (o < -rank || o >= rank) {
      throw outAxisError(o, rank, paths[j]);
    }
    const at = o < 0 ? o + rank : o;
    return lax.concatenate(
      loop.results.map((r) => lax.expandDims(r[j], [at])),
      joinAxis(o, rank),
    );
  });
  return treeUnflatten(loop.outTree, gathered);
}

/**
 * The naive loop with vmap's own argument plan and errors: f on each slice along the in_axes,
 * then `jnp.stack` along out_axes (None: the first result, which vmap would only accept for an
 * output that does not depend on the slice).
 */
export function loopMap(fun: Function, inAxes: unknown = 0, outAxes: unknown = 0, opts: VmapOptions = {}) {
  checkAxesSpecs(inAxes, outAxes);
  const looped = (...args: unknown[]) =>
    withBudgetScope(() => {
      const plan = planVmap(fun, inAxes, args, opts);
      const dims: BDim[] = plan.inDims;
      const loop = sliceLoop(fun, plan.argsTree, plan.leaves, plan.axisSize, (i, k) => (dims[i] === null ? null : takeAlong(plan.leaves[i], dims[i]!, k)));
      return gatherOutputs(loop, outAxes, "vmap out_axes", (o, rank) => (o < 0 ? o + rank : o));
    });
  return keepParamNames(fun, looped);
}
