/**
 * Random jnp functions of (x, y) for jit's property tests: small integer "choices" read as a
 * valid composition of jnp unary/binary ops, reductions (sum/max/min/mean over an axis or all,
 * keepdims too), dot and transpose on random shapes (y broadcastable to x), so fast-check can
 * shrink a failure to a short function. Written with the contract's `jnp` only.
 */
import fc from "fast-check";
import { jnp, np, type NDArray } from "../../../engine";

type V = ReturnType<typeof jnp.sin>;
export type Choice = [op: number, a: number, b: number, c: number];

export interface JnpCase {
  xShape: number[];
  yShape: number[];
  xData: number[];
  yData: number[];
  choices: Choice[];
}

function broadcasts(s: readonly number[], t: readonly number[]): boolean {
  for (let i = 1; i <= Math.min(s.length, t.length); i++) {
    const a = s[s.length - i];
    const b = t[t.length - i];
    if (a !== b && a !== 1 && b !== 1) return false;
  }
  return true;
}

const UNARY: ((v: V) => V)[] = [jnp.sin, jnp.cos, jnp.tanh, jnp.negative, jnp.abs, jnp.square, (v) => jnp.exp(jnp.tanh(v)), (v) => jnp.sqrt(jnp.abs(v)), (v) => jnp.log(jnp.add(jnp.abs(v), 1.0))];
const BINARY: ((a: V, b: V) => V)[] = [jnp.add, jnp.subtract, jnp.multiply, jnp.maximum, jnp.minimum, (a, b) => jnp.divide(a, jnp.add(jnp.abs(b), 1.5))];
const REDUCE = [jnp.sum, jnp.max, jnp.min, jnp.mean];

export function jnpProgram(choices: readonly Choice[]): (x: V, y: V) => V | V[] {
  return (x, y) => {
    const pool: V[] = [x, y];
    const pick = (k: number) => pool[k % pool.length];
    for (const [op, a, b, c] of choices) {
      const u = pick(a);
      switch (op % 7) {
        case 0:
        case 1:
          pool.push(UNARY[c % UNARY.length](u));
          break;
        case 2:
        case 3: {
          const ok = pool.filter((v) => broadcasts(v.shape, u.shape));
          pool.push(BINARY[c % BINARY.length](u, ok[b % ok.length]));
          break;
        }
        case 4: {
          const r = b % 2 === 0 ? pool[pool.length - 1] : u;
          const axis = r.ndim === 0 || c % 3 === 0 ? null : (b % (2 * r.ndim)) - r.ndim;
          pool.push(REDUCE[c % REDUCE.length](r, { axis, keepdims: b % 5 === 0 }));
          break;
        }
        case 5:
          if (u.ndim >= 1) pool.push(jnp.dot(u, np.array(Array.from({ length: u.shape[u.ndim - 1] * 3 }, (_, i) => ((i * 5) % 7) / 3 - 1), [u.shape[u.ndim - 1], 3])));
          break;
        default:
          pool.push(jnp.transpose(u));
      }
    }
    const last = pool[pool.length - 1];
    return choices.length > 3 ? [last, pick(choices[1][2])] : last;
  };
}

export const jnpCaseArb: fc.Arbitrary<JnpCase> = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 3 }).chain((xShape) =>
  fc
    .record({
      keep: fc.array(fc.boolean(), { minLength: xShape.length, maxLength: xShape.length }),
      drop: fc.integer({ min: 0, max: xShape.length }),
      choices: fc.array(fc.tuple(fc.nat(6), fc.nat(20), fc.nat(20), fc.nat(20)), { minLength: 1, maxLength: 8 }),
      seed: fc.integer({ min: 1, max: 1000 }),
    })
    .map(({ keep, drop, choices, seed }) => {
      const yShape = xShape.slice(drop).map((d, i) => (keep[i + drop] ? d : 1));
      const size = (s: number[]) => s.reduce((p, q) => p * q, 1);
      const fill = (n: number, s: number) => Array.from({ length: n }, (_, i) => Math.round(Math.sin(s * 12.9898 + i * 78.233) * 300) / 100);
      return { xShape, yShape, xData: fill(size(xShape), seed), yData: fill(size(yShape), seed + 7), choices: choices as Choice[] };
    }),
);

export function jnpInputs(c: JnpCase): [NDArray, NDArray] {
  return [np.array(c.xData, c.xShape), np.array(c.yData, c.yShape)];
}

/** Flat list of the outputs (a single array or a tuple). */
export function leaves(out: unknown): NDArray[] {
  return (Array.isArray(out) ? out : [out]) as NDArray[];
}

export function sameNumbers(a: NDArray, b: NDArray): boolean {
  if (a.shape.join() !== b.shape.join()) return false;
  const p = a.flat();
  const q = b.flat();
  return p.every((v, i) => v === q[i] || (Number.isNaN(v) && Number.isNaN(q[i])));
}
