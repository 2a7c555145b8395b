/**
 * Python parameter names attached to functions the language makes, so vmap can name an
 * argument the way JAX does ("axis 0 of argument a of type float32[10,4]").
 * JAX gets them from `inspect.signature`; we carry them on the function object.
 */

/** Attaches `names` as the non-enumerable `paramNames` property and returns `fn`. */
export function withParamNames<F extends Function>(fn: F, names: readonly string[]): F {
  Object.defineProperty(fn, "paramNames", { value: Object.freeze([...names]), configurable: true });
  return fn;
}

/** The Python parameter names of a function made by the lambda language, if it has them. */
export function paramNamesOf(fn: unknown): string[] | undefined {
  if (typeof fn !== "function") return undefined;
  const names = (fn as { paramNames?: unknown }).paramNames;
  if (!Array.isArray(names) || !names.every((n) => typeof n === "string")) return undefined;
  return [...names];
}
