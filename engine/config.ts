/**
 * `jax.config`: the one flag the playground honours, `jax_enable_x64`. Off (JAX's default),
 * Python floats and float arrays are float32 and ints int32; on, float64 and int64.
 * JAX: jax/_src/config.py (`enable_x64`), dtypes.py (`canonicalize_dtype`).
 */
import { EngineError } from "./errors";

const flags = { x64: false };

export const config = {
  /** `jax.config.update(name, value)`; an unknown name is refused with JAX's AttributeError words. */
  update(name: string, value: unknown): void {
    if (name !== "jax_enable_x64") {
      throw new EngineError("unsupported", `Unrecognized config option: ${name}`, { pyType: "AttributeError" });
    }
    flags.x64 = Boolean(value);
  },
  /** `jax.config.jax_enable_x64`. */
  get jax_enable_x64(): boolean {
    return flags.x64;
  },
};

export function x64Enabled(): boolean {
  return flags.x64;
}
