/**
 * The log–log chart of the sweep, as pure geometry (d3-scale, d3-shape; tested without a DOM):
 * one line per mode through the medians of its timed runs, each size's spread (fastest to slowest
 * timed run) as a bar, every run as a dot, the warm-up runs (each series' first) hollow.
 */
import { scaleLog, scaleOrdinal, type ScaleLogarithmic } from "d3-scale";
import { line } from "d3-shape";
import { median } from "../jit/timing";
import { MODES, type Mode, type SweepPoint } from "./sweep";

export interface ChartSeries {
  mode: Mode;
  label: string;
  color: string;
  path: string;
  /** Per size: the median and the fastest and slowest timed run (ms), and where they are drawn. */
  spreads: { n: number; x: number; y0: number; y1: number; median: number; fastest: number; slowest: number }[];
  dots: { x: number; y: number; ms: number; warmup: boolean }[];
}

export interface ChartLayout {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  x: ScaleLogarithmic<number, number>;
  y: ScaleLogarithmic<number, number>;
  series: ChartSeries[];
}

const COLORS = scaleOrdinal<Mode, string>()
  .domain(MODES.map((m) => m.mode))
  .range(["#c2410c", "#6d28d9", "#0f766e"]);

/** Timer resolution floor for a log axis (a run can measure 0 ms). */
const FLOOR = 1e-3;

export function chartLayout(points: readonly SweepPoint[], width = 560, height = 300): ChartLayout {
  const margin = { top: 12, right: 16, bottom: 40, left: 64 };
  const ns = points.map((p) => p.n);
  const all = points.flatMap((p) => p.runs).map((t) => Math.max(FLOOR, t));
  const x = scaleLog()
    .domain([Math.min(...ns, 100) / 1.5, Math.max(...ns, 1000) * 1.5])
    .range([margin.left, width - margin.right]);
  const y = scaleLog()
    .domain([Math.min(...all, 0.01) / 1.5, Math.max(...all, 1) * 1.5])
    .range([height - margin.bottom, margin.top])
    .nice();
  const series = MODES.map(({ mode, label }) => {
    const mine = points.filter((p) => p.mode === mode).sort((a, b) => a.n - b.n);
    // The warm-up run is shown but left out of the median and the spread.
    const spreads = mine.map((p) => {
      const timed = p.runs.length > 1 ? p.runs.slice(1) : p.runs;
      const fastest = Math.min(...timed);
      const slowest = Math.max(...timed);
      return { n: p.n, x: x(p.n), y0: y(Math.max(FLOOR, fastest)), y1: y(Math.max(FLOOR, slowest)), median: median(timed), fastest, slowest };
    });
    const path =
      line<{ n: number; median: number }>()
        .x((d) => x(d.n))
        .y((d) => y(Math.max(FLOOR, d.median)))(spreads) ?? "";
    const dots = mine.flatMap((p) => p.runs.map((ms, r) => ({ x: x(p.n), y: y(Math.max(FLOOR, ms)), ms, warmup: r === 0 && p.runs.length > 1 })));
    return { mode, label, color: COLORS(mode), path, spreads, dots };
  });
  return { width, height, margin, x, y, series };
}
