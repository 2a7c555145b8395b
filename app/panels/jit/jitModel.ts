/**
 * What the jit panel shows for `jax.jit(jax.vmap(f, in_axes, out_axes))(*args)`, memoized per
 * explorer snapshot: the jitted function is kept per (f, axes) so a change of shapes retraces
 * and a return to earlier shapes hits the cache, as in JAX. Each new snapshot calls it twice
 * (the second call must not retrace) and reads `jitStats`; the jaxpr text is `make_jaxpr`'s.
 * The two calls are kept as closures for the timing (timing.ts).
 */
import { jit, jitStats, makeJaxpr, NDArray, vmap, type EngineError } from "../../../engine/index";
import { asEngineError, vmapCall, withX64 } from "../../state/engineBridge";
import { inAxesText } from "../../state/codegen";
import type { ExplorerState } from "../../state/explorerTypes";
import { formatPyLiteral, type PyLit } from "../../state/pyLiteral";
import { leavesOf, type Leaf } from "../format";
import { memoPerState } from "../usePanelInputs";

type Jitted = ReturnType<typeof jit>;

export interface JitRun {
  /** The first call with this snapshot's shapes traced (false: the signature was cached). */
  tracedNow: boolean;
  tracesAfterFirst: number;
  tracesAfterSecond: number;
  cacheSize: number;
  /** Trace and compile time of this signature's first call, ms. */
  traceMs: number;
  compileMs: number;
  mode: "compiled" | "interpreted" | null;
  jaxpr: string;
  optimizedJaxpr: string | null;
  source: string | null;
  out: Leaf[];
  jitted: () => unknown;
  eager: () => unknown;
}

export type JitReport = { code: string; params: string[] } & ({ ok: true; run: JitRun } | { ok: false; error: EngineError });

interface Entry {
  fn: Jitted;
  times: Map<string, { traceMs: number; compileMs: number }>;
}

let jitCache = new WeakMap<Function, Map<string, Entry>>();

function jittedFor(f: Function, key: string, make: () => Jitted): Entry {
  let m = jitCache.get(f);
  if (!m) jitCache.set(f, (m = new Map()));
  let e = m.get(key);
  if (!e) m.set(key, (e = { fn: make(), times: new Map() }));
  return e;
}

/** The abstract signature jit caches on: each argument leaf's dtype and shape. */
const signature = (args: unknown[]) => JSON.stringify(args, (_k, v) => (v instanceof NDArray ? [v.dtype, v.shape] : v));

function computeJit(s: ExplorerState): JitReport {
  // The explorer's own call (function, arguments, axes), through the same door.
  const call = vmapCall(s);
  const { parsed } = call;
  // The parameters the text names, while it does not parse too: the call line keeps its shape.
  const params = call.params;
  const size = `${call.opts.axisSize !== undefined ? `, axis_size=${call.opts.axisSize}` : ""}${call.opts.axisName !== undefined ? `, axis_name='${call.opts.axisName}'` : ""}`;
  const code = `jax.jit(jax.vmap(f, in_axes=${inAxesText(s, params)}, out_axes=${formatPyLiteral(s.outAxes as PyLit)}${size}))(${params.join(", ")})`;
  if (!parsed.ok) return { code, params, ok: false, error: parsed.error };
  if (!call.args.ok) return { code, params, ok: false, error: call.args.error };
  try {
    const args: unknown[] = call.args.values;
    const { inAxes, outAxes, opts } = call;
    const vmapped = vmap(parsed.fn, inAxes, outAxes, opts);
    const entry = jittedFor(parsed.fn, JSON.stringify([inAxes, outAxes, opts]), () => jit(vmapped, { name: "vmap(f)" }));
    const jf = entry.fn;
    const before = jitStats(jf).traces;
    const out = jf(...args);
    const first = jitStats(jf);
    const tracedNow = first.traces > before;
    const sig = signature(args);
    if (tracedNow) entry.times.set(sig, { traceMs: first.lastTraceMs, compileMs: first.lastCompileMs });
    jf(...args);
    const second = jitStats(jf);
    const times = entry.times.get(sig) ?? { traceMs: first.lastTraceMs, compileMs: first.lastCompileMs };
    return {
      code,
      params,
      ok: true,
      run: {
        tracedNow,
        tracesAfterFirst: first.traces,
        tracesAfterSecond: second.traces,
        cacheSize: second.cacheSize,
        ...times,
        mode: second.mode,
        jaxpr: makeJaxpr(vmapped)(...args).toString(),
        optimizedJaxpr: second.optimizedJaxpr,
        source: second.source,
        out: leavesOf(out),
        jitted: () => withX64(s, () => jf(...args)),
        eager: () => withX64(s, () => vmapped(...args)),
      },
    };
  } catch (e) {
    return { code, params, ok: false, error: asEngineError(e) };
  }
}

const jitReports = memoPerState(() => "", (s: ExplorerState) => withX64(s, () => computeJit(s)));

/** The snapshot the panel reported last: another one shown since means the call runs again. */
let lastShown: ExplorerState | null = null;

/**
 * The jit report of a snapshot. A snapshot shown again after another (Undo, Redo, typing a shape
 * back) is asked again, as the call would run again: its shapes are then a cache hit ("no trace:
 * cached", the trace count as it is now), which is jit's point; its first report said "traced now".
 * Rendering the same snapshot again keeps its report.
 */
export const selectJitReport = Object.assign(
  (s: ExplorerState, o: undefined): JitReport => {
    if (lastShown !== null && lastShown !== s) jitReports.forget(s);
    lastShown = s;
    return jitReports(s, o);
  },
  {
    reset: () => {
      lastShown = null;
      jitReports.reset();
    },
  },
);

/** Tests: forget every jitted function and report (a fresh page). */
export function resetJitCaches(): void {
  jitCache = new WeakMap();
  selectJitReport.reset();
}
