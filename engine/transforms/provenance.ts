/**
 * Cell provenance: which input cells each output cell was computed from. A dependency
 * interpreter runs the whole (vmapped) function with values that are arrays of source-cell
 * sets instead of numbers. Elementwise ops union aligned cells, reductions and dot_general
 * union what they contract, and data-movement primitives run their own impl on cell ids —
 * so any function in the language gets provenance without a per-function table.
 */
import { array } from "../array/create";
import { NDArray } from "../array/ndarray";
import { broadcastShapes, rowMajorStrides, sizeOf } from "../array/shape";
import { broadcastToView } from "../array/views";
import { ShapedArray } from "../core/aval";
import type { PrimitiveDef } from "../core/primitive";
import { Trace, Tracer, withDynamicTrace, type MainTrace, type Value } from "../core/tracer";

/** Each cell's sources as sorted global cell ids; capped so a big reduction stays cheap. */
type Deps = number[][];
const MAX_SOURCES = 4096;

class DepTracer extends Tracer {
  constructor(readonly trace: DepTrace, readonly shapeArr: readonly number[], readonly deps: Deps) {
    super();
  }
  get aval(): ShapedArray {
    return new ShapedArray(this.shapeArr);
  }
}

function union(sets: readonly number[][]): number[] {
  if (sets.length === 1) return sets[0];
  const s = new Set<number>();
  for (const set of sets) for (const x of set) if (s.size < MAX_SOURCES) s.add(x);
  return [...s].sort((a, b) => a - b);
}

/** Deps of `t` broadcast to `shape` (NumPy right-aligned), as a per-cell list. */
function broadcastDeps(t: DepTracer, shape: readonly number[]): Deps {
  const ids = broadcastToView(idArray(t.shapeArr), shape).flat();
  return Array.from(ids, (i) => t.deps[i]);
}

function idArray(shape: readonly number[]): NDArray {
  return array(Float64Array.from({ length: sizeOf(shape) }, (_, i) => i), shape);
}

class DepTrace extends Trace<DepData> {
  pure(x: Value): Tracer {
    const shape = x.shape;
    return new DepTracer(this, shape, Array.from({ length: sizeOf(shape) }, () => []));
  }
  process<P>(prim: PrimitiveDef<P>, tracers: Tracer[], params: P): Tracer[] {
    const ts = tracers as DepTracer[];
    const outAvals = prim.shape(ts.map((t) => t.aval), params);
    const handler = this.main.data.special.get(prim.name);
    if (handler) return handler(ts, params).map((o) => o as Tracer);
    return outAvals.map((aval) => new DepTracer(this, aval.shape, this.rule(prim, ts, params, aval.shape)));
  }
  private rule(prim: PrimitiveDef, ts: DepTracer[], params: any, out: readonly number[]): Deps {
    if (prim.elementwise) {
      const shape = broadcastShapes(ts.map((t) => t.shapeArr));
      const each = ts.map((t) => broadcastDeps(t, shape));
      return each[0].map((_, j) => union(each.map((d) => d[j])));
    }
    if (prim.name.startsWith("reduce_")) return reduceDeps(ts[0], params.axes, out);
    if (prim.name === "dot_general") return dotDeps(ts[0], ts[1], params, out);
    // Data movement: the primitive's own impl, run on cell ids (+1, so 0 marks "no source").
    // Operands get disjoint id ranges so a concatenate can tell its inputs apart.
    const all: number[][] = [];
    const idInputs = ts.map((t) => {
      const base = all.length;
      for (const d of t.deps) all.push(d);
      return array(Float64Array.from({ length: t.deps.length }, (_, i) => base + i + 1), t.shapeArr);
    });
    const flat = prim.impl(idInputs, params)[0].flat();
    return Array.from(flat, (id) => (id === 0 ? [] : all[id - 1]));
  }
}

function multiIndex(j: number, strides: readonly number[]): number[] {
  return strides.map((s) => {
    const i = Math.floor(j / s);
    j -= i * s;
    return i;
  });
}

function reduceDeps(x: DepTracer, axes: readonly number[], out: readonly number[]): Deps {
  const res: number[][][] = Array.from({ length: sizeOf(out) }, () => []);
  const xs = rowMajorStrides(x.shapeArr);
  const kept = x.shapeArr.map((_, i) => i).filter((i) => !axes.includes(i));
  const os = rowMajorStrides(out);
  x.deps.forEach((d, j) => {
    const idx = multiIndex(j, xs);
    const o = kept.reduce((acc, ax, k) => acc + idx[ax] * (os[k] ?? 0), 0);
    res[o].push(d);
  });
  return res.map(union);
}

function dotDeps(l: DepTracer, r: DepTracer, p: any, out: readonly number[]): Deps {
  const lFree = l.shapeArr.map((_, i) => i).filter((i) => !p.lhsContract.includes(i) && !p.lhsBatch.includes(i));
  const rFree = r.shapeArr.map((_, i) => i).filter((i) => !p.rhsContract.includes(i) && !p.rhsBatch.includes(i));
  const ls = rowMajorStrides(l.shapeArr);
  const rs = rowMajorStrides(r.shapeArr);
  const os = rowMajorStrides(out);
  const nb = p.lhsBatch.length;
  const contractSizes = p.lhsContract.map((a: number) => l.shapeArr[a]);
  const cs = rowMajorStrides(contractSizes);
  const nc = sizeOf(contractSizes);
  return Array.from({ length: sizeOf(out) }, (_, j) => {
    const idx = multiIndex(j, os);
    const sets: number[][] = [];
    for (let c = 0; c < nc; c++) {
      const ci = multiIndex(c, cs);
      let lo = 0;
      let ro = 0;
      p.lhsBatch.forEach((a: number, k: number) => (lo += idx[k] * ls[a]));
      p.rhsBatch.forEach((a: number, k: number) => (ro += idx[k] * rs[a]));
      lFree.forEach((a, k) => (lo += idx[nb + k] * ls[a]));
      rFree.forEach((a, k) => (ro += idx[nb + lFree.length + k] * rs[a]));
      p.lhsContract.forEach((a: number, k: number) => (lo += ci[k] * ls[a]));
      p.rhsContract.forEach((a: number, k: number) => (ro += ci[k] * rs[a]));
      sets.push(l.deps[lo], r.deps[ro]);
    }
    return union(sets);
  });
}

interface DepData {
  special: Map<string, (ts: DepTracer[], params: any) => Value[]>;
}

/**
 * Runs `fun` on dependency values: input leaf i's cell c has the single source (i, c).
 * Returns, per output leaf, per cell, the sources grouped by input leaf.
 * `special` handles primitives that are programs (jit_call): they are interpreted here.
 */
export function traceProvenance(
  fun: (...xs: Value[]) => unknown[],
  inputShapes: readonly (readonly number[])[],
  special: DepData["special"] = new Map(),
): { shape: readonly number[]; sources: number[][][] }[] {
  const offsets: number[] = [];
  let total = 0;
  for (const s of inputShapes) {
    offsets.push(total);
    total += sizeOf(s);
  }
  return withDynamicTrace((m: MainTrace<DepData>) => new DepTrace(m), { special }, (main) => {
    const trace = new DepTrace(main);
    const ins = inputShapes.map((s, i) => new DepTracer(trace, s, Array.from({ length: sizeOf(s) }, (_, c) => [offsets[i] + c])));
    const outs = fun(...ins);
    return outs.map((o) => {
      const t = o instanceof DepTracer ? o : (trace.pure(o as Value) as DepTracer);
      return {
        shape: t.shapeArr,
        sources: t.deps.map((set) => {
          const byLeaf: number[][] = inputShapes.map(() => []);
          for (const g of set) {
            let leaf = offsets.length - 1;
            while (offsets[leaf] > g) leaf--;
            byLeaf[leaf].push(g - offsets[leaf]);
          }
          return byLeaf;
        }),
      };
    });
  });
}
