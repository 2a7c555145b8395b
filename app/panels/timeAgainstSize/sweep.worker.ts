/// <reference lib="webworker" />
/**
 * The sweep's Web Worker: runs runSweep off the page's thread and posts its messages back. The
 * page cancels by terminating the worker (immediate), so nothing here polls for cancellation.
 */
import { runSweep, type SweepJob } from "./sweep";

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<SweepJob>) => {
  runSweep(e.data, (m) => scope.postMessage(m), () => false, () => Promise.resolve()).catch((err: unknown) =>
    scope.postMessage({ type: "error", message: err instanceof Error ? err.message : String(err) }),
  );
};
