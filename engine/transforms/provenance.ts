/**
 * Cell provenance of a vmap call: for each output cell, which input cells (of which argument
 * leaf) it was computed from. Worked out once at per-example shapes, then mapped through the vmap
 * plan: f is traced to a jaxpr at the slice shapes (what its code sees), each equation's
 * `provenance` rule (families: primitives/provenanceFamilies.ts) turns its operands' cell sets
 * into its results' — a jit equation interprets its own jaxpr the same way — and finally every
 * slice cell is placed at batch index k of its full argument (in_axes) and every result cell at k
 * along its out_axes. Semantics: vmap(f)(x)[k] = f(x[k]), so the mapping is exact for any
 * in_axes/out_axes, unmapped arguments and unbatched results broadcast along out_axes.
 */
import { NDArray } from "../array/ndarray";
import { rowMajorStrides, sizeOf } from "../array/shape";
import { sliceView, squeezeView } from "../array/views";
import { ShapedArray } from "../core/aval";
import { linearIndex, noCells, unionCells, type CellContext, type CellIds, type CellSets } from "../core/cells";
import type { Value } from "../core/tracer";
import { Jaxpr, traceToJaxpr, type Atom, type Var } from "../ir/jaxpr";
import type { CellSource } from "./storyTypes";
import type { VmapPlan } from "./vmap";

/** Above this many source entries in all (intermediate sets and the answer), provenance is left out. */
const PROVENANCE_SOURCE_BUDGET = 2_000_000;

class OverBudget extends Error {}

/** `unionCells` that counts what it allocates and gives up (OverBudget) past `limit` entries. */
function budgetedUnion(limit: number): CellContext["union"] {
  let spent = 0;
  return (sets) => {
    const u = unionCells(sets);
    if (u.length > 0 && !sets.includes(u) && (spent += u.length) > limit) throw new OverBudget();
    return u;
  };
}

/**
 * Runs each equation's provenance rule over a jaxpr: the call family's meaning. With `values`
 * (one example's concrete inputs) it also runs each equation's impl, so rules that read values
 * (indexing by values) see their operands' (`CellContext.values`).
 */
function jaxprCells(jaxpr: Jaxpr, ins: readonly CellSets[], union: CellContext["union"], values?: readonly (NDArray | null)[]): CellSets[] {
  const env = new Map<Var, CellSets>();
  const vals = new Map<Var, NDArray | null>();
  jaxpr.constvars.forEach((v, i) => {
    env.set(v, noCells(v.aval.shape));
    const c = jaxpr.consts[i];
    vals.set(v, c instanceof NDArray ? c : null);
  });
  jaxpr.invars.forEach((v, i) => (env.set(v, ins[i]), vals.set(v, values?.[i] ?? null)));
  const read = (a: Atom): CellSets => (a.kind === "lit" ? noCells(a.aval.shape) : env.get(a)!);
  const readValue = (a: Atom): NDArray | null => (a.kind === "lit" ? a.val : vals.get(a) ?? null);
  for (const e of jaxpr.eqns) {
    const xs = values ? e.inputs.map(readValue) : undefined;
    const ctx: CellContext = { outShapes: e.outputs.map((v) => v.aval.shape), union, values: xs };
    const outs = e.prim.provenance(e.inputs.map(read), e.params, ctx);
    e.outputs.forEach((v, i) => env.set(v, outs[i]));
    if (xs) {
      const known = xs.every((x) => x !== null);
      const outVals = known ? e.prim.impl(xs as NDArray[], e.params) : null;
      e.outputs.forEach((v, i) => vals.set(v, outVals ? outVals[i] : null));
    }
  }
  return jaxpr.outvars.map(read);
}

/** The call family (jit): its cells flow through the equations of the jaxpr it holds. */
export function calledCells(xs: CellSets[], { jaxpr }: { jaxpr: Jaxpr }, ctx: CellContext): CellSets[] {
  return jaxprCells(jaxpr, xs, ctx.union, ctx.values);
}

/** True when some equation (or one inside a jit call) reads values to know its cells. */
export function readsValues(jaxpr: Jaxpr): boolean {
  return jaxpr.eqns.some((e) => e.prim.provenanceReadsValues || (e.params?.jaxpr instanceof Jaxpr && readsValues(e.params.jaxpr)));
}

/** Argument leaf `x` at batch index k of axis `d` (d null: the whole leaf). */
function exampleOf(x: NDArray, d: number | null, k: number): NDArray {
  if (d === null) return x;
  return squeezeView(sliceView(x, x.shape.map((n, i) => (i === d ? { start: k, step: 1, size: 1 } : { start: 0, step: 1, size: n }))), [d]);
}

/** Shape with axis `d` removed (d null: unchanged). */
export const without = (shape: readonly number[], d: number | null) => (d === null ? [...shape] : shape.filter((_, i) => i !== d));

/** Row-major strides of `shape` with axis `d` left out: a slice cell's position in the whole array at k = 0. */
export const stridesWithout = (shape: readonly number[], d: number | null) => without(rowMajorStrides(shape), d);

/** Each output leaf as vmap placed it. */
export interface PlacedOutput {
  perExampleShape: readonly number[];
  /** Normalised out_axes entry, or null (returned as is). */
  outAxis: number | null;
  shape: readonly number[];
}

/**
 * Provenance per output leaf, per cell (row-major), or null above PROVENANCE_SOURCE_BUDGET.
 * `fun` takes the flat argument leaves, as vmap's body does.
 */
export function vmapProvenance(fun: (...xs: Value[]) => unknown, plan: VmapPlan, outputs: readonly PlacedOutput[], limit = PROVENANCE_SOURCE_BUDGET): CellSource[][] | null {
  const B = plan.axisSize;
  const full = plan.leaves.map((x) => x.shape);
  const slices = full.map((s, l) => without(s, plan.inDims[l]));
  // Global ids: leaf l's slice cell c is offsets[l] + c.
  const offsets: number[] = [];
  let total = 0;
  for (const s of slices) offsets.push(total), (total += sizeOf(s));
  const ins: CellSets[] = slices.map((s, l) => ({ shape: s, cells: Array.from({ length: sizeOf(s) }, (_, c) => Int32Array.of(offsets[l] + c)) }));
  const { jaxpr } = traceToJaxpr(fun, slices.map((s, l) => new ShapedArray(s, plan.leaves[l].dtype, plan.leaves[l].weak)));
  // Indexing by values: which cell is read depends on each example's indices, so the rules run
  // once per example with its values (vmap(f)(x)[k] = f(x[k])); otherwise once for every k.
  const perExample = readsValues(jaxpr) && plan.leaves.every((x) => x instanceof NDArray);
  let runs: CellSets[][];
  try {
    const union = budgetedUnion(limit);
    runs = perExample
      ? Array.from({ length: B }, (_, k) => jaxprCells(jaxpr, ins, union, plan.leaves.map((x, l) => exampleOf(x as NDArray, plan.inDims[l], k))))
      : [jaxprCells(jaxpr, ins, union)];
  } catch (e) {
    if (e instanceof OverBudget) return null;
    throw e;
  }
  const outs = runs[0];
  let entries = 0;
  outputs.forEach((o, i) => {
    if (outs[i]?.shape.join() !== o.perExampleShape.join()) throw new Error(`provenance: output ${i} traced as ${outs[i]?.shape}, vmap gave ${o.perExampleShape}`);
    for (const run of runs) for (const c of run[i].cells) entries += c.length * (o.outAxis === null || runs.length > 1 ? 1 : B);
  });
  if (entries > limit) return null;

  // Where slice cell g sits in its whole argument at k = 0, and how far one step of k moves it.
  const base = new Int32Array(total);
  const kStride = plan.inDims.map((d, l) => (d === null ? 0 : rowMajorStrides(full[l])[d]));
  slices.forEach((s, l) => {
    base.set(linearIndex(s, stridesWithout(full[l], plan.inDims[l])), offsets[l]);
  });
  const L = plan.leaves.length;
  const ends = offsets.map((o, l) => o + sizeOf(slices[l]));
  return outputs.map((o, i) => {
    const o_ = o.outAxis;
    // Whole-result cell → per-example cell: the out axis (k) does not move it.
    const perCell = o_ === null ? null : linearIndex(o.shape, insertZero(rowMajorStrides(o.perExampleShape), o_));
    const after = o_ === null ? 1 : sizeOf(o.shape.slice(o_ + 1));
    const n = sizeOf(o.shape);
    const res: CellSource[] = new Array(n);
    for (let j = 0; j < n; j++) {
      const k = o_ === null ? null : Math.floor(j / after) % B;
      const set: CellIds = runs[k !== null && runs.length > 1 ? k : 0][i].cells[perCell ? perCell[j] : j];
      const sources: number[][] = new Array(L);
      // Ids are sorted and each leaf's ids are one range, so each leaf's sources are one run.
      let t = 0;
      for (let l = 0; l < L; l++) {
        const start = t;
        const end = ends[l];
        while (t < set.length && set[t] < end) t++;
        sources[l] = leafSources(set, start, t, base, kStride[l], k, B);
      }
      res[j] = { k, sources };
    }
    return res;
  });
}

/**
 * Whole-argument cells for slice cells `set[start…end)` of one leaf at batch index k. A result
 * with no k (out_axes None) that read a mapped argument read it at every k.
 */
function leafSources(set: CellIds, start: number, end: number, base: Int32Array, kStride: number, k: number | null, B: number): number[] {
  if (k !== null || kStride === 0) {
    const shift = (k ?? 0) * kStride;
    const out = new Array<number>(end - start);
    for (let t = start; t < end; t++) out[t - start] = base[set[t]] + shift;
    return out;
  }
  const out: number[] = [];
  for (let t = start; t < end; t++) for (let kk = 0; kk < B; kk++) out.push(base[set[t]] + kk * kStride);
  return out.sort((x, y) => x - y);
}

/** Strides with a 0 inserted at axis `at` (the out axis, which does not move the per-example cell). */
export function insertZero(strides: readonly number[], at: number): number[] {
  return [...strides.slice(0, at), 0, ...strides.slice(at)];
}
