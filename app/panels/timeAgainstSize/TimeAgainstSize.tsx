/**
 * "Time against size": the "Time across sizes" button runs the sweep (sweep.ts) in a Web Worker
 * (runners.ts, useTimingJob.tsx), with a progress bar and a Cancel button, so the page never freezes; the log–log
 * chart (chartLayout.ts) fills in as timings arrive. D3 draws only the axes, into their own
 * <g> (style P12); React draws the rest and the accessible table of the numbers.
 */
import { useEffect, useId, useRef } from "react";
import { axisBottom, axisLeft } from "d3-axis";
import { select } from "d3-selection";
import { canCompile } from "../../../engine/index";
import type { ExplorerState } from "../../state/explorerTypes";
import { vmapCall } from "../../state/engineBridge";
import { fmtMs } from "../jit/TimeIt";
import { chartLayout, type ChartLayout } from "./chartLayout";
import { DEFAULT_SIZES, feasibleSizes, MODES, type SweepPoint } from "./sweep";
import { TimingControls, useTimingJob } from "./useTimingJob";
import "./timeAgainstSize.css";


function Axes({ layout }: { layout: ChartLayout }) {
  const xg = useRef<SVGGElement>(null);
  const yg = useRef<SVGGElement>(null);
  useEffect(() => {
    if (xg.current) select(xg.current).call(axisBottom(layout.x).ticks(5, "~s"));
    if (yg.current) select(yg.current).call(axisLeft(layout.y).ticks(5, "~g"));
  }, [layout]);
  const { height, margin, width } = layout;
  return (
    <>
      <g ref={xg} transform={`translate(0,${height - margin.bottom})`} />
      <g ref={yg} transform={`translate(${margin.left},0)`} />
      <text x={(margin.left + width - margin.right) / 2} y={height - 6} textAnchor="middle" className="tas-axis-label">
        N (size of the mapped axis)
      </text>
      <text transform={`translate(14,${(margin.top + height - margin.bottom) / 2}) rotate(-90)`} textAnchor="middle" className="tas-axis-label">
        ms per call
      </text>
    </>
  );
}

function Chart({ points }: { points: SweepPoint[] }) {
  const layout = chartLayout(points);
  return (
    <svg className="tas-chart" viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label="Time against size, log–log">
      <Axes layout={layout} />
      {layout.series.map((s) => (
        <g key={s.mode} className="tas-series" data-mode={s.mode} style={{ color: s.color }}>
          <path d={s.path} className="tas-line" />
          {s.spreads.map((p) => (
            <line key={p.n} x1={p.x} x2={p.x} y1={p.y0} y2={p.y1} className="tas-spread" />
          ))}
          {s.dots.map((d, i) => (
            <circle key={i} cx={d.x} cy={d.y} r={d.warmup ? 3.5 : 2.2} className={d.warmup ? "tas-dot warmup" : "tas-dot"}>
              <title>{`${fmtMs(d.ms)}${d.warmup ? " (warm-up)" : ""}`}</title>
            </circle>
          ))}
        </g>
      ))}
    </svg>
  );
}

/** The chart's numbers as a table: per size and mode, the median and the spread of the timed runs. */
function Numbers({ points }: { points: SweepPoint[] }) {
  const layout = chartLayout(points);
  const sizes = [...new Set(points.map((p) => p.n))].sort((a, b) => a - b);
  return (
    <details>
      <summary>The numbers</summary>
      <table className="timing" aria-label="Time against size, medians">
        <thead>
          <tr>
            <th scope="col">N</th>
            {layout.series.map((s) => (
              <th key={s.mode} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sizes.map((n) => (
            <tr key={n}>
              <th scope="row">{n}</th>
              {layout.series.map((s) => {
                const p = s.spreads.find((x) => x.n === n);
                return <td key={s.mode}>{p ? `${fmtMs(p.median)} (${fmtMs(p.fastest)}–${fmtMs(p.slowest)})` : "–"}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function Legend() {
  const layout = chartLayout([]);
  return (
    <ul className="tas-legend">
      {layout.series.map((s) => (
        <li key={s.mode} style={{ color: s.color }}>
          <span aria-hidden="true">━</span> {s.label}
        </li>
      ))}
      <li>
        <span aria-hidden="true">○</span> warm-up run (first of each series, not in the median)
      </li>
      <li>
        <span aria-hidden="true">│</span> spread: fastest to slowest timed run
      </li>
    </ul>
  );
}

export function TimeAgainstSize({ s }: { s: ExplorerState }) {
  const head = useId();
  const { current: shown, running, start, cancel } = useTimingJob("sweep", s);
  const call = vmapCall(s);
  const sizes = call.parsed.ok ? feasibleSizes(s, call.params, DEFAULT_SIZES) : [];
  const points = shown?.progress.map((m) => m.point) ?? [];
  return (
    <section className="tas" aria-labelledby={head}>
      <h3 id={head}>Time against size</h3>
      <p className="panel-aside">
        {sizes.length > 0
          ? `The same call with the mapped axis at N = ${sizes.map((n) => n.toExponential(0).replace("e+", "e")).join(", ")} (the largest the size limit allows), timed three ways, 5 runs each, in a background worker.`
          : call.parsed.ok
            ? "No size of the mapped axis fits the size limit for this call: nothing to time."
            : "The call is timed across sizes once the function above works."}
      </p>
      <TimingControls
        label="Time across sizes"
        progressLabel="Timing progress"
        running={running}
        disabled={sizes.length === 0}
        done={shown?.done ?? 0}
        total={shown?.total ?? 0}
        onStart={() => start({ state: s, sizes, runs: 5, compile: canCompile() }, sizes.length * MODES.length)}
        onCancel={cancel}
      />
      {shown?.error && (
        <p className="panel-note" role="status">
          {shown.error}
        </p>
      )}
      {shown && points.length > 0 && (
        <>
          <Legend />
          <Chart points={points} />
          <Numbers points={points} />
          {shown.finished && (
            <p className="panel-aside" aria-label="Retraces">
              One jitted function was called at every size: it traced {shown.finished.retraces} time{shown.finished.retraces === 1 ? "" : "s"} (once per new
              shape: {Math.max(0, shown.finished.retraces - 1)} retrace{shown.finished.retraces === 2 ? "" : "s"} after the first).
              {shown.finished.stoppedAt && ` Stopped at N = ${shown.finished.stoppedAt.n}: ${shown.finished.stoppedAt.message}`}
            </p>
          )}
        </>
      )}
    </section>
  );
}
