/**
 * Computes cell provenance (traceVmap with `provenance`) off the main thread: on the (2,3,5,7,9)
 * example it takes several times the plain trace (~60 ms), which would otherwise stall hovering,
 * typing and the animation. The explorer state is plain data, so the worker rebuilds the same
 * arguments and runs the same engine call as the page would (engineBridge.runTrace), packed (provenanceData.ts).
 */
import type { ExplorerState } from "./explorerTypes";
import { computeProvenance, packedBuffers } from "./provenanceData";

interface Request {
  id: number;
  state: ExplorerState;
}

self.onmessage = (e: MessageEvent<Request>) => {
  const { id, state } = e.data;
  const answer = computeProvenance(state);
  // Packed in typed arrays and transferred: the page receives them without a copy.
  (self as unknown as Worker).postMessage({ id, answer }, packedBuffers(answer?.packed ?? null));
};
