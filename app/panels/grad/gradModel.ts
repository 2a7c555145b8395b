/**
 * What the grad panel shows, derived from the explorer snapshot (memoized per snapshot, style
 * P11): `jax.grad(f, argnums=k)(*args)` and the per-example gradients
 * `jax.vmap(jax.grad(f, argnums=k), in_axes=…)(*args)`, each as leaves or JAX's error, plus the
 * Python lines. The function, arguments and axes are the explorer's own call (vmapCall);
 * with `sumLoss` f is first wrapped as `lambda …: jnp.sum(…)`, composed on the parsed lambda by the
 * engine (composeLambdaSource), so comments and line continuations in f cannot break it.
 */
import { composeLambdaSource, grad, vmap } from "../../../engine/index";
import { parseFunction, vmapCall, withX64, type EngineError } from "../../state/engineBridge";
import { inAxesText } from "../../state/codegen";
import type { ExplorerState } from "../../state/explorerTypes";
import { attempt, type Outcome } from "../format";
import { memoPerState } from "../memoPerState";

export interface GradOptions {
  argnums: number;
  sumLoss: boolean;
}

export interface GradReport {
  params: string[];
  /** argnums actually used (the chosen one, or 0 when f has fewer parameters now). */
  k: number;
  /** The explorer's function does not parse: nothing to differentiate. */
  parseError: EngineError | null;
  /** `lambda a, b: jnp.sum(a + b)` when the sum loss is on. */
  loss: string | null;
  gradCode: string;
  perExampleCode: string;
  grad: Outcome;
  perExample: Outcome;
}

/** f's lambda with its body wrapped in jnp.sum (f must parse). */
function sumLossSource(src: string): string {
  return composeLambdaSource(src, "jnp.sum");
}

/** The report with `error` for both results (the function parses): computing in the worker, or stopped. */
function gradReportWith(s: ExplorerState, o: GradOptions, error: EngineError): GradReport {
  const failed: Outcome = { ok: false, error };
  return { ...describeGrad(s, o), parseError: null, grad: failed, perExample: failed };
}

/** The report's parameters, argnums used, loss and Python lines. */
function describeGrad(s: ExplorerState, o: GradOptions) {
  const call = vmapCall(s);
  const { parsed } = call;
  const params = parsed.ok ? parsed.params : [];
  const k = o.argnums < params.length ? o.argnums : 0;
  const loss = parsed.ok && o.sumLoss ? sumLossSource(s.fnSource) : null;
  const name = loss ? "loss" : "f";
  const size = `${call.opts.axisSize !== undefined ? `, axis_size=${call.opts.axisSize}` : ""}${call.opts.axisName !== undefined ? `, axis_name='${call.opts.axisName}'` : ""}`;
  const callText = `(${params.join(", ")})`;
  return {
    params,
    k,
    loss,
    gradCode: `jax.grad(${name}, argnums=${k})${callText}`,
    perExampleCode: `jax.vmap(jax.grad(${name}, argnums=${k}), in_axes=${inAxesText(s, params)}${size})${callText}`,
  };
}

/** The report, computed (the worker runs this too: state/compute.worker.ts). */
export function computeGrad(s: ExplorerState, o: GradOptions): GradReport {
  const call = vmapCall(s);
  const { parsed } = call;
  const base = describeGrad(s, o);
  const { k, loss } = base;
  if (!parsed.ok) return { ...base, parseError: parsed.error, grad: { ok: false, error: parsed.error }, perExample: { ok: false, error: parsed.error } };
  const fn = loss ? parseFunction(loss) : parsed;
  if (!fn.ok) return { ...base, parseError: null, grad: { ok: false, error: fn.error }, perExample: { ok: false, error: fn.error } };
  if (!call.args.ok) return gradReportWith(s, o, call.args.error);
  const argv = call.args.values;
  const g = grad(fn.fn, { argnums: k });
  return {
    ...base,
    parseError: null,
    grad: withX64(s, () => attempt(() => g(...argv))),
    perExample: withX64(s, () => attempt(() => vmap(g, call.inAxes, 0, call.opts)(...argv))),
  };
}

/** Past the page's budget the report is computed in the worker; meanwhile (or on a time-out) `gradReportWith` says why. */
export const selectGradReport = memoPerState((o: GradOptions) => `${o.argnums}|${o.sumLoss}`, computeGrad, { kind: "grad", pending: gradReportWith });
