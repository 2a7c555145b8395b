/**
 * The `jnp` namespace object (jax.numpy names, NumPy argument order, keyword arguments as a
 * trailing options object) and `nn` (jax.nn), assembled from the modules that implement them.
 * Values may be NDArrays, tracers or JS numbers.
 */
import * as base from "./jnp";
import { dot, matmul, outer, vdot } from "./linalg";
import { einsum } from "./einsum";
import { index } from "./indexing";
import * as nnFns from "./nn";
import { viaIndexing } from "./indexingLazy";

export const jnp = {
  add: base.add,
  subtract: base.subtract,
  multiply: base.multiply,
  divide: base.divide,
  negative: base.negative,
  power: base.power,
  maximum: base.maximum,
  minimum: base.minimum,
  abs: base.abs,
  square: base.square,
  sqrt: base.sqrt,
  exp: base.exp,
  log: base.log,
  sin: base.sin,
  cos: base.cos,
  tanh: base.tanh,
  sum: base.sum,
  mean: base.mean,
  max: base.max,
  min: base.min,
  prod: base.prod,
  dot,
  vdot,
  matmul,
  outer,
  einsum,
  transpose: base.transpose,
  reshape: base.reshape,
  moveaxis: base.moveaxis,
  swapaxes: base.swapaxes,
  expand_dims: base.expand_dims,
  squeeze: base.squeeze,
  stack: base.stack,
  concatenate: base.concatenate,
  where: base.where,
  zeros_like: base.zeros_like,
  ones_like: base.ones_like,
  arange: base.arange,
  /** JS numbers are floats here; the lambda language's host has the Python-typed ones. */
  ...base.creationFunctions(false),
  less: base.less,
  less_equal: base.less_equal,
  greater: base.greater,
  greater_equal: base.greater_equal,
  equal: base.equal,
  not_equal: base.not_equal,
  /** x[items]: Python's indexing; see indexing.ts (static) and gatherIndexing.ts (by values). */
  index,
  // Indexing by values loads on first use (indexingLazy.ts).
  take: viaIndexing("take", "jnp.take"),
  take_along_axis: viaIndexing("take_along_axis", "jnp.take_along_axis"),
  argmax: viaIndexing("argmax", "jnp.argmax"),
  argmin: viaIndexing("argmin", "jnp.argmin"),
  argsort: viaIndexing("argsort", "jnp.argsort"),
  /** x.at[items].get(mode=, fill_value=): `rewriting_take` with a mode (gatherIndexing.ts). */
  atGet: viaIndexing("rewritingTake", "x.at[…].get"),
  /** x.at[items].set/add/multiply/min/max(y, mode=): `_scatter_update` (gatherIndexing.ts). */
  atUpdate: viaIndexing("scatterUpdate", "x.at[…] updates"),
  /** Not in the lambda language's list; used by vdot/outer and handy for `x.ravel()`. */
  ravel: base.ravel,
};

export const nn = { relu: nnFns.relu, sigmoid: nnFns.sigmoid, softmax: nnFns.softmax };

export type Jnp = typeof jnp;
export type Nn = typeof nn;
