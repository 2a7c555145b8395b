/**
 * Threefry-2x32 (20 rounds), the hash behind JAX's default PRNG, as JAX computes it:
 * jax/_src/random/threefry2x32.py (`_threefry2x32_lowering`: rotations 13 15 26 6 / 17 29 16 24,
 * key schedule with the 0x1BD11BDA parity word, key injection every 4 rounds). Pure uint32
 * arithmetic, so the bits are JAX's exactly.
 */

const ROT = [[13, 15, 26, 6], [17, 29, 16, 24]] as const;
const rotl = (x: number, r: number) => ((x << r) | (x >>> (32 - r))) >>> 0;

/** threefry2x32_p on one counter pair: the two output words. */
export function threefry2x32(k0: number, k1: number, c0: number, c1: number): [number, number] {
  const ks = [k0 >>> 0, k1 >>> 0, (k0 ^ k1 ^ 0x1bd11bda) >>> 0];
  let x0 = (c0 + ks[0]) >>> 0;
  let x1 = (c1 + ks[1]) >>> 0;
  for (let i = 0; i < 5; i++) {
    for (const r of ROT[i % 2]) {
      x0 = (x0 + x1) >>> 0;
      x1 = (rotl(x1, r) ^ x0) >>> 0;
    }
    x0 = (x0 + ks[(i + 1) % 3]) >>> 0;
    x1 = (x1 + ks[(i + 2) % 3] + i + 1) >>> 0;
  }
  return [x0, x1];
}

/**
 * Both output words for counters 0…n-1 (`iota_2x32_shape`: the high word of a 64-bit count is
 * 0 below 2³²), the partitionable scheme JAX uses by default (`jax_threefry_partitionable`,
 * `_threefry_split_foldlike` and `_threefry_random_bits_partitionable`).
 */
export function threefryCounts(k0: number, k1: number, n: number): { bits1: Uint32Array; bits2: Uint32Array } {
  const bits1 = new Uint32Array(n);
  const bits2 = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const [a, b] = threefry2x32(k0, k1, Math.floor(i / 4294967296) >>> 0, i >>> 0);
    bits1[i] = a;
    bits2[i] = b;
  }
  return { bits1, bits2 };
}
