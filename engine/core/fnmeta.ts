/**
 * Parameter names of a function, for vmap's error texts (`axis 0 of argument a of type …`).
 * Lambdas from the lambda language carry a `paramNames` property; for plain JS functions we read
 * the parameter list from the function's source text (read only, never evaluated).
 */
export function paramNamesOf(fn: unknown): string[] | undefined {
  if (typeof fn !== "function") return undefined;
  const own = (fn as { paramNames?: unknown }).paramNames;
  if (Array.isArray(own)) return [...own] as string[];
  const src = Function.prototype.toString.call(fn);
  const m = /^(?:async\s*)?(?:function\b[^(]*)?\(([^)]*)\)|^(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>/.exec(src);
  if (!m) return undefined;
  if (m[2]) return [m[2]];
  const names: string[] = [];
  for (const part of m[1].split(",")) {
    const name = /^\s*([A-Za-z_$][\w$]*)\s*(?:=.*)?$/.exec(part);
    if (!name) break; // destructuring or rest: stop at the first name we cannot bind, like JAX's args[i]
    names.push(name[1]);
  }
  return names;
}

export function withParamNames<F extends Function>(fn: F, names: readonly string[]): F {
  Object.defineProperty(fn, "paramNames", { value: Object.freeze([...names]), configurable: true });
  return fn;
}

/** A transformed function keeps its source's parameter names (vmap/grad/jit of f still name f's). */
export function keepParamNames<F extends Function>(from: unknown, to: F): F {
  const names = paramNamesOf(from);
  return names ? withParamNames(to, names) : to;
}
