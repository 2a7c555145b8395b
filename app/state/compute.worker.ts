/**
 * The worker that runs an explorer state's vmap call past the page's budget (compute.ts): the
 * same code as the page (engineBridge.vmapCall, fullTrace) under the engine's default budget.
 * The page terminates it on Cancel, on a newer state or after the time limit, so a call that
 * takes long never holds the page.
 */
import { fullTrace, vmapCall } from "./engineBridge";
import { toWire, type WireResult } from "./computeResults";
import type { ExplorerState } from "./explorerTypes";

export interface ComputeMessage {
  id: number;
  state: ExplorerState;
}

export interface ComputeReply {
  id: number;
  result: WireResult;
}

const scope = self as unknown as { onmessage: ((e: MessageEvent<ComputeMessage>) => void) | null; postMessage: (m: ComputeReply) => void };

scope.onmessage = (e) => {
  const { id, state } = e.data;
  scope.postMessage({ id, result: toWire(fullTrace(vmapCall(state))) });
};
