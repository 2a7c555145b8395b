/**
 * The primitive and jnp tests' view of vmap and grad: thin wrappers over the real transforms,
 * plus a log of the primitives vmap batched (for "stays one dot_general" assertions).
 */
import type { BDim } from "../../../engine/core/primitive";
import { toValue, type Value } from "../../../engine/core/tracer";
import { grad } from "../../../engine/transforms/grad";
import { vmapFlat } from "../../../engine/transforms/vmap";
import { moveBatchAxis } from "../../../engine/primitives/families";

/** Names of the primitives batched by the last miniVmap calls (cleared by the tests). */
export const batchLog: string[] = [];

/** vmap over positional args with in_axes (non-negative or null), out_axes 0, one output. */
export function miniVmap(f: (...xs: Value[]) => Value, inAxes: BDim[]) {
  return (...args: Value[]): Value => {
    const first = inAxes.findIndex((a) => a !== null);
    const B = args[first].shape[inAxes[first] as number];
    const { outs, outDims } = vmapFlat((...xs) => f(...xs), B, args, inAxes, ({ prim }) => void batchLog.push(prim.name));
    return moveBatchAxis(B, outDims[0], 0, toValue(outs[0]));
  };
}

export function miniGrad(f: (x: Value) => Value) {
  return grad(f) as (x: Value) => Value;
}
