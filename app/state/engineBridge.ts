/**
 * The app's one door to the engine (engine/index.ts): parse the function, build the argument
 * arrays from the fills, run `traceVmap`, and sort an EngineError to the control that caused
 * it. Keeping every engine call here means one place to adapt if the contract grows.
 */
import { EngineError, MAX_ELEMENTS, np, parseLambda, traceVmap, type NDArray } from "../../engine/index";
import type { VmapStory } from "../../engine";
import { argFor, argLeaves, inAxisFor, sizeOfShape, type ArgTree, type AxisTree, type ExplorerState } from "./explorerTypes";
import { leafValues, uniqueOffset } from "./fills";

export type { VmapStory };
export { EngineError };

export type ParsedFn = { ok: true; fn: (...args: unknown[]) => unknown; params: string[] } | { ok: false; error: EngineError };

export function parseFunction(src: string): ParsedFn {
  try {
    const fn = parseLambda(src) as ((...args: unknown[]) => unknown) & { params: string[] };
    return { ok: true, fn, params: [...fn.params] };
  } catch (e) {
    return { ok: false, error: asEngineError(e) };
  }
}

/** Anything thrown that is not an EngineError is an engine bug; show it rather than crash the page. */
export function asEngineError(e: unknown): EngineError {
  if (e instanceof EngineError) return e;
  return new EngineError("unsupported", `Internal error: ${e instanceof Error ? e.message : String(e)}`);
}

type ArgValue = NDArray | ArgValue[];

/**
 * Builds every argument. A shape above the engine's limit is refused here, before any other
 * work: `np.arange` checks the limit before it allocates and throws the engine's own error.
 * Arrays are immutable, so the same arguments are reused while only the axes change.
 */
export function buildArgs(s: ExplorerState, params: string[]): ArgValue[] {
  const key = params.join(",");
  if (argsCache && argsCache.args === s.args && argsCache.key === key) return argsCache.value;
  const value = buildArgsUncached(s, params);
  argsCache = { args: s.args, key, value };
  return value;
}

let argsCache: { args: ExplorerState["args"]; key: string; value: ArgValue[] } | null = null;

function buildArgsUncached(s: ExplorerState, params: string[]): ArgValue[] {
  const sizes = params.flatMap((p) => argLeaves(argFor(s, p).tree).map((l) => sizeOfShape(l.shape)));
  for (const n of sizes) if (!(n <= MAX_ELEMENTS)) np.arange(n);
  const offset = uniqueOffset(sizes);
  let leafIndex = 0;
  const make = (t: ArgTree, fill: "unique" | "random"): ArgValue => {
    if (t.kind === "tuple") return t.items.map((x) => make(x, fill));
    return np.array(leafValues(t.shape, fill, leafIndex++, offset), t.shape);
  };
  return params.map((p) => make(argFor(s, p).tree, argFor(s, p).fill));
}

export type TraceResult = { ok: true; story: VmapStory } | { ok: false; error: EngineError };

/**
 * Runs the vmap call. Cell provenance is asked for only when `withProvenance` (a hover needs it):
 * it costs several times the trace itself on the (2,3,5,7,9) example, and out_axes changes must
 * redraw within 50 ms. `provenance` is traceVmap's option beside `axisSize`.
 */
export function runTrace(s: ExplorerState, parsed: ParsedFn, withProvenance = false): TraceResult {
  if (!parsed.ok) return { ok: false, error: parsed.error };
  try {
    const args = buildArgs(s, parsed.params);
    const inAxes: AxisTree[] = parsed.params.map((p) => inAxisFor(s, p));
    const allNone = inAxes.length > 0 && inAxes.every((a) => a === null);
    const opts = { ...(allNone && s.axisSize !== null ? { axisSize: s.axisSize } : {}), provenance: withProvenance };
    const story = traceVmap(parsed.fn as never, inAxes as never, s.outAxes as never, args as never, opts);
    return { ok: true, story };
  } catch (e) {
    return { ok: false, error: asEngineError(e) };
  }
}

/** The control an error belongs beside: each error shows next to the control that caused it. */
export type ErrorPlace = "function" | "in_axes" | "out_axes" | "shape" | "axis_size";

export function errorPlace(e: EngineError, allNone: boolean): ErrorPlace {
  switch (e.kind) {
    case "syntax":
    case "unsupported":
    case "shape-error":
      return "function";
    case "too-large":
      return "shape";
    case "no-mapped-axis":
      return allNone ? "axis_size" : "in_axes";
    case "mapped-output-none":
      return "out_axes";
    case "inconsistent-sizes":
      return e.message.includes("`axis_size`") ? "axis_size" : "in_axes";
    case "axis-out-of-bounds":
      // E7 (in_axes) names "its argument"; E12 (out_axes) is NumPy's "axis … is out of bounds".
      return e.message.startsWith("vmap was requested") ? "in_axes" : "out_axes";
    case "in-axes-structure":
      return e.message.includes("out_axes") ? "out_axes" : "in_axes";
    default:
      return "function";
  }
}
