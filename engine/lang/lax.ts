/**
 * `jax.lax.*` in the lambda language: the control flow and collectives the engine's `lax`
 * namespace has (engine/control), each with JAX's signature — which parameters are positional,
 * which may be given by keyword, which are keyword options. Functions passed to them (branches,
 * bodies) are the language's own lambdas. JAX: jax/_src/lax/control_flow/*.py, lax/parallel.py.
 */

import { laxSignaturesNow } from "../control/lazy";

export const LAX_FUNCTIONS = [
  "cond", "switch", "select", "fori_loop", "while_loop", "scan", "map",
  "psum", "pmean", "pmax", "pmin", "all_gather", "axis_index",
] as const;
export type LaxName = (typeof LAX_FUNCTIONS)[number];

export interface LaxSignature {
  readonly positional: readonly string[];
  readonly required: number;
  /** `cond(pred, true_fun, false_fun, *operands)`, `switch(index, branches, *operands)`. */
  readonly varargs: boolean;
  /** Positional parameters that may also be passed by keyword. */
  readonly keywords: readonly string[];
  /** Keyword-only options, passed on as a trailing options object. */
  readonly options: readonly string[];
}

/** The signature of `jax.lax.name`, once jax.lax has loaded (engine/control/signatures.ts). */
export const laxSignature = (name: LaxName): LaxSignature | null => laxSignaturesNow()?.[name] ?? null;

/** Real jax.lax names the playground does not have (so the error says "not supported"). */
export const LAX_UNSUPPORTED = new Set([
  "dynamic_slice", "dynamic_update_slice", "gather", "scatter", "stop_gradient", "ppermute", "all_to_all",
  "psum_scatter", "associative_scan", "cumsum", "sort", "top_k", "clamp", "axis_size", "dot_general",
  // Elementwise lax functions: jnp has them here.
  "add", "sub", "mul", "div", "neg", "exp", "log", "sin", "cos", "tanh", "sqrt", "max", "min", "pow",
]);
