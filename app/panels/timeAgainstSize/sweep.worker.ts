/// <reference lib="webworker" />
/**
 * The sweep's Web Worker: runs runSweep off the page's thread and posts its messages back. The
 * page cancels by terminating the worker (immediate), so nothing here polls for cancellation.
 */
import { setCodegenAllowed } from "../../../engine/index";
import { runSweep, type SweepJob } from "./sweep";

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<SweepJob>) => {
  // A worker's own CSP may differ from the page's: time jit the way the page runs it.
  if (!e.data.compile) setCodegenAllowed(false);
  runSweep(e.data, (m) => scope.postMessage(m), () => false, () => Promise.resolve()).catch((err: unknown) =>
    scope.postMessage({ type: "error", message: err instanceof Error ? err.message : String(err) }),
  );
};
