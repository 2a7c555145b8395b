/**
 * lax-style functions: one bind each, plus the no-op shortcuts JAX's lax functions take
 * (an identity transpose/reshape/broadcast or an empty squeeze returns its operand, so no
 * equation is staged). jnp (engine/numpy/) is written on these. JAX: jax/_src/lax/lax.py.
 */
import { shapesEqual } from "../array/shape";
import type { AxisSlice } from "../array/views";
import { bind1, toValue, type Value } from "../core/tracer";
import type { DotGeneralParams } from "./dot";
import { dotGeneralP } from "./dot";
import * as E from "./elementwise";
import { reduceMaxP, reduceMinP, reduceProdP, reduceSumP } from "./reduce";
import { broadcastInDimP, concatenateP, padP, reshapeP, sliceP, squeezeP, transposeP } from "./structural";

/** What lax functions take: an engine value or a JS number (a Python scalar). */
export type Operand = Value | number;

const un = (p: typeof E.negP) => (x: Operand): Value => bind1(p, [x]);
const bin = (p: typeof E.addP) => (x: Operand, y: Operand): Value => bind1(p, [x, y]);

export const neg = un(E.negP);
export const exp = un(E.expP);
export const log = un(E.logP);
export const sin = un(E.sinP);
export const cos = un(E.cosP);
export const tanh = un(E.tanhP);
export const logistic = un(E.logisticP);
export const sqrt = un(E.sqrtP);
export const abs = un(E.absP);
export const sign = un(E.signP);
export const square = un(E.squareP);
export const integerPow = (x: Operand, y: number): Value => bind1(E.integerPowP, [x], { y });

export const add = bin(E.addP);
export const sub = bin(E.subP);
export const mul = bin(E.mulP);
export const div = bin(E.divP);
export const pow = bin(E.powP);
export const max = bin(E.maxP);
export const min = bin(E.minP);
export const lt = bin(E.ltP);
export const le = bin(E.leP);
export const gt = bin(E.gtP);
export const ge = bin(E.geP);
export const eq = bin(E.eqP);
export const ne = bin(E.neP);

/** lax.select_n(pred, *cases): case 0 where pred is false. */
export const selectN = (pred: Operand, onFalse: Operand, onTrue: Operand): Value => bind1(E.selectNP, [pred, onFalse, onTrue]);

export const reduceSum = (x: Operand, axes: number[]): Value => bind1(reduceSumP, [x], { axes });
export const reduceMax = (x: Operand, axes: number[]): Value => bind1(reduceMaxP, [x], { axes });
export const reduceMin = (x: Operand, axes: number[]): Value => bind1(reduceMinP, [x], { axes });
export const reduceProd = (x: Operand, axes: number[]): Value => bind1(reduceProdP, [x], { axes });

export function transpose(x: Operand, perm: number[]): Value {
  const v = toValue(x);
  return perm.every((p, i) => p === i) && perm.length === v.ndim ? v : bind1(transposeP, [v], { perm });
}

export function broadcastInDim(x: Operand, shape: number[], broadcastDimensions: number[]): Value {
  const v = toValue(x);
  const identity = shapesEqual(v.shape, shape) && broadcastDimensions.every((d, i) => d === i);
  return identity ? v : bind1(broadcastInDimP, [v], { shape, broadcastDimensions });
}

/** lax.expand_dims: size-1 axes at the given (normalised) output positions, as a broadcast_in_dim. */
export function expandDims(x: Operand, dims: number[]): Value {
  const v = toValue(x);
  if (dims.length === 0) return v;
  const ndim = v.ndim + dims.length;
  const shape: number[] = [];
  const kept: number[] = [];
  let k = 0;
  for (let i = 0; i < ndim; i++) {
    if (dims.includes(i)) shape.push(1);
    else (shape.push(v.shape[k++]), kept.push(i));
  }
  return bind1(broadcastInDimP, [v], { shape, broadcastDimensions: kept });
}

export function reshape(x: Operand, newSizes: number[]): Value {
  const v = toValue(x);
  return shapesEqual(v.shape, newSizes) ? v : bind1(reshapeP, [v], { newSizes });
}

export function squeeze(x: Operand, dimensions: number[]): Value {
  const v = toValue(x);
  return dimensions.length === 0 ? v : bind1(squeezeP, [v], { dimensions: [...dimensions].sort((a, b) => a - b) });
}

export function concatenate(xs: Operand[], dimension: number): Value {
  return xs.length === 1 ? toValue(xs[0]) : bind1(concatenateP, xs, { dimension });
}

export function slice(x: Operand, slices: AxisSlice[]): Value {
  const v = toValue(x);
  const identity = slices.every((s, i) => s.start === 0 && s.step === 1 && s.size === v.shape[i]);
  return identity ? v : bind1(sliceP, [v], { slices });
}

export const pad = (x: Operand, lo: number[], hi: number[], interior: number[]): Value => bind1(padP, [x], { lo, hi, interior });

export const dotGeneral = (lhs: Operand, rhs: Operand, dims: DotGeneralParams): Value => bind1(dotGeneralP, [lhs, rhs], dims);
