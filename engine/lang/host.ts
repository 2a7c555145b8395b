/**
 * The only door from the lambda language into the engine. The evaluator never imports
 * engine modules; `engine/index.ts` passes a real host, tests pass a fake that records calls.
 */

export interface LangHost {
  /** `jnp.add(a, b)`, `jnp.sum(x, { axis: 0, keepdims: false })`: NumPy argument order, Python
   * keyword arguments (under their Python names) collected into ONE trailing options object. */
  jnp: Record<string, (...args: any[]) => any>;
  /** relu, sigmoid, softmax (softmax may get a trailing `{ axis }`). */
  nn: Record<string, (...args: any[]) => any>;
  vmap(fun: Function, inAxes: any, outAxes: any, opts?: { axisSize?: number; axisName?: string }): Function;
  /** `jax.lax.cond(…)`, `jax.lax.psum(x, 'b')`: JAX's argument order, keyword options as ONE trailing object. */
  lax?: Record<string, (...args: any[]) => any>;
  grad(fun: Function, opts?: { argnums?: number | number[] }): Function;
  jit(fun: Function): Function;
  /** True for engine arrays and tracers (which have `.shape: readonly number[]` and `.ndim`). */
  isArray(v: unknown): boolean;
  /**
   * A Python float literal with an integral value (`3.0`, `1e300`) as the engine's weak float
   * scalar, so `x ** 3.0` is pow and `axis=1.0` a TypeError, as in JAX (JS numbers alone
   * cannot tell 3 from 3.0). Hosts without dtypes leave it a number.
   */
  pyFloat?(value: number): unknown;
  /** `jax.random.key/PRNGKey/split/uniform/normal` (positional, JAX's order). */
  random?: Record<string, (...args: any[]) => any>;
  /** True for a PRNG key array (`jax.random.key(0)`), which has `.shape` but is not an engine array. */
  isKey?(v: unknown): boolean;
  /** The items along the first axis of an array or key array (`a, b = x`), or null if it has none. */
  unstack?(v: unknown): unknown[] | null;
  /** `str(x)` of an engine array, as `print` shows it. */
  str?(v: unknown): string;
  /** `jax.config.update(name, value)`; only `jax_enable_x64` is read. */
  configUpdate?(name: string, value: unknown): void;
  /** `x[...]` on an engine array; one item per comma-separated entry. */
  index(x: unknown, items: IndexItem[]): unknown;
  /** `x.at[items].get(mode=, fill_value=)` (lang/at.ts). */
  atGet?(x: unknown, items: IndexItem[], opts: { mode: string | null; fillValue: unknown }): unknown;
  /** `x.at[items].set/add/multiply/min/max(y, mode=)` (lang/at.ts). */
  atUpdate?(x: unknown, items: IndexItem[], y: unknown, op: string, opts: { mode: string | null }): unknown;
}

/**
 * An integer, `null` (None = new axis), `"..."` (Ellipsis), a slice with Python's optional
 * parts, or an engine array (indexing by values).
 */
export type IndexItem = number | null | "..." | { start: number | null; stop: number | null; step: number | null } | { readonly shape: readonly number[] };
