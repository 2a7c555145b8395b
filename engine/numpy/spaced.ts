/**
 * `jnp.linspace` and `jnp.eye`, the two array constructors JAX's tutorials use beside
 * zeros/ones/arange. linspace computes as JAX does (jax/_src/numpy/array_creation.py
 * `_linspace`): `start * (1 - t) + stop * t` with `t = iota / div` in the result's float type,
 * and the exact `stop` appended when `endpoint`, so the values match JAX's to the bit.
 */
import { fromFlat } from "../array/create";
import { defaultFloat, roundValue, type DType } from "../array/dtype";
import type { NDArray } from "../array/ndarray";
import { EngineError } from "../errors";
import { checkAlloc } from "../limits";
import { defineJnp } from "./signature";
import { JNP_SIGNATURES as SIG } from "./signatures";

const isFloat = (d: DType) => d === "float32" || d === "float64";

/** Scalar start and stop only, so the result is 1-D and `axis` (0 or -1) changes nothing. */
/** A Python number, or the weak float scalar a float literal is (`-1.`), as a JS number. */
const scalar = (v: number | NDArray): number => (typeof v === "number" ? v : v.dense()[0]);

function linspaceImpl(startArg: number | NDArray, stopArg: number | NDArray, num: number, endpoint: boolean, retstep: boolean, dtype: DType | null, axis: number): NDArray {
  if (axis !== 0 && axis !== -1) throw new EngineError("axis-out-of-bounds", `axis ${axis} is out of bounds for array of dimension 1`, { pyType: "ValueError" });
  if (num < 0) throw new EngineError("shape-error", `Number of samples, ${num}, must be non-negative.`, { pyType: "ValueError" });
  if (retstep) throw new EngineError("unsupported", "jnp.linspace(..., retstep=True) is not supported in the playground");
  const [start, stop] = [scalar(startArg), scalar(stopArg)];
  const out = dtype ?? defaultFloat();
  const comp: DType = isFloat(out) ? out : defaultFloat();
  const r = (v: number) => roundValue(v, comp);
  checkAlloc(num);
  const data = new Float64Array(num);
  const a = r(start);
  const b = r(stop);
  const div = endpoint ? num - 1 : num;
  if (num === 1) data[0] = a;
  else if (num > 1) {
    for (let i = 0; i < div; i++) {
      const t = r(r(i) / r(div));
      data[i] = r(r(a * r(1 - t)) + r(b * t));
    }
    if (endpoint) data[num - 1] = b;
  }
  if (!isFloat(out)) for (let i = 0; i < num; i++) data[i] = roundValue(Math.floor(data[i]), out);
  return fromFlat(data, [num], out);
}

function eyeImpl(n: number, m: number | null, k: number, dtype: DType | null): NDArray {
  const cols = m ?? n;
  if (n < 0 || cols < 0) throw new EngineError("shape-error", `negative dimensions are not allowed`, { pyType: "ValueError" });
  checkAlloc(n * cols);
  const data = new Float64Array(n * cols);
  for (let i = 0; i < n; i++) {
    const j = i + k;
    if (j >= 0 && j < cols) data[i * cols + j] = 1;
  }
  return fromFlat(data, [n, cols], dtype ?? defaultFloat());
}

/** `jnp.shape(a)`: the shape as a tuple (what `jax.tree.map(jnp.shape, out)` prints). */
export const shape = defineJnp<(a: unknown) => number[]>(SIG.shape, (a: NDArray) => [...a.shape]);

export const linspace = defineJnp<(start: number, stop: number, num?: number, opts?: object) => NDArray>(SIG.linspace, linspaceImpl);
export const eye = defineJnp<(N: number, M?: number | null, opts?: object) => NDArray>(SIG.eye, eyeImpl);
