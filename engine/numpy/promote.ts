/**
 * jnp's dtype promotion before a lax primitive: operands converted to their common type
 * (`promote_dtypes`), or to a float one for true division and float-only math
 * (`promote_args_inexact`). A Python scalar or other concrete array is converted on the spot,
 * so a jaxpr shows `mul b 2.0:f32[]` as JAX's does; a traced value gets a convert_element_type.
 * JAX: jax/_src/numpy/util.py (promote_dtypes, promote_dtypes_inexact), dtypes.py.
 */
import { defaultFloat, isFloat, promote, roundInPlace, type Typed } from "../array/dtype";
import { NDArray } from "../array/ndarray";
import { isTracer, toValue, type Value } from "../core/tracer";
import { convert } from "../primitives/elementwise";

/** `x` as type `t`. */
export function castTo(x: unknown, t: Typed): Value {
  const v = toValue(x);
  if (v.dtype === t.dtype && v.weak === t.weak) return v;
  if (isTracer(v)) return convert(v, t.dtype, t.weak);
  const data = v.flat();
  roundInPlace(data, 0, data.length, t.dtype);
  return new NDArray(data, v.shape, undefined, 0, t.dtype, t.weak);
}

/** The operands at their common type. */
export function promoteArgs(xs: readonly unknown[]): Value[] {
  const vs = xs.map(toValue);
  const t = promote(vs);
  return vs.map((v) => castTo(v, t));
}

/** The operands at their common type, made a float type when it is an int or bool. */
export function promoteArgsInexact(xs: readonly unknown[]): Value[] {
  const vs = xs.map(toValue);
  const t = promote(vs);
  const f: Typed = isFloat(t.dtype) ? t : { dtype: defaultFloat(), weak: t.weak };
  return vs.map((v) => castTo(v, f));
}
