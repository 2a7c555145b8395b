/**
 * The builtins only programs import (builtins.ts registerSpecials): functools.partial,
 * jax.tree.map and jax.config.update. Loaded with the programs' evaluator (exec.ts).
 */
import { callError, unsupported } from "../resolve";
import { callValue, makeCallable, registerSpecials, type Callable, type Keywords, type SpecialImpl, type SpecialName } from "../builtins";
import type { LangHost } from "../host";

/**
 * `functools.partial(func, *args, **keywords)`: later positional arguments follow the bound
 * ones and later keywords override (Python's functools.partial). Its parameters are func's
 * without the bound ones, so vmap names them as JAX does.
 */
function makePartial(args: unknown[], kw: Keywords, pos: number, host: LangHost): Callable {
  const [func, ...bound] = args;
  if (typeof func !== "function") throw callError("the first argument must be callable", pos);
  const names = (func as { paramNames?: readonly string[] }).paramNames ?? [];
  const rest = names.slice(bound.length).filter((n) => !kw.has(n));
  const label = (func as { pyName?: string }).pyName ?? "partial";
  return makeCallable((a, k, p) => callValue(func, [...bound, ...a], new Map([...kw, ...k]), p, host), rest, label);
}


const specials: [SpecialName, SpecialImpl][] = [
  ["partial", (_ref, host) => makeCallable((a, kw, pos) => makePartial(a, kw, pos, host), ["func"], "partial")],
  [
    "tree.map",
    // jax.tree.map(f, tree, *rest): f on each leaf; tuples and lists are the nodes (jax/_src/tree.py).
    (ref, host, bind) =>
      makeCallable((a, kw, pos) => {
        const { args } = bind(ref, a, kw, pos);
        const [f, ...trees] = args;
        const walk = (xs: unknown[]): unknown => (Array.isArray(xs[0]) ? (xs[0] as unknown[]).map((_, i) => walk(xs.map((t) => (t as unknown[])[i]))) : callValue(f, xs, new Map(), pos, host));
        return walk(trees);
      }, ["f", "tree"], "map"),
  ],
  [
    "config.update",
    (ref, host, bind) =>
      makeCallable((a, kw, pos) => {
        const { args } = bind(ref, a, kw, pos);
        if (typeof args[0] !== "string") throw callError(`${ref.label}() expects the option's name as a string`, pos);
        if (!host.configUpdate) throw unsupported(`${ref.label} is not available in this engine`, pos);
        host.configUpdate(args[0], args[1]);
        return null;
      }, ["name", "val"], "update"),
  ],
];
registerSpecials(specials);
