/**
 * scan: `scan[jaxpr=… length=n num_consts num_carry reverse …] *consts *init *xs` runs the body
 * `(consts, carry, x_i) → (carry, y_i)` n times and stacks the y_i. Under vmap the carry's
 * batching is found by fixpoint (a carry the body makes batched must enter batched), consts and
 * carry are batched at axis 0 and xs/ys at axis 1 (axis 0 is the scan's own). Its VJP records
 * the carries with a forward scan, then runs the body's pullback in a reverse scan, adding up
 * the consts' cotangents in the carry. Each step charges the work budget (a loop cannot freeze
 * the tab). JAX: jax/_src/lax/control_flow/loops.py (`_scan_impl`, `_scan_batching_rule`,
 * `_scan_transpose`).
 */
import { isFloat } from "../array/dtype";
import { fromFlat } from "../array/create";
import type { NDArray } from "../array/ndarray";
import { squeezeView, sliceView } from "../array/views";
import { ShapedArray } from "../core/aval";
import { definePrimitive, type PrimitiveDef } from "../core/primitive";
import { bind, bind1 } from "../core/tracer";
import { EngineError } from "../errors";
import { executableFor } from "../ir/compile";
import { evalJaxpr } from "../ir/interpret";
import { traceFlat, type Jaxpr } from "../ir/jaxpr";
import { CALL_COST, chargeOps, checkAlloc } from "../limits";
import { addP } from "../primitives/elementwise";
import { moveBatchAxis } from "../primitives/families";
import { vjp } from "../transforms/grad";
import { allCells, batchClosed, zerosOf } from "./closed";

export interface ScanParams {
  readonly jaxpr: Jaxpr;
  readonly length: number;
  readonly reverse: boolean;
  readonly numConsts: number;
  readonly numCarry: number;
  readonly linear: readonly boolean[];
  readonly unroll: number;
}

const pyBool = (b: boolean) => (b ? "True" : "False");

/** Row `i` of `x` along axis 0 (a view). */
function row(x: NDArray, i: number): NDArray {
  return squeezeView(sliceView(x, x.shape.map((n, d) => (d === 0 ? { start: i, step: 1, size: 1 } : { start: 0, step: 1, size: n }))), [0]);
}

/** The per-step results stacked along a new axis 0. */
function stack(parts: readonly NDArray[], a: ShapedArray): NDArray {
  const n = a.size;
  checkAlloc(parts.length * n);
  const data = new Float64Array(parts.length * n);
  parts.forEach((p, i) => data.set(p.flat(), i * n));
  return fromFlat(data, [parts.length, ...a.shape], a.dtype, a.weak);
}

function split<T>(xs: readonly T[], { numConsts, numCarry }: ScanParams): [T[], T[], T[]] {
  return [xs.slice(0, numConsts), xs.slice(numConsts, numConsts + numCarry), xs.slice(numConsts + numCarry)];
}

export const scanP: PrimitiveDef<ScanParams> = definePrimitive<ScanParams>({
  name: "scan",
  ownTypes: true,
  shape: (avals, p) => {
    const [, , xs] = split(avals, p);
    const bad = xs.find((x) => x.ndim === 0 || x.shape[0] !== p.length);
    if (bad) throw new EngineError("shape-error", `scan got xs of type ${bad.str()} for length=${p.length}`);
    const outs = p.jaxpr.outAvals;
    return [...outs.slice(0, p.numCarry), ...outs.slice(p.numCarry).map((y) => new ShapedArray([p.length, ...y.shape], y.dtype, y.weak))];
  },
  impl: (xs, p) => {
    const [consts, init, seq] = split(xs, p);
    const exec = executableFor(p.jaxpr);
    let carry = init;
    const steps: NDArray[][] = new Array(p.length);
    for (let t = 0; t < p.length; t++) {
      const i = p.reverse ? p.length - 1 - t : t;
      chargeOps(CALL_COST);
      const out = exec.run([...consts, ...carry, ...seq.map((x) => row(x, i))]);
      carry = out.slice(0, p.numCarry);
      steps[i] = out.slice(p.numCarry);
    }
    const yAvals = p.jaxpr.outAvals.slice(p.numCarry);
    return [...carry, ...yAvals.map((a, k) => stack(steps.map((s) => s[k]), a))];
  },
  cost: () => 0, // each step charges the body's own work
  batch: (B, xs, dims, p, axis) => {
    const ax = axis ?? { size: B };
    const [cd, id, xd] = split(dims, p);
    const constB = cd.map((d) => d !== null);
    const xsB = xd.map((d) => d !== null);
    const nys = p.jaxpr.outvars.length - p.numCarry;
    let carryB = id.map((d) => d !== null);
    for (let k = 0; k <= carryB.length; k++) {
      const out = batchClosed(p.jaxpr, ax, [...constB, ...carryB, ...xsB], [...carryB, ...new Array<boolean>(nys).fill(false)]).outBatched;
      const next = carryB.map((b, i) => b || out[i]);
      if (next.every((b, i) => b === carryB[i])) break;
      carryB = next;
    }
    const body = batchClosed(p.jaxpr, ax, [...constB, ...carryB, ...xsB], [...carryB, ...new Array<boolean>(nys).fill(false)]);
    const [consts, init, seq] = split(xs, p);
    const ops = [
      ...consts.map((x, i) => (constB[i] ? moveBatchAxis(B, cd[i], 0, x) : x)),
      ...init.map((x, i) => (carryB[i] ? moveBatchAxis(B, id[i], 0, x) : x)),
      ...seq.map((x, i) => (xsB[i] ? moveBatchAxis(B, xd[i], 1, x) : x)),
    ];
    const outs = bind(scanP, ops, { ...p, jaxpr: body.jaxpr });
    const ysB = body.outBatched.slice(p.numCarry);
    return [outs, [...carryB.map((b) => (b ? 0 : null)), ...ysB.map((b) => (b ? 1 : null))]];
  },
  provenance: allCells,
  vjp: (cts, xs, _outs, p) => {
    if (cts.every((c) => c === null)) return xs.map(() => null);
    const [consts, , seq] = split(xs, p);
    const nc = p.numConsts;
    const nk = p.numCarry;
    const body = p.jaxpr;
    const inAvals = body.inAvals;
    // Forward again, keeping the carry each step starts from.
    const record = traceFlat((ins) => {
      const out = evalJaxpr(body, undefined, ins);
      return [...out.slice(0, nk), ...ins.slice(nc, nc + nk)];
    }, inAvals).jaxpr;
    const carries = bind(scanP, xs, { ...p, jaxpr: record, linear: xs.map(() => false) }).slice(nk);
    // Backward: carry = (consts' cotangents so far, the carry's cotangent); xs = (carry_i, x_i, ct y_i).
    const outAvals = body.outAvals;
    const bwdAvals = [...inAvals.slice(0, nc), ...inAvals.slice(0, nc), ...outAvals.slice(0, nk), ...inAvals.slice(nc, nc + nk), ...inAvals.slice(nc + nk), ...outAvals.slice(nk)];
    const backward = traceFlat((ins) => {
      const c = ins.slice(0, nc);
      const acc = ins.slice(nc, 2 * nc);
      const ctCarry = ins.slice(2 * nc, 2 * nc + nk);
      let k = 2 * nc + nk;
      const carry = ins.slice(k, (k += nk));
      const x = ins.slice(k, (k += inAvals.length - nc - nk));
      const ctY = ins.slice(k);
      const [, pull] = vjp((zs) => evalJaxpr(body, undefined, zs), [...c, ...carry, ...x]);
      const g = pull([...ctCarry, ...ctY]).map((v, i) => v ?? zerosOf(inAvals[i]));
      return [...acc.map((a, i) => bind1(addP, [a, g[i]])), ...g.slice(nc)];
    }, bwdAvals).jaxpr;
    const ctOuts = cts.map((ct, i) => ct ?? zerosOf(i < nk ? outAvals[i] : new ShapedArray([p.length, ...outAvals[i].shape], outAvals[i].dtype, outAvals[i].weak)));
    const ops = [...consts, ...inAvals.slice(0, nc).map(zerosOf), ...ctOuts.slice(0, nk), ...carries, ...seq, ...ctOuts.slice(nk)];
    const res = bind(scanP, ops, { ...p, jaxpr: backward, reverse: !p.reverse, numConsts: nc, numCarry: nc + nk, linear: ops.map(() => false) });
    return res.map((r, i) => (isFloat(xs[i].dtype) ? r : null));
  },
  printParams: (p) =>
    `_split_transpose=False length=${p.length} linear=(${p.linear.map(pyBool).join(", ")}${p.linear.length === 1 ? "," : ""}) num_carry=${p.numCarry} num_consts=${p.numConsts} reverse=${pyBool(p.reverse)} unroll=${p.unroll}`,
});
