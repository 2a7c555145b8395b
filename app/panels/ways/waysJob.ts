/**
 * The timing job behind "Ways to batch", run by the timing worker (timeAgainstSize/runners.ts,
 * timing.worker.ts): the four ways of the explorer's call (ways.ts), each a warm-up call then
 * `runs - 1` timed runs of repeated calls (sweep.ts's `timeCalls`, ~2 ms a run), its result
 * checked against vmap's; with `quickstart`, JAX's quickstart `selu` on 10⁶ elements eager and
 * jitted too, checked against each other.
 */
import { jit, np, parseLambda, type NDArray } from "../../../engine/index";
import { asEngineError, vmapCall, withX64 } from "../../state/engineBridge";
import type { ExplorerState } from "../../state/explorerTypes";
import { leafValues, uniqueFill } from "../../state/fills";
import { leavesOf, type Leaf } from "../format";
import { calibrate } from "../jit/timing";
import { SAMPLE_MS, timeCalls, touch } from "../timeAgainstSize/sweep";
import { buildWays, type WayId } from "./ways";

export interface WaysJob {
  state: ExplorerState;
  runs: number;
  compile: boolean;
  /** Also time the quickstart's selu on 10⁶ elements, eager and jitted. */
  quickstart: boolean;
}

export type TimedId = WayId | "selu" | "selu-jit";

export interface ResultCheck {
  equal: boolean;
  /** Largest absolute difference from the reference (vmap's result; eager selu's). */
  maxDiff: number;
  /** Shapes differ (then maxDiff is meaningless). */
  shapeMismatch: boolean;
}

export interface WayTiming {
  id: TimedId;
  /** Milliseconds per call, in order; runs[0] is the warm-up (one call). */
  runs: number[];
  check: ResultCheck | null;
}

export type WaysMessage =
  | { type: "progress"; done: number; total: number; timing: WayTiming }
  | { type: "done" }
  | { type: "error"; message: string };

/** JAX's quickstart: `def selu(x, alpha=1.67, lmbda=1.05): return lmbda * jnp.where(x > 0, x, alpha * jnp.exp(x) - alpha)`. */
export const SELU_SOURCE = "lambda x: 1.05 * jnp.where(x > 0, x, 1.67 * jnp.exp(x) - 1.67)";
export const SELU_SIZE = 1_000_000;

/** Equal within the fixtures' tolerance (1e-5 relative, 1e-6 absolute), as JAX's tests compare. */
export function compareResults(got: Leaf[], want: Leaf[]): ResultCheck {
  if (got.length !== want.length || got.some((g, i) => g.shape.join() !== want[i].shape.join())) return { equal: false, maxDiff: Infinity, shapeMismatch: true };
  let maxDiff = 0;
  let equal = true;
  got.forEach((g, i) => {
    const w = want[i].values;
    g.values.forEach((v, k) => {
      const d = Math.abs(v - w[k]);
      if (!(d <= 1e-6 + 1e-5 * Math.abs(w[k])) && !(Number.isNaN(v) && Number.isNaN(w[k]))) equal = false;
      if (d > maxDiff) maxDiff = d;
    });
  });
  return { equal, maxDiff, shapeMismatch: false };
}

/** The warm-up call (its result kept: jit's traces and compiles here) then timed runs, yielding between runs. */
async function timeRuns(call: () => unknown, runs: number, pause: () => Promise<void>, cancelled: () => boolean): Promise<{ runs: number[]; result: unknown } | null> {
  let result: unknown;
  const out = [timeCalls(() => touch((result = call())), 1)];
  // A slow outlier while calibrating (a GC, V8 tiering up) makes too few repetitions, and a
  // worker's 0.1 ms timer then reads a fast call as 0: the largest of three calibrations.
  const probe = () => calibrate(() => touch(call()), SAMPLE_MS, () => performance.now());
  const reps = Math.max(probe(), probe(), probe());
  for (let r = 1; r < runs; r++) {
    await pause();
    if (cancelled()) return null;
    out.push(timeCalls(() => touch(call()), reps));
  }
  return { runs: out, result };
}

interface Timed {
  id: TimedId;
  make: () => () => unknown;
  reference: "vmap" | "selu" | null;
}

export async function runWays(job: WaysJob, post: (m: WaysMessage) => void, cancelled: () => boolean, pause: () => Promise<void>): Promise<void> {
  const s = job.state;
  const call = vmapCall(s);
  const built = withX64(s, () => buildWays(call, false));
  if (!built.ok) return post({ type: "error", message: built.error.message });
  const plan: Timed[] = built.ways.flatMap((w) => (w.make ? [{ id: w.id, make: w.make, reference: w.id === "vmap" ? null : ("vmap" as const) }] : []));
  if (job.quickstart) {
    const x = np.array(leafValues([SELU_SIZE], "random", 0, uniqueFill([SELU_SIZE])), [SELU_SIZE]);
    const selu = parseLambda(SELU_SOURCE) as (x: NDArray) => NDArray;
    plan.push({ id: "selu", make: () => () => selu(x), reference: null }, { id: "selu-jit", make: () => { const j = jit(selu); return () => j(x); }, reference: "selu" });
  }
  // The references first: vmap's result, eager selu's.
  const order = [...plan].sort((a, b) => Number(a.reference !== null) - Number(b.reference !== null));
  const refs = new Map<string, Leaf[]>();
  let done = 0;
  for (const t of order) {
    try {
      const f = withX64(s, t.make);
      const timed = () => withX64(s, f);
      const timing = await timeRuns(timed, job.runs, pause, cancelled);
      if (timing === null) return;
      const result = leavesOf(timing.result);
      if (t.reference === null) refs.set(t.id, result);
      const ref = t.reference && refs.get(t.reference);
      post({ type: "progress", done: ++done, total: order.length, timing: { id: t.id, runs: timing.runs, check: ref ? compareResults(result, ref) : null } });
    } catch (e) {
      return post({ type: "error", message: asEngineError(e).message });
    }
    await pause();
    if (cancelled()) return;
  }
  post({ type: "done" });
}
