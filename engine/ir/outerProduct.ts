/**
 * A dot_general that contracts nothing is an elementwise product of its operands broadcast to
 * the result (per-example outer products: the weight gradient of `x @ w` under vmap). Written
 * as transpose/broadcast_in_dim views and a `mul`, it fuses: the loop reads both operands
 * through strides and, when a transpose follows (dot_general's transpose rule ends in one),
 * writes the result in that layout, instead of a product array and a strided copy of it.
 * Same numbers: the dot kernel's outer-product loop computes each element as the one product
 * `a * b` (array/kernels.ts outerProduct). Not when the rhs keeps no free axis (n = 1): the
 * kernel takes its matrix-vector loop then, whose sum turns a product of -0 into +0.
 * XLA's AlgebraicSimplifier rewrites such dots into a multiply the same way.
 */
import { ShapedArray } from "../core/aval";
import { isFloat } from "../array/dtype";
import { mulP } from "../primitives/elementwise";
import { broadcastInDimP, transposeP } from "../primitives/structural";
import type { DotGeneralParams } from "../primitives/dot";
import { Jaxpr, Var, type Eqn } from "./jaxpr";

export function outerProducts(j: Jaxpr): Jaxpr {
  if (!j.eqns.some(isOuterProduct)) return j;
  const eqns: Eqn[] = [];
  for (const e of j.eqns) {
    if (!isOuterProduct(e)) {
      eqns.push(e);
      continue;
    }
    const p = e.params as DotGeneralParams;
    const [x, y] = e.inputs as Var[];
    const out = e.outputs[0];
    const nb = p.lhsBatch.length;
    const xFree = x.aval.shape.map((_, i) => i).filter((i) => !p.lhsBatch.includes(i));
    const yFree = y.aval.shape.map((_, i) => i).filter((i) => !p.rhsBatch.includes(i));
    // Output axes: (batch…, x's free…, y's free…); each operand fills its own, in order.
    const view = (v: Var, perm: number[], dims: number[]): Var => {
      let cur = v;
      if (perm.some((a, i) => a !== i)) {
        const t = new Var(new ShapedArray(perm.map((a) => v.aval.shape[a]), v.aval.dtype, v.aval.weak));
        eqns.push({ prim: transposeP, inputs: [cur], params: { perm }, outputs: [t] });
        cur = t;
      }
      const b = new Var(new ShapedArray(out.aval.shape, v.aval.dtype, v.aval.weak));
      eqns.push({ prim: broadcastInDimP, inputs: [cur], params: { shape: [...out.aval.shape], broadcastDimensions: dims }, outputs: [b] });
      return b;
    };
    const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
    const bx = view(x, [...p.lhsBatch, ...xFree], [...range(0, nb), ...range(nb, xFree.length)]);
    const by = view(y, [...p.rhsBatch, ...yFree], [...range(0, nb), ...range(nb + xFree.length, yFree.length)]);
    eqns.push({ prim: mulP, inputs: [bx, by], params: {}, outputs: [out] });
  }
  return new Jaxpr(j.constvars, j.consts, j.invars, eqns, j.outvars);
}

function isOuterProduct(e: Eqn): boolean {
  if (e.prim.name !== "dot_general") return false;
  const p = e.params as DotGeneralParams;
  const [x, y] = e.inputs;
  const out = e.outputs[0].aval;
  if (p.lhsContract.length !== 0 || !(x instanceof Var) || !(y instanceof Var)) return false;
  // The same float dtype in and out: the product rounds as mul's does (no promotion between).
  if (x.aval.dtype !== out.dtype || y.aval.dtype !== out.dtype || !isFloat(out.dtype)) return false;
  const n = y.aval.shape.filter((_, i) => !p.rhsBatch.includes(i)).reduce((a, b) => a * b, 1);
  return n !== 1;
}
