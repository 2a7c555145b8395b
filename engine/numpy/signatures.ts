/**
 * The declared Python signature of every public jnp / jax.nn function: parameter names in
 * order, which are required, and each one's kind (signature.ts converts and checks by kind).
 * Pure data, read in two places: `defineJnp` binds every call with it, and the lambda language
 * derives which keywords each function takes from it (lang/resolve.ts), so the two never
 * disagree. Names and order follow JAX's own functions (jax/_src/numpy/*.py, jax/_src/nn).
 */
import type { Param, Signature } from "./signature";

/** A parameter: required without a default, optional with one. */
const p = (name: string, kind: Param["kind"], ...dflt: [unknown?]): Param => (dflt.length ? { name, kind, dflt: dflt[0] } : { name, kind });
/** A keyword-only parameter (after `*` in JAX's signature); always optional. */
const kw = (name: string, kind: Param["kind"], dflt: unknown): Param => ({ name, kind, dflt, kwonly: true });

/** jnp's ufunc objects (add, subtract, multiply, maximum, minimum, negative) also take `out=None, where=None` (ufunc_api.py). */
const UFUNC_KEYWORDS = [kw("out", "unsupported", null), kw("where", "unsupported", null)];
const ufunc2 = (name: string, x = "x", y = "y", keywords: Param[] = []): Signature => ({ name, params: [p(x, "array"), p(y, "array"), ...keywords], ufunc: true });
const ufunc1 = (name: string, keywords: Param[] = []): Signature => ({ name, params: [p("x", "array"), ...keywords], ufunc: true });
/**
 * `sum(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None,
 * promote_integers=True)` and prod; max/min have no dtype and no promote_integers
 * (jax/_src/numpy/reductions.py).
 */
const reduction = (name: string, withDtype: boolean): Signature => ({
  name,
  params: [
    p("a", "array"),
    p("axis", "ints?", null),
    ...(withDtype ? [p("dtype", "dtype", null)] : []),
    p("out", "unsupported", null),
    p("keepdims", "bool", false),
    p("initial", "array?", null),
    p("where", "array?", null),
    ...(withDtype ? [p("promote_integers", "bool", true)] : []),
  ],
});
/** dot/vdot/matmul: `(a, b, *, precision=None, preferred_element_type=None)` (tensor_contractions.py). */
const product = (name: string, extra: Param[] = [kw("precision", "ignored", null), kw("preferred_element_type", "dtype", null)]): Signature => ({
  name,
  params: [p("a", "array"), p("b", "array"), ...extra],
});
/** zeros_like/ones_like: `(a, dtype=None, shape=None, *, device=None)` (array_creation.py). */
const like = (name: string): Signature => ({ name, params: [p("a", "array"), p("dtype", "dtype", null), p("shape", "ints?", null), kw("device", "unsupported", null)] });

export const JNP_SIGNATURES = {
  add: ufunc2("add", "x", "y", UFUNC_KEYWORDS),
  subtract: ufunc2("subtract", "x", "y", UFUNC_KEYWORDS),
  multiply: ufunc2("multiply", "x", "y", UFUNC_KEYWORDS),
  divide: ufunc2("divide"),
  maximum: ufunc2("maximum", "x", "y", UFUNC_KEYWORDS),
  minimum: ufunc2("minimum", "x", "y", UFUNC_KEYWORDS),
  // An "operand" exponent stays a JS number, so a Python int exponent can bind integer_pow.
  power: { name: "power", params: [p("x1", "array"), p("x2", "operand")], ufunc: true } as Signature,
  less: ufunc2("less"),
  less_equal: ufunc2("less_equal"),
  greater: ufunc2("greater"),
  greater_equal: ufunc2("greater_equal"),
  equal: ufunc2("equal"),
  not_equal: ufunc2("not_equal"),
  negative: ufunc1("negative", UFUNC_KEYWORDS),
  abs: ufunc1("abs"),
  square: ufunc1("square"),
  sqrt: ufunc1("sqrt"),
  exp: ufunc1("exp"),
  log: ufunc1("log"),
  sin: ufunc1("sin"),
  cos: ufunc1("cos"),
  tanh: ufunc1("tanh"),
  sum: reduction("sum", true),
  prod: reduction("prod", true),
  mean: {
    name: "mean",
    params: [p("a", "array"), p("axis", "ints?", null), p("dtype", "dtype", null), p("out", "unsupported", null), p("keepdims", "bool", false), kw("where", "array?", null)],
  } as Signature,
  max: reduction("max", false),
  min: reduction("min", false),
  dot: product("dot"),
  vdot: product("vdot"),
  matmul: product("matmul"),
  outer: product("outer", [p("out", "unsupported", null)]),
  // `einsum(subscripts, /, *operands, out=None, optimize='auto', precision=None, preferred_element_type=None)`:
  // the contraction order changes no number here, so optimize is accepted and ignored.
  einsum: {
    name: "einsum",
    params: [p("subscripts", "str"), kw("out", "unsupported", null), kw("optimize", "ignored", "auto"), kw("precision", "ignored", null), kw("preferred_element_type", "dtype", null)],
    varargs: p("operands", "array"),
  } as Signature,
  transpose: { name: "transpose", params: [p("a", "array"), p("axes", "tuple?", null)] } as Signature,
  // `reshape(a, shape, order='C', *, copy=None, out_sharding=None)`; newshape= was removed in JAX 0.6.
  reshape: { name: "reshape", params: [p("a", "array"), p("shape", "int|tuple"), p("order", "str", "C"), kw("copy", "ignored", null)] } as Signature,
  ravel: { name: "ravel", params: [p("a", "array"), p("order", "str", "C")] } as Signature,
  moveaxis: { name: "moveaxis", params: [p("a", "array"), p("source", "ints"), p("destination", "ints")] } as Signature,
  swapaxes: { name: "swapaxes", params: [p("a", "array"), p("axis1", "int"), p("axis2", "int")] } as Signature,
  expand_dims: { name: "expand_dims", params: [p("a", "array"), p("axis", "ints")] } as Signature,
  squeeze: { name: "squeeze", params: [p("a", "array"), p("axis", "ints?", null)] } as Signature,
  stack: { name: "stack", params: [p("arrays", "arrays"), p("axis", "int", 0), p("out", "unsupported", null), p("dtype", "dtype", null)] } as Signature,
  concatenate: { name: "concatenate", params: [p("arrays", "arrays"), p("axis", "int?", 0), p("dtype", "dtype", null)] } as Signature,
  // x and y default to "absent": jnp.where(condition) alone is the nonzero form.
  where: { name: "where", params: [p("condition", "array"), p("x", "array", undefined), p("y", "array", undefined)] } as Signature,
  zeros_like: like("zeros_like"),
  ones_like: like("ones_like"),
  // array_constructors.py / array_creation.py; the object is read by the function itself.
  array: { name: "array", params: [p("object", "ignored"), p("dtype", "dtype", null), p("copy", "ignored", true), kw("device", "unsupported", null)] } as Signature,
  asarray: { name: "asarray", params: [p("a", "ignored"), p("dtype", "dtype", null), p("order", "ignored", null), kw("copy", "ignored", null), kw("device", "unsupported", null)] } as Signature,
  zeros: { name: "zeros", params: [p("shape", "ignored"), p("dtype", "dtype", null), kw("device", "unsupported", null)] } as Signature,
  ones: { name: "ones", params: [p("shape", "ignored"), p("dtype", "dtype", null), kw("device", "unsupported", null)] } as Signature,
  full: { name: "full", params: [p("shape", "ignored"), p("fill_value", "ignored"), p("dtype", "dtype", null), kw("device", "unsupported", null)] } as Signature,
  // array_creation.py: linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0, *, device=None)
  linspace: {
    name: "linspace",
    params: [p("start", "number?"), p("stop", "number?"), p("num", "int", 50), p("endpoint", "bool", true), p("retstep", "bool", false), p("dtype", "dtype", null), p("axis", "int", 0), kw("device", "unsupported", null)],
  } as Signature,
  // lax_numpy.py (NumPy's np.shape): shape(a)
  shape: { name: "shape", params: [p("a", "array")] } as Signature,
  // lax_numpy.py: eye(N, M=None, k=0, dtype=None, *, device=None)
  eye: { name: "eye", params: [p("N", "int"), p("M", "int?", null), p("k", "int", 0), p("dtype", "dtype", null), kw("device", "unsupported", null)] } as Signature,
  arange: {
    name: "arange",
    params: [p("start", "number?"), p("stop", "number?", null), p("step", "number?", null), p("dtype", "dtype", null), kw("device", "unsupported", null)],
  } as Signature,
  // jax/_src/numpy/indexing.py: `take(a, indices, axis=None, out=None, mode=None,
  // unique_indices=False, indices_are_sorted=False, fill_value=None)` and
  // `take_along_axis(arr, indices, axis, mode=None, fill_value=None)`; mode is read by the function.
  take: {
    name: "take",
    params: [p("a", "array"), p("indices", "array"), p("axis", "int?", null), p("out", "unsupported", null), p("mode", "ignored", null), p("unique_indices", "bool", false), p("indices_are_sorted", "bool", false), p("fill_value", "number?", null)],
  } as Signature,
  take_along_axis: {
    name: "take_along_axis",
    params: [p("arr", "array"), p("indices", "array"), p("axis", "int?"), p("mode", "ignored", null), p("fill_value", "number?", null)],
  } as Signature,
  // reductions.py: `argmax(a, axis=None, out=None, keepdims=None)`.
  argmax: { name: "argmax", params: [p("a", "array"), p("axis", "int?", null), p("out", "unsupported", null), p("keepdims", "ignored", null)] } as Signature,
  // lax_numpy.py: `argsort(a, axis=-1, *, kind=None, order=None, stable=True, descending=False)`.
  argsort: {
    name: "argsort",
    params: [p("a", "array"), p("axis", "int?", -1), kw("kind", "ignored", null), kw("order", "unsupported", null), kw("stable", "bool", true), kw("descending", "bool", false)],
  } as Signature,
  argmin: { name: "argmin", params: [p("a", "array"), p("axis", "int?", null), p("out", "unsupported", null), p("keepdims", "ignored", null)] } as Signature,
} satisfies Record<string, Signature>;

export const NN_SIGNATURES = {
  relu: { name: "relu", params: [p("x", "array")] } as Signature,
  sigmoid: { name: "sigmoid", params: [p("x", "array")] } as Signature,
  softmax: { name: "softmax", params: [p("x", "array"), p("axis", "ints?", -1), p("where", "array?", null)] } as Signature,
} satisfies Record<string, Signature>;

/**
 * The keywords a call may use, for a caller that checks names before calling (the lambda
 * language): every parameter that is not positional-only (a ufunc's operands), split into
 * required ones (after the first) and optional ones. Parameters the playground does not do
 * (out=) are keywords too: None is accepted, anything else is JAX's NotImplementedError.
 */
export function keywordsOf(sig: Signature): { required: string[]; optional: string[] } {
  const named = sig.ufunc ? sig.params.filter((q) => q.kwonly) : sig.params;
  return {
    required: named.filter((q, i) => i > 0 && !("dflt" in q)).map((q) => q.name),
    optional: named.filter((q) => "dflt" in q).map((q) => q.name),
  };
}
