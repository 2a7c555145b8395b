// The bench's percentile (bench/timing.ts): nearest rank, the smallest value with at least p of
// the samples at or below it, whatever the samples' order.
import { expect, it } from "vitest";
import { percentile } from "../../bench/timing";

const shuffled = (n: number) => Array.from({ length: n }, (_, i) => ((i * 37) % n) + 1);

it("reads the p95 of 100 changes as the sixth slowest and of 40 as the third slowest", () => {
  expect(percentile(shuffled(100), 0.95)).toBe(95);
  expect(percentile(shuffled(40), 0.95)).toBe(38);
  expect(percentile(shuffled(30), 0.95)).toBe(29);
});

it("gives the smallest sample at p 0, the largest at p 1, and the one sample of one", () => {
  expect(percentile(shuffled(40), 0)).toBe(1);
  expect(percentile(shuffled(40), 1)).toBe(40);
  expect(percentile([7], 0.95)).toBe(7);
});
