/**
 * The order every float sum is taken in: eager reduce_sum (kernels.ts), jit's fused loops
 * (ir/codegen.ts, which emits the same order from SUM_LANES) and the impl
 * interpreter (which calls the kernel), so jit(f) equals f bit for bit. (laneCombine, the
 * pairing written as source, lives with codegen: the page's first screen carries only this.)
 *
 * Term i of the row-major sequence goes to lane i mod SUM_LANES, each lane summing its terms in
 * order from 0; the lanes are then added pairwise, ((l0 + l1) + (l2 + l3)). One accumulator
 * is a chain of dependent adds, each waiting for the last (~4 cycles): four independent chains
 * run about twice as fast (measured 0.46 vs 0.87 ms for sum(x*x*0.5 + x) over 10⁶ float64;
 * eight lanes spill out of V8's registers and were 4× slower). The error bound is that of
 * sequential summation over n/4 terms plus two levels of pairwise adds, so no worse than one
 * accumulator. XLA does not sum sequentially either (its reductions are tree-shaped and
 * vectorised); NumPy's pairwise sum uses eight lanes per 128-element block.
 */

/** How many interleaved accumulators a sum has. */
export const SUM_LANES = 4;

/** Σ src[start … start + n) in the lane order above. */
export function sumRange(src: ArrayLike<number>, start: number, n: number): number {
  let l0 = 0, l1 = 0, l2 = 0, l3 = 0;
  const end = start + n;
  const main = start + (n - (n % 4));
  let i = start;
  for (; i < main; i += 4) {
    l0 += src[i];
    l1 += src[i + 1];
    l2 += src[i + 2];
    l3 += src[i + 3];
  }
  if (i < end) l0 += src[i++];
  if (i < end) l1 += src[i++];
  if (i < end) l2 += src[i];
  // codegen's laneCombine(["l0", "l1", "l2", "l3"]); a test checks that the two agree.
  return (l0 + l1) + (l2 + l3);
}
