/**
 * Where the timing jobs (timingJobs.ts: the size sweep, the ways to batch) run, behind one small
 * interface so it can be swapped: a Web Worker in the browser (the page never freezes; Cancel
 * terminates it at once), or this thread where there is no Worker (vitest's jsdom), yielding to
 * the event loop between runs so Cancel is seen within one run.
 */
import { runTimingJob, type TimingJobs, type TimingKind, type TimingMessage, type TimingRequest } from "./timingJobs";

export interface SweepRunner {
  /** Starts the job; messages arrive through `onMessage` until it ends or `cancel` is called. */
  start<K extends TimingKind>(kind: K, job: TimingJobs[K]["job"], onMessage: (m: TimingJobs[K]["message"]) => void): SweepHandle;
}

export interface SweepHandle {
  cancel(): void;
  /** Settles when the work has stopped (finished, failed or cancelled). */
  finished: Promise<void>;
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

export const inProcessRunner: SweepRunner = {
  start(kind, job, onMessage) {
    let cancelled = false;
    const post = (m: TimingMessage) => {
      if (!cancelled) (onMessage as (m: TimingMessage) => void)(m);
    };
    const finished = tick()
      .then(() => runTimingJob({ kind, job } as TimingRequest, post, () => cancelled, tick))
      .catch((e: unknown) => post({ type: "error", message: e instanceof Error ? e.message : String(e) }));
    return {
      cancel() {
        cancelled = true;
      },
      finished,
    };
  },
};

export const workerRunner: SweepRunner = {
  start(kind, job, onMessage) {
    const w = new Worker(new URL("./timing.worker.ts", import.meta.url), { type: "module" });
    let live = true;
    w.onerror = (e) => {
      if (live) onMessage({ type: "error", message: e.message || "the timing worker failed" });
    };
    let stopped!: () => void;
    const finished = new Promise<void>((r) => (stopped = r));
    w.onmessage = (e: MessageEvent<TimingMessage>) => {
      if (!live) return;
      if (e.data.type !== "progress") stopped();
      (onMessage as (m: TimingMessage) => void)(e.data);
    };
    w.postMessage({ kind, job } as TimingRequest);
    return {
      cancel() {
        live = false;
        w.terminate();
        stopped();
      },
      finished,
    };
  },
};

let override: SweepRunner | null = null;

/** Tests (or an embed) may choose the runner; otherwise a Worker where there is one. */
export function setSweepRunner(r: SweepRunner | null): void {
  override = r;
}

export function sweepRunner(): SweepRunner {
  return override ?? (typeof Worker === "function" ? workerRunner : inProcessRunner);
}
