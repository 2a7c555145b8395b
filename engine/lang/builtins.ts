/**
 * The functions a lambda can name — `jnp.*`, `jax.nn.*`, `jax.vmap/grad/jit` and array
 * methods — as JS functions that forward to the host. Each carries a `CALL` entry that also
 * takes Python keyword arguments (the plain JS call form has none), and its JAX parameter
 * names so a jnp function passed straight to vmap names its arguments the way JAX does.
 */
import { ensureIndex } from "../array/pyargs";
import { EngineError } from "../errors";
import type { LangHost } from "./host";
import { JNP_PARAM_NAMES, NN_PARAM_NAMES } from "./names";
import { laxSignature } from "./lax";
import { withParamNames } from "./params";
import { callError, checkCall, methodSpec, specOf, unsupported, type CallableRef } from "./resolve";

/** Python keyword arguments of one call, by Python name. */
export type Keywords = ReadonlyMap<string, unknown>;
export type CallImpl = (args: unknown[], keywords: Keywords, pos: number) => unknown;
export const CALL: unique symbol = Symbol("lambda-language call");
export type Callable = ((...args: unknown[]) => unknown) & { [CALL]?: CallImpl };

/** Wraps `impl` as a JS function (positional arguments only) that also exposes `impl` under CALL. */
export function makeCallable(impl: CallImpl, paramNames: readonly string[], pyName = "<lambda>"): Callable {
  const fn: Callable = (...args: unknown[]) => impl(args, new Map(), -1);
  Object.defineProperty(fn, CALL, { value: impl });
  // The name Python would print for it (`<function sum>` in error texts), never its JS source.
  Object.defineProperty(fn, "pyName", { value: pyName });
  return withParamNames(fn, paramNames);
}

/** Own enumerable data properties; defineProperty so a key like `__proto__` stays an ordinary key. */
function defineEntries<T extends object>(out: T, entries: Iterable<[string, unknown]>): T {
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * Keyword arguments for a host call: a plain `{ … }` object (prototype Object.prototype), which
 * is how the engine's JS API takes keywords (engine-contract.md).
 */
export function toOptions(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  return defineEntries({}, entries);
}

/**
 * A Python dict value: a null-prototype object, so no key is special (`'constructor'`, `'__proto__'`)
 * and the engine never mistakes it for keyword arguments (`jnp.sum(x, {'axis': 1})` passes a dict).
 */
export function pyDict(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  return defineEntries(Object.create(null) as Record<string, unknown>, entries);
}

/** A stable name for a value's Python type, for TypeError-like messages. */
export function pyTypeName(v: unknown, host: LangHost): string {
  if (v === null || v === undefined) return "NoneType";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (typeof v === "string") return "str";
  if (typeof v === "function") return "function";
  if (host.isArray(v) || host.isKey?.(v)) return "Array";
  if (Array.isArray(v)) return "tuple";
  return "dict";
}

function hostFn(table: Record<string, (...a: any[]) => any>, name: string, label: string): (...a: any[]) => any {
  const f = table[name];
  if (typeof f !== "function") throw unsupported(`${label} is not available in this engine`);
  return f;
}

/** Splits keywords into positional fill-ins (moved into place) and options; Python's rules, checked first. */
function bind(ref: CallableRef, args: unknown[], kw: Keywords, pos: number): { args: unknown[]; opts: Record<string, unknown> | undefined } {
  const s = specOf(ref);
  checkCall(s, args.length, [...kw.keys()], pos);
  const out = [...args];
  const rest: [string, unknown][] = [];
  const filled = [...kw].filter(([k]) => s.positionalKeywords.includes(k)).sort(([a], [b]) => s.positional.indexOf(a) - s.positional.indexOf(b));
  for (const [k, v] of filled) {
    // A skipped optional parameter takes its default (jax.vmap(f, out_axes=1): in_axes=0).
    while (out.length < s.positional.indexOf(k) && s.defaults?.has(s.positional[out.length])) out.push(s.defaults.get(s.positional[out.length]));
    if (s.positional.indexOf(k) !== out.length) {
      throw callError(`${s.label}(): pass '${s.positional[out.length]}' before '${k}' (positionally or by keyword)`, pos);
    }
    out.push(v);
  }
  for (const [k, v] of kw) if (!s.positionalKeywords.includes(k)) rest.push([k, v]);
  return { args: out, opts: rest.length > 0 ? toOptions(rest) : undefined };
}

/** grad's own `_ensure_index` check, its TypeError pointed at the call's column. */
function argnumsOf(v: unknown, pos: number): number | number[] {
  try {
    return ensureIndex(v);
  } catch (e) {
    if (e instanceof EngineError) throw callError(e.message, pos);
    throw e;
  }
}

function requireFunction(label: string, f: unknown, host: LangHost, pos: number): Function {
  if (typeof f !== "function") throw callError(`${label}: expected a callable value as its first argument, got ${pyTypeName(f, host)}`, pos);
  return f;
}

/** Calls any value of the language: its CALL entry with keywords, or a plain JS function without. */
export function callValue(f: unknown, args: unknown[], kw: Keywords, pos: number, host: LangHost): unknown {
  if (typeof f !== "function") throw unsupported(`'${pyTypeName(f, host)}' object is not callable`, pos, "TypeError");
  const impl = (f as Callable)[CALL];
  if (impl) return impl(args, kw, pos);
  if (kw.size > 0) throw unsupported(`keyword arguments (${[...kw.keys()].join(", ")}) cannot be passed to a transformed function`, pos);
  return f(...args);
}

/**
 * `functools.partial`, `jax.tree.map`, `jax.config.update`: what only programs import, so their
 * implementations live with the programs' evaluator (specials.ts registers them when it loads).
 */
export type SpecialName = Extract<CallableRef, { kind: "special" }>["name"];
export type SpecialImpl = (ref: Extract<CallableRef, { kind: "special" }>, host: LangHost, bindArgs: typeof bind) => Callable;
const SPECIALS = new Map<SpecialName, SpecialImpl>();
export function registerSpecials(impls: Iterable<[SpecialName, SpecialImpl]>): void {
  for (const [k, f] of impls) SPECIALS.set(k, f);
}

export function makeBuiltin(ref: CallableRef, host: LangHost): Callable {
  switch (ref.kind) {
    case "special": {
      const impl = SPECIALS.get(ref.name);
      if (!impl) throw unsupported(`${ref.label} is not available in this engine`);
      return impl(ref, host, bind);
    }
    case "random":
      return makeCallable((a, kw, pos) => {
        const { args, opts } = bind(ref, a, kw, pos);
        const f = host.random?.[ref.name];
        if (typeof f !== "function") throw unsupported(`${ref.label} is not available in this engine`, pos);
        return opts ? f(...args, opts) : f(...args);
      }, ["key"], ref.name);
    case "jnp":
      return makeCallable((a, kw, pos) => {
        const { args, opts } = bind(ref, a, kw, pos);
        const f = hostFn(host.jnp, ref.name, ref.label);
        return opts ? f(...args, opts) : f(...args);
      }, JNP_PARAM_NAMES[ref.name], ref.name);
    case "nn":
      return makeCallable((a, kw, pos) => {
        const { args, opts } = bind(ref, a, kw, pos);
        const f = hostFn(host.nn, ref.name, ref.label);
        return opts ? f(...args, opts) : f(...args);
      }, NN_PARAM_NAMES, ref.name);
    case "lax":
      return makeCallable((a, kw, pos) => {
        const { args, opts } = bind(ref, a, kw, pos);
        if (!host.lax) throw unsupported(`${ref.label} is still loading`, pos);
        const f = hostFn(host.lax, ref.name, ref.label);
        if (!opts) return f(...args);
        // Options follow every positional parameter (scan(f, init, length=3): xs is None).
        const n = laxSignature(ref.name)!.positional.length;
        return f(...args, ...new Array(Math.max(0, n - args.length)).fill(null), opts);
      }, laxSignature(ref.name)?.positional ?? [], ref.name);
    case "jax":
      if (ref.name === "vmap") {
        return makeCallable((a, kw, pos) => {
          const { args, opts } = bind(ref, a, kw, pos);
          const fun = requireFunction(ref.label, args[0], host, pos);
          // Only an absent in_axes defaults to 0: an explicit None means "map nothing".
          const inAxes = args.length > 1 ? args[1] : 0;
          const outAxes = args.length > 2 ? args[2] : 0;
          const size = opts?.axis_size;
          if (size !== undefined && size !== null && !(typeof size === "number" && Number.isInteger(size))) {
            throw callError(`${ref.label}: axis_size must be an int, got ${pyTypeName(size, host)}`, pos);
          }
          // axis_name: any hashable in JAX; collectives find their vmap by the same value.
          const name = opts?.axis_name;
          return host.vmap(fun, inAxes, outAxes, {
            ...(size === undefined || size === null ? {} : { axisSize: size }),
            ...(name === undefined || name === null ? {} : { axisName: name as string }),
          });
        }, ["fun", "in_axes", "out_axes"], ref.name);
      }
      if (ref.name === "grad") {
        return makeCallable((a, kw, pos) => {
          const { args } = bind(ref, a, kw, pos);
          const fun = requireFunction(ref.label, args[0], host, pos);
          return host.grad(fun, args.length > 1 ? { argnums: argnumsOf(args[1], pos) } : {});
        }, ["fun", "argnums"], ref.name);
      }
      return makeCallable((a, kw, pos) => {
        const { args } = bind(ref, a, kw, pos);
        return host.jit(requireFunction(ref.label, args[0], host, pos));
      }, ["fun"], ref.name);
  }
}

/** JAX's own signatures for these methods: `x.sum(axis=None, dtype=None, out=None, keepdims=False)`, `x.reshape(*args)`. */
const METHOD_PARAMS: Record<string, readonly string[]> = { reshape: ["args"], transpose: ["args"] };
const REDUCTION_PARAMS = ["axis", "dtype", "out", "keepdims"];

/** `x.name` for a method name, bound to `x`. */
export function boundMethod(x: unknown, name: string, label: string, host: LangHost): Callable {
  return makeCallable((args, kw, pos) => {
    checkCall(methodSpec(name, label), args.length, [...kw.keys()], pos);
    const f = hostFn(host.jnp, name, `jnp.${name}`);
    const opts = kw.size > 0 ? toOptions(kw) : undefined;
    if (name === "reshape" || name === "transpose") {
      // Both `x.reshape(2, 3)` and `x.reshape((2, 3))`, like NumPy.
      const one = args.length === 1 ? args[0] : undefined;
      if (name === "reshape" && args.length === 0) throw callError(`${label}() missing the new shape`, pos);
      if (args.length === 0 || (name === "transpose" && one === null)) return f(x);
      const shape = Array.isArray(one) ? [...one] : typeof one === "number" || args.length > 1 ? [...args] : one;
      return opts ? f(x, shape, opts) : f(x, shape);
    }
    return opts ? f(x, ...args, opts) : f(x, ...args);
  }, METHOD_PARAMS[name] ?? REDUCTION_PARAMS);
}
