/**
 * What the worker computes for a state (compute.ts sends it, compute.worker.ts runs it): the
 * explorer's trace, or the grad panel's report for its options. The same code as the page, run
 * under the engine's default budget.
 */
import { computeGrad, type GradOptions } from "../panels/grad/gradModel";
import { fullTrace, vmapCall } from "./engineBridge";
import type { ExplorerState } from "./explorerTypes";

export type ComputeRequest = { state: ExplorerState; kind: "trace"; options?: undefined } | { state: ExplorerState; kind: "grad"; options: GradOptions };

export function runRequest(r: ComputeRequest): unknown {
  return r.kind === "trace" ? fullTrace(vmapCall(r.state)) : computeGrad(r.state, r.options);
}
