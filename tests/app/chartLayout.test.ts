// The sweep's chart geometry, pure: log–log scales (equal ratios, equal distances), the median
// line leaving out the warm-up run, the spread from the fastest to the slowest timed run.
import { describe, expect, it } from "vitest";
import { chartLayout } from "../../app/panels/timeAgainstSize/chartLayout";
import type { SweepPoint } from "../../app/panels/timeAgainstSize/sweep";

const pts: SweepPoint[] = [100, 1000, 10000].flatMap((n) => [
  { n, mode: "eager" as const, runs: [50, n / 100, (n / 100) * 2, (n / 100) * 3] },
  { n, mode: "jit-cached" as const, runs: [80, n / 1000, n / 1000, n / 1000] },
]);

describe("chartLayout", () => {
  const l = chartLayout(pts);
  const eager = l.series.find((s) => s.mode === "eager")!;
  it("is log–log: each tenfold step in N is the same distance", () => {
    const xs = eager.spreads.map((s) => s.x);
    expect(xs[1] - xs[0]).toBeCloseTo(xs[2] - xs[1], 9);
    // y: medians 2, 20, 200 ms (the warm-up 50 left out) are equally spaced too.
    expect(eager.spreads.map((s) => s.median)).toEqual([2, 20, 200]);
    const ys = eager.spreads.map((s) => l.y(s.median));
    expect(ys[0] - ys[1]).toBeCloseTo(ys[1] - ys[2], 9);
  });
  it("spreads run from the fastest to the slowest timed run; warm-ups are marked, one per series point", () => {
    expect(eager.spreads.map((s) => [s.fastest, s.slowest])).toEqual([
      [1, 3],
      [10, 30],
      [100, 300],
    ]);
    expect(eager.dots.filter((d) => d.warmup).map((d) => d.ms)).toEqual([50, 50, 50]);
    expect(eager.dots).toHaveLength(12);
    expect(l.series.find((s) => s.mode === "jit-first")!.dots).toHaveLength(0);
  });
});
