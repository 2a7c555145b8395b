/**
 * The two ways a call past the page's budget runs (compute.ts loads this on demand): a module
 * worker from the page's origin, or the same call in this thread.
 */
import type { ComputeReply } from "./compute.worker";
import type { ComputeJob, ComputeRunner } from "./compute";

/**
 * One module worker per job, from the page's origin: `worker-src` falls back to `script-src`,
 * so `script-src 'self'` allows it. Terminating it is the only way to stop a running call.
 */
export const workerRunner: ComputeRunner = (request) => {
  const w = new Worker(new URL("./compute.worker.ts", import.meta.url), { type: "module" });
  const done = new Promise<unknown>((resolve, reject) => {
    w.onmessage = (e: MessageEvent<ComputeReply>) => {
      w.terminate();
      resolve(e.data.result);
    };
    w.onerror = (e: ErrorEvent) => {
      w.terminate();
      reject(new Error(e.message || "the worker could not start"));
    };
  });
  w.postMessage(request);
  return { done, cancel: () => w.terminate() };
};

/**
 * Without Worker (node, old browsers): the same call in this thread, after the status has shown
 * (loaded on demand, like the worker: the grad panel's model stays out of the page's first chunk).
 */
export const inProcessRunner: ComputeRunner = (request) => {
  let cancelled = false;
  const done = Promise.all([import("./computeRequest"), import("./wire")]).then(([{ runRequest }, { toWire }]) => (cancelled ? new Promise<never>(() => {}) : toWire(runRequest(request))));
  return { done, cancel: () => (cancelled = true) };
};

