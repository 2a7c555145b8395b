/**
 * Copying a strided view (transpose, broadcast, slice, moved batch axis) into dense row-major
 * storage, by loops over whole rows rather than one callback per element. Three shapes of loop:
 * a straight copy when the view is dense after merging axes; a 2-D tiled copy when some other
 * axis steps through memory more finely than the last one (a transposed view: walking its rows
 * would touch a new cache line per element, tiles reuse each line across a tile's rows); else
 * a strided inner loop over the last axis under an odometer over the others.
 *
 * Generic over the storage's typed-array type so float32 storage can share it.
 */
import { rowMajorStrides, sizeOf, type Shape } from "./shape";

export type Storage = Float64Array | Float32Array;

/** The axes of a view after dropping size-1 axes and merging axes that step as one. */
interface Layout {
  shape: number[];
  strides: number[];
}

/**
 * Drops size-1 axes and merges each axis into the next wherever, for every operand, stepping the
 * outer one equals walking the whole inner one (stride[i] = stride[i+1]·shape[i+1]), keeping
 * row-major order: the same walk over fewer, longer rows (NumPy's iterator coalesces alike).
 * One strides list per operand walked together over `shape`.
 */
export function mergeAxes(shape: Shape, strides: readonly (readonly number[])[]): { shape: number[]; strides: number[][] } {
  const out = { shape: [] as number[], strides: strides.map((): number[] => []) };
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === 1) continue;
    const k = out.shape.length - 1;
    if (k >= 0 && strides.every((st, j) => out.strides[j][k] === st[i] * shape[i])) {
      out.shape[k] *= shape[i];
      strides.forEach((st, j) => (out.strides[j][k] = st[i]));
    } else {
      out.shape.push(shape[i]);
      strides.forEach((st, j) => out.strides[j].push(st[i]));
    }
  }
  return out;
}

/** One view's axes merged (mergeAxes). */
export function simplifyLayout(shape: Shape, strides: readonly number[]): Layout {
  const merged = mergeAxes(shape, [strides]);
  return { shape: merged.shape, strides: merged.strides[0] };
}

/** Tile edge for the 2-D copy: a 32×32 tile touches 32 source lines, well within L1. */
const TILE = 32;

/**
 * Rows at least this long are copied in tiles. A strided row walk touches one source cache line
 * per element and the next row reuses them; that reuse holds while a row's lines fit in L2
 * (measured on the bench machine: rows beat tiles at 64 and 1024 per row, tiles win from a few
 * thousand), so shorter rows take the simpler walk.
 */
const TILE_MIN_ROW = 2048;

/**
 * Writes the view (src, shape, strides, offset) row-major into dst from dstOffset.
 * dst must not overlap the view's elements.
 */
export function copyStrided<T extends Storage>(
  src: T,
  shape: Shape,
  strides: readonly number[],
  offset: number,
  dst: T,
  dstOffset = 0,
): void {
  const n = sizeOf(shape);
  if (n === 0) return;
  const { shape: sh, strides: st } = simplifyLayout(shape, strides);
  const nd = sh.length;
  if (nd === 0) {
    dst[dstOffset] = src[offset];
    return;
  }
  if (nd === 1 && st[0] === 1) {
    dst.set(src.subarray(offset, offset + n), dstOffset);
    return;
  }
  const p = tileAxis(sh, st);
  if (p >= 0) copyTiled(src, sh, st, offset, dst, dstOffset, p);
  else copyRows(src, sh, st, offset, dst, dstOffset);
}

/** A fresh dense copy of the view, of the same typed-array type as its storage. */
export function materialize<T extends Storage>(src: T, shape: Shape, strides: readonly number[], offset: number): T {
  const dst = new (src.constructor as new (n: number) => T)(sizeOf(shape));
  copyStrided(src, shape, strides, offset, dst, 0);
  return dst;
}

/**
 * The axis to tile against the last one: the non-last axis with the finest |stride|, when it is
 * finer than the last axis's and both axes are long enough for tiles to pay. -1 for a row walk.
 */
function tileAxis(sh: readonly number[], st: readonly number[]): number {
  const nd = sh.length;
  const last = Math.abs(st[nd - 1]);
  if (nd < 2 || last <= 1 || sh[nd - 1] < TILE_MIN_ROW) return -1;
  let best = -1;
  for (let d = 0; d < nd - 1; d++) {
    const s = Math.abs(st[d]);
    if (s < last && sh[d] >= 8 && (best < 0 || s < Math.abs(st[best]))) best = d;
  }
  return best;
}

/** Strided inner loop over the last axis, odometer over the rest. */
function copyRows<T extends Storage>(src: T, sh: readonly number[], st: readonly number[], offset: number, dst: T, dstOffset: number): void {
  const nd = sh.length;
  const len = sh[nd - 1];
  const step = st[nd - 1];
  const rows = sizeOf(sh) / len;
  const idx = new Int32Array(nd);
  let base = offset;
  let out = dstOffset;
  for (let r = 0; r < rows; r++) {
    if (step === 1) {
      for (let i = 0; i < len; i++) dst[out + i] = src[base + i];
    } else if (step === 0) {
      dst.fill(src[base], out, out + len);
    } else {
      for (let i = 0, o = base; i < len; i++, o += step) dst[out + i] = src[o];
    }
    out += len;
    for (let d = nd - 2; d >= 0; d--) {
      base += st[d];
      if (++idx[d] < sh[d]) break;
      base -= st[d] * sh[d];
      idx[d] = 0;
    }
  }
}

/**
 * Tiles the plane of axis p and the last axis; an odometer walks every other axis. Within a
 * tile the inner loop runs along the last axis for writes (dense) while successive rows reuse
 * the source lines loaded for the tile's first row.
 */
function copyTiled<T extends Storage>(
  src: T,
  sh: readonly number[],
  st: readonly number[],
  offset: number,
  dst: T,
  dstOffset: number,
  p: number,
): void {
  const nd = sh.length;
  const ds = rowMajorStrides(sh);
  const P = sh[p];
  const L = sh[nd - 1];
  const sp = st[p];
  const sl = st[nd - 1];
  const dp = ds[p];
  // The remaining axes, walked by an odometer.
  const rest: number[] = [];
  for (let d = 0; d < nd - 1; d++) if (d !== p) rest.push(d);
  const idx = new Int32Array(rest.length);
  const outer = sizeOf(rest.map((d) => sh[d]));
  let base = offset;
  let out = dstOffset;
  for (let r = 0; r < outer; r++) {
    for (let i0 = 0; i0 < P; i0 += TILE) {
      const i1 = Math.min(P, i0 + TILE);
      for (let j0 = 0; j0 < L; j0 += TILE) {
        const j1 = Math.min(L, j0 + TILE);
        for (let i = i0; i < i1; i++) {
          const o = out + i * dp;
          let s = base + i * sp + j0 * sl;
          for (let j = j0; j < j1; j++, s += sl) dst[o + j] = src[s];
        }
      }
    }
    for (let k = rest.length - 1; k >= 0; k--) {
      const d = rest[k];
      base += st[d];
      out += ds[d];
      if (++idx[k] < sh[d]) break;
      base -= st[d] * sh[d];
      out -= ds[d] * sh[d];
      idx[k] = 0;
    }
  }
}
