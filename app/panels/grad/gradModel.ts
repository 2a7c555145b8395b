/**
 * What the grad panel shows, derived from the explorer snapshot (memoized per snapshot, style
 * P11): `jax.grad(f, argnums=k)(*args)` and the per-example gradients
 * `jax.vmap(jax.grad(f, argnums=k), in_axes=…)(*args)`, each as leaves or JAX's error, plus the
 * Python lines. The function and arguments are the explorer's own (selectParsed, buildArgs);
 * with `sumLoss` f is first wrapped as `lambda …: jnp.sum(…)`, composed on the parsed lambda by the
 * engine (composeLambdaSource), so comments and line continuations in f cannot break it.
 */
import { composeLambdaSource, grad, vmap } from "../../../engine/index";
import { asEngineError, buildArgs, parseFunction, type EngineError } from "../../state/engineBridge";
import { allInAxesNone, inAxesText } from "../../state/codegen";
import { inAxisFor, type ExplorerState } from "../../state/explorerTypes";
import { selectParsed } from "../../state/selectors";
import { attempt, type Outcome } from "../format";
import { memoPerState } from "../usePanelInputs";

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

function computeGrad(s: ExplorerState, o: GradOptions): GradReport {
  const parsed = selectParsed(s.fnSource);
  const params = parsed.ok ? parsed.params : [];
  const k = o.argnums < params.length ? o.argnums : 0;
  const loss = parsed.ok && o.sumLoss ? sumLossSource(s.fnSource) : null;
  const name = loss ? "loss" : "f";
  const allNone = allInAxesNone(s, params);
  const size = allNone && s.axisSize !== null ? `, axis_size=${s.axisSize}` : "";
  const call = `(${params.join(", ")})`;
  const base = {
    params,
    k,
    loss,
    gradCode: `jax.grad(${name}, argnums=${k})${call}`,
    perExampleCode: `jax.vmap(jax.grad(${name}, argnums=${k}), in_axes=${inAxesText(s, params)}${size})${call}`,
  };
  if (!parsed.ok) return { ...base, parseError: parsed.error, grad: { ok: false, error: parsed.error }, perExample: { ok: false, error: parsed.error } };
  const fn = loss ? parseFunction(loss) : parsed;
  if (!fn.ok) return { ...base, parseError: null, grad: { ok: false, error: fn.error }, perExample: { ok: false, error: fn.error } };
  let argv: unknown[];
  try {
    argv = buildArgs(s, params);
  } catch (e) {
    const failed: Outcome = { ok: false, error: asEngineError(e) };
    return { ...base, parseError: null, grad: failed, perExample: failed };
  }
  const g = grad(fn.fn, { argnums: k });
  const inAxes = params.map((p) => inAxisFor(s, p));
  const opts = allNone && s.axisSize !== null ? { axisSize: s.axisSize } : {};
  return {
    ...base,
    parseError: null,
    grad: attempt(() => g(...argv)),
    perExample: attempt(() => vmap(g, inAxes, 0, opts)(...argv)),
  };
}

export const selectGradReport = memoPerState((o: GradOptions) => `${o.argnums}|${o.sumLoss}`, computeGrad);
