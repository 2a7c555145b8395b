/**
 * Plain-JS loop references for the primitive and jnp tests: arrays as { shape, data } with
 * row-major index arithmetic, independent of the engine's views, kernels and rules. Reading an
 * engine array also goes through its raw storage/strides/offset here, not through its methods.
 */
import { NDArray } from "../../engine/array/ndarray";
import { mulberry32 } from "../../app/state/fills";

export interface Ref {
  shape: number[];
  data: number[];
}

export const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

export function unravel(j: number, shape: readonly number[]): number[] {
  const st = stridesOf(shape);
  return st.map((s, i) => Math.floor(j / s) % shape[i]);
}

export const ravel = (idx: readonly number[], shape: readonly number[]) => {
  const st = stridesOf(shape);
  return idx.reduce((acc, v, i) => acc + v * st[i], 0);
};

/** An engine value's elements, read with its raw strides (no engine code involved). */
export function fromEngine(x: unknown): Ref {
  if (!(x instanceof NDArray)) throw new Error(`expected an NDArray, got ${String(x)}`);
  const shape = [...x.shape];
  const data: number[] = [];
  for (let j = 0; j < sizeOf(shape); j++) {
    const idx = unravel(j, shape);
    data.push(x.data[x.offset + idx.reduce((acc, v, i) => acc + v * x.strides[i], 0)]);
  }
  return { shape, data };
}

export const toEngine = (r: Ref): NDArray => new NDArray(Float64Array.from(r.data), r.shape);


export function randomRef(shape: readonly number[], seed = 1, lo = -2, hi = 2): Ref {
  // Deterministic values (the app's generator); fast-check picks shapes/axes.
  const r = mulberry32(seed);
  return { shape: [...shape], data: Array.from({ length: sizeOf(shape) }, () => lo + (hi - lo) * r()) };
}

export const iotaRef = (shape: readonly number[]): Ref => ({ shape: [...shape], data: Array.from({ length: sizeOf(shape) }, (_, i) => i) });

/** NumPy broadcasting of shapes, or null when they do not broadcast. */
export function broadcastShape(...shapes: (readonly number[])[]): number[] | null {
  const n = Math.max(0, ...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let d = 1;
    for (const s of shapes) {
      const k = s.length - n + i;
      const v = k >= 0 ? s[k] : 1;
      if (v !== 1) {
        if (d !== 1 && d !== v) return null;
        d = v;
      }
    }
    out.push(d);
  }
  return out;
}

/** Element of `r` at index `idx` of a broadcast target shape (right-aligned, size-1 repeats). */
function atBroadcast(r: Ref, idx: readonly number[]): number {
  const lead = idx.length - r.shape.length;
  const own = r.shape.map((d, i) => (d === 1 ? 0 : idx[lead + i]));
  return r.data[ravel(own, r.shape)];
}

/** Elementwise f over operands with NumPy broadcasting. */
export function zipRef(f: (...v: number[]) => number, ...refs: Ref[]): Ref {
  const shape = broadcastShape(...refs.map((r) => r.shape));
  if (!shape) throw new Error("reference: shapes do not broadcast");
  const data = Array.from({ length: sizeOf(shape) }, (_, j) => {
    const idx = unravel(j, shape);
    return f(...refs.map((r) => atBroadcast(r, idx)));
  });
  return { shape, data };
}

export function reduceRef(r: Ref, axes: readonly number[], f: (acc: number, v: number) => number, init: number, keepdims = false): Ref {
  const outShape = r.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const data = new Array<number>(sizeOf(outShape)).fill(init);
  for (let j = 0; j < r.data.length; j++) {
    const idx = unravel(j, r.shape).map((v, i) => (axes.includes(i) ? 0 : v));
    const o = ravel(idx, outShape);
    data[o] = f(data[o], r.data[j]);
  }
  return { shape: keepdims ? outShape : r.shape.filter((_, i) => !axes.includes(i)), data };
}

export function transposeRef(r: Ref, perm: readonly number[]): Ref {
  const shape = perm.map((p) => r.shape[p]);
  const data = Array.from({ length: r.data.length }, (_, j) => {
    const idx = unravel(j, shape);
    const src = new Array<number>(r.shape.length);
    perm.forEach((p, i) => (src[p] = idx[i]));
    return r.data[ravel(src, r.shape)];
  });
  return { shape, data };
}

export interface DotDimsRef {
  lhsContract: number[];
  rhsContract: number[];
  lhsBatch: number[];
  rhsBatch: number[];
}

/** dot_general by summing over every contracted index combination. */
export function dotGeneralRef(a: Ref, b: Ref, d: DotDimsRef): Ref {
  const aFree = a.shape.map((_, i) => i).filter((i) => !d.lhsContract.includes(i) && !d.lhsBatch.includes(i));
  const bFree = b.shape.map((_, i) => i).filter((i) => !d.rhsContract.includes(i) && !d.rhsBatch.includes(i));
  const batchShape = d.lhsBatch.map((i) => a.shape[i]);
  const shape = [...batchShape, ...aFree.map((i) => a.shape[i]), ...bFree.map((i) => b.shape[i])];
  const kShape = d.lhsContract.map((i) => a.shape[i]);
  const data = Array.from({ length: sizeOf(shape) }, (_, j) => {
    const idx = unravel(j, shape);
    const ai = new Array<number>(a.shape.length);
    const bi = new Array<number>(b.shape.length);
    d.lhsBatch.forEach((ax, k) => (ai[ax] = idx[k]));
    d.rhsBatch.forEach((ax, k) => (bi[ax] = idx[k]));
    aFree.forEach((ax, k) => (ai[ax] = idx[batchShape.length + k]));
    bFree.forEach((ax, k) => (bi[ax] = idx[batchShape.length + aFree.length + k]));
    let acc = 0;
    for (let c = 0; c < sizeOf(kShape); c++) {
      const ki = unravel(c, kShape);
      d.lhsContract.forEach((ax, k) => (ai[ax] = ki[k]));
      d.rhsContract.forEach((ax, k) => (bi[ax] = ki[k]));
      acc += a.data[ravel(ai, a.shape)] * b.data[ravel(bi, b.shape)];
    }
    return acc;
  });
  return { shape, data };
}

/** x.take(k, axis): the slice at index k along `axis`. */
export function takeRef(r: Ref, axis: number, k: number): Ref {
  const shape = r.shape.filter((_, i) => i !== axis);
  const data = Array.from({ length: sizeOf(shape) }, (_, j) => {
    const idx = unravel(j, shape);
    idx.splice(axis, 0, k);
    return r.data[ravel(idx, r.shape)];
  });
  return { shape, data };
}

/** Stacks equal-shaped parts along a new axis. */
export function stackRef(parts: Ref[], axis: number): Ref {
  const inner = parts[0].shape;
  const shape = [...inner.slice(0, axis), parts.length, ...inner.slice(axis)];
  const data = Array.from({ length: sizeOf(shape) }, (_, j) => {
    const idx = unravel(j, shape);
    const [k] = idx.splice(axis, 1);
    return parts[k].data[ravel(idx, inner)];
  });
  return { shape, data };
}

/** Concatenates along an existing axis. */
export function concatRef(parts: Ref[], axis: number): Ref {
  const shape = [...parts[0].shape];
  shape[axis] = parts.reduce((n, p) => n + p.shape[axis], 0);
  const data = Array.from({ length: sizeOf(shape) }, (_, j) => {
    const idx = unravel(j, shape);
    let k = 0;
    while (idx[axis] >= parts[k].shape[axis]) idx[axis] -= parts[k++].shape[axis];
    return parts[k].data[ravel(idx, parts[k].shape)];
  });
  return { shape, data };
}

/** Picks elements with explicit index lists per axis (the result keeps one axis per list). */
export function pickRef(r: Ref, lists: number[][]): Ref {
  const shape = lists.map((l) => l.length);
  const data = Array.from({ length: sizeOf(shape) }, (_, j) => {
    const idx = unravel(j, shape).map((v, i) => lists[i][v]);
    return r.data[ravel(idx, r.shape)];
  });
  return { shape, data };
}

/** einsum by brute force over every label value: out[o] = Σ Π operands. */
export function einsumRef(spec: string, ...refs: Ref[]): Ref {
  const [lhs, out] = spec.split("->");
  const terms = lhs.split(",");
  const size = new Map<string, number>();
  terms.forEach((t, i) => t.split("").forEach((c, k) => size.set(c, refs[i].shape[k])));
  const labels = [...size.keys()];
  const outShape = out.split("").map((c) => size.get(c)!);
  const data = new Array<number>(sizeOf(outShape)).fill(0);
  const all = labels.map((c) => size.get(c)!);
  for (let j = 0; j < sizeOf(all); j++) {
    const val = new Map(unravel(j, all).map((v, i) => [labels[i], v]));
    let p = 1;
    terms.forEach((t, i) => (p *= refs[i].data[ravel(t.split("").map((c) => val.get(c)!), refs[i].shape)]));
    data[ravel(out.split("").map((c) => val.get(c)!), outShape)] += p;
  }
  return { shape: outShape, data };
}

/** Max |a − b| ≤ atol + rtol·|b| elementwise, same shape; NaNs must match. */
export function closeTo(actual: Ref, expected: Ref, rtol = 1e-9, atol = 1e-12): string | null {
  if (actual.shape.join(",") !== expected.shape.join(",")) return `shape [${actual.shape}] vs [${expected.shape}]`;
  for (let i = 0; i < expected.data.length; i++) {
    const a = actual.data[i];
    const e = expected.data[i];
    if (Number.isNaN(e) ? !Number.isNaN(a) : !(Math.abs(a - e) <= atol + rtol * Math.abs(e) || a === e)) {
      return `element ${i} (index [${unravel(i, expected.shape)}]): ${a} vs ${e}`;
    }
  }
  return null;
}

/**
 * Σ terms in the engine's summation order (engine/array/summation.ts), written independently:
 * term i into lane i % 4, the lanes added as ((l0 + l1) + (l2 + l3)).
 */
export function laneSum(terms: ArrayLike<number>): number {
  const l = [0, 0, 0, 0];
  for (let i = 0; i < terms.length; i++) l[i % 4] += terms[i];
  return (l[0] + l[1]) + (l[2] + l[3]);
}
