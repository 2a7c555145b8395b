/**
 * One validation layer for the jnp/nn namespace: each public function declares its Python
 * signature (signatures.ts: parameter names, which are required, each one's kind), and
 * `defineJnp` binds a call to it the way Python does, converts every argument by its kind and
 * only then calls the implementation. So every wrongly typed argument is an EngineError in Python's words (CPython's
 * TypeError texts for arity and keywords, `operator.index` for ints, jnp's `check_arraylike`
 * text for arrays), never a JavaScript error from deep inside.
 *
 * Calling convention (engine-contract.md): positional arguments in NumPy order, and keyword
 * arguments as ONE trailing options object, a plain `{ … }` literal (prototype Object.prototype).
 * A Python dict value (the lambda language's dicts and pytree dicts are null-prototype objects)
 * is never read as keyword arguments: `jnp.sum(x, {'axis': 1})` passes a dict as `axis`.
 * JAX: jax/_src/numpy/util.py (check_arraylike), jax/_src/numpy/reductions.py, lax_numpy.py.
 */
import { EngineError } from "../errors";
import { canonicalize, defaultFloat, defaultInt, type DType } from "../array/dtype";
import { indexTuple, intOrTuple, isPyFloat, operatorIndex, pyNameList, pyNumber, pyTypeName, typeError } from "../array/pyargs";
import { isValue, toValue, type Value } from "../core/tracer";
import * as lax from "../primitives/lax";

export type Kind =
  /** An ndarray or a Python scalar (jnp's check_arraylike). */
  | "array"
  /** A sequence of arrays (or one array, unstacked along its first axis, as jnp allows). */
  | "arrays"
  /** An array or a Python scalar kept as a JS number (jnp.power tells int exponents apart). */
  | "operand"
  /** An int. */
  | "int"
  /** An int or None. */
  | "int?"
  /** An int or a tuple of ints (axis lists, shapes): returned as a list. */
  | "ints"
  /** An int or a tuple of ints, kept as written (reshape's messages print either form). */
  | "int|tuple"
  /** An int, a tuple of ints or None (a reduction's axis): a list, or null. */
  | "ints?"
  /** A tuple of ints or None (transpose's axes). */
  | "tuple?"
  /** A Python bool (truthiness of an int is accepted, as Python does). */
  | "bool"
  /** A str. */
  | "str"
  /** A Python number or None. */
  | "number?"
  /** An array, a Python scalar or None (a reduction's `initial`, `where`). */
  | "array?"
  /** A dtype or None: float dtypes are accepted (the engine computes in floats), others refused. */
  | "dtype"
  /** A parameter JAX accepts and that changes nothing here (einsum's optimize, precision, copy). */
  | "ignored"
  /** A parameter JAX has that the playground does not: only None is accepted. */
  | "unsupported";

export interface Param {
  name: string;
  kind: Kind;
  /** Absent: required. */
  dflt?: unknown;
  /** Keyword-only (after `*` or `*args` in Python's signature). */
  kwonly?: boolean;
}

export interface Signature {
  name: string;
  params: readonly Param[];
  /** `*operands` (einsum): extra positional arguments of this kind. */
  varargs?: Param;
  /** jnp ufuncs take exactly their positional arguments and say so in ufunc words. */
  ufunc?: boolean;
}

/** A trailing `{ … }` literal of keyword arguments; not a value, a tuple or a (null-prototype) dict. */
export function isKeywords(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && Object.getPrototypeOf(x) === Object.prototype;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const wasWere = (n: number) => (n === 1 ? "was" : "were");

/** Python's binding of positional and keyword arguments to `sig`, with CPython's TypeErrors. */
function bindArguments(sig: Signature, raw: readonly unknown[]): { values: unknown[]; extra: unknown[] } {
  const args = [...raw];
  const keywords = args.length > 0 && isKeywords(args[args.length - 1]) ? (args.pop() as Record<string, unknown>) : {};
  while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
  const n = sig.params.filter((q) => !q.kwonly).length;
  const required = sig.params.filter((q) => !q.kwonly && !("dflt" in q)).length;
  if (sig.ufunc && args.length !== n) {
    throw typeError(`${sig.name}() takes ${plural(n, "positional argument")} but ${args.length} ${wasWere(args.length)} given`);
  }
  if (!sig.varargs && args.length > n) {
    const takes = required === n ? `${n}` : `from ${required} to ${n}`;
    throw typeError(`${sig.name}() takes ${takes} positional argument${n === 1 ? "" : "s"} but ${args.length} ${wasWere(args.length)} given`);
  }
  // An undefined positional (a JS caller's omitted optional) counts as not given.
  const values = sig.params.map((q, i) => (q.kwonly ? undefined : args[i]));
  const given = values.map((v) => v !== undefined);
  for (const key of Object.keys(keywords)) {
    const v = keywords[key];
    if (v === undefined) continue;
    const i = sig.params.findIndex((q) => q.name === key);
    if (i < 0) throw typeError(`${sig.name}() got an unexpected keyword argument '${key}'`);
    if (given[i]) throw typeError(`${sig.name}() got multiple values for argument '${key}'`);
    values[i] = v;
    given[i] = true;
  }
  const missing = sig.params.filter((q, i) => !given[i] && !("dflt" in q)).map((q) => q.name);
  if (missing.length) throw typeError(`${sig.name}() missing ${plural(missing.length, "required positional argument")}: ${pyNameList(missing)}`);
  sig.params.forEach((q, i) => {
    if (!given[i]) values[i] = q.dflt;
  });
  return { values, extra: args.slice(n) };
}

/** jnp's check_arraylike: an array or Python scalar, else jnp's TypeError naming the position. */
export function arrayArg(v: unknown, fn: string, position: number): Value {
  if (typeof v === "number" || typeof v === "boolean" || isValue(v)) return toValue(v);
  const t = pyTypeName(v) === "tuple" ? "tuple" : pyTypeName(v);
  throw typeError(`${fn} requires ndarray or scalar arguments, got <class '${t}'> at position ${position}.`);
}

/** A sequence of arrays; an array itself is a sequence of its rows (jnp.stack/concatenate accept one). */
function arraysArg(v: unknown, fn: string): Value[] {
  if (isValue(v)) {
    if (v.ndim === 0) throw typeError("len() of unsized object");
    return Array.from({ length: v.shape[0] }, (_, i) => unstackRow(v, i));
  }
  if (!Array.isArray(v)) throw typeError(`'${pyTypeName(v)}' object is not iterable`);
  return v.map((x, i) => arrayArg(x, fn, i));
}

/** Row `i` of an array: a slice of the first axis, squeezed. */
const unstackRow = (x: Value, i: number): Value =>
  lax.squeeze(lax.slice(x, x.shape.map((n, d) => (d === 0 ? { start: i, step: 1, size: 1 } : { start: 0, step: 1, size: n }))), [0]);

function convert(q: Param, v: unknown, fn: string, position: number, ufunc = false): unknown {
  if (v === undefined) return undefined; // only an omitted parameter whose default is "absent"
  switch (q.kind) {
    case "array":
      return arrayArg(v, fn, position);
    case "operand":
      return typeof v === "number" ? v : arrayArg(v, fn, position);
    case "arrays":
      return arraysArg(v, fn);
    case "int":
      return operatorIndex(v);
    case "int?":
      return v === null ? null : operatorIndex(v);
    case "ints":
      return intOrTuple(v);
    case "int|tuple":
      return Array.isArray(v) ? indexTuple(v) : operatorIndex(v);
    case "ints?":
      return v === null ? null : intOrTuple(v);
    case "tuple?":
      return v === null ? null : indexTuple(v);
    case "bool":
      if (typeof v === "boolean") return v;
      if (typeof v === "number") return v !== 0;
      throw typeError(`${fn}() argument '${q.name}' must be a bool, not ${pyTypeName(v)}`);
    case "str":
      if (typeof v === "string") return v;
      throw typeError(`${fn}() argument '${q.name}' must be a str, not ${pyTypeName(v)}`);
    case "number?":
      // A Python float stays one (arange(3.0) is a float array): the weak float scalar itself.
      return v === null ? null : isPyFloat(v) ? v : pyNumber(v, `${fn}() argument '${q.name}'`);
    case "array?":
      return v === null ? null : arrayArg(v, fn, position);
    case "dtype":
      return dtypeArg(v, fn);
    case "ignored":
      return v;
    case "unsupported":
      if (v === null) return null;
      // JAX's words: reductions.py for the functions, ufunc_api.py `__call__` for ufunc objects.
      throw new EngineError("unsupported", ufunc ? `${q.name} argument of <jnp.ufunc '${fn}'>` : `The '${q.name}' argument to jnp.${fn} is not supported.`);
  }
}

/** Dtype names the engine computes in today (it stores float64 and reports JAX's float32). */
/**
 * The dtypes a `dtype=` argument may name, each as the playground's dtype: Python's `float`,
 * `int` and `bool` are the defaults (JAX canonicalizes them), float64/int64 become float32/int32
 * without x64, as in JAX (which warns).
 */
const DTYPE_NAMES = new Map<string, () => DType>([
  ["float32", () => "float32"],
  ["float64", () => canonicalize("float64")],
  ["float", defaultFloat],
  ["int32", () => "int32"],
  ["int64", () => canonicalize("int64")],
  ["int", defaultInt],
  ["bool", () => "bool"],
]);

/** A dtype argument: None, or a dtype the playground has, by name; any other is refused in words. */
function dtypeArg(v: unknown, fn: string): DType | null {
  if (v === null) return null;
  const name = typeof v === "string" ? v : typeof v === "function" && typeof (v as { name?: unknown }).name === "string" ? (v as { name: string }).name : null;
  const d = name === null ? undefined : DTYPE_NAMES.get(name);
  if (d) return d();
  const shown = typeof v === "string" ? `'${v}'` : name ?? pyTypeName(v);
  throw new EngineError("unsupported", `jnp.${fn}: dtype=${shown} is not supported in the playground, which has bool, int32, float32 (and int64, float64 with x64); leave dtype out or pass one of those.`);
}

/**
 * A public jnp function: binds `(...args, { keywords })` to `sig`, converts each argument by its
 * kind, and calls `impl` with the converted values in declaration order (then any varargs).
 * `T` is the function's TypeScript face for JS callers.
 */
export function defineJnp<T extends (...args: any[]) => unknown>(sig: Signature, impl: (...args: any[]) => unknown): T {
  const fn = (...raw: unknown[]) => {
    const { values, extra } = bindArguments(sig, raw);
    const converted = values.map((v, i) => convert(sig.params[i], v, sig.name, i, sig.ufunc));
    const rest = sig.varargs ? extra.map((v, i) => convert(sig.varargs!, v, sig.name, sig.params.length + i)) : [];
    return impl(...converted, ...rest);
  };
  return fn as unknown as T;
}
