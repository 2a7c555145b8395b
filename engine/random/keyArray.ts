/**
 * The PRNG key value of `jax.random` (random.ts): its own type, not an engine array — JAX's
 * new-style keys have a key dtype and legacy `PRNGKey`s are uint32, which the engine does not
 * have. Kept apart from the samplers so the lambda language's host can recognise a key without
 * loading them.
 */
import { EngineError } from "../errors";

/** A (batch of) threefry2x32 key(s): `data` holds one uint32 pair per key, row-major. */
export class PRNGKeyArray {
  constructor(
    readonly data: Uint32Array,
    /** The key array's shape as JAX reports it without the key words: `()` for one key. */
    readonly keyShape: readonly number[],
    /** `jax.random.PRNGKey`'s uint32[..., 2] (legacy) rather than `jax.random.key`'s typed key. */
    readonly legacy: boolean,
  ) {}

  /** `.shape`: a legacy key shows its two uint32 words as a trailing axis. */
  get shape(): number[] {
    return this.legacy ? [...this.keyShape, 2] : [...this.keyShape];
  }

  get ndim(): number {
    return this.shape.length;
  }

  /** The keys along the first axis (`k1, k2 = jax.random.split(key)`, `keys[0]`). */
  unstack(): PRNGKeyArray[] {
    if (this.keyShape.length === 0) throw new EngineError("unsupported", "iteration over a 0-d key array is not supported", { pyType: "TypeError" });
    const n = this.keyShape[0];
    const inner = this.keyShape.slice(1);
    const per = 2 * inner.reduce((a, b) => a * b, 1);
    return Array.from({ length: n }, (_, i) => new PRNGKeyArray(this.data.slice(i * per, (i + 1) * per), inner, this.legacy));
  }

  toString(): string {
    const words = Array.from(this.data).join(", ");
    return this.legacy ? `Array([${words}], dtype=uint32)` : `Array((), dtype=key<fry>) overlaying:\n[${words}]`;
  }
}

export const isKey = (v: unknown): v is PRNGKeyArray => v instanceof PRNGKeyArray;

