/**
 * `jax.lax.*` in the lambda language: the control flow and collectives the engine's `lax`
 * namespace has (engine/control), each with JAX's signature — which parameters are positional,
 * which may be given by keyword, which are keyword options. Functions passed to them (branches,
 * bodies) are the language's own lambdas. JAX: jax/_src/lax/control_flow/*.py, lax/parallel.py.
 */

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

const sig = (positional: string[], required: number, keywords: string[] = [], options: string[] = [], varargs = false): LaxSignature =>
  ({ positional, required, varargs, keywords, options });

const collective = sig(["x", "axis_name"], 2, ["axis_name"]);

export const LAX_SIGNATURES: Record<LaxName, LaxSignature> = {
  cond: sig(["pred", "true_fun", "false_fun"], 3, [], [], true),
  switch: sig(["index", "branches"], 2, [], [], true),
  select: sig(["pred", "on_true", "on_false"], 3),
  fori_loop: sig(["lower", "upper", "body_fun", "init_val"], 4, ["lower", "upper", "body_fun", "init_val"]),
  while_loop: sig(["cond_fun", "body_fun", "init_val"], 3, ["cond_fun", "body_fun", "init_val"]),
  scan: sig(["f", "init", "xs"], 2, ["init", "xs"], ["length", "reverse"]),
  map: sig(["f", "xs"], 2, ["xs"]),
  psum: collective,
  pmean: collective,
  pmax: collective,
  pmin: collective,
  all_gather: sig(["x", "axis_name"], 2, ["axis_name"], ["axis", "tiled"]),
  axis_index: sig(["axis_name"], 1, ["axis_name"]),
};

/** Real jax.lax names the playground does not have (so the error says "not supported"). */
export const LAX_UNSUPPORTED = new Set([
  "dynamic_slice", "dynamic_update_slice", "gather", "scatter", "dot_general", "conv", "conv_general_dilated",
  "reduce", "ppermute", "all_to_all", "psum_scatter", "associative_scan", "cumsum", "cummax", "stop_gradient",
  "custom_root", "custom_linear_solve", "top_k", "sort", "clamp", "pshuffle", "pswapaxes", "axis_size",
  "add", "sub", "mul", "div", "neg", "exp", "log", "sin", "cos", "tanh", "sqrt", "abs", "sign", "max", "min",
  "pow", "integer_pow", "lt", "le", "gt", "ge", "eq", "ne", "select_n", "broadcast_in_dim", "reshape",
  "transpose", "squeeze", "expand_dims", "concatenate", "slice", "pad", "reduce_sum", "reduce_max",
  "reduce_min", "convert_element_type", "iota", "full", "rsqrt", "logistic", "square",
]);
