/** The "Time it" button: median cached jitted call against the eager vmap call (timing.ts). */
import { useEffect, useRef, useState } from "react";
import type { JitRun } from "./jitModel";
import { timeIt, type Timing } from "./timing";

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  return ms < 1 ? `${Number((ms * 1000).toPrecision(3))} µs` : `${Number(ms.toPrecision(3))} ms`;
}

export function TimeIt({ run }: { run: JitRun }) {
  const [result, setResult] = useState<{ run: JitRun; t: Timing } | null>(null);
  const [progress, setProgress] = useState<{ run: JitRun; done: number; total: number } | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const running = progress !== null && progress.run === run;
  const start = async () => {
    abort.current?.abort();
    const ctl = (abort.current = new AbortController());
    setProgress({ run, done: 0, total: 30 });
    try {
      const t = await timeIt(run.jitted, run.eager, { signal: ctl.signal, onProgress: (done, total) => setProgress({ run, done, total }) });
      setResult({ run, t });
    } catch (e) {
      if ((e as Error).name !== "AbortError") throw e;
    } finally {
      if (abort.current === ctl) setProgress(null);
    }
  };
  const shown = result?.run === run ? result.t : null;
  return (
    <div className="timeit">
      <button type="button" onClick={start} disabled={running}>
        {running ? `Timing… ${progress.done}/${progress.total}` : "Time it"}
      </button>
      <span className="panel-aside"> median of a few dozen runs, each call repeated to beat the timer's resolution</span>
      {shown && (
        <table className="timing" aria-label="Timings">
          <tbody>
            <tr>
              <th scope="row">jit (cached call)</th>
              <td>{fmtMs(shown.jitMs)}</td>
            </tr>
            <tr>
              <th scope="row">eager vmap</th>
              <td>{fmtMs(shown.eagerMs)}</td>
            </tr>
            <tr>
              <th scope="row">ratio</th>
              <td>
                {shown.ratio >= 1 ? `jit is ${shown.ratio.toFixed(1)}× faster` : `jit is ${(1 / shown.ratio).toFixed(1)}× slower`} ({shown.samples} samples)
              </td>
            </tr>
          </tbody>
        </table>
      )}
    </div>
  );
}
