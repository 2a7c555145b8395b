/** Wires the lambda language to the real engine: the only place lang meets jnp and transforms. */
import { scalarArray } from "./array/create";
import { isValue } from "./core/tracer";
import type { LangHost } from "./lang/host";
import { jnp, nn } from "./numpy";
import { laxFamily } from "./control/lazy";
import { creationFunctions } from "./numpy/jnp";
import { grad, jit } from "./transforms/gradJitLazy";
import { vmap } from "./transforms/vmap";
import { config } from "./config";

export const engineHost: LangHost = {
  // The lambda language knows Python ints (an integral number), so its jnp.array([1, 2]) is int32.
  jnp: { ...jnp, ...creationFunctions(true) } as unknown as LangHost["jnp"],
  nn: nn as unknown as LangHost["nn"],
  // Loaded on first use (control/lazy.ts): undefined until it has arrived.
  get lax() {
    return (laxFamily.tryNow()?.lax ?? undefined) as unknown as LangHost["lax"];
  },
  vmap: (f, inAxes, outAxes, opts) => vmap(f, inAxes, outAxes, opts ?? {}),
  grad: (f, opts) => grad(f, opts ?? {}),
  jit: (f) => jit(f as (...args: any[]) => any),
  isArray: isValue,
  index: (x, items) => jnp.index(x as any, items as any),
  atGet: (x, items, { mode, fillValue }) => jnp.atGet(x as any, items as any, { mode, fillValue: fillValue as number | null }),
  atUpdate: (x, items, y, op, { mode }) => jnp.atUpdate(x as any, items as any, y, op as any, { mode }),
  pyFloat: (v) => scalarArray(v, true),
  // `random` (jax.random's samplers) and `isKey` are set when they load: withRandom below.
  unstack: (v) => {
    if (engineHost.isKey?.(v)) return (v as { unstack(): unknown[] }).unstack();
    if (!isValue(v) || v.shape.length === 0) return null;
    return Array.from({ length: v.shape[0] }, (_, i) => jnp.index(v as any, [i]));
  },
  configUpdate: (name, value) => {
    if (name === "jax_enable_x64") config.update("jax_enable_x64", Boolean(value));
  },
};

/**
 * What the lazily loaded chunk (engine/programs.ts) adds to the lambda language's host:
 * jax.random's samplers, the key type, and the constructors jnp.linspace, jnp.eye, jnp.shape.
 */
export interface ProgramExtras {
  random: NonNullable<LangHost["random"]>;
  isKey: (v: unknown) => boolean;
  jnp: Record<string, (...args: any[]) => any>;
  str: (v: unknown) => string;
}
export function withProgramExtras(x: ProgramExtras): void {
  engineHost.random ??= x.random;
  engineHost.isKey ??= x.isKey;
  engineHost.str ??= x.str;
  for (const [k, f] of Object.entries(x.jnp)) if (!Object.hasOwn(engineHost.jnp, k)) engineHost.jnp[k] = f;
}
