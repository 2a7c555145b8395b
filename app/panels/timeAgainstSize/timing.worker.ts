/// <reference lib="webworker" />
/**
 * The timing worker: runs a timing job (timingJobs.ts: the size sweep or the ways to batch) off
 * the page's thread and posts its messages back. The page cancels by terminating the worker
 * (immediate), so nothing here polls for cancellation.
 */
import { loadEngineFamilies, setCodegenAllowed } from "../../../engine/index";
import { jobCompiles, runTimingJob, type TimingRequest } from "./timingJobs";

const scope = self as unknown as DedicatedWorkerGlobalScope;
// jit, grad, pmap and the naive loop are families the built engine loads on first use
// (engine/lazyFamily.ts): a job times them, so have them all first.
const families = loadEngineFamilies();
scope.onmessage = async (e: MessageEvent<TimingRequest>) => {
  await families;
  // A worker's own CSP may differ from the page's: time jit the way the page runs it.
  if (!jobCompiles(e.data)) setCodegenAllowed(false);
  runTimingJob(e.data, (m) => scope.postMessage(m), () => false, () => Promise.resolve()).catch((err: unknown) =>
    scope.postMessage({ type: "error", message: err instanceof Error ? err.message : String(err) }),
  );
};
