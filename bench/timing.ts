import { NDArray } from "../engine";

/** Benchmark timing: medians of repeated runs after a warm-up, so ratios in one run are comparable. */
export interface BenchRow {
  section: string;
  name: string;
  ours_ms: number;
  hand_ms?: number;
  jaxjs_ms?: number;
  target?: string;
  extra?: string;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * The p-th percentile of `xs` by nearest rank: the smallest value with at least p of the
 * samples at or below it (of 100 changes, the p95 is the sixth slowest; of 40, the third).
 */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? 0;
}

/** Median milliseconds per call of `fn`, over `reps` timed calls after `warm` untimed ones. */
export function timeIt(fn: () => unknown, { reps = 15, warm = 3, minMs = 0 }: { reps?: number; warm?: number; minMs?: number } = {}): number {
  for (let i = 0; i < warm; i++) fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < reps || performance.now() - start < minMs) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/**
 * The machine's speed now: a fixed loop (2·10⁷ float multiply-adds), five times, in ms. On a
 * shared VM it moves by 2× between minutes; printed before and after the rows (and around each
 * throttled browser row) so a run can be read against it.
 */
export function calibration(): string {
  const a = new Float64Array(1 << 16);
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    let s = 0;
    for (let j = 0; j < 300; j++) {
      for (let i = 0; i < a.length; i++) {
        a[i] = a[i] * 0.5 + i;
        s += a[i];
      }
    }
    times.push(performance.now() - t0 + (s === -1 ? 1 : 0));
  }
  return times.map((t) => t.toFixed(0)).join(" ");
}

/** A deterministic pseudo-random fill. */
export function randomData(n: number, seed = 1): Float64Array {
  const out = new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 16807) % 2147483647;
    out[i] = (s / 2147483647) * 2 - 1;
  }
  return out;
}

/**
 * Times functions interleaved (a, b, c, a, b, c, …) so all see the same machine state — on a
 * shared machine load, garbage collection and what the caches hold come in waves, and a call timed
 * alone in a calm minute beats the same call timed in a busy one. Returns one median per function.
 */
export function timeInterleaved(fns: readonly (() => unknown)[], { reps = 21, warm = 3 } = {}): number[] {
  for (let i = 0; i < warm; i++) for (const f of fns) f();
  const times = fns.map((): number[] => []);
  for (let i = 0; i < reps; i++) {
    fns.forEach((f, k) => {
      const t0 = performance.now();
      f();
      times[k].push(performance.now() - t0);
    });
  }
  return times.map(median);
}

/**
 * Ours, the hand loop and jax-js's prepared call (when it has one) interleaved, so the three
 * columns of a row come from the same minutes of the machine.
 */
export function timeRow(ours: () => unknown, hand: () => unknown, jaxjs: (() => unknown) | undefined, opts: { reps?: number; warm?: number } = {}): { ours: number; hand: number; jaxjs?: number } {
  const [o, h, j] = timeInterleaved(jaxjs ? [ours, hand, jaxjs] : [ours, hand], opts);
  return { ours: o, hand: h, jaxjs: j };
}

/** A note when ours and the hand loop differ by more than `tol` (relative); float32 rows pass 1e-5. */
export function mismatch(ours: ArrayLike<number>, ref: ArrayLike<number>, tol = 1e-9): string {
  if (ours.length !== ref.length) return ` MISMATCH (length ${ours.length} vs ${ref.length})`;
  let worst = 0;
  for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(ours[i] - ref[i]) / (1 + Math.abs(ref[i])));
  return worst <= tol ? "" : ` MISMATCH (max rel. error ${worst.toExponential(1)})`;
}

/**
 * Reads a result the way the app does (the shape story, engine/transforms/story.ts, and the
 * panels, app/panels/format.ts): its values row-major with `dense()`, the storage itself when
 * the result is dense and a row-major copy of a view (a moved axis is one: the copy is timed).
 * vmap and grad return `unknown`.
 */
export function read(result: unknown): Float64Array {
  if (!(result instanceof NDArray)) throw new Error("benchmark result is not an array");
  return result.dense();
}
