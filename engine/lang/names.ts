/**
 * The name tables of the lambda language: which `jnp.` / `jax.` / `jax.nn.` names and array
 * attributes exist (the keywords each jnp function takes come from its declared signature in
 * numpy/signatures.ts), the Python parameter names JAX reports for them, and the real JAX/Python names we know but do not support (so the error
 * can say "is not supported" instead of "is not defined").
 */

import { LAX_FUNCTIONS } from "./lax";

/** The contract's `jnp.` list, plus the comparison functions the operators map to. */
export const JNP_FUNCTIONS = [
  "add", "subtract", "multiply", "divide", "negative", "power", "maximum", "minimum",
  "abs", "square", "sqrt", "exp", "log", "sin", "cos", "tanh",
  "sum", "mean", "max", "min", "prod",
  "dot", "vdot", "matmul", "outer", "einsum",
  "transpose", "reshape", "moveaxis", "swapaxes", "expand_dims", "squeeze", "stack", "concatenate",
  "where", "zeros_like", "ones_like", "arange", "array", "asarray", "zeros", "ones", "full",
  "less", "less_equal", "greater", "greater_equal", "equal", "not_equal",
  "take", "take_along_axis", "argmax", "argmin", "argsort",
] as const;
export type JnpName = (typeof JNP_FUNCTIONS)[number];

/** `jnp.` constants (values, not functions); `jnp.newaxis` is None, as in NumPy. */
export const JNP_CONSTANTS: Record<string, number | null> = { newaxis: null, pi: Math.PI, e: Math.E, inf: Infinity };

export const NN_FUNCTIONS = ["relu", "sigmoid", "softmax"] as const;
export const JAX_FUNCTIONS = ["vmap", "grad", "jit"] as const;
export const JAX_MODULES = ["numpy", "nn", "lax"] as const;

/** The modules of the language, as resolve.ts walks them (`jax.numpy` is `jnp`). */
export type ModulePath = "jnp" | "jax" | "jax.nn" | "jax.lax";

/**
 * Every member each module has in the language: what the resolver accepts, what its "did you
 * mean" picks from, and what an editor offers (completions.ts).
 */
export function moduleMembers(path: ModulePath): readonly string[] {
  if (path === "jnp") return [...JNP_FUNCTIONS, ...Object.keys(JNP_CONSTANTS)];
  if (path === "jax.nn") return NN_FUNCTIONS;
  if (path === "jax.lax") return LAX_FUNCTIONS;
  return [...JAX_FUNCTIONS, ...JAX_MODULES];
}

/** Attributes an array (or a number, NumPy-scalar style) has in the language. */
export const ARRAY_PROPERTIES = ["T", "shape", "ndim", "size"] as const;
export const ARRAY_METHODS = ["sum", "mean", "max", "min", "prod", "reshape", "transpose", "argmax", "argmin"] as const;
/** JAX's `_IndexUpdateRef` methods, `x.at[idx].set(y)` (mul is multiply's old name); lang/at.ts. */
export const AT_METHODS = ["get", "set", "add", "multiply", "mul", "min", "max"] as const;
export const ARRAY_ATTRIBUTES: readonly string[] = [...ARRAY_PROPERTIES, ...ARRAY_METHODS];

/**
 * Parameter names JAX reports for a function passed straight to `jax.vmap` (in its mapped-size
 * error): `add` and friends are `jnp.ufunc` objects with signature `(*args, out=None, …)`,
 * which is why JAX names their positions `args` and `out`.
 */
const UFUNC = ["args", "out"];
export const JNP_PARAM_NAMES: Record<JnpName, readonly string[]> = {
  add: UFUNC, subtract: UFUNC, multiply: UFUNC, maximum: UFUNC, minimum: UFUNC, negative: UFUNC,
  divide: ["x1", "x2"], power: ["x1", "x2"],
  dot: ["a", "b"], vdot: ["a", "b"], matmul: ["a", "b"], outer: ["a", "b"],
  sum: ["a"], mean: ["a"], max: ["a"], min: ["a"], prod: ["a"],
  transpose: ["a"], reshape: ["a"], moveaxis: ["a"], swapaxes: ["a"], expand_dims: ["a"], squeeze: ["a"],
  exp: ["x"], log: ["x"], sin: ["x"], cos: ["x"], tanh: ["x"], sqrt: ["x"], abs: ["x"], square: ["x"],
  where: ["condition", "x", "y"], stack: ["arrays"], concatenate: ["arrays"],
  einsum: ["subscripts"], zeros_like: ["a"], ones_like: ["a"], arange: ["start", "stop", "step"],
  array: ["object"], asarray: ["a"], zeros: ["shape"], ones: ["shape"], full: ["shape", "fill_value"],
  less: ["x", "y"], less_equal: ["x", "y"], greater: ["x", "y"], greater_equal: ["x", "y"],
  equal: ["x", "y"], not_equal: ["x", "y"],
  take: ["a", "indices"], take_along_axis: ["arr", "indices", "axis"], argmax: ["a"], argmin: ["a"], argsort: ["a"],
};
export const NN_PARAM_NAMES: readonly string[] = ["x"];

/** Real `jax.numpy` names people reach for that the playground does not have. */
export const JNP_UNSUPPORTED = new Set([
  "empty", "eye", "identity", "linspace", "full_like",
  "empty_like", "cumsum", "cumprod", "sort", "clip", "floor", "ceil",
  "round", "sign", "tan", "arcsin", "arccos", "arctan", "arctan2", "sinh", "cosh", "arctanh", "log1p",
  "expm1", "log2", "log10", "exp2", "logaddexp", "mod", "remainder", "floor_divide", "true_divide",
  "reciprocal", "var", "std", "median", "average", "any", "all", "isnan", "isfinite", "nan_to_num",
  "linalg", "fft", "tile", "repeat", "broadcast_to", "broadcast_arrays",
  "diag", "diagonal", "trace", "tensordot", "kron", "inner", "cross", "ravel", "atleast_1d",
  "atleast_2d", "split", "hstack", "vstack", "dstack", "column_stack", "flip", "roll", "pad", "triu",
  "tril", "float32", "float64", "int32", "nan", "isclose", "allclose", "count_nonzero", "nonzero",
  "unique", "logical_and", "logical_or", "logical_not", "cbrt", "hypot", "vectorize", "select",
  "meshgrid", "positive", "fmax", "fmin", "amax", "amin", "sinc", "heaviside", "logsumexp",
]);
export const JAX_UNSUPPORTED = new Set([
  "random", "value_and_grad", "jacfwd", "jacrev", "hessian", "jvp", "vjp", "linearize", "pmap",
  "scipy", "tree_util", "tree_map", "tree", "checkpoint", "remat", "device_put", "make_jaxpr",
  "block_until_ready", "config", "debug", "custom_jvp", "custom_vjp", "named_call", "eval_shape",
]);
export const NN_UNSUPPORTED = new Set([
  "gelu", "silu", "swish", "elu", "leaky_relu", "log_softmax", "logsumexp", "one_hot", "relu6",
  "softplus", "standardize", "glu", "celu", "selu", "hard_tanh", "log_sigmoid", "initializers",
  "sparse_plus", "soft_sign", "mish",
]);
export const ARRAY_UNSUPPORTED = new Set([
  "astype", "dtype", "flatten", "ravel", "sort", "squeeze", "swapaxes", "item",
  "tolist", "clip", "dot", "cumsum", "cumprod", "any", "all", "std", "var", "real", "imag",
  "conj", "round", "copy", "block_until_ready", "devices", "nbytes", "itemsize", "mT", "choose",
]);
/** Python built-ins with a jnp counterpart, so the error can point at it. */
export const PY_BUILTIN_TO_JNP: Record<string, string> = {
  sum: "jnp.sum", max: "jnp.max", min: "jnp.min", abs: "jnp.abs", pow: "jnp.power",
  range: "jnp.arange", zip: "", len: "", print: "", float: "", int: "", list: "", tuple: "",
  map: "", round: "", sorted: "", dict: "", isinstance: "", type: "", enumerate: "", any: "", all: "",
};
/** Module names people import under other aliases. */
export const NUMPY_ALIASES = new Set(["np", "numpy", "math", "onp"]);
