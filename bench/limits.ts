/**
 * How fast the playground refuses or stops what it must not do: hostile parser input, a nested
 * vmap past the size limit, and Cancel on a running "Time against size". The unit tests assert
 * what was refused or stopped (tests/lang/properties.test.ts, tests/engine/nestedLimits.test.ts,
 * tests/app/sweep.test.ts); how long it takes is timing, so it is measured here, where a loaded
 * machine makes a slow figure, not a failed test.
 */
import { np, parseLambda, vmap } from "../engine";
import { inProcessRunner } from "../app/panels/timeAgainstSize/runners";
import { explorerOf, leaf } from "../app/state/explorerTypes";
import { median, timeIt, type BenchRow } from "./timing";

const HOSTILE = ["(".repeat(10_000), `lambda x: ${"(".repeat(9_000)}`, `lambda x: ${"[".repeat(9_000)}`, `lambda x: ${"-".repeat(9_000)}x`, `lambda x: x${"[0]".repeat(2_000)}`, `lambda x: ${"x**".repeat(3_000)}x`];

const refused = (run: () => unknown) => () => {
  try {
    run();
  } catch {
    return;
  }
  throw new Error("expected a refusal");
};

/** Milliseconds from Cancel to the sweep's work having stopped (its `finished`), in-process. */
async function cancelLatency(): Promise<number> {
  const state = explorerOf("lambda a, b: a + b", [["a", leaf(2, 3), 0], ["b", leaf(3), null]], 0);
  let at = 0;
  const h = inProcessRunner.start("sweep", { state, sizes: [1e2, 1e3, 1e4, 1e5], runs: 20, compile: true }, () => {
    if (!at) {
      at = performance.now();
      h.cancel();
    }
  });
  await h.finished;
  return performance.now() - at;
}

export async function limitsBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const slowest = Math.max(...HOSTILE.map((src) => timeIt(refused(() => parseLambda(src)), { reps: 9, warm: 1 })));
  rows.push({ section: "limits", name: "parse: hostile 6,000–10,000-character nesting refused (slowest of 6)", ours_ms: slowest, target: "< 1000 ms" });
  const inner = parseLambda("lambda x: jax.vmap(lambda y: y * x, in_axes=None, axis_size=3000)(x)") as (x: unknown) => unknown;
  const x = np.zeros([4000]);
  rows.push({ section: "limits", name: "vmap of a nested vmap, 4000 × 3000, refused from shapes (MemoryError)", ours_ms: timeIt(refused(() => vmap(inner)(x)), { reps: 9, warm: 1 }), target: "< 2000 ms" });
  const cancels: number[] = [];
  for (let i = 0; i < 7; i++) cancels.push(await cancelLatency());
  rows.push({ section: "limits", name: "Time against size: Cancel → work stopped (in-process runner)", ours_ms: median(cancels), target: "< 100 ms" });
  return rows;
}
