/**
 * The `jnp` namespace object (jax.numpy names, NumPy argument order, keyword arguments as a
 * trailing options object) and `nn` (jax.nn), assembled from the modules that implement them.
 * Values may be NDArrays, tracers or JS numbers.
 */
import * as base from "./jnp";
import { dot, matmul, outer, vdot } from "./linalg";
import { index } from "./indexing";
import * as nnFns from "./nn";
import { viaFamily } from "../lazyFamily";
import { einsumFamily, indexingFamily } from "./laterFunctions";

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
  einsum: viaFamily(einsumFamily, "einsum", "jnp.einsum"),
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
  // Indexing by values and einsum load on first use (laterFunctions.ts).
  take: viaFamily(indexingFamily, "take", "jnp.take"),
  take_along_axis: viaFamily(indexingFamily, "take_along_axis", "jnp.take_along_axis"),
  argmax: viaFamily(indexingFamily, "argmax", "jnp.argmax"),
  argmin: viaFamily(indexingFamily, "argmin", "jnp.argmin"),
  argsort: viaFamily(indexingFamily, "argsort", "jnp.argsort"),
  /** x.at[items].get(mode=, fill_value=): `rewriting_take` with a mode (gatherIndexing.ts). */
  atGet: viaFamily(indexingFamily, "rewritingTake", "x.at[…].get"),
  /** x.at[items].set/add/multiply/min/max(y, mode=): `_scatter_update` (gatherIndexing.ts). */
  atUpdate: viaFamily(indexingFamily, "scatterUpdate", "x.at[…] updates"),
  /** Not in the lambda language's list; used by vdot/outer and handy for `x.ravel()`. */
  ravel: base.ravel,
};

export const nn = { relu: nnFns.relu, sigmoid: nnFns.sigmoid, softmax: nnFns.softmax };

export type Jnp = typeof jnp;
export type Nn = typeof nn;
