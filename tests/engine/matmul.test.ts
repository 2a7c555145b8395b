import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { dotGeneral } from "../../engine/array/kernels";
import { NDArray } from "../../engine/array/ndarray";

describe("dot_general's matrix product", () => {
  it("rounds exactly as the plain k-ordered loop Σ_k a[b,i,k]·c[b,k,j], for any K (including K mod 4 ≠ 0)", () => {
    fc.assert(
      fc.property(
        fc.record({ nb: fc.integer({ min: 1, max: 3 }), M: fc.integer({ min: 1, max: 7 }), K: fc.integer({ min: 2, max: 13 }), N: fc.integer({ min: 2, max: 9 }), seed: fc.integer({ min: 1, max: 1e6 }) }),
        ({ nb, M, K, N, seed }) => {
          let s = seed;
          // Values of mixed magnitude so a different summation order would round differently.
          const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 10 ** ((s % 7) - 3);
          const a = Float64Array.from({ length: nb * M * K }, rnd);
          const c = Float64Array.from({ length: nb * K * N }, rnd);
          const out = dotGeneral(new NDArray(a, [nb, M, K]), new NDArray(c, [nb, K, N]), { lhsContract: [2], rhsContract: [1], lhsBatch: [0], rhsBatch: [0] }).flat();
          for (let b = 0; b < nb; b++) {
            for (let i = 0; i < M; i++) {
              for (let j = 0; j < N; j++) {
                let acc = 0;
                for (let k = 0; k < K; k++) acc += a[b * M * K + i * K + k] * c[b * K * N + k * N + j];
                expect(out[b * M * N + i * N + j]).toBe(acc);
              }
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
