/**
 * A timing job run from a panel section (runners.ts): its messages gathered per explorer
 * snapshot (a result for another snapshot is not shown), started and cancelled by the controls
 * below (a button, a progress bar and Cancel), and stopped when the section unmounts. "Time
 * against size" and "Ways to batch" both run their jobs through it.
 */
import { useEffect, useRef, useState } from "react";
import type { ExplorerState } from "../../state/explorerTypes";
import { sweepRunner, type SweepHandle } from "./runners";
import type { TimingJobs, TimingKind } from "./timingJobs";

type Msg<K extends TimingKind> = TimingJobs[K]["message"];
type Progress<K extends TimingKind> = Extract<Msg<K>, { type: "progress" }>;

export interface JobRun<K extends TimingKind> {
  state: ExplorerState;
  progress: Progress<K>[];
  done: number;
  total: number;
  /** The job's "done" message, once it arrived. */
  finished: Extract<Msg<K>, { type: "done" }> | null;
  error: string | null;
}

export function useTimingJob<K extends TimingKind>(kind: K, s: ExplorerState) {
  const [run, setRun] = useState<JobRun<K> | null>(null);
  const handle = useRef<SweepHandle | null>(null);
  useEffect(() => () => handle.current?.cancel(), []);
  const current = run?.state === s ? run : null;
  const running = current !== null && current.finished === null && current.error === null;
  const start = (job: TimingJobs[K]["job"], total = 0) => {
    handle.current?.cancel();
    setRun({ state: s, progress: [], done: 0, total, finished: null, error: null });
    handle.current = sweepRunner().start(kind, job, (m) =>
      setRun((r) => {
        if (!r || r.state !== s) return r;
        const msg = m as Msg<K>;
        if (msg.type === "progress") {
          const p = msg as Progress<K>;
          return { ...r, progress: [...r.progress, p], done: p.done, total: p.total };
        }
        if (msg.type === "done") return { ...r, finished: msg as JobRun<K>["finished"] };
        return { ...r, error: (msg as { message: string }).message };
      }),
    );
  };
  const cancel = () => {
    handle.current?.cancel();
    handle.current = null;
    setRun((r) => (r && r.finished === null ? { ...r, error: "Cancelled." } : r));
  };
  return { current, running, start, cancel };
}

/** The start button, and while the job runs its progress bar and Cancel. */
export function TimingControls(p: { label: string; progressLabel: string; running: boolean; disabled: boolean; done: number; total: number; onStart: () => void; onCancel: () => void }) {
  return (
    <div className="tas-controls">
      <button type="button" onClick={p.onStart} disabled={p.running || p.disabled}>
        {p.label}
      </button>
      {p.running && (
        <>
          <progress role="progressbar" aria-label={p.progressLabel} max={p.total || 1} value={p.done} />
          <button type="button" onClick={p.onCancel}>
            Cancel
          </button>
        </>
      )}
    </div>
  );
}
