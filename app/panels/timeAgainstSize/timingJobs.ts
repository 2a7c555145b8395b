/**
 * The jobs the timing worker runs, by kind: "Time against size" (sweep.ts) and "Ways to batch"
 * (ways/waysJob.ts). One worker script and one runner (runners.ts) serve both; each job posts
 * "progress" messages and ends with "done" or "error".
 */
import { runWays, type WaysJob, type WaysMessage } from "../ways/waysJob";
import { runSweep, type SweepJob, type SweepMessage } from "./sweep";

export interface TimingJobs {
  sweep: { job: SweepJob; message: SweepMessage };
  ways: { job: WaysJob; message: WaysMessage };
}

export type TimingKind = keyof TimingJobs;
export type TimingRequest = { [K in TimingKind]: { kind: K; job: TimingJobs[K]["job"] } }[TimingKind];
export type TimingMessage = TimingJobs[TimingKind]["message"];

export function runTimingJob(r: TimingRequest, post: (m: TimingMessage) => void, cancelled: () => boolean, pause: () => Promise<void>): Promise<void> {
  return r.kind === "sweep" ? runSweep(r.job, post, cancelled, pause) : runWays(r.job, post, cancelled, pause);
}

/** Whether the job may run generated code (the page's canCompile): the worker's jit follows the page. */
export const jobCompiles = (r: TimingRequest): boolean => r.job.compile;
