/**
 * Named-axis collectives: `jax.vmap(f, axis_name='b')` lets f read across the mapped axis with
 * psum, pmean, pmax, pmin, all_gather and axis_index. Under the vmap that binds the name they are
 * ordinary array operations over the batch axis — psum a reduce_sum over it, all_gather the
 * batched value itself, axis_index an iota along it — whose results no longer vary per example
 * (batch dim None). A value that does not vary along the name is a constant reduction (psum:
 * times the axis size). Another vmap passes them through. A name no enclosing vmap binds is
 * JAX's NameError. JAX: jax/_src/lax/parallel.py (`psum`, `_batched_reduction_collective`,
 * `_constant_reduction`, `_all_gather_batched_collective`, `_axis_index_batcher`,
 * `_check_axis_names`), core.py (`AxisEnv.axis_size`).
 */
import { fromFlat, scalarOfType } from "../array/create";
import { binary } from "../array/kernels";
import { ShapedArray } from "../core/aval";
import { definePrimitive, type PrimitiveDef } from "../core/primitive";
import { bind1, isTracer, toValue, type Value } from "../core/tracer";
import { treeFlatten, treeUnflatten } from "../core/pytree";
import { EngineError } from "../errors";
import { convert, divP, eqP, mulP } from "../primitives/elementwise";
import { moveBatchAxis } from "../primitives/families";
import * as lax from "../primitives/lax";
import { axisFrame, batchedAt, isPerExampleFrame } from "../transforms/vmap";
import { NO_CELLS } from "../core/cells";
import { allCells } from "./closed";

const nameError = (msg: string) => new EngineError("unsupported", msg, { pyType: "NameError" });

/** The size of the vmap bound to `name`; JAX's core.AxisEnv.axis_size error when none is. */
export function axisSize(name: string): number {
  const f = axisFrame(name);
  if (!f) throw nameError(`unbound axis name: ${name}`);
  return f.size;
}

/** JAX's `_check_axis_names`, run by a collective's abstract evaluation. */
function checkAxisNames(names: readonly string[], api: string): void {
  for (const n of names) {
    if (!axisFrame(n)) throw nameError(`Found an unbound axis name: ${n}. To fix this, please call ${api} under \`jax.shard_map\`.`);
  }
}

/**
 * Whether `v` can vary along the vmap bound to `name`: only a tracer of that vmap's level or
 * above can. Anything else (an array, a tracer of a jit staged outside that vmap) is the same
 * on every example, so a collective over the name is a constant reduction there and then.
 */
function variesAlong(v: Value, name: string): boolean {
  const f = axisFrame(name);
  return f !== undefined && isTracer(v) && v.trace.main.level >= f.main.level;
}

/** A collective over `names` of one leaf: constant reductions for names it cannot vary along, a bind for the rest. */
function reduceNamed(prim: PrimitiveDef<CollectiveParams>, kind: Kind, v: Value, names: readonly string[]): Value {
  const constant = names.filter((n) => !variesAlong(v, n));
  const size = constant.reduce((k, n) => k * axisSize(n), 1);
  const varying = names.filter((n) => variesAlong(v, n));
  const out = varying.length > 0 ? bind1(prim, [v], { axes: varying }) : v;
  return constant.length > 0 ? constantReduction(kind, out, size) : out;
}

const pyStrTuple = (names: readonly string[]) => `(${names.map((n) => `'${n}'`).join(", ")}${names.length === 1 ? "," : ""})`;

export interface CollectiveParams {
  readonly axes: readonly string[];
}

type Kind = "sum" | "max" | "min";

function reduceOver(kind: Kind, x: Value, d: number): Value {
  return kind === "sum" ? lax.reduceSum(x, [d]) : kind === "max" ? lax.reduceMax(x, [d]) : lax.reduceMin(x, [d]);
}

/** What a value that does not vary along `size` examples reduces to. JAX: `_constant_reduction`. */
function constantReduction(kind: Kind, x: Value, size: number): Value {
  return kind === "sum" ? bind1(mulP, [x, size]) : x;
}

function collective(name: string, kind: Kind): PrimitiveDef<CollectiveParams> {
  const prim: PrimitiveDef<CollectiveParams> = definePrimitive<CollectiveParams>({
    name,
    shape: ([x], { axes }) => {
      checkAxisNames(axes, "psum");
      return [new ShapedArray(x.shape, x.dtype, x.weak)];
    },
    dtype: ([x]) => x,
    impl: ([x], { axes }) => {
      // Reached with a value no named vmap batches: the same value on every example.
      checkAxisNames(axes, "psum");
      const size = axes.reduce((n, a) => n * axisSize(a), 1);
      return [kind === "sum" ? binary(x.dtype === "int32" ? "imul" : "mul", x, scalarOfType(size, x.dtype), "mul", x.dtype) : x];
    },
    cost: ([x]) => x.size,
    batch: (B, [x], [d], p, axis) => {
      const mine = axis?.name !== undefined && p.axes.includes(axis.name);
      if (!mine) return [[bind1(prim, [x], p)], [d]];
      const rest = p.axes.filter((a) => a !== axis!.name);
      const out = d === null ? constantReduction(kind, x, B) : reduceOver(kind, x, d);
      return [[rest.length > 0 ? reduceNamed(prim, kind, out, rest) : out], [null]];
    },
    provenance: allCells,
    // JAX: `_psum_transpose_rule`, the cotangent summed over the same axes; pmax and pmin have
    // no differentiation rule in JAX (the error grad gives for any primitive without one).
    vjp: ([ct], _xs, _o, p) => {
      if (kind !== "sum") throw new EngineError("unsupported", `Differentiation rule for '${name}' not implemented`, { pyType: "NotImplementedError" });
      return [ct === null ? null : reduceNamed(prim, kind, ct, p.axes)];
    },
    printParams: ({ axes }) => `axes=${pyStrTuple(axes)} axis_index_groups=None`,
  });
  return prim;
}

export const psumP = collective("psum", "sum");
export const pmaxP = collective("pmax", "max");
export const pminP = collective("pmin", "min");

export interface AllGatherParams {
  readonly axisName: string;
  readonly axisSize: number;
  readonly axis: number;
  readonly tiled: boolean;
}

function gatheredShape(shape: readonly number[], { axisSize: n, axis, tiled }: AllGatherParams): number[] {
  const out = [...shape];
  if (tiled) out[axis] *= n;
  else out.splice(axis, 0, n);
  return out;
}

/** The gathered array with the batch (at 0 of `x`) placed at `axis`, folded into it when tiled. */
function placeGathered(x: Value, p: AllGatherParams): Value {
  const moved = moveBatchAxis(p.axisSize, 0, p.axis, x);
  if (!p.tiled) return moved;
  const shape = [...moved.shape];
  shape.splice(p.axis, 2, shape[p.axis] * shape[p.axis + 1]);
  return lax.reshape(moved, shape);
}

export const allGatherP: PrimitiveDef<AllGatherParams> = definePrimitive<AllGatherParams>({
  name: "all_gather",
  shape: ([x], p) => {
    checkAxisNames([p.axisName], "all_gather");
    return [new ShapedArray(gatheredShape(x.shape, p), x.dtype, x.weak)];
  },
  dtype: ([x]) => x,
  impl: ([x], p) => {
    checkAxisNames([p.axisName], "all_gather");
    return [placeGathered(moveBatchAxis(p.axisSize, null, 0, x), p) as typeof x];
  },
  batch: (B, [x], [d], p, axis) => {
    if (axis?.name !== p.axisName) {
      if (d === null) return [[bind1(allGatherP, [x], p)], [null]];
      // Another vmap's batch axis rides along at the front.
      const front = moveBatchAxis(B, d, 0, x);
      return [[bind1(allGatherP, [front], { ...p, axis: p.axis + 1 })], [0]];
    }
    return [[placeGathered(moveBatchAxis(B, d, 0, x), p)], [null]];
  },
  provenance: allCells,
  vjp: ([ct], _xs, _outs, p) => [ct === null ? null : psumScatter(ct, p)],
  printParams: (p) => `all_gather_dimension=${p.axis} axis_index_groups=None axis_name=${pyStrTuple([p.axisName])} axis_size=${p.axisSize} tiled=${p.tiled ? "True" : "False"}`,
});

/**
 * all_gather's transpose, JAX's psum_scatter (`_all_gather_transpose_rule`): example k gets the
 * sum over every example's cotangent of block k along the gathered axis — the psum of the
 * cotangents, with block axis_index picked out by a one-hot mask.
 */
function psumScatter(ct: Value, p: AllGatherParams): Value {
  let total = psum(ct, p.axisName) as Value;
  if (p.tiled) {
    const shape = [...total.shape];
    shape.splice(p.axis, 1, p.axisSize, shape[p.axis] / p.axisSize);
    total = lax.reshape(total, shape);
  }
  const iota = fromFlat(Float64Array.from({ length: p.axisSize }, (_, i) => i), [p.axisSize], "int32");
  const mine = convert(bind1(eqP, [iota, axisIndex(p.axisName)]), total.dtype);
  return lax.reduceSum(bind1(mulP, [total, lax.broadcastInDim(mine, [...total.shape], [p.axis])]), [p.axis]);
}

type AxisNameArg = string | readonly string[];
const namesOf = (n: AxisNameArg): string[] => (typeof n === "string" ? [n] : [...n]);

function mapLeaves(x: unknown, f: (v: Value) => Value): unknown {
  const [leaves, tree] = treeFlatten(x);
  return treeUnflatten(tree, leaves.map((l) => f(toValue(l))));
}

/** jax.lax.psum(x, axis_name): bool leaves summed as int32; a constant is times the axis size. */
export function psum(x: unknown, axisName: AxisNameArg): unknown {
  const axes = namesOf(axisName);
  if (axes.length === 0) return x;
  return mapLeaves(x, (v) => {
    const leaf = v.dtype === "bool" ? convert(v, "int32") : v;
    if (!isTracer(leaf)) return bind1(mulP, [leaf, axes.reduce((n, a) => n * axisSize(a), 1)]);
    checkAxisNames(axes, "psum");
    return reduceNamed(psumP, "sum", leaf, axes);
  });
}

/** jax.lax.pmean(x, axis_name): psum divided by the axis size (psum(1, axis_name)). */
export function pmean(x: unknown, axisName: AxisNameArg): unknown {
  const s = psum(x, axisName);
  const n = namesOf(axisName).reduce((k, a) => k * axisSize(a), 1);
  return mapLeaves(s, (v) => bind1(divP, [v, n]));
}

export function pmax(x: unknown, axisName: AxisNameArg): unknown {
  return mapLeaves(x, (v) => (checkAxisNames(namesOf(axisName), "psum"), reduceNamed(pmaxP, "max", v, namesOf(axisName))));
}

export function pmin(x: unknown, axisName: AxisNameArg): unknown {
  return mapLeaves(x, (v) => (checkAxisNames(namesOf(axisName), "psum"), reduceNamed(pminP, "min", v, namesOf(axisName))));
}

/** jax.lax.all_gather(x, axis_name, axis=0, tiled=False). */
export function allGather(x: unknown, axisName: string, opts: { axis?: number; tiled?: boolean } = {}): unknown {
  const n = axisSize(axisName);
  return mapLeaves(x, (v) => {
    const rank = v.ndim + (opts.tiled ? 0 : 1);
    const a = opts.axis ?? 0;
    if (!Number.isInteger(a) || a < -rank || a >= rank) throw new EngineError("unsupported", `axis ${a} is out of bounds for array of dimension ${rank}`, { pyType: "ValueError" });
    return bind1(allGatherP, [v], { axisName, axisSize: n, axis: a < 0 ? a + rank : a, tiled: Boolean(opts.tiled) });
  });
}

export interface AxisIndexParams {
  readonly axisName: string;
}

/**
 * axis_index as an equation: only ever staged, by a per-example trace (make_jaxpr's axis_env);
 * under vmap it is an iota along the batch axis (JAX: `_axis_index_batcher`).
 */
export const axisIndexP: PrimitiveDef<AxisIndexParams> = definePrimitive<AxisIndexParams>({
  name: "axis_index",
  shape: () => [new ShapedArray([], "int32")],
  dtype: () => ({ dtype: "int32", weak: false }),
  impl: (_xs, { axisName }) => {
    throw nameError(`Found an unbound axis name: ${axisName}. To fix this, please call axis_index under \`jax.shard_map\`.`);
  },
  cost: () => 0,
  batch: () => {
    throw new Error("axis_index has no operands to batch");
  },
  provenance: (_xs, _p, ctx) => ctx.outShapes.map((shape) => ({ shape, cells: [NO_CELLS] })),
  vjp: () => [],
  printParams: ({ axisName }) => `axis_name=${axisName}`,
});

/** jax.lax.axis_index(axis_name): this example's position along the named axis (int32). */
export function axisIndex(axisName: string): Value {
  const f = axisFrame(axisName);
  if (!f) throw nameError(`Found an unbound axis name: ${axisName}. To fix this, please call axis_index under \`jax.shard_map\`.`);
  if (isPerExampleFrame(f)) return bind1(axisIndexP, [], { axisName });
  const iota = fromFlat(Float64Array.from({ length: f.size }, (_, i) => i), [f.size], "int32");
  return batchedAt(f, iota, 0);
}
