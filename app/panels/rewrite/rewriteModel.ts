/**
 * "How vmap rewrote the program", as rows to draw: the engine's vmapRewrite (both jaxprs and how
 * their equations pair, engine/transforms/rewrite.ts) for the explorer's own call, memoized per
 * snapshot. The app only arranges the pairs into rows: a per-example equation beside its
 * batched twin, and the equations vmap added beside nothing, under the equation they serve.
 */
import { vmapRewrite, type BatchedEqn, type PerExampleEqn, type VmapRewrite } from "../../../engine/index";
import { asEngineError, vmapCall, type EngineError } from "../../state/engineBridge";
import type { ExplorerState } from "../../state/explorerTypes";
import { memoPerState } from "../usePanelInputs";

export interface RewriteRow {
  /** The per-example equation this row belongs to (for added equations: the one they serve). */
  owner: number | null;
  perExample: PerExampleEqn | null;
  batched: BatchedEqn | null;
  added: boolean;
}

export type RewriteReport = { ok: true; rewrite: VmapRewrite; rows: RewriteRow[] } | { ok: false; error: EngineError };

export function rewriteRows(r: VmapRewrite): RewriteRow[] {
  const rows: RewriteRow[] = [];
  const placed = new Set<number>();
  const placePending = (upTo: number) => {
    // A per-example equation whose batching rule emitted no equation of its own primitive.
    for (const e of r.perExample.eqns) {
      if (e.index > upTo) break;
      if (!placed.has(e.index) && !r.batched.eqns.some((b) => b.origin.kind !== "added" && b.origin.eqn === e.index)) {
        placed.add(e.index);
        rows.push({ owner: e.index, perExample: e, batched: null, added: false });
      }
    }
  };
  for (const b of r.batched.eqns) {
    const o = b.origin;
    if (o.kind === "added") {
      if (o.eqn !== null) placePending(o.eqn - 1);
      rows.push({ owner: o.eqn, perExample: null, batched: b, added: true });
    } else {
      placePending(o.eqn - 1);
      placed.add(o.eqn);
      rows.push({ owner: o.eqn, perExample: r.perExample.eqns[o.eqn], batched: b, added: false });
    }
  }
  placePending(Infinity);
  return rows;
}

function computeRewrite(s: ExplorerState): RewriteReport {
  const call = vmapCall(s);
  if (!call.parsed.ok) return { ok: false, error: call.parsed.error };
  if (!call.args.ok) return { ok: false, error: call.args.error };
  try {
    const rewrite = vmapRewrite(call.parsed.fn, call.inAxes, call.outAxes, call.args.values, call.opts);
    return { ok: true, rewrite, rows: rewriteRows(rewrite) };
  } catch (e) {
    return { ok: false, error: asEngineError(e) };
  }
}

export const selectRewrite = memoPerState(() => "", (s: ExplorerState) => computeRewrite(s));
