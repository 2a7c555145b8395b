/**
 * `jit` as a primitive holding a closed jaxpr, which is how jit composes with every other
 * transformation (style P6): impl runs the compiled program; the shape rule is the jaxpr's output
 * avals; the batch rule vmaps the jaxpr's interpretation into a new jaxpr at the batched avals and
 * binds jit again (so `makeJaxpr(vmap(jit(f)))` shows a `jit[name=… jaxpr={ … }]` equation, as
 * JAX does); the VJP rule recomputes the forward pass under grad's `vjp` inside a new jaxpr and
 * binds jit on it, so the backward pass is compiled too. Rebuilt jaxprs are cached per jaxpr.
 * Named "jit" as JAX ≥ 0.7 prints it (jit_p; `pjit` before). JAX: jax/_src/pjit.py
 * (`_pjit_batcher`, `_pjit_transpose`, `_pjit_pp_rule`).
 */
import { shapesEqual } from "../array/shape";
import { ShapedArray } from "../core/aval";
import { definePrimitive, type BDim, type PrimitiveDef } from "../core/primitive";
import { bind, type Value } from "../core/tracer";
import { executableFor } from "../ir/compile";
import { evalJaxpr } from "../ir/interpret";
import { traceFlat, type Jaxpr } from "../ir/jaxpr";
import { dce } from "../ir/passes";
import { vjp as vjpOf } from "./grad";
import { calledCells } from "./provenance";
import { vmapList } from "./vmap";

export interface JitParams {
  /** Closed over array constants only: jit hoists tracer constants into leading arguments. */
  readonly jaxpr: Jaxpr;
  /** The jitted function's name (`<lambda>` for an anonymous one), printed first like JAX. */
  readonly name: string;
}

/** Per-jaxpr memo of derived jaxprs (batched at given dims, backward for given cotangents). */
function memo<T>(): (j: Jaxpr, key: string, make: () => T) => T {
  const cache = new WeakMap<Jaxpr, Map<string, T>>();
  return (j, key, make) => {
    let m = cache.get(j);
    if (!m) cache.set(j, (m = new Map()));
    let v = m.get(key);
    if (v === undefined) m.set(key, (v = make()));
    return v;
  };
}

const batchMemo = memo<{ jaxpr: Jaxpr; outDims: BDim[] }>();
const vjpMemo = memo<{ jaxpr: Jaxpr; outMask: boolean[] }>();

/**
 * The jaxpr of `vmap(eval(jaxpr))` at the batched avals, and which of its outputs are batched
 * (null = the output never depended on the mapped axis). JAX: batching.batch_jaxpr.
 */
function batchJaxpr(jaxpr: Jaxpr, axisSize: number, dims: readonly BDim[], axisName?: string): { jaxpr: Jaxpr; outDims: BDim[] } {
  return batchMemo(jaxpr, `${axisSize}|${dims.map((d) => d ?? "-").join(",")}|${axisName ?? ""}`, () => {
    const avals = jaxpr.invars.map((v, i) => {
      const d = dims[i];
      if (d === null) return v.aval;
      const shape = [...v.aval.shape];
      shape.splice(d, 0, axisSize);
      return new ShapedArray(shape, v.aval.dtype, v.aval.weak);
    });
    let outDims: BDim[] = [];
    const traced = traceFlat((ys) => {
      const r = vmapList((zs) => evalJaxpr(jaxpr, undefined, zs), axisSize, ys, dims, undefined, undefined, axisName);
      outDims = r.outDims;
      return r.outs;
    }, avals);
    return { jaxpr: dce(traced.jaxpr), outDims };
  });
}

/**
 * The jaxpr of the pullback of `eval(jaxpr)`: inputs are the primals then the nonzero output
 * cotangents; outputs are the nonzero input cotangents (`outMask` says which ones).
 */
function backwardJaxpr(jaxpr: Jaxpr, ctMask: readonly boolean[]): { jaxpr: Jaxpr; outMask: boolean[] } {
  return vjpMemo(jaxpr, ctMask.map(Number).join(""), () => {
    const n = jaxpr.invars.length;
    const avals = [...jaxpr.inAvals, ...jaxpr.outAvals.filter((_, i) => ctMask[i])];
    let outMask: boolean[] = [];
    const traced = traceFlat((ys) => {
      let k = n;
      const cts = ctMask.map((m) => (m ? ys[k++] : null));
      const [, pullback] = vjpOf((zs) => evalJaxpr(jaxpr, undefined, zs), ys.slice(0, n));
      const res = pullback(cts);
      outMask = res.map((r) => r !== null);
      return res.filter((r): r is Value => r !== null);
    }, avals);
    // The recomputed forward pass leaves the primal results unused: drop them (JAX's transposed
    // jaxprs hold only what the cotangents need).
    return { jaxpr: dce(traced.jaxpr), outMask };
  });
}

export const jitP: PrimitiveDef<JitParams> = definePrimitive<JitParams>({
  name: "jit",
  shape: (avals, { jaxpr, name }) => {
    const ins = jaxpr.inAvals;
    if (avals.length !== ins.length || avals.some((a, i) => !shapesEqual(a.shape, ins[i].shape))) {
      throw new Error(`jit ${name}: called with ${avals.map((a) => a.str()).join(", ")} but traced for ${ins.map((a) => a.str()).join(", ")}`);
    }
    return jaxpr.outAvals;
  },
  impl: (xs, { jaxpr }) => executableFor(jaxpr).run(xs),
  cost: () => 0, // the program charges each of its own steps
  batch: (axisSize, xs, dims, { jaxpr, name }, axis) => {
    const b = batchJaxpr(jaxpr, axisSize, dims, axis?.name);
    return [bind(jitP, xs, { jaxpr: b.jaxpr, name }), b.outDims];
  },
  provenance: calledCells,
  symbol: ({ jaxpr }) => ({ form: "inline", jaxpr }),
  vjp: (cts, xs, _outs, { jaxpr, name }) => {
    const ctMask = cts.map((c) => c !== null);
    if (!ctMask.some(Boolean)) return xs.map(() => null);
    const bwd = backwardJaxpr(jaxpr, ctMask);
    const res = bind(jitP, [...xs, ...cts.filter((c): c is Value => c !== null)], { jaxpr: bwd.jaxpr, name });
    let k = 0;
    return bwd.outMask.map((m) => (m ? res[k++] : null));
  },
  printParams: ({ name }) => `name=${name}`,
});
