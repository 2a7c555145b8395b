/**
 * jax.nn.relu, sigmoid and softmax, composed from primitives. JAX: jax/_src/nn/functions.py.
 */
import type { Value } from "../core/tracer";
import * as lax from "../primitives/lax";
import type { ArrayLike, Axis } from "./args";
import { defineJnp } from "./signature";
import { NN_SIGNATURES as SIG } from "./signatures";
import { max, sum, where } from "./jnp";

/**
 * relu(x) = max(x, 0) in value, but JAX's relu is a custom_jvp whose derivative at 0 is 0.
 * The trap: written as `maximum(x, 0)`, the max rule splits the tie at x = 0 and gives 0.5.
 * `select_n(x <= 0, x, 0)` gives 0 for x ≤ 0 (+0, not -0), x above, keeps NaN (NaN <= 0 is
 * false), and routes the cotangent to x only where x > 0.
 */
export const relu = defineJnp<(x: ArrayLike) => Value>(SIG.relu, (x: Value) => lax.selectN(lax.le(x, 0), x, 0));

/** jax.nn.sigmoid is lax.logistic: 1 / (1 + exp(-x)), with gradient ans·(1 − ans). */
export const sigmoid = defineJnp<(x: ArrayLike) => Value>(SIG.sigmoid, (x: Value) => lax.logistic(x));

export interface SoftmaxOptions { axis?: Axis; where?: ArrayLike | null }

/**
 * softmax along `axis` (default -1): exp(x − max) / sum; with a `where` mask, masked-out
 * elements take no part and come out 0 (JAX's `_softmax`). JAX stops the gradient through the max
 * (its custom_jvp); here it flows, and its contribution is zero up to rounding, because softmax
 * does not change when every input along the axis shifts by the same amount.
 */
export const softmax = defineJnp<(x: ArrayLike, axisOrOptions?: Axis | SoftmaxOptions) => Value>(
  SIG.softmax,
  (v: Value, axis: number[] | null, mask: Value | null) => {
    const xMax = max(v, { axis, keepdims: true, where: mask, initial: mask === null ? null : -Infinity });
    const safe = mask === null ? v : where(mask, v, -Infinity);
    const unnormalized = lax.exp(lax.sub(safe, xMax));
    const result = lax.div(unnormalized, sum(unnormalized, { axis, keepdims: true, where: mask }));
    return mask === null ? result : where(mask, result, 0);
  },
);
