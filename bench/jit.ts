/**
 * jit benchmarks: a jitted elementwise chain with a full reduction at 10^6 float64
 * against the same function run eagerly and against one hand-written fused loop (one
 * accumulator, Math.tanh: the plain loop a user would write). The cached call should be one pass
 * with no intermediate arrays: within 1.5× of the hand loop. Speed-up over eager is reported too;
 * with tanh in the chain it is bounded by tanh itself (Math.tanh ~19 ns per element in V8, the
 * engine's own array/tanh.ts ~13 ns), so a cheap chain is measured beside it.
 */
import { jit, jnp, np } from "../engine";
import { randomData, read, timeIt, timeRow, type BenchRow } from "./timing";
import type { Call, JaxJs } from "./jaxjs";

export interface JitBenchRow extends BenchRow {
  ratio: number;
}

type Fn = (x: any) => any;

function row(name: string, f: Fn, hand: (d: Float64Array) => number, d: Float64Array, jaxjs?: Call): JitBenchRow {
  const x = np.array(d, [d.length]);
  const jf = jit(f);
  const t0 = performance.now();
  jf(x);
  const first = performance.now() - t0;
  const t = timeRow(() => read(jf(x)), () => hand(d), jaxjs);
  const [ours, handMs] = [t.ours, t.hand];
  const eager = timeIt(() => read(f(x)), { reps: 11, warm: 2 });
  const check = Math.abs(jf(x).item() - hand(d)) <= 1e-9 * Math.abs(hand(d)) ? "" : " MISMATCH";
  return {
    section: "jit",
    name,
    ours_ms: ours,
    hand_ms: handMs,
    jaxjs_ms: t.jaxjs,
    ratio: ours / handMs,
    target: "≤ 1.5× hand, ≥ 3× eager",
    extra: `eager ${eager.toFixed(2)} ms (${(eager / ours).toFixed(1)}× slower); first call (trace+compile) ${first.toFixed(1)} ms; mode ${jf.stats.mode}${check}`,
  };
}

export function jitBench(jx: JaxJs | null): JitBenchRow[] {
  const N = 1_000_000;
  const d = randomData(N, 21);
  const tanhChain: Fn = (x) => jnp.sum(jnp.add(jnp.multiply(jnp.tanh(x), 2.0), jnp.multiply(x, x)));
  const cheapChain: Fn = (x) => jnp.sum(jnp.add(jnp.multiply(jnp.multiply(x, x), 0.5), x));
  return [
    row(
      "jit(sum(tanh(x) * 2.0 + x * x)), x f64[1e6], cached call",
      tanhChain,
      (a) => {
        let s = 0;
        for (let i = 0; i < a.length; i++) {
          const v = a[i];
          s += Math.tanh(v) * 2 + v * v;
        }
        return s;
      },
      d,
      jx?.jitChain(d, "tanh")?.call,
    ),
    row(
      "jit(sum(x * x * 0.5 + x)), x f64[1e6], cached call",
      cheapChain,
      (a) => {
        let s = 0;
        for (let i = 0; i < a.length; i++) {
          const v = a[i];
          s += v * v * 0.5 + v;
        }
        return s;
      },
      d,
      jx?.jitChain(d, "cheap")?.call,
    ),
  ];
}
