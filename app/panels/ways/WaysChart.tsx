/**
 * The bar chart of the ways' timings (waysChart.ts). D3 draws only the time axis, into its own
 * <g> (style P12); React draws the bars, spreads and dots. A warm-up beyond the axis sits at its
 * end, its value in the dot's title and the table.
 */
import { useEffect, useRef } from "react";
import { axisBottom } from "d3-axis";
import { select } from "d3-selection";
import { fmtMs } from "../jit/TimeIt";
import { waysChartLayout } from "./waysChart";
import type { TimedId, WayTiming } from "./waysJob";

export function WaysChart({ timings, labels }: { timings: WayTiming[]; labels: (id: TimedId) => string }) {
  const layout = waysChartLayout(timings, labels);
  const xg = useRef<SVGGElement>(null);
  useEffect(() => {
    if (xg.current) select(xg.current).call(axisBottom(layout.x).ticks(5).tickFormat((d) => fmtMs(Number(d))));
  }, [layout.x]);
  const { height, margin, width } = layout;
  return (
    <svg className="ways-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Median time per call, with the spread of runs: ${layout.bars.map((b) => b.label).join(", ")}`}>
      <g ref={xg} transform={`translate(0,${height - margin.bottom})`} />
      <text x={(margin.left + width - margin.right) / 2} y={height - 4} textAnchor="middle" className="tas-axis-label">
        time per call (median of the timed runs)
      </text>
      {layout.bars.map((b) => (
        <g key={b.id} className="ways-bar" data-way={b.id}>
          <text x={margin.left - 8} y={b.y + b.height / 2} dy="0.35em" textAnchor="end" className="ways-label">
            {b.label}
          </text>
          <rect x={margin.left} y={b.y} width={Math.max(1, b.x - margin.left)} height={b.height} className="ways-rect" />
          <line x1={b.spread[0]} x2={b.spread[1]} y1={b.y + b.height / 2} y2={b.y + b.height / 2} className="ways-spread" />
          {b.dots.map((d, i) => (
            <circle key={i} cx={d.x} cy={b.y + b.height / 2} r={d.warmup ? 3.5 : 2.2} className={d.warmup ? "ways-dot warmup" : "ways-dot"}>
              <title>{`${fmtMs(d.ms)}${d.warmup ? " (warm-up)" : ""}`}</title>
            </circle>
          ))}
        </g>
      ))}
    </svg>
  );
}
