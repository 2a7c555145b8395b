/**
 * The app's one door to the engine (engine/index.ts): parse the function, build the argument
 * arrays from the fills, run `traceVmap`, and sort an EngineError to the control that caused
 * it. Keeping every engine call here means one place to adapt if the contract grows.
 */
import { EngineError, np, parseLambda, traceVmap, type NDArray } from "../../engine/index";
import type { VmapStory } from "../../engine/transforms/storyTypes";
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
 * Builds every argument; `np.arange` checks the engine's size limit before it allocates, so a
 * shape above 10^7 cells is refused here, before any other work.
 */
export function buildArgs(s: ExplorerState, params: string[]): ArgValue[] {
  const sizes = params.flatMap((p) => argLeaves(argFor(s, p).tree).map((l) => sizeOfShape(l.shape)));
  for (const n of sizes) np.arange(n);
  const offset = uniqueOffset(sizes);
  let leafIndex = 0;
  const make = (t: ArgTree, fill: "unique" | "random"): ArgValue => {
    if (t.kind === "tuple") return t.items.map((x) => make(x, fill));
    return np.array(leafValues(t.shape, fill, leafIndex++, offset), t.shape);
  };
  return params.map((p) => make(argFor(s, p).tree, argFor(s, p).fill));
}

export type TraceResult = { ok: true; story: VmapStory } | { ok: false; error: EngineError };

export function runTrace(s: ExplorerState, parsed: ParsedFn): TraceResult {
  if (!parsed.ok) return { ok: false, error: parsed.error };
  try {
    const args = buildArgs(s, parsed.params);
    const inAxes: AxisTree[] = parsed.params.map((p) => inAxisFor(s, p));
    const allNone = inAxes.length > 0 && inAxes.every((a) => a === null);
    const opts = allNone && s.axisSize !== null ? { axisSize: s.axisSize } : {};
    const story = traceVmap(parsed.fn as never, inAxes as never, s.outAxes as never, args as never, opts);
    return { ok: true, story };
  } catch (e) {
    return { ok: false, error: asEngineError(e) };
  }
}

/** The control an error belongs beside (the issue: "next to the control that caused it"). */
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
