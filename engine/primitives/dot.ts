/**
 * dot_general: contraction over paired axes with paired batch axes; the result's axes are
 * (batch…, lhs free…, rhs free…). Its batch rule keeps vmap(dot) ONE dot_general: a batch axis
 * on both operands becomes a new leading dot batch dimension, on one operand an extra free
 * dimension. Its VJP is JAX's transpose pair (a dot_general of the
 * cotangent with the other operand, then a transpose). JAX: jax/_src/lax/lax.py
 * (`_dot_general_shape_rule`, `_dot_general_batch_dim_nums`, `_dot_general_transpose_lhs/rhs`).
 */
import { EngineError, pyShape } from "../errors";
import { dotGeneral } from "../array/kernels";
import { ShapedArray } from "../core/aval";
import { definePrimitive, type PrimitiveDef } from "../core/primitive";
import { bind1, type Value } from "../core/tracer";
import { allUnbatched } from "./families";
import { contractedCells } from "./provenanceFamilies";
import { transposeP } from "./structural";

export interface DotGeneralParams {
  lhsContract: number[];
  rhsContract: number[];
  lhsBatch: number[];
  rhsBatch: number[];
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** Axes of an operand of rank n that are neither contracted nor batch axes, in order. */
const freeAxes = (n: number, contract: number[], batch: number[]) => range(n).filter((i) => !contract.includes(i) && !batch.includes(i));

function dotShape(lhs: readonly number[], rhs: readonly number[], p: DotGeneralParams): number[] {
  const valid = (axes: number[], n: number) => axes.every((a) => Number.isInteger(a) && a >= 0 && a < n) && new Set(axes).size === axes.length;
  const lAll = [...p.lhsContract, ...p.lhsBatch];
  const rAll = [...p.rhsContract, ...p.rhsBatch];
  if (!valid(lAll, lhs.length) || !valid(rAll, rhs.length) || p.lhsContract.length !== p.rhsContract.length || p.lhsBatch.length !== p.rhsBatch.length) {
    throw new EngineError("shape-error", `dot_general got invalid dimension numbers ${printDims(p)} for shapes ${pyShape(lhs)} and ${pyShape(rhs)}.`, { pyType: "TypeError", shapes: [lhs, rhs] });
  }
  const lb = p.lhsBatch.map((a) => lhs[a]);
  const rb = p.rhsBatch.map((a) => rhs[a]);
  if (lb.some((d, i) => d !== rb[i])) {
    throw new EngineError(
      "shape-error",
      `dot_general requires lhs batch dimensions and rhs batch dimensions to have the same shape, got ${pyShape(lb)} and ${pyShape(rb)}.`,
      // The arrays it is about are the operands (for the UI's "why": EngineError.shapes).
      { pyType: "TypeError", shapes: [lhs, rhs] },
    );
  }
  const lc = p.lhsContract.map((a) => lhs[a]);
  const rc = p.rhsContract.map((a) => rhs[a]);
  if (lc.some((d, i) => d !== rc[i])) {
    throw new EngineError("shape-error", `dot_general requires contracting dimensions to have the same shape, got ${pyShape(lc)} and ${pyShape(rc)}.`, { pyType: "TypeError", shapes: [lhs, rhs] });
  }
  const lf = freeAxes(lhs.length, p.lhsContract, p.lhsBatch).map((a) => lhs[a]);
  const rf = freeAxes(rhs.length, p.rhsContract, p.rhsBatch).map((a) => rhs[a]);
  return [...lb, ...lf, ...rf];
}

const list = (xs: number[]) => `[${xs.join(", ")}]`;
function printDims(p: DotGeneralParams): string {
  return `((${list(p.lhsContract)}, ${list(p.rhsContract)}), (${list(p.lhsBatch)}, ${list(p.rhsBatch)}))`;
}

/** Per-example axes shifted past a batch axis at `b`. JAX `bump_dims`. */
const bump = (axes: number[], b: number) => axes.map((a) => (a >= b ? a + 1 : a));

/**
 * JAX `_dot_general_batch_dim_nums`: new dimension numbers and the result's batch position.
 * `lhsRank` is the rank of the (unbatched) lhs when only the rhs is batched.
 */
export function dotBatchDims(lhsRank: number, lbd: number | null, rbd: number | null, p: DotGeneralParams): [DotGeneralParams, number] {
  if (lbd !== null && rbd !== null) {
    return [
      {
        lhsContract: bump(p.lhsContract, lbd),
        rhsContract: bump(p.rhsContract, rbd),
        lhsBatch: [lbd, ...bump(p.lhsBatch, lbd)],
        rhsBatch: [rbd, ...bump(p.rhsBatch, rbd)],
      },
      0,
    ];
  }
  if (lbd !== null) {
    // The batch axis is one more lhs free axis; it lands after the batch axes and the lhs free
    // axes that precede it.
    const freeBefore = freeAxes(lbd, p.lhsContract, p.lhsBatch).length;
    return [{ ...p, lhsContract: bump(p.lhsContract, lbd), lhsBatch: bump(p.lhsBatch, lbd) }, p.lhsBatch.length + freeBefore];
  }
  const r = rbd as number;
  const freeBefore = freeAxes(r, p.rhsContract, p.rhsBatch).length;
  return [{ ...p, rhsContract: bump(p.rhsContract, r), rhsBatch: bump(p.rhsBatch, r) }, lhsRank - p.lhsContract.length + freeBefore];
}

/** Consecutive index ranges of the given lengths. JAX `ranges_like`. */
function rangesLike(...lens: number[]): number[][] {
  let start = 0;
  return lens.map((n) => {
    const r = range(n).map((i) => i + start);
    start += n;
    return r;
  });
}

const argsort = (xs: number[]) => range(xs.length).sort((i, j) => xs[i] - xs[j]);

/**
 * JAX `_dot_general_transpose_lhs`: x̄ = dot_general(g, y) contracting y's free axes with the
 * matching axes of g, then a transpose putting x's axes back in order.
 */
function transposeLhs(g: Value, xRank: number, y: Value, p: DotGeneralParams, swapAns: boolean): Value {
  const { lhsContract: xContract, rhsContract: yContract, lhsBatch: xBatch, rhsBatch: yBatch } = p;
  const xKept = freeAxes(xRank, xContract, xBatch);
  const yKept = freeAxes(y.ndim, yContract, yBatch);
  const [ansBatch, ansY] = swapAns
    ? ((r) => [r[0], r[1]])(rangesLike(xBatch.length, yKept.length, xKept.length))
    : ((r) => [r[0], r[2]])(rangesLike(xBatch.length, xKept.length, yKept.length));
  const dims: DotGeneralParams = { lhsContract: ansY, rhsContract: yKept, lhsBatch: ansBatch, rhsBatch: yBatch };
  const xContractSortedByY = argsort(yContract).map((i) => xContract[i]);
  const outAxes = argsort([...xBatch, ...xKept, ...xContractSortedByY]);
  const prod = bind1(dotGeneralP, [g, y], dims);
  return outAxes.every((a, i) => a === i) ? prod : bind1(transposeP, [prod], { perm: outAxes });
}

const swapped = (p: DotGeneralParams): DotGeneralParams => ({
  lhsContract: p.rhsContract,
  rhsContract: p.lhsContract,
  lhsBatch: p.rhsBatch,
  rhsBatch: p.lhsBatch,
});

export const dotGeneralP: PrimitiveDef<DotGeneralParams> = definePrimitive<DotGeneralParams>({
  name: "dot_general",
  shape: ([l, r], p) => [new ShapedArray(dotShape(l.shape, r.shape, p))],
  impl: ([l, r], p) => (dotShape(l.shape, r.shape, p), [dotGeneral(l, r, p)]),
  // batch·m·k·n multiply-adds: lhs holds batch·m·k elements, rhs's free axes give n. Known from
  // the shapes, so a (3000,3000)@(3000,3000) is refused before the kernel starts.
  cost: ([l, r], p) => l.size * freeAxes(r.ndim, p.rhsContract, p.rhsBatch).reduce((n, a) => n * r.shape[a], 1),
  batch: (_B, xs, [lbd, rbd], p) => {
    const none = allUnbatched(dotGeneralP, xs, [lbd, rbd], p);
    if (none) return none;
    const [dims, out] = dotBatchDims(xs[0].ndim, lbd, rbd, p);
    return [[bind1(dotGeneralP, xs, dims)], [out]];
  },
  provenance: contractedCells,
  symbol: () => ({ form: "contract" }),
  vjp: ([ct], [x, y], _outs, p, needed) => {
    if (ct === null) return [null, null];
    return [
      needed?.[0] === false ? null : transposeLhs(ct, x.ndim, y, p, false),
      needed?.[1] === false ? null : transposeLhs(ct, y.ndim, x, swapped(p), true),
    ];
  },
  // JAX prints `precision=None` and `out_sharding` too; the project's printer leaves them out.
  // jnp's products ask for their result dtype (JAX: `preferred_element_type=float32` for f32).
  printParams: (p, outs) => `dimension_numbers=${printDims(p)}\npreferred_element_type=${outs?.[0]?.dtype ?? "float32"}`,
});

