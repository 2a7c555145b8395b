/**
 * "The computation graph" of `jax.grad(loss, argnums=k)` at the explorer's arguments: the engine's
 * gradTape (the jaxpr's forward values and the VJP tape's backward steps), laid out as a graph.
 * When f's output is not a scalar, grad refuses (JAX's error, shown as in the explorer) and the
 * section offers a loss: the sum, the mean or the squared norm of f's output, composed on the
 * parsed lambda by the engine (composeLambdaSource) and shown as text.
 */
import { composeLambdaSource, gradTape, makeJaxpr, withinWorkBudget, type GradTape } from "../../../engine/index";
import { asEngineError, PAGE_BUDGET, parseFunction, vmapCall, type EngineError } from "../../state/engineBridge";
import type { ExplorerState } from "../../state/explorerTypes";
import { memoPerState } from "../usePanelInputs";
import { layoutGraph, type GraphLayout } from "./graphLayout";
import { perExampleRows, type PerExampleReport } from "./perExample";

export type LossKind = "f" | "sum" | "mean" | "sqnorm";

export const LOSSES: { kind: Exclude<LossKind, "f">; label: string }[] = [
  { kind: "sum", label: "sum" },
  { kind: "mean", label: "mean" },
  { kind: "sqnorm", label: "squared norm" },
];

export interface GraphOptions {
  argnums: number;
  loss: LossKind;
}

export type GraphReport = {
  params: string[];
  k: number;
  /** The loss's source when f is wrapped (`lambda a, b: jnp.sum(a * b)`), else null. */
  lossSource: string | null;
  /** f itself returned a non-scalar (so the losses are offered). */
  nonScalar: boolean;
} & (
  | { ok: true; tape: GradTape; layout: GraphLayout; perExample: PerExampleReport }
  | { ok: false; error: EngineError }
  /** Past the page's budget: the graph is drawn only for calls the page can compute at once. */
  | { ok: false; tooBig: true }
);

/** f's lambda wrapped into a scalar loss (f must parse). */
export function lossSource(src: string, kind: Exclude<LossKind, "f">): string {
  if (kind === "sqnorm") return composeLambdaSource(composeLambdaSource(src, "jnp.square"), "jnp.sum");
  return composeLambdaSource(src, kind === "sum" ? "jnp.sum" : "jnp.mean");
}

function computeGraph(s: ExplorerState, o: GraphOptions): GraphReport {
  const call = vmapCall(s);
  const { parsed } = call;
  const params = parsed.ok ? parsed.params : [];
  const k = o.argnums < params.length ? o.argnums : 0;
  const base = { params, k, lossSource: null, nonScalar: false };
  if (!parsed.ok) return { ...base, ok: false, error: parsed.error };
  if (!call.args.ok) return { ...base, ok: false, error: call.args.error };
  const args = call.args.values;
  let nonScalar: boolean;
  try {
    // f's own output (traced, not run): a tuple or a non-scalar array needs a loss.
    const outs = makeJaxpr(parsed.fn)(...args).jaxpr.outAvals;
    nonScalar = outs.length !== 1 || outs[0].shape.length !== 0;
  } catch (e) {
    return { ...base, ok: false, error: asEngineError(e) };
  }
  // A loss wraps f only when f needs one.
  const src = o.loss === "f" || !nonScalar ? null : lossSource(s.fnSource, o.loss);
  const fn = src === null ? parsed : parseFunction(src);
  const head = { ...base, lossSource: src, nonScalar };
  if (!fn.ok) return { ...head, ok: false, error: fn.error };
  try {
    const run = withinWorkBudget(PAGE_BUDGET, () => {
      const tape = gradTape(fn.fn, args, { argnums: k });
      return { tape, layout: layoutGraph(tape, params), perExample: perExampleRows(call, fn.fn, k) };
    });
    return run.done ? { ...head, ok: true, ...run.value } : { ...head, ok: false, tooBig: true };
  } catch (e) {
    return { ...head, ok: false, error: asEngineError(e) };
  }
}

export const selectGraph = memoPerState((o: GraphOptions) => `${o.argnums}|${o.loss}`, computeGraph);
