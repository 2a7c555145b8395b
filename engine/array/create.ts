/** Creating arrays: from nested lists or flat data + shape, arange, zeros, ones, full. */
import { EngineError, pyShape } from "../errors";
import { checkAlloc } from "../limits";
import { allocate, NDArray, type NestedList } from "./ndarray";
import { defaultFloat, defaultInt, promote, roundInPlace, scalarType, type DType, type Typed } from "./dtype";
import { isPyFloat, pyNumber, pyTypeName, shapeArg, typeError } from "./pyargs";
import { sizeOf, type Shape } from "./shape";

function nestedShape(x: NestedList): number[] {
  const shape: number[] = [];
  let cur: NestedList = x;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    if (cur.length === 0) break;
    cur = cur[0];
  }
  return shape;
}

const ragged = () =>
  new EngineError("shape-error", "setting an array element with a sequence: the nested lists are ragged (an inhomogeneous shape)", { pyType: "ValueError" });

/** One element of a nested list: a Python number or bool (True is 1), as jnp.array takes them. */
function element(x: unknown): number {
  if (typeof x === "number") return x;
  if (typeof x === "boolean") return Number(x);
  if (isPyFloat(x)) return x.data[x.offset];
  if (Array.isArray(x)) throw ragged();
  throw typeError(`Value of type <class '${pyTypeName(x)}'> is not a valid JAX array element: only arrays of numeric types are supported`);
}

/** A Python scalar as a 0-d array of its weak type (`2` weak int, `2.5` weak float, `True` bool). */
export function scalarArray(x: number | boolean, isFloatLiteral = false): NDArray {
  const t = scalarType(x, isFloatLiteral);
  return fromFlat(Float64Array.of(Number(x)), [], t.dtype, t.weak);
}

/** A Python scalar taken as a weak array of `dtype` (its partner's). */
export function scalarOfType(x: number, dtype: DType): NDArray {
  return fromFlat(Float64Array.of(x), [], dtype, true);
}

/** An array of `dtype` over `data`, rounding the values to it. */
export function fromFlat(data: Float64Array, shape: Shape, dtype: DType, weak = false): NDArray {
  roundInPlace(data, 0, data.length, dtype);
  return new NDArray(data, shape, undefined, 0, dtype, weak);
}

/**
 * jnp.array: from nested lists of numbers, or from flat data and a shape (checked as NumPy
 * checks shapes: ints, none negative, and as many values as the shape holds). JS numbers do
 * not say int or float, so the array has the default float dtype unless `dtype` is given
 * (only booleans give bool).
 */
export function array(data: NestedList | ArrayLike<number> | NDArray | boolean, shape?: Shape, dtype?: DType): NDArray {
  if (data instanceof NDArray) return shape === undefined ? data : data.reshape(shapeArg(shape));
  const made = arrayOf(data, shape);
  return fromFlat(made.data, made.shape, dtype ?? (allBooleans(data) ? "bool" : defaultFloat()));
}

/**
 * jnp.array of a Python object (the lambda language's numbers, bools and nested lists), typed
 * as JAX types it without `dtype=`: the lattice join of the leaves' types (a Python int weak
 * int, a float weak float, a bool bool; `[1, 2]` int32, `[1, 2.0]` float32), weak only for a
 * bare scalar (`jnp.array(3)` is a weak int32). JAX: jax/_src/numpy/array_constructors.py
 * `array` (`lattice_result_type(*leaves)`, `weak_type = … is_weakly_typed(object)`).
 * Only the lambda language knows Python ints: JS callers use `array`, where numbers are floats.
 */
export function pythonArray(obj: unknown, dtype: DType | null = null): NDArray {
  const t: Typed = dtype !== null ? { dtype, weak: false } : pythonType(obj);
  const made = arrayOf(obj as NestedList);
  return fromFlat(made.data, made.shape, t.dtype, t.weak);
}

/** The type JAX gives a Python object's elements (see pythonArray); lists are never weak. */
export function pythonType(obj: unknown): Typed {
  const leaves: Typed[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (typeof x === "number" || typeof x === "boolean") leaves.push(scalarType(x));
    // An array among the leaves (a Python float kept as one, or any engine array/tracer).
    else if (typeof x === "object" && x !== null && typeof (x as Partial<Typed>).dtype === "string") leaves.push(x as Typed);
  };
  walk(obj);
  if (leaves.length === 0) return { dtype: defaultFloat(), weak: false };
  const t = promote(leaves);
  return Array.isArray(obj) && t.weak ? { dtype: t.dtype, weak: false } : t;
}

function allBooleans(data: unknown): boolean {
  if (typeof data === "boolean") return true;
  if (!Array.isArray(data) || data.length === 0) return false;
  return data.every(allBooleans);
}

function arrayOf(data: NestedList | ArrayLike<number> | boolean, shape?: Shape): NDArray {
  if (shape !== undefined) {
    const dims = shapeArg(shape);
    if (typeof data !== "object" || data === null || typeof (data as ArrayLike<number>).length !== "number") {
      throw typeError(`flat data must be a sequence of numbers, not ${pyTypeName(data)}`);
    }
    const src = data as ArrayLike<number>;
    if (src.length !== sizeOf(dims)) throw new EngineError("shape-error", `cannot reshape array of size ${src.length} into shape ${pyShape(dims)}`);
    checkAlloc(src.length);
    // A plain loop: Float64Array.from with a map function takes ~300 ns per element in V8
    // (3 s for 10⁷, the size limit), this ~2 ns; a Float64Array's elements need no check.
    const flat = new Float64Array(src.length);
    if (src instanceof Float64Array) flat.set(src);
    else for (let i = 0; i < src.length; i++) flat[i] = element(src[i]);
    return new NDArray(flat, dims);
  }
  if (!Array.isArray(data)) return new NDArray(Float64Array.of(element(data)), []);
  const s = nestedShape(data as NestedList);
  const n = sizeOf(s);
  checkAlloc(n);
  const out = new Float64Array(n);
  let pos = 0;
  const fill = (x: unknown, d: number) => {
    if (d === s.length) {
      out[pos++] = element(x);
      return;
    }
    if (!Array.isArray(x) || x.length !== s[d]) throw ragged();
    for (const y of x) fill(y, d + 1);
  };
  fill(data, 0);
  return new NDArray(out, s);
}

/** NumPy full(shape, fill_value): the shape is checked as NumPy does (ints, none negative). */
export function full(shape: Shape | number, value: number, dtype: DType = defaultFloat()): NDArray {
  const out = allocate(shapeArg(shape), dtype);
  out.data.fill(pyNumber(value, "fill_value"));
  roundInPlace(out.data, 0, out.size, dtype);
  return out;
}

export const zeros = (shape: Shape | number, dtype?: DType): NDArray => full(shape, 0, dtype);
export const ones = (shape: Shape | number, dtype?: DType): NDArray => full(shape, 1, dtype);

/** NumPy arange(stop) / arange(start, stop, step); None for stop/step means omitted. */
export function arange(start: number, stop?: number | null, step: number | null = 1): NDArray {
  // A Python float among the arguments (the lambda language's `3.0`) makes a float array.
  const floatArg = [start, stop, step].some(isPyFloat);
  start = pyNumber(start, "arange() start");
  if (stop === undefined || stop === null) [start, stop] = [0, start];
  stop = pyNumber(stop, "arange() stop");
  step = step === null ? 1 : pyNumber(step, "arange() step");
  if (step === 0) throw new EngineError("shape-error", "arange: step must not be zero");
  const len = Math.ceil((stop - start) / step);
  // NumPy: `ValueError: arange: cannot compute length` for nan/inf bounds.
  if (!Number.isFinite(len)) throw new EngineError("shape-error", "arange: cannot compute length", { pyType: "ValueError" });
  const n = Math.max(0, len);
  checkAlloc(n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  // NumPy/JAX: integer arguments give the default int dtype, any float one the default float.
  const ints = !floatArg && Number.isInteger(start) && Number.isInteger(stop) && Number.isInteger(step);
  return fromFlat(out, [n], ints ? defaultInt() : defaultFloat());
}
