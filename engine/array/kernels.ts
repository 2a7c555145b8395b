/**
 * The loops every impl rule uses. Elementwise kernels walk the output row by row and pick the
 * per-op loop once per row (a switch outside the inner loop keeps V8's loops monomorphic).
 * unary and binary write their results rounded to a given dtype: float32 with Math.fround in
 * the loop itself (a separate rounding pass cost a third more per op), the others after.
 */
import { roundInPlace, type DType } from "./dtype";
import { allocate, NDArray } from "./ndarray";
import { broadcastToView, memoryOrder, transposeView } from "./views";
import { mergeAxes } from "./materialize";
import { broadcastShapes, inversePerm, sizeOf, type Shape } from "./shape";
import { sumRange } from "./summation";
import { needTanh } from "./tanhLazy";

export type UnaryOp = "neg" | "exp" | "log" | "sin" | "cos" | "tanh" | "sqrt" | "abs" | "sign";
export type BinaryOp = "add" | "sub" | "mul" | "imul" | "div" | "pow" | "max" | "min" | "lt" | "le" | "gt" | "ge" | "eq" | "ne";

// tanh is the engine's own (tanh.ts, loaded with grad and jit: tanhLazy.ts), inlined in
// loops where Math.tanh is a call into C++.
const unaryFns: Record<Exclude<UnaryOp, "tanh">, (x: number) => number> = {
  neg: (x) => -x,
  exp: Math.exp,
  log: Math.log,
  sin: Math.sin,
  cos: Math.cos,
  sqrt: Math.sqrt,
  abs: Math.abs,
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN),
};

const binaryFns: Record<BinaryOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  // int32 products wrap exactly (a double product loses low bits past 2**53).
  imul: (a, b) => Math.imul(a, b),
  div: (a, b) => a / b,
  pow: (a, b) => Math.pow(a, b),
  max: (a, b) => (a > b || Number.isNaN(a) ? a : b),
  min: (a, b) => (a < b || Number.isNaN(a) ? a : b),
  lt: (a, b) => +(a < b),
  le: (a, b) => +(a <= b),
  gt: (a, b) => +(a > b),
  ge: (a, b) => +(a >= b),
  eq: (a, b) => +(a === b),
  ne: (a, b) => +(a !== b),
};

/**
 * Walks `shape` row by row (the last axis is the row); for each row calls `row(outPos, offsets, n)`
 * with every operand's storage offset at the row start. Operands must already have `shape`.
 */
function forEachRow(shape: Shape, ops: readonly NDArray[], row: (outPos: number, offs: number[], n: number) => void): void {
  const nd = shape.length;
  const total = sizeOf(shape);
  if (total === 0) return;
  const offs = ops.map((o) => o.offset);
  if (nd === 0) return row(0, offs, 1);
  const n = shape[nd - 1];
  const idx = new Array<number>(nd).fill(0);
  for (let pos = 0; pos < total; pos += n) {
    row(pos, offs, n);
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]++;
      for (let k = 0; k < ops.length; k++) offs[k] += ops[k].strides[d];
      if (idx[d] < shape[d]) break;
      for (let k = 0; k < ops.length; k++) offs[k] -= ops[k].strides[d] * shape[d];
      idx[d] = 0;
    }
  }
}

/**
 * Like forEachRow, but visits the last two axes in square tiles with rows of at most TILE
 * elements. When an operand is a transposed view its rows are columns in memory; tiling keeps
 * the lines it touches in cache (a plain row walk misses on every element).
 */
const TILE = 32;
function forEachTileRow(shape: Shape, ops: readonly NDArray[], row: (outPos: number, offs: number[], n: number) => void): void {
  const nd = shape.length;
  const R = shape[nd - 2];
  const C = shape[nd - 1];
  const lead = shape.slice(0, nd - 2);
  const leadOps = ops.map((o) => new NDArray(o.data, [...lead, 1], [...o.strides.slice(0, nd - 2), 0], o.offset));
  const offs = ops.map(() => 0);
  forEachRow([...lead, 1], leadOps, (pos, base) => {
    const outBase = pos * R * C;
    for (let i0 = 0; i0 < R; i0 += TILE) {
      const i1 = Math.min(R, i0 + TILE);
      for (let j0 = 0; j0 < C; j0 += TILE) {
        const n = Math.min(TILE, C - j0);
        for (let i = i0; i < i1; i++) {
          for (let k = 0; k < ops.length; k++) offs[k] = base[k] + i * ops[k].strides[nd - 2] + j0 * ops[k].strides[nd - 1];
          row(outBase + i * C + j0, offs, n);
        }
      }
    }
  });
}

/** True when some operand walks its last axis with a large stride (a transposed view). */
function wantsTiles(shape: Shape, ops: readonly NDArray[]): boolean {
  const nd = shape.length;
  if (nd < 2 || shape[nd - 1] < TILE || shape[nd - 2] < TILE) return false;
  return ops.some((o) => Math.abs(o.strides[nd - 1]) > 1 && Math.abs(o.strides[nd - 2]) < Math.abs(o.strides[nd - 1]));
}

/** The operands' views with their axes merged (materialize.ts mergeAxes). */
function coalesce(shape: Shape, ops: readonly NDArray[]): { shape: Shape; ops: readonly NDArray[] } {
  const merged = mergeAxes(shape, ops.map((o) => o.strides));
  if (merged.shape.length === shape.length) return { shape, ops };
  return { shape: merged.shape, ops: ops.map((o, k) => o.view(merged.shape, merged.strides[k])) };
}

/**
 * Visits `shape` row by row for the elementwise kernels: `row(outPos, offsets, n, steps)` with
 * each operand's offset at the row start and its step along the row. Axes are coalesced first,
 * so an operand broadcast over dense ones walks a few long rows (the (2,3,5,7,9) example's
 * batched a + b: 4 rows of 945, not 420 of 9, each a call and a loop set-up); transposed
 * operands are walked in tiles.
 */
function walkRows(shape: Shape, ops: readonly NDArray[], row: (outPos: number, offs: number[], n: number, steps: readonly number[]) => void): void {
  const c = coalesce(shape, ops);
  const last = c.shape.length - 1;
  const steps = c.ops.map((o) => (last >= 0 ? o.strides[last] : 0));
  const walk = wantsTiles(c.shape, c.ops) ? forEachTileRow : forEachRow;
  walk(c.shape, c.ops, (pos, offs, n) => row(pos, offs, n, steps));
}

/** A dense array viewed as one long row, when every operand is dense in the same layout. */
function asOneRow(shape: Shape, ops: readonly NDArray[]): boolean {
  return ops.every((o) => o.isContiguous && o.shape.length === shape.length);
}

/** `op` on every element, the results rounded to `dtype` (the array is of that dtype). */
export function unary(op: UnaryOp, x: NDArray, dtype: DType = "float64"): NDArray {
  const order = memoryOrder(x);
  if (order) return transposeView(unary(op, transposeView(x, order), dtype), inversePerm(order));
  const f = op === "tanh" ? needTanh() : unaryFns[op];
  const out = allocate(x.shape, dtype);
  const o = out.data;
  const X = x.data;
  const rowFn = dtype === "float32"
    ? (pos: number, [ox]: number[], n: number, sx: number) => {
      const fr = Math.fround;
      switch (op) {
        case "neg": for (let i = 0; i < n; i++) o[pos + i] = fr(-X[ox + i * sx]); break;
        case "exp": for (let i = 0; i < n; i++) o[pos + i] = fr(Math.exp(X[ox + i * sx])); break;
        case "tanh": for (let i = 0; i < n; i++) o[pos + i] = fr(f(X[ox + i * sx])); break;
        default: for (let i = 0; i < n; i++) o[pos + i] = fr(f(X[ox + i * sx]));
      }
    }
    : (pos: number, [ox]: number[], n: number, sx: number) => {
      switch (op) {
        case "neg": for (let i = 0; i < n; i++) o[pos + i] = -X[ox + i * sx]; break;
        case "exp": for (let i = 0; i < n; i++) o[pos + i] = Math.exp(X[ox + i * sx]); break;
        case "tanh": for (let i = 0; i < n; i++) o[pos + i] = f(X[ox + i * sx]); break;
        default: for (let i = 0; i < n; i++) o[pos + i] = f(X[ox + i * sx]);
      }
    };
  if (x.isContiguous) rowFn(0, [x.offset], x.size, 1);
  else {
    walkRows(x.shape, [x], (pos, offs, n, steps) => rowFn(pos, offs, n, steps[0]));
  }
  if (dtype !== "float32") roundInPlace(o, 0, o.length, dtype);
  return out;
}

/**
 * The memory order for a binary result: that of the first operand lying dense in a permuted
 * order (see memoryOrder), so a transposed operand is read straight and the result keeps its
 * layout. null keeps the row-major walk (both row-major, or neither dense).
 */
function layoutFor(a: NDArray, b: NDArray): number[] | null {
  if (a.isContiguous && b.isContiguous) return null;
  return memoryOrder(a) ?? (a.isContiguous ? null : memoryOrder(b));
}

/**
 * Binary elementwise with NumPy broadcasting; `prim` names the op in shape errors; the results
 * are rounded to `dtype` (the array is of that dtype).
 */
export function binary(op: BinaryOp, a: NDArray, b: NDArray, prim: string = op, dtype: DType = "float64"): NDArray {
  const shape = broadcastShapes([a.shape, b.shape], prim);
  const A0 = broadcastToView(a, shape);
  const B0 = broadcastToView(b, shape);
  const order = layoutFor(A0, B0);
  if (order) return transposeView(binary(op, transposeView(A0, order), transposeView(B0, order), prim, dtype), inversePerm(order));
  const out = allocate(shape, dtype);
  const o = out.data;
  const A = A0.data;
  const B = B0.data;
  const f = binaryFns[op];
  const rowFn = dtype === "float32"
    ? (pos: number, oa: number, sa: number, ob: number, sb: number, n: number) => {
      const fr = Math.fround;
      switch (op) {
        case "add": for (let i = 0; i < n; i++) o[pos + i] = fr(A[oa + i * sa] + B[ob + i * sb]); break;
        case "sub": for (let i = 0; i < n; i++) o[pos + i] = fr(A[oa + i * sa] - B[ob + i * sb]); break;
        case "mul": for (let i = 0; i < n; i++) o[pos + i] = fr(A[oa + i * sa] * B[ob + i * sb]); break;
        case "div": for (let i = 0; i < n; i++) o[pos + i] = fr(A[oa + i * sa] / B[ob + i * sb]); break;
        default: for (let i = 0; i < n; i++) o[pos + i] = fr(f(A[oa + i * sa], B[ob + i * sb]));
      }
    }
    : (pos: number, oa: number, sa: number, ob: number, sb: number, n: number) => {
      switch (op) {
        case "add": for (let i = 0; i < n; i++) o[pos + i] = A[oa + i * sa] + B[ob + i * sb]; break;
        case "sub": for (let i = 0; i < n; i++) o[pos + i] = A[oa + i * sa] - B[ob + i * sb]; break;
        case "mul": for (let i = 0; i < n; i++) o[pos + i] = A[oa + i * sa] * B[ob + i * sb]; break;
        case "div": for (let i = 0; i < n; i++) o[pos + i] = A[oa + i * sa] / B[ob + i * sb]; break;
        default: for (let i = 0; i < n; i++) o[pos + i] = f(A[oa + i * sa], B[ob + i * sb]);
      }
    };
  if (asOneRow(shape, [A0, B0])) rowFn(0, A0.offset, 1, B0.offset, 1, out.size);
  else walkRows(shape, [A0, B0], (pos, offs, n, steps) => rowFn(pos, offs[0], steps[0], offs[1], steps[1], n));
  if (dtype !== "float32") roundInPlace(o, 0, o.length, dtype);
  return out;
}

/** where(c, x, y) with broadcasting: nonzero c picks x; the results rounded to `dtype`. */
export function select(c: NDArray, x: NDArray, y: NDArray, dtype: DType = "float64"): NDArray {
  const shape = broadcastShapes([c.shape, x.shape, y.shape], "select_n");
  const ops = [c, x, y].map((v) => broadcastToView(v, shape));
  const out = allocate(shape, dtype);
  walkRows(shape, ops, (pos, [oc, ox, oy], n, st) => {
    for (let i = 0; i < n; i++) {
      out.data[pos + i] = ops[0].data[oc + i * st[0]] !== 0 ? ops[1].data[ox + i * st[1]] : ops[2].data[oy + i * st[2]];
    }
  });
  roundInPlace(out.data, 0, out.size, dtype);
  return out;
}

export type ReduceOp = "sum" | "max" | "min" | "prod";

/** Reduce over `axes` (normalised, distinct); the kept axes stay in order. */
export function reduce(op: ReduceOp, x: NDArray, axes: readonly number[]): NDArray {
  const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const perm = [...kept, ...axes];
  const outShape = kept.map((i) => x.shape[i]);
  const inner = sizeOf(axes.map((i) => x.shape[i]));
  const v = transposeView(x, perm);
  const src = v.isContiguous ? v.data : v.flat();
  const base = v.isContiguous ? v.offset : 0;
  const out = allocate(outShape);
  const o = out.data;
  const m = out.size;
  for (let j = 0; j < m; j++) {
    const s0 = base + j * inner;
    let acc: number;
    switch (op) {
      // Four interleaved lanes (summation.ts), the order jit's fused loops use too.
      case "sum": acc = sumRange(src, s0, inner); break;
      case "prod": acc = 1; for (let i = 0; i < inner; i++) acc *= src[s0 + i]; break;
      case "max": acc = -Infinity; for (let i = 0; i < inner; i++) { const t = src[s0 + i]; if (t > acc || t !== t) acc = t; } break;
      case "min": acc = Infinity; for (let i = 0; i < inner; i++) { const t = src[s0 + i]; if (t < acc || t !== t) acc = t; } break;
    }
    o[j] = acc;
  }
  return out;
}

export interface DotDims {
  lhsContract: readonly number[];
  rhsContract: readonly number[];
  lhsBatch: readonly number[];
  rhsBatch: readonly number[];
}

/**
 * lax.dot_general: output axes are (batch…, lhs free…, rhs free…). Operands are laid out as
 * (batch, free, contract) and (batch, contract, free) so the inner loops run over dense rows.
 */
export function dotGeneral(lhs: NDArray, rhs: NDArray, d: DotDims): NDArray {
  const lFree = lhs.shape.map((_, i) => i).filter((i) => !d.lhsContract.includes(i) && !d.lhsBatch.includes(i));
  const rFree = rhs.shape.map((_, i) => i).filter((i) => !d.rhsContract.includes(i) && !d.rhsBatch.includes(i));
  const nb = sizeOf(d.lhsBatch.map((i) => lhs.shape[i]));
  const M = sizeOf(lFree.map((i) => lhs.shape[i]));
  const K = sizeOf(d.lhsContract.map((i) => lhs.shape[i]));
  const N = sizeOf(rFree.map((i) => rhs.shape[i]));
  const L = transposeView(lhs, [...d.lhsBatch, ...lFree, ...d.lhsContract]);
  const R = transposeView(rhs, [...d.rhsBatch, ...d.rhsContract, ...rFree]);
  const A = L.isContiguous ? L.data : L.flat();
  const aOff = L.isContiguous ? L.offset : 0;
  const B = R.isContiguous ? R.data : R.flat();
  const bOff = R.isContiguous ? R.offset : 0;
  const outShape = [...d.lhsBatch.map((i) => lhs.shape[i]), ...lFree.map((i) => lhs.shape[i]), ...rFree.map((i) => rhs.shape[i])];
  const out = allocate(outShape);
  for (let b = 0; b < nb; b++) {
    if (N === 1) matVec(A, aOff + b * M * K, B, bOff + b * K, out.data, b * M, M, K);
    else if (K === 1) outerProduct(A, aOff + b * M, B, bOff + b * N, out.data, b * M * N, M, N);
    else matMul(A, aOff + b * M * K, B, bOff + b * K * N, out.data, b * M * N, M, K, N);
  }
  return out;
}

// The inner loops live in their own small functions so each keeps stable type feedback: one
// function with both paths deoptimised on every switch between them (seen: 10× slower).

/**
 * o[i] = Σ_k A[i, k]·B[k]; four partial sums break the add dependency chain, in the order every
 * sum takes (summation.ts: product k into lane k mod 4), so dot(A, v) = sum(A * v, axis=1).
 */
function matVec(A: Float64Array, a0: number, B: Float64Array, b0: number, o: Float64Array, o0: number, M: number, K: number): void {
  const K4 = K - (K % 4);
  for (let i = 0; i < M; i++) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    const ai = a0 + i * K;
    let k = 0;
    for (; k < K4; k += 4) {
      s0 += A[ai + k] * B[b0 + k];
      s1 += A[ai + k + 1] * B[b0 + k + 1];
      s2 += A[ai + k + 2] * B[b0 + k + 2];
      s3 += A[ai + k + 3] * B[b0 + k + 3];
    }
    if (k < K) s0 += A[ai + k] * B[b0 + k];
    if (k + 1 < K) s1 += A[ai + k + 1] * B[b0 + k + 1];
    if (k + 2 < K) s2 += A[ai + k + 2] * B[b0 + k + 2];
    o[o0 + i] = (s0 + s1) + (s2 + s3);
  }
}

/**
 * o[i, j] = Σ_k A[i, k]·B[k, j], in i-k-j order so the inner loop runs over dense rows. Four
 * k steps share one load and store of o[i, j] (measured 4× faster than one k at a time); the
 * adds stay in k order, one at a time, so every sum rounds exactly as the plain loop's.
 */
function matMul(A: Float64Array, a0: number, B: Float64Array, b0: number, o: Float64Array, o0: number, M: number, K: number, N: number): void {
  const K4 = K - (K % 4);
  for (let i = 0; i < M; i++) {
    const oi = o0 + i * N;
    const ai = a0 + i * K;
    let k = 0;
    for (; k < K4; k += 4) {
      const x0 = A[ai + k], x1 = A[ai + k + 1], x2 = A[ai + k + 2], x3 = A[ai + k + 3];
      const r0 = b0 + k * N, r1 = r0 + N, r2 = r1 + N, r3 = r2 + N;
      for (let j = 0; j < N; j++) {
        let t = o[oi + j];
        t += x0 * B[r0 + j];
        t += x1 * B[r1 + j];
        t += x2 * B[r2 + j];
        t += x3 * B[r3 + j];
        o[oi + j] = t;
      }
    }
    for (; k < K; k++) {
      const aik = A[ai + k];
      const bk = b0 + k * N;
      for (let j = 0; j < N; j++) o[oi + j] += aik * B[bk + j];
    }
  }
}

/** o[i, j] = A[i]·B[j]: a contraction over nothing (per-example outer products under vmap). */
function outerProduct(A: Float64Array, a0: number, B: Float64Array, b0: number, o: Float64Array, o0: number, M: number, N: number): void {
  for (let i = 0; i < M; i++) {
    const ai = A[a0 + i];
    const oi = o0 + i * N;
    for (let j = 0; j < N; j++) o[oi + j] = ai * B[b0 + j];
  }
}
