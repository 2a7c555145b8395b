/**
 * Symbolic cells of a vmap call: each output cell as the expression that computed it from
 * input cells (core/symbols.ts). Like provenance (provenance.ts) it is worked out once at
 * per-example shapes and mapped through the vmap plan, since vmap(f)(x)[k] = f(x[k]): f is traced
 * to a jaxpr at the slice shapes, each equation's cells are built from its operands' (which
 * operand cells: the primitive's own `provenance` rule, run on cell ids; how they combine: its
 * `symbol` form), and every slice cell is then named by its place in the whole argument at k.
 */
import { rowMajorStrides, sizeOf } from "../array/shape";
import { pyScalar } from "../array/scalarText";
import { ShapedArray } from "../core/aval";
import { linearIndex, unionCells, type CellSets } from "../core/cells";
import type { PrimitiveDef } from "../core/primitive";
import type { CellExpr, SymbolForm } from "../core/symbols";
import { toValue, type Value } from "../core/tracer";
import { traceToJaxpr, type Atom, type Jaxpr, type Var } from "../ir/jaxpr";
import type { DotGeneralParams } from "../primitives/dot";
import { insertZero, readsValues, stridesWithout, without, type PlacedOutput } from "./provenance";
import type { VmapPlan } from "./vmap";

/** Above this many expression nodes built in all, symbols are left out (null). */
const SYMBOL_NODE_BUDGET = 200_000;

class OverBudget extends Error {}

interface Exprs {
  shape: readonly number[];
  cells: CellExpr[];
}

/** Counts the nodes built; past the budget the whole answer is given up. */
class Builder {
  private spent = 0;
  constructor(private readonly limit: number) {}
  node<T extends CellExpr>(e: T): T {
    if (++this.spent > this.limit) throw new OverBudget();
    return e;
  }
}

/** A constant array's cells, as Python prints each value (a traced constant: unknown, `c`). */
function constCells(v: Value | null, shape: readonly number[], b: Builder): Exprs {
  const arr = v === null ? null : (toValue(v) as { flat?: () => Float64Array; dtype: string });
  const data = arr?.flat?.();
  const cells = Array.from({ length: sizeOf(shape) }, (_, i) =>
    b.node({ t: "const" as const, text: data ? pyScalar(data[data.length === 1 ? 0 : i], arr!.dtype as never) : "c" }),
  );
  return { shape, cells };
}

/**
 * For each result cell of one equation, the operand cells it reads as (operand, cell) pairs,
 * in operand order then row-major: the primitive's provenance rule run on one id per cell.
 */
function readsOf(prim: PrimitiveDef, params: unknown, shapes: readonly (readonly number[])[], outShapes: readonly (readonly number[])[]): [number, number][][][] {
  const offsets: number[] = [];
  let total = 0;
  for (const s of shapes) offsets.push(total), (total += sizeOf(s));
  const ids: CellSets[] = shapes.map((s, i) => ({ shape: s, cells: Array.from({ length: sizeOf(s) }, (_, c) => Int32Array.of(offsets[i] + c)) }));
  const outs = prim.provenance(ids, params, { outShapes, union: unionCells });
  return outs.map((o) =>
    o.cells.map((set) =>
      Array.from(set, (id): [number, number] => {
        let i = offsets.length - 1;
        while (offsets[i] > id) i--;
        return [i, id - offsets[i]];
      }),
    ),
  );
}

/** dot_general: result cell (batch, lhs free, rhs free) is Σ over the contracted index of lhs·rhs. */
function contracted([l, r]: Exprs[], p: DotGeneralParams, out: readonly number[], b: Builder): Exprs {
  const free = (n: number, batch: number[], contract: number[]) => Array.from({ length: n }, (_, d) => d).filter((d) => !batch.includes(d) && !contract.includes(d));
  const lFree = free(l.shape.length, p.lhsBatch, p.lhsContract);
  const rFree = free(r.shape.length, p.rhsBatch, p.rhsContract);
  const cShape = p.lhsContract.map((d) => l.shape[d]);
  const cIdx = Array.from({ length: sizeOf(cShape) }, (_, t) => unravel(t, cShape));
  const ls = rowMajorStrides(l.shape);
  const rs = rowMajorStrides(r.shape);
  const nb = p.lhsBatch.length;
  const cells = Array.from({ length: sizeOf(out) }, (_, j) => {
    const o = unravel(j, out);
    let lAt = 0;
    let rAt = 0;
    p.lhsBatch.forEach((d, i) => (lAt += o[i] * ls[d]));
    p.rhsBatch.forEach((d, i) => (rAt += o[i] * rs[d]));
    lFree.forEach((d, i) => (lAt += o[nb + i] * ls[d]));
    rFree.forEach((d, i) => (rAt += o[nb + lFree.length + i] * rs[d]));
    const terms = cIdx.map((c) => {
      let li = lAt;
      let ri = rAt;
      c.forEach((x, i) => ((li += x * ls[p.lhsContract[i]]), (ri += x * rs[p.rhsContract[i]])));
      return b.node<CellExpr>({ t: "op", form: "infix", op: "·", prec: 2, args: [l.cells[li], r.cells[ri]] });
    });
    return terms.length === 1 ? terms[0] : b.node<CellExpr>({ t: "reduce", op: "sum", terms });
  });
  return { shape: out, cells };
}

function unravel(i: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    out[d] = i % shape[d];
    i = Math.floor(i / shape[d]);
  }
  return out;
}

/** One equation's result cells from its operands' (see the header). */
function applySymbol(prim: PrimitiveDef, params: unknown, xs: Exprs[], outShapes: readonly (readonly number[])[], b: Builder): Exprs[] {
  const form: SymbolForm | undefined = prim.symbol?.(params);
  if (form?.form === "inline") return jaxprExprs(form.jaxpr, xs, b);
  if (form?.form === "contract") return [contracted(xs, params as DotGeneralParams, outShapes[0], b)];
  const reads = readsOf(prim, params, xs.map((x) => x.shape), outShapes);
  return reads.map((perCell, o) => ({
    shape: outShapes[o],
    cells: perCell.map((rd) => {
      const args = rd.map(([i, c]) => xs[i].cells[c]);
      if (!form) return b.node<CellExpr>({ t: "op", form: "call", op: prim.name, args });
      switch (form.form) {
        case "same":
          // A padding cell reads nothing: it is the padding value, 0.
          return args[0] ?? b.node<CellExpr>({ t: "const", text: "0" });
        case "reduce":
          return args.length === 1 ? args[0] : b.node<CellExpr>({ t: "reduce", op: form.op, terms: args });
        case "infix":
          return b.node<CellExpr>({ t: "op", form: "infix", op: form.op, prec: form.prec, args });
        default:
          return b.node<CellExpr>({ t: "op", form: form.form, op: form.op, args });
      }
    }),
  }));
}

/** The jaxpr's output cells from its input cells, equation by equation. */
function jaxprExprs(jaxpr: Jaxpr, ins: readonly Exprs[], b: Builder): Exprs[] {
  const env = new Map<Var, Exprs>();
  jaxpr.constvars.forEach((v, i) => env.set(v, constCells(jaxpr.consts[i] ?? null, v.aval.shape, b)));
  jaxpr.invars.forEach((v, i) => env.set(v, ins[i]));
  const read = (a: Atom): Exprs => (a.kind === "lit" ? constCells(a.val, a.aval.shape, b) : env.get(a)!);
  for (const e of jaxpr.eqns) {
    const outs = applySymbol(e.prim, e.params, e.inputs.map(read), e.outputs.map((v) => v.aval.shape), b);
    e.outputs.forEach((v, i) => env.set(v, outs[i]));
  }
  return jaxpr.outvars.map(read);
}

/**
 * Per output leaf, per cell (row-major), its expression over whole-argument cells; null above
 * the node budget. `fun` takes the flat argument leaves, as vmap's body does.
 */
export function vmapSymbols(fun: (...xs: Value[]) => unknown, plan: VmapPlan, outputs: readonly PlacedOutput[], limit = SYMBOL_NODE_BUDGET): CellExpr[][] | null {
  const B = plan.axisSize;
  const full = plan.leaves.map((x) => x.shape);
  const slices = full.map((s, l) => without(s, plan.inDims[l]));
  const b = new Builder(limit);
  try {
    const ins: Exprs[] = slices.map((s, leaf) => ({ shape: s, cells: Array.from({ length: sizeOf(s) }, (_, cell) => b.node<CellExpr>({ t: "in", leaf, cell })) }));
    // Each slice with its argument's dtype (an int index must stay an int: gather checks it).
    const { jaxpr } = traceToJaxpr(fun, slices.map((s, l) => new ShapedArray(s, plan.leaves[l].dtype, plan.leaves[l].weak)));
    // Indexing by values picks cells by each example's indices: not written symbolically here
    // (the picture shows numbers; provenance still follows each example, provenance.ts).
    if (readsValues(jaxpr)) return null;
    const outs = jaxprExprs(jaxpr, ins, b);
    // Where slice cell c of leaf l sits in its whole argument at k = 0, and one step of k.
    const base = slices.map((s, l) => linearIndex(s, stridesWithout(full[l], plan.inDims[l])));
    const kStride = plan.inDims.map((d, l) => (d === null ? 0 : rowMajorStrides(full[l])[d]));
    return outputs.map((o, i) => {
      const cells = outs[i].cells;
      const oa = o.outAxis;
      const perCell = oa === null ? null : linearIndex(o.shape, insertZero(rowMajorStrides(o.perExampleShape), oa));
      const after = oa === null ? 1 : sizeOf(o.shape.slice(oa + 1));
      const placed = new Map<number, Map<CellExpr, CellExpr>>();
      // Each slice expression named at batch index k (shared sub-expressions stay shared).
      const at = (e: CellExpr, k: number): CellExpr => {
        let m = placed.get(k);
        if (!m) placed.set(k, (m = new Map()));
        const hit = m.get(e);
        if (hit) return hit;
        let r: CellExpr;
        if (e.t === "in") r = b.node({ t: "in", leaf: e.leaf, cell: base[e.leaf][e.cell] + k * kStride[e.leaf] });
        else if (e.t === "const") r = e;
        else if (e.t === "reduce") r = b.node({ ...e, terms: e.terms.map((x) => at(x, k)) });
        else r = b.node({ ...e, args: e.args.map((x) => at(x, k)) });
        m.set(e, r);
        return r;
      };
      // A result with no k (out_axes None) reads no mapped argument (else vmap raised): k = 0.
      return Array.from({ length: sizeOf(o.shape) }, (_, j) => at(cells[perCell ? perCell[j] : j], oa === null ? 0 : Math.floor(j / after) % B));
    });
  } catch (e) {
    if (e instanceof OverBudget) return null;
    throw e;
  }
}
