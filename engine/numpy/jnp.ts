/**
 * jax.numpy as library code over the primitives (style P4): elementwise math, reductions, shape
 * manipulation, where and the constant makers. NumPy argument order; keyword arguments as a
 * trailing options object. Each function declares its Python signature (signatures.ts), so its
 * body only ever sees arguments of the declared kinds. Every check reads `.shape` (per-example
 * under vmap) and raises JAX's words; broadcasting errors come from the primitives' shape rules (lax names: `sub got …`).
 * JAX: jax/_src/numpy/{ufuncs,reductions,lax_numpy}.py.
 */
import { EngineError, incompatibleRankBroadcast, pyShape } from "../errors";
import { defaultFloat, defaultInt, isInt, scalarType, type DType } from "../array/dtype";
import { arange as makeArange, array as makeArray, full as makeFull, ones, pythonArray, pythonType, zeros } from "../array/create";
import { NDArray } from "../array/ndarray";
import { broadcastShapes, inferNewShape, sizeOf } from "../array/shape";
import { isPyFloat, shapeArg } from "../array/pyargs";
import { isValue, type Value } from "../core/tracer";
import * as lax from "../primitives/lax";
import { canonicalizeAxis, reductionAxes, type ArrayLike, type Axis } from "./args";
import { castTo, promoteArgs, promoteArgsInexact } from "./promote";
import { defineJnp } from "./signature";
import { JNP_SIGNATURES as SIG } from "./signatures";

// ---------------------------------------------------------------- elementwise
/**
 * NumPy rank promotion as jnp does it (`promote_shapes`): when non-scalar operands differ in
 * rank, each is given leading size-1 axes with broadcast_in_dim (after checking the shapes
 * broadcast, with JAX's message); equal ranks and scalars are left to the primitive's own
 * size-1 broadcasting. So jaxprs read like JAX's. JAX: jax/_src/numpy/util.py promote_shapes.
 */
function promoteShapes(vs: Value[]): Value[] {
  const ranks = new Set(vs.filter((v) => v.ndim > 0).map((v) => v.ndim));
  if (ranks.size < 2) return vs;
  const rank = broadcastShapes(vs.map((v) => v.shape)).length;
  return vs.map((v) => (v.ndim === 0 || v.ndim === rank ? v : lax.broadcastInDim(v, [...new Array<number>(rank - v.ndim).fill(1), ...v.shape], v.shape.map((_, i) => i + rank - v.ndim))));
}

type Binary = (x1: ArrayLike, x2: ArrayLike) => Value;
type Unary = (x: ArrayLike) => Value;
type Name = keyof typeof SIG;

/**
 * A binary jnp ufunc: exactly two array arguments, rank- and type-promoted (true division and
 * float-only math promote ints to float), then the lax primitive.
 */
const binary = (name: Name, f: (x: Value, y: Value) => Value, types = promoteArgs): Binary =>
  defineJnp<Binary>(SIG[name], (x: Value, y: Value) => {
    const [a, b] = promoteShapes(types([x, y]));
    return f(a, b);
  });
const unary = (name: Name, f: (x: Value) => Value): Unary => defineJnp<Unary>(SIG[name], (x: Value) => f(x));
/** A float-only unary ufunc (exp, sin, …): an int or bool operand is converted to float first. */
const unaryInexact = (name: Name, f: (x: Value) => Value): Unary => defineJnp<Unary>(SIG[name], (x: Value) => f(promoteArgsInexact([x])[0]));

export const add = binary("add", lax.add);
export const subtract = binary("subtract", lax.sub);
export const multiply = binary("multiply", lax.mul);
export const divide = binary("divide", lax.div, promoteArgsInexact);
export const maximum = binary("maximum", lax.max);
export const minimum = binary("minimum", lax.min);
/**
 * A Python int exponent binds integer_pow (square-and-multiply), anything else pow: JAX's
 * `jnp.power` special case. A JS number is a Python int when integral and within the default
 * int's range (dtype.ts `scalarType`); the lambda language passes Python floats as weak float
 * arrays, so `x ** 3.0` is pow as in JAX.
 */
const floatPower = binary("power", lax.pow);
const isPythonInt = (y: number): boolean => isInt(scalarType(y).dtype);
export const power = defineJnp<Binary>(SIG.power, (x1: Value, x2: Value | number) =>
  typeof x2 === "number" && isPythonInt(x2) ? lax.integerPow(x1, x2) : floatPower(x1, x2),
);

export const negative = unary("negative", lax.neg);
export const abs = unary("abs", lax.abs);
export const square = unary("square", lax.square);
export const sqrt = unaryInexact("sqrt", lax.sqrt);
export const exp = unaryInexact("exp", lax.exp);
export const log = unaryInexact("log", lax.log);
export const sin = unaryInexact("sin", lax.sin);
export const cos = unaryInexact("cos", lax.cos);
export const tanh = unaryInexact("tanh", lax.tanh);

export const less = binary("less", lax.lt);
export const less_equal = binary("less_equal", lax.le);
export const greater = binary("greater", lax.gt);
export const greater_equal = binary("greater_equal", lax.ge);
export const equal = binary("equal", lax.eq);
export const not_equal = binary("not_equal", lax.ne);

// ---------------------------------------------------------------- reductions
/** `axis` / `keepdims` / `initial` / `where` as NumPy takes them: positionally (axis only) or in an options object. */
export interface ReduceOptions { axis?: Axis; keepdims?: boolean; initial?: ArrayLike | null; where?: ArrayLike | null }
export type ReduceArgs = [axisOrOptions?: Axis | ReduceOptions, options?: ReduceOptions];
type Reduction = (a: ArrayLike, ...rest: ReduceArgs) => Value;

type ReductionName = "sum" | "prod" | "max" | "min";
/** Each reduction's primitive, its identity (XLA's init value: masked-out elements take it) and the binary op that folds in `initial`. */
const REDUCERS: Record<ReductionName, { reduce: (x: Value, axes: number[]) => Value; identity: number; combine: (a: Value, b: Value) => Value; hasIdentity: boolean }> = {
  sum: { reduce: lax.reduceSum, identity: 0, combine: lax.add, hasIdentity: true },
  prod: { reduce: lax.reduceProd, identity: 1, combine: lax.mul, hasIdentity: true },
  max: { reduce: lax.reduceMax, identity: -Infinity, combine: lax.max, hasIdentity: false },
  min: { reduce: lax.reduceMin, identity: Infinity, combine: lax.min, hasIdentity: false },
};

/**
 * JAX's `_reduction` (jax/_src/numpy/reductions.py): a `where` mask replaces masked-out
 * elements by the op's identity before reducing (max/min have none, so they need `initial`),
 * and a scalar `initial` is folded in after; an empty max/min needs `initial`.
 */
function reduceWith(name: ReductionName, x: Value, axis: number[] | null, keepdims: boolean, initial: Value | null, mask: Value | null): Value {
  const r = REDUCERS[name];
  if (initial === null && !r.hasIdentity && mask !== null) {
    throw new EngineError("shape-error", `reduction operation ${name} does not have an identity, so to use a where mask one has to specify 'initial'`);
  }
  const axes = reductionAxes(axis, x.ndim);
  if (initial === null && !r.hasIdentity && axes.some((d) => x.shape[d] === 0)) {
    throw new EngineError("shape-error", `zero-size array to reduction operation ${name} which has no identity`);
  }
  const masked = mask === null ? x : where(mask, x, r.identity);
  let out = r.reduce(masked, axes);
  if (initial !== null) {
    if (initial.ndim !== 0) throw new EngineError("shape-error", `initial value must be a scalar. Got array of shape ${pyShape(initial.shape)}`);
    out = r.combine(initial, out);
  }
  return keepdims ? lax.expandDims(out, axes) : out;
}

/** sum/prod take `(a, axis, dtype, out, keepdims, initial, where, promote_integers)`, max/min `(a, axis, out, keepdims, initial, where)`. */
function reduction(name: ReductionName): Reduction {
  const withDtype = name === "sum" || name === "prod";
  return defineJnp<Reduction>(SIG[name], (x: Value, axis: number[] | null, ...rest: unknown[]) => {
    const [keepdims, initial, mask] = (withDtype ? rest.slice(2, 5) : rest.slice(1, 4)) as [boolean, Value | null, Value | null];
    // `dtype=` converts first; else sum and prod of bools count in the default int (JAX
    // `_promote_integer_dtype`).
    const dtype = withDtype ? (rest[0] as DType | null) : null;
    const operand = dtype !== null ? castTo(x, { dtype, weak: false }) : withDtype && x.dtype === "bool" ? castTo(x, { dtype: defaultInt(), weak: false }) : x;
    return reduceWith(name, operand, axis, keepdims, initial, mask);
  });
}

export const sum = reduction("sum");
export const prod = reduction("prod");
export const max = reduction("max");
export const min = reduction("min");

/** JAX `_mean`: div(sum(a, axis, keepdims, where), count) with count the number of elements reduced (those `where` keeps). */
export const mean = defineJnp<Reduction>(SIG.mean, (x: Value, axis: number[] | null, _d: null, _o: null, keepdims: boolean, mask: Value | null) => {
  const axes = reductionAxes(axis, x.ndim);
  // The mean of ints is a float (JAX: `dtypes.to_inexact_dtype`), divided by a count of its dtype.
  const total = sum(promoteArgsInexact([x])[0], { axis: axes, keepdims, where: mask });
  if (mask === null) return lax.div(total, castTo(sizeOf(axes.map((d) => x.shape[d])), { dtype: total.dtype, weak: false }));
  return lax.div(total, sum(where(mask, ones(x.shape, total.dtype), 0), { axis: axes, keepdims }));
});

// ---------------------------------------------------------------- shapes
/** jnp.transpose(a, axes=None): reversed axes by default; JAX's lax message for a non-permutation. */
export const transpose = defineJnp<(a: ArrayLike, axes?: readonly number[] | null | { axes?: readonly number[] | null }) => Value>(
  SIG.transpose,
  (x: Value, given: number[] | null) => {
    const perm = given === null ? x.shape.map((_, i) => x.ndim - 1 - i) : given.map((i) => canonicalizeAxis(i, x.ndim));
    if (given !== null && (perm.length !== x.ndim || new Set(perm).size !== perm.length)) {
      throw new EngineError(
        "shape-error",
        `transpose permutation isn't a permutation of operand dimensions, got permutation ${pyShape(perm)} for operand shape ${pyShape(x.shape)}.`,
        { pyType: "TypeError" },
      );
    }
    return lax.transpose(x, perm);
  },
);

/** JAX `_compute_newshape` (jax/_src/numpy/array_methods.py): one -1 inferred; TypeErrors in JAX's words. */
function newShape(x: Value, shape: number | number[]): number[] {
  const dims = typeof shape === "number" ? [shape] : shape;
  const written = typeof shape === "number" ? String(shape) : pyShape(dims);
  const n = x.size;
  const bad = (why: string) => new EngineError("shape-error", `cannot reshape array of shape ${pyShape(x.shape)} (size ${n}) into shape ${written}${why}`, { pyType: "TypeError" });
  const { unknowns, others, target } = inferNewShape(n, dims);
  if (unknowns > 1) throw new EngineError("shape-error", `can only specify one unknown axis size with a \`-1\` value, got ${written}`, { pyType: "TypeError" });
  if (dims.some((d) => d < -1)) throw bad("");
  if (target === null) {
    throw bad(unknowns === 1 ? ` because the product of specified axis sizes (${others}) does not evenly divide ${n}` : ` (size ${others})`);
  }
  return target;
}

/**
 * JAX `_reshape`: order 'C' is row-major; 'F' reshapes the reversed axes and reverses back
 * (column-major); 'A' is JAX's NotImplementedError, anything else its ValueError.
 */
function reshapeInOrder(x: Value, shape: number | number[], order: string): Value {
  const target = newShape(x, shape);
  if (order === "C") return lax.reshape(x, target);
  if (order === "F") {
    const rev = (n: number) => Array.from({ length: n }, (_, i) => n - 1 - i);
    return lax.transpose(lax.reshape(lax.transpose(x, rev(x.ndim)), [...target].reverse()), rev(target.length));
  }
  if (order === "A") throw new EngineError("unsupported", "np.reshape order=A is not implemented.");
  throw new EngineError("shape-error", `Unexpected value for 'order' argument: ${order}.`);
}

export const reshape = defineJnp<(a: ArrayLike, shape: number | readonly number[], order?: string | { order?: string; copy?: boolean | null }) => Value>(
  SIG.reshape,
  (x: Value, shape: number | number[], order: string) => reshapeInOrder(x, shape, order),
);

/** Flattens to 1-d (jnp.ravel, used by vdot, outer and concatenate(axis=None)); order='K' is JAX's NotImplementedError. */
export const ravel = defineJnp<(a: ArrayLike, order?: string) => Value>(SIG.ravel, (x: Value, order: string) => {
  if (order === "K") throw new EngineError("unsupported", "Ravel not implemented for order='K'.");
  return reshapeInOrder(x, -1, order);
});

/** JAX `_moveaxis`: the other axes keep their order, each source lands at its destination. */
export const moveaxis = defineJnp<(a: ArrayLike, source: number | readonly number[], destination: number | readonly number[]) => Value>(
  SIG.moveaxis,
  (x: Value, source: number[], destination: number[]) => {
    const src = source.map((i) => canonicalizeAxis(i, x.ndim));
    const dst = destination.map((i) => canonicalizeAxis(i, x.ndim));
    if (src.length !== dst.length) throw new EngineError("shape-error", `Inconsistent number of elements: ${src.length} vs ${dst.length}`);
    const perm = x.shape.map((_, i) => i).filter((i) => !src.includes(i));
    const pairs = dst.map((d, k) => [d, src[k]]).sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    for (const [d, s] of pairs) perm.splice(d, 0, s);
    return transpose(x, perm);
  },
);

export const swapaxes = defineJnp<(a: ArrayLike, axis1: number, axis2: number) => Value>(
  SIG.swapaxes,
  (x: Value, axis1: number, axis2: number) => {
    const i = canonicalizeAxis(axis1, x.ndim);
    const j = canonicalizeAxis(axis2, x.ndim);
    const perm = x.shape.map((_, k) => k);
    [perm[i], perm[j]] = [perm[j], perm[i]];
    return lax.transpose(x, perm);
  },
);

/** JAX `lax.expand_dims`: positions count in the result's rank; a broadcast_in_dim. */
export const expand_dims = defineJnp<(a: ArrayLike, axis: number | readonly number[]) => Value>(
  SIG.expand_dims,
  (x: Value, list: number[]) => {
    const dims = list.map((i) => canonicalizeAxis(i, x.ndim + list.length));
    if (new Set(dims).size !== dims.length) throw new EngineError("shape-error", `repeated axis in lax.expand_dims: [${dims.join(", ")}]`);
    return lax.expandDims(x, dims);
  },
);

/** jnp.squeeze(a, axis=None): every size-1 axis by default; lax's message for a non-1 axis. */
export const squeeze = defineJnp<(a: ArrayLike, axis?: Axis | { axis?: Axis }) => Value>(
  SIG.squeeze,
  (x: Value, given: number[] | null) => {
    const dims = given === null ? x.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : given.map((i) => canonicalizeAxis(i, x.ndim));
    if (new Set(dims).size !== dims.length) throw new EngineError("shape-error", `dimensions are not unique: ${pyShape(dims)}`);
    const bad = dims.filter((d) => x.shape[d] !== 1);
    if (bad.length) {
      throw new EngineError(
        "shape-error",
        `cannot select an axis to squeeze out which has size not equal to one, got shape=${pyShape(x.shape)} and dimensions=${pyShape([...dims].sort((p, q) => p - q))}`,
      );
    }
    return lax.squeeze(x, dims);
  },
);

export type AxisArg = number | null | { axis?: number | null };
type Joiner = (arrays: readonly ArrayLike[] | Value, axis?: AxisArg) => Value;

/** jnp.stack(arrays, axis=0, out=None): every array the same shape, each expanded at `axis`, then concatenated. */
export const stack = defineJnp<Joiner>(
  SIG.stack,
  (xs: Value[], axis: number) => {
    if (!xs.length) throw new EngineError("shape-error", "Need at least one array to stack.");
    const ax = canonicalizeAxis(axis, xs[0].ndim + 1);
    const shape0 = pyShape(xs[0].shape);
    if (xs.some((x) => pyShape(x.shape) !== shape0)) throw new EngineError("shape-error", "All input arrays must have the same shape.");
    return lax.concatenate(xs.map((x) => lax.expandDims(x, [ax])), ax);
  },
);

/** jnp.concatenate(arrays, axis=0): axis=None flattens first; lax.concatenate's messages for mismatched shapes. */
export const concatenate = defineJnp<Joiner>(
  SIG.concatenate,
  (xs: Value[], axis: number | null) => {
    if (!xs.length) throw new EngineError("shape-error", "Need at least one array to concatenate.");
    if (axis === null) return concatenate(xs.map((x) => ravel(x)), 0);
    return lax.concatenate(xs, canonicalizeAxis(axis, xs[0].ndim));
  },
);

/**
 * jnp.where(condition, x, y) = select_n(condition, y, x). The three shapes must broadcast
 * together; JAX broadcasts them with `lax.broadcast_shapes`, whose message lists all three.
 * The one-argument form (nonzero) has a data-dependent shape, which the playground does not do.
 */
export const where = defineJnp<(condition: ArrayLike, x: ArrayLike, y: ArrayLike) => Value>(
  SIG.where,
  (c0: Value, x: Value | undefined, y: Value | undefined) => {
    if (x === undefined || y === undefined) {
      if (x !== undefined || y !== undefined) throw new EngineError("shape-error", "Either both or neither of the x and y arguments should be provided to jax.numpy.where, got 1.");
      throw new EngineError("unsupported", "jnp.where(condition) with one argument (the positions of nonzero elements) is not supported in the playground; pass x and y too");
    }
    const vs = [c0, x, y];
    try {
      broadcastShapes(vs.map((v) => v.shape), "select_n");
    } catch {
      throw incompatibleRankBroadcast(vs.map((v) => v.shape));
    }
    // JAX's `_where`: condition.astype(bool), the cases promoted together.
    const [a, b] = promoteArgs([x, y]);
    const [c, a2, b2] = promoteShapes([castTo(c0, { dtype: "bool", weak: false }), a, b]);
    return lax.selectN(c, b2, a2);
  },
);

// ---------------------------------------------------------------- constants (never batched)
/** Reads only the shape (per-example under vmap): a constant, not a function of `a`'s values. */
type Like = (a: ArrayLike, dtype?: DType | null, shape?: number | readonly number[] | null) => NDArray;
/** `shape=` overrides the shape read from `a` (jax/_src/numpy/array_creation.py). */
export const zeros_like = defineJnp<Like>(SIG.zeros_like, (x: Value, dtype: DType | null, shape: number[] | null) => zeros(shapeArg(shape ?? x.shape), dtype ?? x.dtype));
export const ones_like = defineJnp<Like>(SIG.ones_like, (x: Value, dtype: DType | null, shape: number[] | null) => ones(shapeArg(shape ?? x.shape), dtype ?? x.dtype));
/** NumPy arange(stop) / arange(start, stop, step): a plain array. */
export const arange = defineJnp<(start: number, stop?: number | null, step?: number | null) => NDArray>(
  SIG.arange,
  (start: number | null, stop: number | null, step: number | null, dtype: DType | null) => {
    if (start === null) throw new EngineError("unsupported", "arange() requires stop to be specified.", { pyType: "TypeError" });
    const out = makeArange(start, stop, step);
    return dtype === null ? out : (castTo(out, { dtype, weak: false }) as NDArray);
  },
);

// ---------------------------------------------------------------- creation
type Create = {
  array: (object: unknown, dtype?: DType | null) => Value;
  asarray: (a: unknown, dtype?: DType | null) => Value;
  zeros: (shape: number | readonly number[], dtype?: DType | null) => NDArray;
  ones: (shape: number | readonly number[], dtype?: DType | null) => NDArray;
  full: (shape: number | readonly number[], fill_value: unknown, dtype?: DType | null) => NDArray;
};

/** True for a list holding an array or tracer (not a Python float kept as a 0-d array). */
const hasArrayElement = (o: unknown): boolean => (Array.isArray(o) ? o.some(hasArrayElement) : isValue(o) && !isPyFloat(o));

/**
 * A nested list with arrays among its elements, as JAX builds it: every element converted to
 * the list's type, each level stacked (array_constructors.py: `expand_dims` + `concatenate`).
 */
function stacked(list: unknown[], dtype: DType): Value {
  if (list.length === 0) throw new EngineError("unsupported", "jnp.array of an empty list beside arrays is not supported in the playground");
  return concatenate(list.map((x) => expand_dims(Array.isArray(x) ? stacked(x, dtype) : castTo(x, { dtype, weak: false }), 0)), 0);
}

/**
 * jnp.array, asarray, zeros, ones and full. With `python`, numbers are the lambda language's
 * Python values, typed as JAX types them (an integral number is a Python int: `jnp.array([1,
 * 2])` is int32, `jnp.full((2,), 3)` a weak int32); without, JS numbers, which cannot tell 1
 * from 1.0, are floats (the JS API's contract, like `np.array`). An array or tracer is itself,
 * converted when `dtype` is given. JAX: jax/_src/numpy/array_constructors.py, array_creation.py.
 */
export function creationFunctions(python: boolean): Create {
  const make = (obj: unknown, dtype: DType | null): Value => {
    if (isValue(obj)) return dtype === null ? obj : castTo(obj, { dtype, weak: false });
    if (hasArrayElement(obj)) return stacked(obj as unknown[], dtype ?? pythonType(obj).dtype);
    return python ? pythonArray(obj, dtype) : makeArray(obj as never, undefined, dtype ?? undefined);
  };
  const fill = (shape: unknown, value: unknown, dtype: DType | null): NDArray => {
    const t = dtype !== null ? { dtype, weak: false } : python ? pythonType(value) : { dtype: typeof value === "boolean" ? "bool" as const : defaultFloat(), weak: false };
    const out = makeFull(shapeArg(shape), value as number, t.dtype);
    return t.weak ? new NDArray(out.data, out.shape, undefined, 0, t.dtype, true) : out;
  };
  return {
    array: defineJnp<Create["array"]>(SIG.array, (obj: unknown, dtype: DType | null) => make(obj, dtype)),
    asarray: defineJnp<Create["asarray"]>(SIG.asarray, (obj: unknown, dtype: DType | null) => make(obj, dtype)),
    zeros: defineJnp<Create["zeros"]>(SIG.zeros, (shape: unknown, dtype: DType | null) => fill(shape, 0, dtype ?? defaultFloat())),
    ones: defineJnp<Create["ones"]>(SIG.ones, (shape: unknown, dtype: DType | null) => fill(shape, 1, dtype ?? defaultFloat())),
    full: defineJnp<Create["full"]>(SIG.full, (shape: unknown, value: unknown, dtype: DType | null) => fill(shape, value, dtype)),
  };
}
