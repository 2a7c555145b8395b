/**
 * The worker that runs a call past the page's budget (compute.ts): the same code as the page
 * (computeRequest.ts) under the engine's default budget, its answer in the wire format
 * (wire.ts). The page terminates it on Cancel, on a newer state or after the time
 * limit, so a call that takes long never holds the page.
 */
import { loadEngineFamilies } from "../../engine/index";
import { runRequest, type ComputeRequest } from "./computeRequest";
import { toWire } from "./wire";
import { ensurePrograms } from "./engineBridge";
import { isFunctionProgram } from "../../engine/index";

export interface ComputeReply {
  result: unknown;
}

const scope = self as unknown as { onmessage: ((e: MessageEvent<ComputeRequest>) => void) | null; postMessage: (m: ComputeReply) => void };

// jax.lax, indexing by values and pmap load on first use (the engine's lazyFamily.ts): a call may
// need any of them, so have them first; a def program or imported values need the engine's lazy
// reader likewise.
const families = loadEngineFamilies();

scope.onmessage = async (e) => {
  const s = e.data.state;
  await families;
  if (s.code !== undefined || isFunctionProgram(s.fnSource)) await ensurePrograms();
  scope.postMessage({ result: toWire(runRequest(e.data)) });
};
