/**
 * The scatter family: `scatter` (set), `scatter-add`, `scatter-mul`, `scatter-min`,
 * `scatter-max`: XLA's Scatter with a combiner, what `x.at[idx].set/add/mul/min/max` become and
 * what a gather's VJP is. Operands (operand, indices, updates). One declaration builder, so all
 * five share shape, impl, batching (JAX `_scatter_batching_rule`: the operand and updates get
 * the batch dim at the front; batched indices become a batching-dim pair) and provenance.
 * VJPs are JAX's: `_scatter_addsub_transpose_rule`, `_scatter_mul_transpose_rule`,
 * `_scatter_transpose_rule` (set; JAX's jvp trick for repeated indices: only the update that
 * landed gets the cotangent) and `_scatter_extremal_jvp` transposed (min/max: ties share).
 * JAX: jax/_src/lax/slicing.py.
 */
import { NDArray } from "../array/ndarray";
import { ShapedArray } from "../core/aval";
import { NO_CELLS, type CellContext, type CellIds, type CellSets } from "../core/cells";
import { definePrimitive, type PrimitiveDef } from "../core/primitive";
import { bind1, type Value } from "../core/tracer";
import { EngineError } from "../errors";
import * as E from "./elementwise";
import { moveBatchAxis } from "./families";
import { gatherP, zerosOf } from "./gather";
import {
  checkIndexDtype,
  checkScatterShape,
  MODE_TEXT,
  scatterDnumsText,
  scatterSliceSizes,
  toGatherDnums,
  toScatterDnums,
  walkScatter,
  withBatchedBoth,
  withBatchedOperand,
  type GatherScatterMode,
  type ScatterDimensionNumbers,
} from "./gatherDims";

export interface ScatterParams {
  dimensionNumbers: ScatterDimensionNumbers;
  mode: GatherScatterMode;
  uniqueIndices: boolean;
  indicesAreSorted: boolean;
}

type Combine = ((old: number, upd: number) => number) | null;
type Vjp = NonNullable<PrimitiveDef<ScatterParams>["vjp"]>;

const b = (p: PrimitiveDef<any>, ...xs: unknown[]) => bind1(p, xs);

/** The gather that reads back what a scatter wrote (`mode`: JAX passes the scatter's, fill 0). */
function gatherBack(x: Value, idx: Value, updatesShape: readonly number[], p: ScatterParams, mode: GatherScatterMode = p.mode): Value {
  const d = p.dimensionNumbers;
  return bind1(gatherP, [x, idx], {
    dimensionNumbers: toGatherDnums(d),
    sliceSizes: scatterSliceSizes(x.shape, updatesShape, d),
    mode,
    fillValue: mode === "fill_or_drop" ? 0 : null,
    uniqueIndices: false,
    indicesAreSorted: false,
  });
}

function defineScatter(name: string, combine: Combine, vjp: Vjp, jaxprOp: string | null): PrimitiveDef<ScatterParams> {
  const prim: PrimitiveDef<ScatterParams> = definePrimitive<ScatterParams>({
    name,
    shape: ([op, idx, upd], p) => (checkScatterShape(op.shape, idx.shape, upd.shape, p.dimensionNumbers), [new ShapedArray(op.shape)]),
    dtype: ([op, idx]) => (checkIndexDtype(idx.dtype), { dtype: op.dtype, weak: op.weak }),
    impl: ([op, idx, upd], p) => {
      checkScatterShape(op.shape, idx.shape, upd.shape, p.dimensionNumbers);
      const data = op.flat();
      const u = upd.flat();
      walkScatter(op.shape, idx, upd.shape, p.dimensionNumbers, p.mode, (j, dst) => {
        if (dst >= 0) data[dst] = combine ? combine(data[dst], u[j]) : u[j];
      });
      return [new NDArray(data, op.shape, undefined, 0, op.dtype, op.weak)];
    },
    cost: ([op, idx, upd]) => (op.size + idx.size + upd.size) * 2,
    batch: (B, [op, idx, upd], [od, id, ud], p) => {
      if (od === null && id === null && ud === null) return [[bind1(prim, [op, idx, upd], p)], [null]];
      const o = moveBatchAxis(B, od, 0, op);
      const u = moveBatchAxis(B, ud, 0, upd);
      const d = p.dimensionNumbers;
      if (id === null) {
        const dn = toScatterDnums(withBatchedOperand(toGatherDnums(d)));
        return [[bind1(prim, [o, idx, u], { ...p, dimensionNumbers: dn })], [0]];
      }
      const i = moveBatchAxis(B, id, 0, idx);
      const dn = toScatterDnums(withBatchedBoth(toGatherDnums(d)));
      return [[bind1(prim, [o, i, u], { ...p, dimensionNumbers: dn })], [0]];
    },
    provenanceReadsValues: true,
    provenance: (xs, p, ctx) => scatterCells(xs, p, ctx, combine === null),
    vjp,
    // update_jaxpr: the combiner as JAX stages it, on scalars of the operand's dtype
    // (`lax._reduction_jaxpr`); a plain scatter has none.
    printParams: (p, outs) => {
      const t = new ShapedArray([], outs?.[0]?.dtype).str();
      return [
        `dimension_numbers=${scatterDnumsText(p.dimensionNumbers)}`,
        `indices_are_sorted=${p.indicesAreSorted ? "True" : "False"}`,
        `mode=${MODE_TEXT[p.mode]}`,
        `unique_indices=${p.uniqueIndices ? "True" : "False"}`,
        `update_consts=()`,
        `update_jaxpr=${jaxprOp === null ? "None" : `{ lambda ; a:${t} b:${t}. let c:${t} = ${jaxprOp} a b in (c) }`}`,
      ].join("\n");
    },
  });
  return prim;
}

/** A constant of `shape` whose cells hold 1, 2, 3, … (which update wrote a cell). */
function updateIds(shape: readonly number[]): NDArray {
  const n = shape.reduce((a, c) => a * c, 1);
  return new NDArray(Float64Array.from({ length: n }, (_, i) => i + 1), shape, undefined, 0, "int32");
}

export const scatterAddP: PrimitiveDef<ScatterParams> = defineScatter(
  "scatter-add",
  (a, c) => a + c,
  ([ct], [, idx, upd], _outs, p) => (ct === null ? [null, null, null] : [ct, null, gatherBack(ct, idx, upd.shape, p)]),
  "add",
);

export const scatterP: PrimitiveDef<ScatterParams> = defineScatter(
  "scatter",
  null,
  ([ct], [op, idx, upd], _outs, p) => {
    if (ct === null) return [null, null, null];
    // Cells an update landed on take no cotangent back to the operand.
    const opCt = bind1(scatterP, [ct, idx, zerosOf(upd.shape, ct.dtype)], p);
    let updCt = gatherBack(ct, idx, upd.shape, p);
    if (!p.uniqueIndices) {
      // Repeated indices: only the update that landed gets the cotangent (JAX `_scatter_jvp`
      // scatters update ids and gathers them back to see which one won).
      const ids = updateIds(upd.shape);
      const landed = gatherBack(bind1(scatterP, [zerosOf(op.shape, "int32"), idx, ids], p), idx, upd.shape, p);
      updCt = bind1(E.selectNP, [b(E.eqP, landed, ids), zerosOf(upd.shape, ct.dtype), updCt]);
    }
    return [opCt, null, updCt];
  },
  null,
);

export const scatterMulP: PrimitiveDef<ScatterParams> = defineScatter(
  "scatter-mul",
  (a, c) => a * c,
  ([ct], [op, idx, upd], _outs, p, needed) => {
    if (ct === null) return [null, null, null];
    const opCt = bind1(scatterMulP, [ct, idx, upd], p);
    if (needed?.[2] === false) return [opCt, null, null];
    if (!p.uniqueIndices) {
      throw new EngineError("unsupported", "scatter_mul gradients are only implemented if `unique_indices=True`", { pyType: "NotImplementedError" });
    }
    return [opCt, null, gatherBack(b(E.mulP, ct, op), idx, upd.shape, p)];
  },
  "mul",
);

/**
 * min/max: JAX's `_scatter_extremal_jvp` is linear in the tangents,
 * t_out = g_op + scatter_add(gather(g_op)·operand_coef + g_upd·updates_coef); its transpose is
 * ct_op = ct + scatter_add(0, gather(ct)·operand_coef), ct_upd = gather(ct)·updates_coef.
 * Ties between updates (and with the kept operand value) share the cotangent equally.
 */
const extremalVjp: Vjp = ([ct], [op, idx, upd], [out], p) => {
  if (ct === null) return [null, null, null];
  const pib: GatherScatterMode = "promise_in_bounds";
  const add: ScatterParams = { ...p, mode: "fill_or_drop" };
  const initial = gatherBack(op, idx, upd.shape, p, pib);
  const target = gatherBack(out, idx, upd.shape, p, pib);
  const succeeded = b(E.eqP, upd, target);
  const retained = b(E.eqP, initial, target);
  const ones = b(E.addP, zerosOf(upd.shape, ct.dtype), 1);
  const zeros = zerosOf(upd.shape, ct.dtype);
  const numUpdates = gatherBack(bind1(scatterAddP, [zerosOf(op.shape, ct.dtype), idx, bind1(E.selectNP, [succeeded, zeros, ones])], add), idx, upd.shape, p, pib);
  const numRefs = gatherBack(bind1(scatterAddP, [zerosOf(op.shape, ct.dtype), idx, ones], add), idx, upd.shape, p, pib);
  const plusOne = b(E.divP, 1, b(E.addP, numUpdates, 1));
  const updNorm = bind1(E.selectNP, [retained, b(E.divP, 1, numUpdates), plusOne]);
  const updCoef = bind1(E.selectNP, [succeeded, zeros, updNorm]);
  const opNorm = bind1(E.selectNP, [retained, zeros, plusOne]);
  const opCoef = b(E.divP, b(E.addP, -1, opNorm), numRefs);
  const g = gatherBack(ct, idx, upd.shape, p, pib);
  const opCt = b(E.addP, ct, bind1(scatterAddP, [zerosOf(op.shape, ct.dtype), idx, b(E.mulP, g, opCoef)], p));
  return [opCt, null, b(E.mulP, g, updCoef)];
};

export const scatterMinP: PrimitiveDef<ScatterParams> = defineScatter("scatter-min", (a, c) => (c < a || Number.isNaN(c) ? c : a), extremalVjp, "min");
export const scatterMaxP: PrimitiveDef<ScatterParams> = defineScatter("scatter-max", (a, c) => (c > a || Number.isNaN(c) ? c : a), extremalVjp, "max");

/**
 * Provenance: with the indices known, a cell an update landed on reads that update's cells and
 * the index cells that sent it there, plus its own operand cell unless a `set` replaced it.
 */
function scatterCells([op, idx, upd]: CellSets[], p: ScatterParams, ctx: CellContext, replaces: boolean): CellSets[] {
  const nvec = idx.shape[idx.shape.length - 1];
  const values = ctx.values?.[1];
  const extra: CellIds[][] = op.cells.map(() => []);
  const replaced = new Uint8Array(op.cells.length);
  if (values) {
    walkScatter(op.shape, values, upd.shape, p.dimensionNumbers, p.mode, (j, dst, row) => {
      if (dst < 0) return;
      extra[dst].push(upd.cells[j], ...idx.cells.slice(row * nvec, row * nvec + nvec));
      if (replaces) replaced[dst] = 1;
    });
  } else {
    const all = ctx.union([...upd.cells, ...idx.cells]);
    extra.forEach((e) => e.push(all));
  }
  const cells = op.cells.map((c, i) => ctx.union(replaced[i] ? extra[i] : [c, ...extra[i]]));
  return [{ shape: op.shape, cells: cells.map((c) => c ?? NO_CELLS) }];
}
