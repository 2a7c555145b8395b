// "Time against size" off the page's thread: the sweep's messages (progress with each mode's
// runs at each size, then the retrace count), run in-process through the same runner interface
// the Web Worker implements, and Cancel stopping the work at its next pause (what it stopped,
// not how fast: timing under a loaded machine is the bench's, never a unit test's).
import { describe, expect, it } from "vitest";
import { inProcessRunner } from "../../app/panels/timeAgainstSize/runners";
import { feasibleSizes, MODES, runSweep, scaledState, type SweepMessage } from "../../app/panels/timeAgainstSize/sweep";
import { explorerOf, leaf } from "../../app/state/explorerTypes";
import { MAX_ELEMENTS } from "../../engine/index";

const add = explorerOf("lambda a, b: a + b", [["a", leaf(2, 3), 0], ["b", leaf(3), null]], 0);

describe("sweep", () => {
  it("scales only the mapped axes and keeps every argument within the size limit", () => {
    const s = scaledState(add, ["a", "b"], 500);
    expect(s.args.get("a")!.tree).toEqual(leaf(500, 3));
    expect(s.args.get("b")!.tree).toEqual(leaf(3));
    const big = explorerOf("lambda a: a * 2.0", [["a", leaf(2, 100), 0]], 0);
    const ok = feasibleSizes(big, ["a"], [1e2, 1e4, 1e5, 1e6]);
    expect(ok).toEqual([1e2, 1e4, 1e5]);
    expect(1e6 * 100).toBeGreaterThan(MAX_ELEMENTS);
  });

  it("timings arrive with progress: every mode at every size, the runs' spread, and one trace per shape", async () => {
    const msgs: SweepMessage[] = [];
    const h = inProcessRunner.start("sweep", { state: add, sizes: [10, 100, 1000], runs: 3, compile: true }, (m) => msgs.push(m));
    await h.finished;
    const progress = msgs.filter((m) => m.type === "progress");
    expect(progress.map((m) => m.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    progress.forEach((m) => expect(m.total).toBe(9));
    expect(progress.map((m) => [m.point.n, m.point.mode])).toEqual([10, 100, 1000].flatMap((n) => MODES.map(({ mode }) => [n, mode])));
    for (const m of progress) {
      expect(m.point.runs).toHaveLength(3);
      m.point.runs.forEach((t) => expect(Number.isFinite(t) && t >= 0).toBe(true));
    }
    const done = msgs.at(-1)!;
    expect(done).toEqual({ type: "done", sizes: [10, 100, 1000], retraces: 3, stoppedAt: null });
  });

  it("Cancel stops the work at its next pause, within one run, and posts nothing more", async () => {
    // The sweep itself, with a pause that counts: cancelled at the first progress message, it
    // may finish the one call under way but must not start another run after the next pause.
    const msgs: SweepMessage[] = [];
    let cancelled = false;
    let pausesAfter = 0;
    const job = { state: add, sizes: [1e2, 1e3, 1e4, 1e5], runs: 20, compile: true };
    await runSweep(
      job,
      (m) => {
        msgs.push(m);
        if (m.type === "progress") cancelled = true;
      },
      () => cancelled,
      async () => {
        if (cancelled) pausesAfter++;
      },
    );
    expect(msgs.map((m) => m.type)).toEqual(["progress"]);
    expect(pausesAfter).toBe(1);
  });

  it("through the runner: after Cancel the job settles and nothing arrives", async () => {
    const msgs: SweepMessage[] = [];
    let after = 0;
    let cancelledAt: number | null = null;
    const h = inProcessRunner.start("sweep", { state: add, sizes: [1e2, 1e3, 1e4, 1e5], runs: 20, compile: true }, (m) => {
      if (cancelledAt !== null) after++;
      msgs.push(m);
    });
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (msgs.length) {
          clearInterval(poll);
          cancelledAt = msgs.length;
          h.cancel();
          resolve();
        }
      }, 1);
    });
    await h.finished;
    await new Promise((r) => setTimeout(r, 50));
    expect(after).toBe(0);
    expect(msgs).toHaveLength(cancelledAt!);
    expect(msgs.some((m) => m.type === "done")).toBe(false);
  });
});
