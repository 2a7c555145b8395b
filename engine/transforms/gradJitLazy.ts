/**
 * `grad`, `valueAndGrad` and `jit` as the engine exports them: they call through to their family
 * (gradJitFamily.ts: reverse mode, tracing to a jaxpr for jit, the optimizer and code generator),
 * loaded on first use (engine/lazyFamily.ts). The first screen only maps.
 */
import { lazyFamily } from "../lazyFamily";
import type { GradOptions } from "./grad";
import type { Jitted, JitStats } from "./jit";

export const gradJitFamily = lazyFamily(() => import("./gradJitFamily"));

/** jax.grad. */
export function grad(fun: Function, opts: GradOptions = {}): (...args: unknown[]) => any {
  return gradJitFamily.need("jax.grad").grad(fun, opts);
}

/** jax.value_and_grad: returns [value, gradient] (a tuple of gradients for an array argnums). */
export function valueAndGrad(fun: Function, opts: GradOptions = {}): (...args: unknown[]) => any {
  return gradJitFamily.need("jax.value_and_grad").valueAndGrad(fun, opts);
}

/** jax.jit. */
export function jit(fun: Function, opts: { name?: string } = {}): Jitted {
  return gradJitFamily.need("jax.jit").jit(fun, opts);
}

/** The UI panel's numbers for a jitted function. */
export const jitStats = (f: Jitted): JitStats => f.stats;
