/**
 * "Time against size": the explorer's call timed at growing sizes of the mapped axis, three ways —
 * eager `vmap(f)`, the first call of a fresh `jit(vmap(f))` (trace + compile + run) and the
 * cached call of one jitted function — several runs each, the first of each series marked as a
 * warm-up. One jitted function is kept across sizes, so the retraces a change of shapes causes
 * are counted (jitStats), as in JAX. The arguments at each size are the explorer's own call
 * (engineBridge.vmapCall) on a copy of the state whose mapped axes have that size.
 * `runSweep` is the whole job; it runs in the timing worker (timing.worker.ts, timingJobs.ts) or, where there is none
 * (tests), on this thread (runners.ts), yielding between runs.
 */
import { jit, jitStats, MAX_ELEMENTS, vmap } from "../../../engine/index";
import { asEngineError, vmapCall } from "../../state/engineBridge";
import { calibrate } from "../jit/timing";
import { argFor, inAxisFor, type ArgTree, type AxisTree, type ExplorerState } from "../../state/explorerTypes";

export type Mode = "eager" | "jit-first" | "jit-cached";
export const MODES: { mode: Mode; label: string }[] = [
  { mode: "eager", label: "eager vmap" },
  { mode: "jit-first", label: "jit, first call (trace + compile)" },
  { mode: "jit-cached", label: "jit, cached call" },
];

export interface SweepJob {
  state: ExplorerState;
  /** Sizes of the mapped axis to try, smallest first (those over the size limit are skipped). */
  sizes: number[];
  runs: number;
  /** Whether the page may run generated code (canCompile): the worker's jit follows the page. */
  compile: boolean;
}

export interface SweepPoint {
  n: number;
  mode: Mode;
  /** Milliseconds per run, in order; runs[0] is the warm-up. */
  runs: number[];
}

export type SweepMessage =
  | { type: "progress"; done: number; total: number; point: SweepPoint }
  | { type: "done"; sizes: number[]; retraces: number; stoppedAt: { n: number; message: string } | null }
  | { type: "error"; message: string };

export const DEFAULT_SIZES = [1e2, 1e3, 1e4, 1e5, 1e6];

const norm = (a: number, rank: number) => (a < 0 ? a + rank : a);

/** The argument tree with every mapped axis (per its in_axes entry) of size n. */
function scaleTree(t: ArgTree, axis: AxisTree, n: number): ArgTree {
  if (t.kind === "tuple") return { kind: "tuple", items: t.items.map((it, i) => scaleTree(it, Array.isArray(axis) ? axis[i] : axis, n)) };
  if (typeof axis !== "number") return t;
  const a = norm(axis, t.shape.length);
  return { kind: "leaf", shape: t.shape.map((d, i) => (i === a ? n : d)) };
}

function leafSizes(t: ArgTree): number[] {
  return t.kind === "leaf" ? [t.shape.reduce((a, b) => a * b, 1)] : t.items.flatMap(leafSizes);
}

/** The explorer state with the mapped axes (or axis_size) set to n. */
export function scaledState(s: ExplorerState, params: readonly string[], n: number): ExplorerState {
  const args = new Map(s.args);
  for (const p of params) args.set(p, { ...argFor(s, p), tree: scaleTree(argFor(s, p).tree, inAxisFor(s, p), n) });
  return { ...s, args, axisSize: s.axisSize === null ? null : n };
}

/** The sizes whose every argument stays within the engine's size limit. */
export function feasibleSizes(s: ExplorerState, params: readonly string[], sizes: readonly number[]): number[] {
  return sizes.filter((n) => {
    const st = scaledState(s, params, n);
    return params.every((p) => leafSizes(argFor(st, p).tree).every((k) => k <= MAX_ELEMENTS));
  });
}

const now = () => performance.now();

/** Reads a result back (a result is only ready once it can be drawn; the bench does the same). */
export function touch(x: unknown): void {
  if (Array.isArray(x)) x.forEach(touch);
  else if (x && typeof (x as { flat?: unknown }).flat === "function") (x as { flat: () => unknown }).flat();
}

/** Milliseconds per call of `f` over `reps` calls. */
export function timeCalls(f: () => void, reps: number): number {
  const t0 = now();
  for (let i = 0; i < reps; i++) f();
  return (now() - t0) / reps;
}

/** Each timed run lasts about this long (repeating fast calls), to beat the timer's resolution. */
export const SAMPLE_MS = 2;

export async function runSweep(job: SweepJob, post: (m: SweepMessage) => void, cancelled: () => boolean, pause: () => Promise<void>): Promise<void> {
  const base = vmapCall(job.state);
  if (!base.parsed.ok) return post({ type: "error", message: base.parsed.error.message });
  const params = base.params;
  const sizes = feasibleSizes(job.state, params, job.sizes);
  const total = sizes.length * MODES.length;
  let done = 0;
  const fn = base.parsed.fn;
  const vmapped = vmap(fn, base.inAxes, base.outAxes, base.opts);
  const shared = jit(vmapped, { name: "vmap(f)" });
  const measured: number[] = [];
  for (const n of sizes) {
    const call = vmapCall(scaledState(job.state, params, n));
    if (!call.args.ok) return post({ type: "done", sizes: measured, retraces: jitStats(shared).traces, stoppedAt: { n, message: call.args.error.message } });
    const args = call.args.values;
    const opts = call.opts;
    // One call of each mode; jit-first makes a fresh jitted function each call, so every call traces and compiles.
    const calls: Record<Mode, () => void> = {
      eager: () => touch(vmap(fn, call.inAxes, call.outAxes, opts)(...args)),
      "jit-first": () => touch(jit(vmap(fn, call.inAxes, call.outAxes, opts), { name: "vmap(f)" })(...args)),
      "jit-cached": () => touch(shared(...args)),
    };
    try {
      for (const { mode } of MODES) {
        // The warm-up is one call (for jit-cached at a new size: the retrace); each later run
        // repeats the call to last about SAMPLE_MS.
        const runs = [timeCalls(calls[mode], 1)];
        await pause();
        if (cancelled()) return;
        const reps = calibrate(calls[mode], SAMPLE_MS, now);
        for (let r = 1; r < job.runs; r++) {
          runs.push(timeCalls(calls[mode], reps));
          await pause();
          if (cancelled()) return;
        }
        post({ type: "progress", done: ++done, total, point: { n, mode, runs } });
      }
    } catch (e) {
      return post({ type: "done", sizes: measured, retraces: jitStats(shared).traces, stoppedAt: { n, message: asEngineError(e).message } });
    }
    measured.push(n);
  }
  post({ type: "done", sizes: measured, retraces: jitStats(shared).traces, stoppedAt: null });
}
