/**
 * `jax.random`: key, PRNGKey, split, uniform and normal, computed as JAX computes them with its
 * default threefry2x32 implementation (jax/_src/random/core.py and threefry2x32.py). Keys are
 * their own value type (`PRNGKeyArray`), not engine arrays: JAX's new-style keys have a key
 * dtype, and legacy `PRNGKey`s are uint32, which the engine does not have. Samples are ordinary
 * engine arrays of the default float dtype.
 */
import { fromFlat } from "../array/create";
import { defaultFloat, roundValue, type DType } from "../array/dtype";
import type { NDArray } from "../array/ndarray";
import { intOrTuple, operatorIndex } from "../array/pyargs";
import { EngineError, pyShape } from "../errors";
import { checkAlloc, chargeOps } from "../limits";
import { threefryCounts } from "./threefry";
import { PRNGKeyArray } from "./keyArray";

export { isKey, PRNGKeyArray } from "./keyArray";

function typeError(message: string): EngineError {
  return new EngineError("unsupported", message, { pyType: "TypeError" });
}

/** One threefry key from a seed (`_threefry_seed`): the seed's high and low 32 bits. */
function seedKey(name: string, seed: unknown, legacy: boolean): PRNGKeyArray {
  if (seed instanceof PRNGKeyArray) throw typeError(`${name} accepts a scalar seed, but was given a PRNG key.`);
  if (Array.isArray(seed)) throw typeError(`${name} accepts a scalar seed, but was given an array of shape ${pyShape([seed.length])} != (). Use jax.vmap for batching`);
  if (typeof seed !== "number" || !Number.isInteger(seed)) throw typeError(`PRNG key seed must be an integer; got ${String(seed)}`);
  const bits = BigInt.asUintN(64, BigInt(seed));
  return new PRNGKeyArray(Uint32Array.of(Number(bits >> 32n), Number(bits & 0xffffffffn)), [], legacy);
}

export const key = (seed: unknown): PRNGKeyArray => seedKey("key", seed, false);
export const PRNGKey = (seed: unknown): PRNGKeyArray => seedKey("PRNGKey", seed, true);

function checkKey(name: string, k: unknown): PRNGKeyArray {
  if (!(k instanceof PRNGKeyArray)) {
    throw typeError(`${name}() requires a key array as its first argument (from jax.random.key or jax.random.PRNGKey)`);
  }
  if (k.keyShape.length > 0) {
    throw typeError(`${name} accepts a single key, but was given a key array of shape ${pyShape(k.keyShape)} != (). Use jax.vmap for batching.`);
  }
  return k;
}

function shapeOf(v: unknown): number[] {
  const shape = intOrTuple(v ?? []);
  for (const d of shape) if (d < 0) throw new EngineError("shape-error", `negative dimensions are not allowed`, { pyType: "ValueError" });
  return shape;
}

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** The two threefry words for each of `n` counters, after the size and work checks. */
function counted(k: PRNGKeyArray, n: number) {
  checkAlloc(n);
  chargeOps(20 * n);
  return threefryCounts(k.data[0], k.data[1], n);
}

/** `split(key, num=2)`: `_threefry_split_foldlike`, both words of counter i are key i. */
export function split(k: unknown, num: unknown = 2): PRNGKeyArray {
  const key1 = checkKey("split", k);
  const shape = Array.isArray(num) ? intOrTuple(num) : [operatorIndex(num)];
  const n = sizeOf(shape);
  const { bits1, bits2 } = counted(key1, n);
  const data = new Uint32Array(2 * n);
  for (let i = 0; i < n; i++) {
    data[2 * i] = bits1[i];
    data[2 * i + 1] = bits2[i];
  }
  return new PRNGKeyArray(data, shape, key1.legacy);
}

function floatDtype(name: string, dtype: unknown): DType {
  if (dtype === null || dtype === undefined) return defaultFloat();
  if (dtype === "float32" || dtype === "float64") return dtype === "float64" ? defaultFloat() : "float32";
  throw new EngineError("unsupported", `dtype argument to \`${name}\` must be a float dtype, got ${String(dtype)}`, { pyType: "ValueError" });
}

function scalarBound(name: string, v: unknown, dflt: number): number {
  if (v === undefined || v === null) return dflt;
  if (typeof v === "number") return v;
  if (typeof v === "object" && v !== null && "shape" in v && (v as NDArray).shape.length === 0 && typeof (v as NDArray).item === "function") return (v as NDArray).item() as number;
  throw new EngineError("unsupported", `jax.random.${name}: only Python numbers are supported for minval and maxval in the playground`);
}

/**
 * Uniform floats in [0, 1) from the mantissa bits (`_uniform`): 32 random bits shifted right
 * by 9 under float32's exponent of 1.0, or 64 bits (high word first) shifted by 12 for float64.
 */
function unitFloats(k: PRNGKeyArray, n: number, dtype: DType): Float64Array {
  const { bits1, bits2 } = counted(k, n);
  const out = new Float64Array(n);
  if (dtype === "float32") {
    for (let i = 0; i < n; i++) out[i] = ((bits1[i] ^ bits2[i]) >>> 9) / 8388608;
  } else {
    for (let i = 0; i < n; i++) out[i] = (bits1[i] * 1048576 + Math.floor(bits2[i] / 4096)) / 4503599627370496;
  }
  return out;
}

/** `floats * (maxval - minval) + minval`, then `max(minval, ·)`, each step rounded to `dtype`. */
function scaled(u: Float64Array, lo: number, hi: number, dtype: DType): Float64Array {
  const r = (v: number) => roundValue(v, dtype);
  const a = r(lo);
  const span = r(r(hi) - a);
  for (let i = 0; i < u.length; i++) u[i] = Math.max(a, r(r(u[i] * span) + a));
  return u;
}

type Opts = { dtype?: unknown; minval?: unknown; maxval?: unknown } | undefined;

/** `uniform(key, shape=(), dtype=None, minval=0., maxval=1.)`. */
export function uniform(k: unknown, shape: unknown = [], dtype?: unknown, minval?: unknown, maxval?: unknown, opts?: Opts): NDArray {
  const key1 = checkKey("uniform", k);
  const s = shapeOf(shape);
  const d = floatDtype("uniform", opts?.dtype ?? dtype);
  const lo = scalarBound("uniform", opts?.minval ?? minval, 0);
  const hi = scalarBound("uniform", opts?.maxval ?? maxval, 1);
  return fromFlat(scaled(unitFloats(key1, sizeOf(s), d), lo, hi, d), s, d);
}

/**
 * XLA's float32 inverse error function (Giles' single-precision polynomials, as in XLA's
 * `ErfInv32`, which `lax.erf_inv` lowers to), each step rounded to float32.
 */
const ERFINV_LT5 = [2.81022636e-8, 3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503, -0.00417768164, 0.246640727, 1.50140941].map(Math.fround);
const ERFINV_GT5 = [-0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047, 1.00167406, 2.83297682].map(Math.fround);

export function erfinv32(x: number): number {
  const f = Math.fround;
  if (Math.abs(x) === 1) return x * Infinity;
  let w = f(-f(Math.log1p(f(-f(x * x)))));
  const lt = w < 5;
  const c = lt ? ERFINV_LT5 : ERFINV_GT5;
  w = lt ? f(w - 2.5) : f(f(Math.sqrt(w)) - 3);
  let p = c[0];
  for (let i = 1; i < c.length; i++) p = f(c[i] + f(p * w));
  return f(p * x);
}

/**
 * `normal(key, shape=(), dtype=None)` (`_normal_real`): uniform in (-1, 1) from
 * nextafter(-1, 0), then √2 · erf_inv(u). float32 only: XLA's float64 erf_inv is another
 * polynomial, and the playground does not claim JAX's float64 normals.
 */
export function normal(k: unknown, shape: unknown = [], dtype?: unknown, opts?: Opts): NDArray {
  const key1 = checkKey("normal", k);
  const s = shapeOf(shape);
  const d = floatDtype("normal", opts?.dtype ?? dtype);
  if (d !== "float32") throw new EngineError("unsupported", "jax.random.normal with jax_enable_x64 (float64) is not supported in the playground; its float32 values are JAX's");
  const lo = Math.fround(-1 + 2 ** -24);
  const u = scaled(unitFloats(key1, sizeOf(s), d), lo, 1, d);
  const sqrt2 = Math.fround(Math.SQRT2);
  for (let i = 0; i < u.length; i++) u[i] = Math.fround(sqrt2 * erfinv32(u[i]));
  return fromFlat(u, s, d);
}
