/**
 * The "64-bit" switch: JAX computes in float32 unless `jax.config.update("jax_enable_x64",
 * True)`; turning it on here gives float64 values, `f64` jaxprs and that line in the copied
 * code. It is part of the explorer state, so undo and the permalink keep it.
 */
import { useStore } from "../state/store";

export function X64Toggle() {
  const on = useStore((s) => s.explorer.x64);
  const setX64 = useStore((s) => s.setX64);
  return (
    <label className="x64-toggle" title='jax.config.update("jax_enable_x64", True): float64 instead of float32'>
      <input type="checkbox" checked={on} onChange={(e) => setX64(e.target.checked)} />
      64-bit (jax_enable_x64)
    </label>
  );
}
