/**
 * `np`, the contract's eager array namespace: every jnp function, also taking nested JS arrays
 * wherever jnp takes an array, returning NDArray; plus array, zeros, ones, full and arange.
 * (Called with tracers it simply behaves as jnp and returns the tracer.)
 */
import { array, arange, full, ones, zeros } from "../array/create";
import { NDArray, type NestedList } from "../array/ndarray";
import type { Value } from "../core/tracer";
import type { ArrayLike } from "./args";
import { jnp } from "./namespace";

/** What np accepts where jnp takes an array: also nested JS arrays (NumPy's array_like). */
export type NpArrayLike = ArrayLike | NestedList;

const conv = (x: NpArrayLike): ArrayLike => (Array.isArray(x) ? array(x) : (x as ArrayLike));
const out = (v: Value): NDArray => v as NDArray;
/** A sequence of array-likes converted one by one; anything else is left for jnp's own check. */
const convEach = (xs: readonly NpArrayLike[]): ArrayLike[] => (Array.isArray(xs) ? xs.map(conv) : (xs as unknown as ArrayLike[]));

type Fn1<R extends unknown[]> = (x: ArrayLike, ...rest: R) => Value;
type Fn2<R extends unknown[]> = (x: ArrayLike, y: ArrayLike, ...rest: R) => Value;

const un = <R extends unknown[]>(f: Fn1<R>) => (x: NpArrayLike, ...rest: R): NDArray => out(f(conv(x), ...rest));
const bin = <R extends unknown[]>(f: Fn2<R>) => (x: NpArrayLike, y: NpArrayLike, ...rest: R): NDArray => out(f(conv(x), conv(y), ...rest));

export const np = {
  array,
  zeros,
  ones,
  full,
  arange,
  add: bin(jnp.add),
  subtract: bin(jnp.subtract),
  multiply: bin(jnp.multiply),
  divide: bin(jnp.divide),
  power: bin(jnp.power),
  maximum: bin(jnp.maximum),
  minimum: bin(jnp.minimum),
  less: bin(jnp.less),
  less_equal: bin(jnp.less_equal),
  greater: bin(jnp.greater),
  greater_equal: bin(jnp.greater_equal),
  equal: bin(jnp.equal),
  not_equal: bin(jnp.not_equal),
  dot: bin(jnp.dot),
  vdot: bin(jnp.vdot),
  matmul: bin(jnp.matmul),
  outer: bin(jnp.outer),
  negative: un(jnp.negative),
  abs: un(jnp.abs),
  square: un(jnp.square),
  sqrt: un(jnp.sqrt),
  exp: un(jnp.exp),
  log: un(jnp.log),
  sin: un(jnp.sin),
  cos: un(jnp.cos),
  tanh: un(jnp.tanh),
  sum: un(jnp.sum),
  mean: un(jnp.mean),
  max: un(jnp.max),
  min: un(jnp.min),
  prod: un(jnp.prod),
  transpose: un(jnp.transpose),
  reshape: un(jnp.reshape),
  moveaxis: un(jnp.moveaxis),
  swapaxes: un(jnp.swapaxes),
  expand_dims: un(jnp.expand_dims),
  squeeze: un(jnp.squeeze),
  ravel: un(jnp.ravel),
  index: un(jnp.index),
  zeros_like: (a: NpArrayLike): NDArray => jnp.zeros_like(conv(a)),
  ones_like: (a: NpArrayLike): NDArray => jnp.ones_like(conv(a)),
  stack: (arrays: readonly NpArrayLike[], ...rest: Parameters<typeof jnp.stack> extends [unknown, ...infer R] ? R : never): NDArray =>
    out(jnp.stack(convEach(arrays), ...rest)),
  concatenate: (arrays: readonly NpArrayLike[], ...rest: Parameters<typeof jnp.concatenate> extends [unknown, ...infer R] ? R : never): NDArray =>
    out(jnp.concatenate(convEach(arrays), ...rest)),
  where: (condition: NpArrayLike, x: NpArrayLike, y: NpArrayLike): NDArray => out(jnp.where(conv(condition), conv(x), conv(y))),
  einsum: (subscripts: string, ...operands: NpArrayLike[]): NDArray => out(jnp.einsum(subscripts, ...operands.map(conv))),
};

export type Np = typeof np;
