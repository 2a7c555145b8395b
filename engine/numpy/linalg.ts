/**
 * Products: dot, vdot, matmul, outer, each lowered to dot_general (or mul) exactly as JAX's jnp
 * does, so `makeJaxpr` reads like JAX's and vmap of any of them stays one dot_general.
 * JAX: jax/_src/numpy/tensor_contractions.py (`dot`, `matmul`, `vdot`) and ufuncs (`outer`).
 */
import { EngineError, pyShape } from "../errors";
import type { Value } from "../core/tracer";
import * as lax from "../primitives/lax";
import type { ArrayLike } from "./args";
import { promoteArgs } from "./promote";
import { defineJnp } from "./signature";
import { JNP_SIGNATURES as SIG } from "./signatures";
import { multiply, ravel } from "./jnp";

/**
 * NumPy dot: 0-d operands multiply (current JAX: a dot_general with no contraction); 1-d·1-d
 * inner product; otherwise the last axis of a contracts with b's only axis or its second-to-last.
 */
type Product = (a: ArrayLike, b: ArrayLike) => Value;

export const dot = defineJnp<Product>(SIG.dot, (x0: Value, y0: Value) => {
  // JAX: `promote_dtypes` first, so the dot_general sees one dtype.
  const [x, y] = promoteArgs([x0, y0]);
  const contract: [number[], number[]] =
    x.ndim === 0 || y.ndim === 0 ? [[], []] : y.ndim === 1 ? [[x.ndim - 1], [0]] : [[x.ndim - 1], [y.ndim - 2]];
  return lax.dotGeneral(x, y, { lhsContract: contract[0], rhsContract: contract[1], lhsBatch: [], rhsBatch: [] });
});

/** jnp.vdot: dot of the flattened operands (no conjugation: every value is real). */
export const vdot = defineJnp<Product>(SIG.vdot, (a: Value, b: Value) => dot(ravel(a), ravel(b)));

/** jnp.outer: ravel(a)[:, None] * ravel(b)[None, :]. */
export const outer = defineJnp<Product>(SIG.outer, (a: Value, b: Value) =>
  multiply(lax.expandDims(ravel(a), [1]), lax.expandDims(ravel(b), [0])),
);

/**
 * A port of JAX's jnp.matmul: leading (batch) axes broadcast. Equal batch sizes become
 * dot_general batch dims; an axis only one side has (or of size 1 on one side, squeezed away)
 * becomes a free dim of the other; a final transpose puts the axes in NumPy's order.
 */
export const matmul = defineJnp<Product>(SIG.matmul, (a: Value, b: Value) => {
  const operands = [a, b];
  operands.forEach((x, i) => {
    if (x.ndim < 1) throw new EngineError("shape-error", `matmul input operand ${i} must have ndim at least 1, but it has ndim ${x.ndim}`);
  });
  let [x, y] = promoteArgs(operands);
  const aIsMat = x.ndim > 1;
  const bIsMat = y.ndim > 1;
  const aBatch: (number | null)[] = aIsMat ? x.shape.slice(0, -2) : [];
  const bBatch: (number | null)[] = bIsMat ? y.shape.slice(0, -2) : [];
  const nb = Math.max(aBatch.length, bBatch.length);
  while (aBatch.length < nb) aBatch.unshift(null);
  while (bBatch.length < nb) bBatch.unshift(null);

  const aSqueeze: number[] = [];
  const bSqueeze: number[] = [];
  const aBatchDims: number[] = [];
  const bBatchDims: number[] = [];
  const idxBatch: number[] = [];
  const idxAOther: number[] = [];
  const idxBOther: number[] = [];
  for (let i = 0; i < nb; i++) {
    const ba = aBatch[i];
    const bb = bBatch[i];
    if (ba === null) idxBOther.push(i);
    else if (bb === null) idxAOther.push(i);
    else if (ba === 1) {
      idxBOther.push(i);
      aSqueeze.push(idxBatch.length + idxAOther.length + aSqueeze.length);
    } else if (bb === 1) {
      idxAOther.push(i);
      bSqueeze.push(idxBatch.length + idxBOther.length + bSqueeze.length);
    } else if (ba === bb) {
      aBatchDims.push(idxBatch.length + idxAOther.length);
      bBatchDims.push(idxBatch.length + idxBOther.length);
      idxBatch.push(i);
    } else {
      throw new EngineError("shape-error", `Incompatible shapes for matmul arguments: ${pyShape(x.shape)} and ${pyShape(y.shape)}`, { shapes: [x.shape, y.shape] });
    }
  }
  if (aIsMat) idxAOther.push(nb);
  if (bIsMat) idxBOther.push(nb + (aIsMat ? 1 : 0));
  const order = [...idxBatch, ...idxAOther, ...idxBOther];
  const perm = order.map((_, i) => i).sort((i, j) => order[i] - order[j]);

  x = lax.squeeze(x, aSqueeze);
  y = lax.squeeze(y, bSqueeze);
  const out = lax.dotGeneral(x, y, {
    lhsContract: [x.ndim - 1],
    rhsContract: [y.ndim - 1 - (bIsMat ? 1 : 0)],
    lhsBatch: aBatchDims,
    rhsBatch: bBatchDims,
  });
  return lax.transpose(out, perm);
});
