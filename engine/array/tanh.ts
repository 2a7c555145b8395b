/**
 * tanh written in JavaScript, the one every path uses: eager (kernels.ts), jit's generated code
 * (the primitive's emit calls it through codegen's runtime) and the interpreter (which calls the
 * kernel), so jit(f) still equals f bit for bit. Math.tanh is a call into C++ per element
 * (~19 ns in V8 on the bench machine, most of `sum(tanh(x)*2 + x*x)`); this is plain
 * arithmetic that V8 inlines into the loop calling it (~13 ns). It is within 2 ulp of
 * Math.tanh (fdlibm) everywhere; tests/engine/tanh.test.ts measures that over edge cases and
 * millions of random arguments.
 *
 * The formulation is Cephes' tanh.c: for |x| ≤ 0.625 a rational function,
 * x + x·s·P(s)/Q(s) with s = x²; above, 1 − 2/(e^{2|x|} + 1) with e^{2|x|} by fdlibm's e_exp.c
 * (argument reduction by k·ln2 in two parts, its Remez polynomial, then 2^k), written out here
 * because Math.exp is also a call into C++. |x| < 2⁻²⁸ gives x (so ±0 keeps its sign), |x| ≥ 22
 * gives ±1 (tanh rounds to 1 from about 19.1), ±∞ → ±1, NaN → NaN, as fdlibm's s_tanh.c.
 * (A line-by-line port of fdlibm's tanh, bit for bit equal to Math.tanh, measured no faster
 * than Math.tanh: its branches on the reduction's k and its two divisions cost as much as the
 * call.)
 */

// The coefficients are constants of a closure, not of the module: a bundler (the built app's,
// rolldown) turns a module's top-level `const`s into `var`s, which V8 then reads from memory on
// every call instead of folding them into the code; the same tanh took 18.7 ms instead of 14.6
// per 10⁶ calls (Node 20, M.tanh in a loop as jit's code calls it).
function makeTanh(): (x: number) => number {
  // Cephes tanh.c, IEEE coefficients: tanh(x) = x + x·s·P(s)/Q(s), s = x², |x| ≤ 0.625.
  const P0 = -9.64399179425052238628e-1;
  const P1 = -9.92877231001918586564e1;
  const P2 = -1.61468768441708447952e3;
  const Q0 = 1.12811678491632931402e2;
  const Q1 = 2.23548839060100448583e3;
  const Q2 = 4.84406305325125486048e3;

  // fdlibm e_exp.c: ln2 split so that k·ln2Hi is exact, and its polynomial for r·(e^r + 1)/(e^r − 1).
  const ln2Hi = 6.93147180369123816490e-1;
  const ln2Lo = 1.90821492927058770002e-10;
  const invLn2 = 1.44269504088896338700e0;
  const E1 = 1.66666666666666019037e-1;
  const E2 = -2.77777777770155933842e-3;
  const E3 = 6.61375632143793436117e-5;
  const E4 = -1.65339022054652515390e-6;
  const E5 = 4.13813679705723846039e-8;

  /** 2^k for k = round(2|x|/ln2) with 0.625 < |x| < 22: k in [2, 64]. */
  const POW2 = Float64Array.from({ length: 65 }, (_, k) => 2 ** k);

  /** 2⁻²⁸: below it tanh(x) rounds to x (fdlibm's s_tanh.c returns x there too). */
  const TINY = 2 ** -28;

  return function tanh(x: number): number {
    const ax = Math.abs(x);
    if (ax > 0.625) {
      if (!(ax < 22)) return x > 0 ? 1 : -1; // ±∞ too (NaN fails `ax > 0.625`)
      // e = e^y, y = 2|x| = k·ln2 + r, |r| ≤ ln2/2 (e_exp.c).
      const y = 2 * ax;
      const k = (invLn2 * y + 0.5) | 0;
      const hi = y - k * ln2Hi;
      const lo = k * ln2Lo;
      const r = hi - lo;
      const t = r * r;
      const c = r - t * (E1 + t * (E2 + t * (E3 + t * (E4 + t * E5))));
      const e = (1 - (lo - (r * c) / (2 - c) - hi)) * POW2[k];
      const z = 1 - 2 / (e + 1);
      return x > 0 ? z : -z;
    }
    if (ax < TINY) return x; // ±0 too (NaN goes on to give NaN)
    const s = x * x;
    return x + (x * s * ((P0 * s + P1) * s + P2)) / (((s + Q0) * s + Q1) * s + Q2);
  };
}

export const tanh = makeTanh();
