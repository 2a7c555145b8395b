/**
 * Random straight-line programs over lax primitives for the IR property tests: a list of small
 * integer "choices" is read, deterministically, as a valid program on two inputs x and y (y
 * broadcastable to x), so fast-check can shrink a failure to a short program. Programs mix
 * fusible elementwise chains, reductions (trailing and not), transposes and broadcasts (views:
 * fused loops read them through strides, and write a result a transpose reads in its layout), dot_general, constant-only subexpressions (for folding), repeated
 * equations (for CSE) and dead code (for DCE).
 */
import fc from "fast-check";
import { NDArray } from "../../../engine/array/ndarray";
import { broadcastShapes } from "../../../engine/array/shape";
import { lax } from "../../../engine/primitives";

type V = ReturnType<typeof lax.sin>;
export type Choice = [op: number, a: number, b: number, c: number];

export interface Case {
  xShape: number[];
  yShape: number[];
  xData: number[];
  yData: number[];
  choices: Choice[];
  /** Pass x as a transposed (non-contiguous) view of its data. */
  xView: boolean;
  /** Where y's elements start in its storage (a view that starts inside it, as a slice's does). */
  yAt: number;
}

const compatible = (s: readonly number[], t: readonly number[]) => {
  try {
    broadcastShapes([s, t]);
    return true;
  } catch {
    return false;
  }
};

const UNARY: ((v: V) => V)[] = [
  lax.sin,
  lax.cos,
  lax.tanh,
  lax.neg,
  lax.abs,
  (v) => lax.exp(lax.tanh(v)),
  (v) => lax.sqrt(lax.abs(v)),
  (v) => lax.log(lax.add(lax.abs(v), 1)),
  lax.square,
];
const BINARY: ((a: V, b: V) => V)[] = [lax.add, lax.sub, lax.mul, lax.max, lax.min, (a, b) => lax.div(a, lax.add(lax.abs(b), 1))];
const REDUCE = [lax.reduceSum, lax.reduceMax, lax.reduceMin];

/** The program a case describes, as a function of (x, y) returning its outputs. */
export function programOf(choices: readonly Choice[]): (x: V, y: V) => V[] {
  return (x, y) => {
    const pool: V[] = [x, y];
    const pick = (k: number) => pool[k % pool.length];
    let last: (() => V) | null = null;
    for (const [op, a, b, c] of choices) {
      const u = pick(a);
      let make: () => V;
      switch (op % 9) {
        case 0:
        case 1:
          make = () => UNARY[c % UNARY.length](u);
          break;
        case 2:
        case 3: {
          const others = pool.filter((v) => compatible(v.shape, u.shape));
          const w = others[b % others.length];
          make = () => BINARY[c % BINARY.length](u, w);
          break;
        }
        case 4: {
          // Mostly the newest value over trailing axes (what fusion can absorb), else any axes.
          const r = b % 3 === 0 ? u : pool[pool.length - 1];
          if (r.ndim === 0) continue;
          const n = r.ndim;
          const axes = r.shape.map((_, i) => i).filter((i) => (c % 2 === 0 ? i >= n - 1 - (b % n) : ((b >> i) & 1) === 1 || i === n - 1 - (c % n)));
          make = () => REDUCE[c % REDUCE.length](r, axes);
          break;
        }
        case 5: {
          if (u.ndim < 2) continue;
          // Reversed axes, or rotated by one (vmap's moveaxis), or the last two swapped.
          const n = u.ndim;
          const ax = u.shape.map((_, i) => i);
          const perm = c % 3 === 0 ? ax.reverse() : c % 3 === 1 ? ax.map((i) => (i + 1) % n) : [...ax.slice(0, n - 2), n - 1, n - 2];
          // Mostly read back by an elementwise op (fused through strides), else returned as is.
          if (b % 3 === 2) make = () => lax.transpose(u, perm);
          else {
            const w = lax.transpose(u, perm);
            make = () => UNARY[c % UNARY.length](w);
          }
          break;
        }
        case 6: {
          if (c % 3 === 1 && u.size <= 64) {
            // A contraction over nothing (an outer product, as grad of x @ w makes under vmap),
            // with one free axis of 2 or of 1 (the kernel's matrix-vector loop).
            const k = 1 + (b % 2);
            const w = new NDArray(Float64Array.from({ length: k }, (_, i) => (i % 2 ? -0.75 : 1.25)), [k]);
            make = () => lax.dotGeneral(u, w, { lhsContract: [], rhsContract: [], lhsBatch: [], rhsBatch: [] });
            break;
          }
          if (u.ndim === 0) continue;
          const k = u.shape[u.ndim - 1];
          const w = new NDArray(Float64Array.from({ length: k * 2 }, (_, i) => ((i * 7) % 5) / 4 - 0.5), [k, 2]);
          make = () => lax.dotGeneral(u, w, { lhsContract: [u.ndim - 1], rhsContract: [0], lhsBatch: [], rhsBatch: [] });
          break;
        }
        case 8: {
          if (u.size > 64) continue;
          // A broadcast: a new leading axis, or a size-1 axis stretched (read with stride 0).
          const one = u.shape.findIndex((d) => d === 1);
          const k = 2 + (b % 2);
          const shape = one >= 0 && c % 2 === 0 ? u.shape.map((d, i) => (i === one ? k : d)) : [k, ...u.shape];
          const dims = shape.length === u.ndim ? u.shape.map((_, i) => i) : u.shape.map((_, i) => i + 1);
          make = () => lax.broadcastInDim(u, shape, dims);
          break;
        }
        default: {
          // A constant-only subexpression (foldable) combined with u, or a repeat of the last op (CSE).
          if (last && b % 2 === 0) {
            make = last;
            break;
          }
          const cst = lax.mul(lax.sin(c / 10), lax.add(lax.cos(b / 10), 2));
          make = () => lax.add(u, cst);
        }
      }
      pool.push(make());
      last = make;
    }
    // The last value, plus one more from the pool when `choices` is long enough; others are dead.
    // Half the time the last value comes out transposed, as vmap's out_axes moves it (a fused
    // loop then writes it in that layout).
    const lastV = pool[pool.length - 1];
    const moved = choices[choices.length - 1][1] % 2 === 0 && lastV.ndim >= 2;
    const outs = [moved ? lax.transpose(lastV, lastV.shape.map((_, i) => (i + lastV.ndim - 1) % lastV.ndim)) : lastV];
    if (choices.length > 2) outs.push(pick(choices[0][3]));
    return outs;
  };
}

// Up to 6 along an axis: blocked loop nests (codegen.ts, four rows at a time) get leftover rows.
const dims = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 0, maxLength: 3 });

export const caseArb: fc.Arbitrary<Case> = dims.chain((xShape) =>
  fc
    .record({
      keep: fc.array(fc.boolean(), { minLength: xShape.length, maxLength: xShape.length }),
      drop: fc.integer({ min: 0, max: xShape.length }),
      choices: fc.array(fc.tuple(fc.nat(8), fc.nat(20), fc.nat(20), fc.nat(20)), { minLength: 1, maxLength: 9 }),
      xView: fc.boolean(),
      yAt: fc.constantFrom(0, 0, 3),
      seed: fc.integer({ min: 1, max: 1000 }),
    })
    .map(({ keep, drop, choices, xView, yAt, seed }) => {
      const yShape = xShape.slice(drop).map((d, i) => (keep[i + drop] ? d : 1));
      const fill = (n: number, s: number) => Array.from({ length: n }, (_, i) => Math.round(Math.sin(s * 12.9898 + i * 78.233) * 300) / 100);
      const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
      return { xShape, yShape, xData: fill(size(xShape), seed), yData: fill(size(yShape), seed + 1), choices: choices as Choice[], xView, yAt };
    }),
);

/** The case's inputs; x as a transposed view (same shape, non-contiguous) when asked, y from `yAt` on in a larger storage. */
export function inputsOf(c: Case): [NDArray, NDArray] {
  const yStore = new Float64Array(c.yAt + c.yData.length + 2).fill(-99);
  yStore.set(c.yData, c.yAt);
  const y = new NDArray(yStore, c.yShape, undefined, c.yAt);
  if (!c.xView || c.xShape.length < 2) return [new NDArray(Float64Array.from(c.xData), c.xShape), y];
  // Store x transposed: element (i…) lives at the reversed-shape row-major position of (…i).
  const rev = [...c.xShape].reverse();
  const n = c.xData.length;
  const store = new Float64Array(n);
  const st = (s: number[]) => s.map((_, i) => s.slice(i + 1).reduce((a, b) => a * b, 1));
  const xs = st(c.xShape);
  const rs = st(rev);
  for (let j = 0; j < n; j++) {
    const idx = xs.map((s, i) => Math.floor(j / s) % c.xShape[i]);
    const pos = [...idx].reverse().reduce((acc, v, i) => acc + v * rs[i], 0);
    store[pos] = c.xData[j];
  }
  const x = new NDArray(store, c.xShape, [...rs].reverse());
  return [x, y];
}

/** Equal as numbers, NaN equal to NaN (the sign of zero is not compared). */
export function sameNumbers(a: NDArray, b: NDArray): boolean {
  if (a.shape.join() !== b.shape.join()) return false;
  const p = a.flat();
  const q = b.flat();
  return p.every((v, i) => v === q[i] || (Number.isNaN(v) && Number.isNaN(q[i])));
}
