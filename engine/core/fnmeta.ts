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

/**
 * A transformed function keeps its source's parameter names (vmap/grad/jit of f still name f's),
 * and its stability: a transformation with fixed arguments of a stable function is stable.
 */
export function keepParamNames<F extends Function>(from: unknown, to: F): F {
  if (stable.has(from as object)) stable.add(to);
  const names = paramNamesOf(from);
  return names ? withParamNames(to, names) : to;
}

/**
 * Stable functions trace the same way on every call with the same argument types: they read
 * nothing that can change between calls (a lambda of the lambda language reads only its
 * parameters and the jnp/jax/lax modules). Eager vmap keeps their trace (vmapProgram.ts); any
 * other function, a JS closure or a lambda of a running program reading a global that may be
 * reassigned, is traced again on each call.
 */
const stable = new WeakSet<object>();

export function markStable<F extends Function>(fn: F): F {
  stable.add(fn);
  return fn;
}

export function isStable(fn: unknown): boolean {
  return typeof fn === "function" && stable.has(fn);
}
