/**
 * "Time it": the median time of one call of each of two functions (the cached jitted call and
 * the eager vmap call), measured in alternation so both see the same machine state. A call can
 * take far less than the browser's timer resolution (0.1 ms without cross-origin isolation), so
 * each sample repeats the call enough times to take ~2 ms. The loop yields to the page
 * (setTimeout 0) every ~25 ms and stops at a total time budget, so the page stays responsive.
 */

export interface Timing {
  jitMs: number;
  eagerMs: number;
  /** eager ÷ jit: how many times faster the jitted call is. */
  ratio: number;
  samples: number;
}

export interface TimingOptions {
  samples?: number;
  sampleMs?: number;
  sliceMs?: number;
  budgetMs?: number;
  now?: () => number;
  pause?: () => Promise<void>;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const yieldToPage = () => new Promise<void>((r) => setTimeout(r, 0));

/** How many calls make one sample of about `sampleMs` (at least one). */
export function calibrate(f: () => unknown, sampleMs: number, now: () => number): number {
  let reps = 1;
  for (;;) {
    const t0 = now();
    for (let i = 0; i < reps; i++) f();
    const dt = now() - t0;
    if (dt >= sampleMs / 4 || reps >= 1 << 20) return Math.max(1, Math.ceil((reps * sampleMs) / Math.max(dt, 1e-3)));
    reps *= 4;
  }
}

export async function timeIt(jitted: () => unknown, eager: () => unknown, o: TimingOptions = {}): Promise<Timing> {
  const { samples = 30, sampleMs = 2, sliceMs = 25, budgetMs = 2500, now = () => performance.now(), pause = yieldToPage } = o;
  const start = now();
  const fs = [jitted, eager];
  const reps = fs.map((f) => calibrate(f, sampleMs, now));
  const times: number[][] = [[], []];
  let slice = now();
  for (let i = 0; i < samples; i++) {
    for (let j = 0; j < 2; j++) {
      const t0 = now();
      for (let r = 0; r < reps[j]; r++) fs[j]();
      times[j].push((now() - t0) / reps[j]);
    }
    o.onProgress?.(i + 1, samples);
    if (i >= 2 && now() - start > budgetMs) break;
    if (now() - slice > sliceMs) {
      await pause();
      if (o.signal?.aborted) throw new DOMException("Timing cancelled", "AbortError");
      slice = now();
    }
  }
  const [jitMs, eagerMs] = times.map(median);
  return { jitMs, eagerMs, ratio: eagerMs / jitMs, samples: times[0].length };
}
