/**
 * Where the sweep runs, behind one small interface so it can be swapped: a Web Worker in the
 * browser (the page never freezes; Cancel terminates it at once), or this thread where there is
 * no Worker (vitest's jsdom), yielding to the event loop between runs so Cancel is seen within
 * one run.
 */
import { runSweep, type SweepJob, type SweepMessage } from "./sweep";

export interface SweepRunner {
  /** Starts the job; messages arrive through `onMessage` until it ends or `cancel` is called. */
  start(job: SweepJob, onMessage: (m: SweepMessage) => void): SweepHandle;
}

export interface SweepHandle {
  cancel(): void;
  /** Settles when the work has stopped (finished, failed or cancelled). */
  finished: Promise<void>;
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

export const inProcessRunner: SweepRunner = {
  start(job, onMessage) {
    let cancelled = false;
    const post = (m: SweepMessage) => {
      if (!cancelled) onMessage(m);
    };
    const finished = tick()
      .then(() => runSweep(job, post, () => cancelled, tick))
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
  start(job, onMessage) {
    const w = new Worker(new URL("./sweep.worker.ts", import.meta.url), { type: "module" });
    let live = true;
    w.onerror = (e) => {
      if (live) onMessage({ type: "error", message: e.message || "the timing worker failed" });
    };
    let stopped!: () => void;
    const finished = new Promise<void>((r) => (stopped = r));
    w.onmessage = (e: MessageEvent<SweepMessage>) => {
      if (!live) return;
      if (e.data.type !== "progress") stopped();
      onMessage(e.data);
    };
    w.postMessage(job);
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
