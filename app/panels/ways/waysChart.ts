/**
 * The "Ways to batch" bar chart as pure geometry (d3-scale; tested without a DOM): one bar per
 * timed program at the median of its timed runs, the spread (fastest to slowest timed run) as a
 * line across the bar's end, every run as a dot, the warm-up run (the first; jit's includes the
 * trace and compile) hollow and left out of the median and the spread.
 */
import { scaleBand, scaleLinear, type ScaleBand, type ScaleLinear } from "d3-scale";
import { median } from "../jit/timing";
import type { TimedId, WayTiming } from "./waysJob";

export interface WayBar {
  id: TimedId;
  label: string;
  y: number;
  height: number;
  /** Bar end (median) and spread, in px. */
  x: number;
  spread: [number, number];
  median: number;
  fastest: number;
  slowest: number;
  dots: { x: number; ms: number; warmup: boolean }[];
}

export interface WaysChartLayout {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  x: ScaleLinear<number, number>;
  y: ScaleBand<string>;
  bars: WayBar[];
}

/** The median and spread of the timed runs (the warm-up left out when there are others). */
export function runStats(runs: readonly number[]): { median: number; fastest: number; slowest: number } {
  const timed = runs.length > 1 ? runs.slice(1) : runs;
  return { median: median(timed), fastest: Math.min(...timed), slowest: Math.max(...timed) };
}

/** Bars in the order the section lists the ways, whatever order the timings arrived in. */
const ORDER: TimedId[] = ["loop", "hand", "vmap", "jit", "selu", "selu-jit"];

export function waysChartLayout(unordered: readonly WayTiming[], labels: (id: TimedId) => string, width = 560): WaysChartLayout {
  const timings = [...unordered].sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
  const margin = { top: 8, right: 20, bottom: 36, left: 150 };
  const band = 30;
  const height = margin.top + margin.bottom + band * Math.max(1, timings.length);
  // The medians set the scale; a slow run (a GC pause) or the warm-up (jit's first call can be
  // 100× a cached one) beyond it is drawn at the right edge, its value in its title.
  const medianMax = Math.max(1e-3, ...timings.map((t) => runStats(t.runs).median));
  const x = scaleLinear().domain([0, medianMax * 1.6]).range([margin.left, width - margin.right]).nice();
  const y = scaleBand<string>()
    .domain(timings.map((t) => t.id))
    .range([margin.top, height - margin.bottom])
    .padding(0.25);
  const clamp = (px: number) => Math.min(px, width - margin.right);
  const bars = timings.map((t) => {
    const s = runStats(t.runs);
    return {
      id: t.id,
      label: labels(t.id),
      y: y(t.id)!,
      height: y.bandwidth(),
      x: x(s.median),
      spread: [clamp(x(s.fastest)), clamp(x(s.slowest))] as [number, number],
      ...s,
      dots: t.runs.map((ms, i) => ({ x: clamp(x(ms)), ms, warmup: i === 0 && t.runs.length > 1 })),
    };
  });
  return { width, height, margin, x, y, bars };
}
