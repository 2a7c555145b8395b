/**
 * "Ways to batch": the explorer's vmap call as four programs that give the same result — the
 * naive loop (f on each slice, then jnp.stack along out_axes: engine `loopMap`), batching by hand
 * where there is one (handBatching.ts), `vmap(f)` and `jit(vmap(f))` — each with the JAX code
 * to copy and the size of its jaxpr (`make_jaxpr`'s equations), so a student sees vmap rewrite
 * the program (one batched program, the size of f's) where the loop repeats f per slice.
 * The page builds them for the code and sizes; the timing worker (waysJob.ts) builds them again
 * to run them.
 */
import { jit, loopMap, makeJaxpr, vmap } from "../../../engine/index";
import { asEngineError, describeCall, type EngineError, type VmapCall } from "../../state/engineBridge";
import { inAxesText, sliceText } from "../../state/codegen";
import { argFor, type AxisTree } from "../../state/explorerTypes";
import { formatPyLiteral, type PyLit } from "../../state/pyLiteral";
import { handBatching } from "./handBatching";

export type WayId = "loop" | "hand" | "vmap" | "jit";

export interface Way {
  id: WayId;
  label: string;
  /** The JAX code, or null for "no hand batching" (`why` says so). */
  code: string | null;
  why: string;
  /** Builds the callable (jit's is a fresh jitted function: its first call traces and compiles). */
  make: (() => () => unknown) | null;
  /** Equations in its jaxpr (computed on demand; throws the engine's error). */
  jaxprSize: (() => number) | null;
}

export const WAY_LABELS: Record<WayId, string> = {
  loop: "Naive loop",
  hand: "By hand",
  vmap: "vmap(f)",
  jit: "jit(vmap(f))",
};

function stackText(outAxes: AxisTree, outputIsTree: boolean): string {
  const o = formatPyLiteral(outAxes as PyLit);
  if (typeof outAxes === "number") return outputIsTree ? `jax.tree.map(lambda *xs: jnp.stack(xs, axis=${o}), *outs)` : `jnp.stack(outs, axis=${o})`;
  if (outAxes === null) return "outs[0]";
  return `jax.tree.map(lambda ax, *xs: xs[0] if ax is None else jnp.stack(xs, axis=ax), ${o}, *outs, is_leaf=lambda x: x is None)`;
}

const eqnCount = (f: Function, args: unknown[]) => makeJaxpr(f)(...args).jaxpr.eqns.length;

export type Ways = { ok: true; size: number; ways: Way[] } | { ok: false; error: EngineError };

/** The four ways for this call (vmap's error when the call itself fails). */
export function buildWays(call: VmapCall, outputIsTree: boolean): Ways {
  if (!call.parsed.ok) return { ok: false, error: call.parsed.error };
  if (!call.args.ok) return { ok: false, error: call.args.error };
  const fn = call.parsed.fn;
  const args: unknown[] = call.args.values;
  const { inAxes, outAxes, opts, params, state } = call;
  // The mapped size from vmap's own argument plan, and its errors first: every way shares them.
  const described = describeCall(call);
  if (!described) return { ok: false, error: asEngineError(new Error("the arguments could not be built")) };
  if (described.error) return { ok: false, error: described.error };
  const size = described.axisSize ?? 0;
  const axisSize = opts.axisSize !== undefined ? `, axis_size=${opts.axisSize}` : "";
  const vmapText = `jax.vmap(f, in_axes=${inAxesText(state, params)}, out_axes=${formatPyLiteral(outAxes as PyLit)}${axisSize})`;
  const sliced = params.map((p, i) => sliceText(p, inAxes[i], argFor(state, p).tree));
  const hand = handBatching(call);
  const vmapped = () => vmap(fn, inAxes, outAxes, opts);
  const ways: Way[] = [
    {
      id: "loop",
      label: WAY_LABELS.loop,
      code: `outs = [f(${sliced.join(", ")}) for i in range(${size})]\nout = ${stackText(outAxes, outputIsTree)}`,
      why: `f runs ${size} times, once per slice; the jaxpr repeats f's equations for each`,
      make: () => {
        const looped = loopMap(fn, inAxes, outAxes, opts);
        return () => looped(...args);
      },
      jaxprSize: () => eqnCount(loopMap(fn, inAxes, outAxes, opts), args),
    },
    hand
      ? { id: "hand", label: WAY_LABELS.hand, code: `out = ${hand.code}`, why: hand.why, make: () => hand.run, jaxprSize: () => eqnCount(hand.run, []) }
      : { id: "hand", label: WAY_LABELS.hand, code: null, why: "none: no hand batching is known for this function's program", make: null, jaxprSize: null },
    {
      id: "vmap",
      label: WAY_LABELS.vmap,
      code: `out = ${vmapText}(${params.join(", ")})`,
      why: "one program on the whole batch: each primitive's batching rule, no loop",
      make: () => {
        const f = vmapped();
        return () => f(...args);
      },
      jaxprSize: () => eqnCount(vmapped(), args),
    },
    {
      id: "jit",
      label: WAY_LABELS.jit,
      code: `out = jax.jit(${vmapText})(${params.join(", ")})`,
      why: "vmap's program, traced once and compiled (the first call includes that; later calls are cached)",
      make: () => {
        const f = jit(vmapped(), { name: "vmap(f)" });
        return () => f(...args);
      },
      // jit stages the same program vmap builds (make_jaxpr shows it inside one pjit).
      jaxprSize: () => eqnCount(vmapped(), args),
    },
  ];
  return { ok: true, size, ways };
}
