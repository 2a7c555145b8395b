/**
 * `useX64()` at a test file's top level runs the file with `jax_enable_x64` on, for tests whose
 * references are float64 loops. It switches x64 on at once (arrays made while the file is
 * collected are float64 too) and back off after the file, so other files see JAX's float32
 * default.
 */
import { afterAll, beforeAll } from "vitest";
import { config } from "../../engine";

export function useX64(): void {
  config.update("jax_enable_x64", true);
  beforeAll(() => config.update("jax_enable_x64", true));
  afterAll(() => config.update("jax_enable_x64", false));
}
