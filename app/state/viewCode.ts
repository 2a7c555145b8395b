/**
 * The runnable JAX Python of a view (codegen.ts): what "Run it in JAX" and the handout show.
 * Written when something shows it, not with every view (selectors.ts), once per call.
 */
import { pythonCode } from "./codegen";
import { codeExtras, type VmapCall } from "./engineBridge";
import type { View } from "./selectors";

const codes = new WeakMap<VmapCall, Map<boolean, string>>();

export function viewCode({ call, params, shown }: Pick<View, "call" | "params" | "shown">): string {
  // Without a trace now, the picture shown (the last good one) says whether out is a tuple.
  const tuple = shown ? shown.outputTree !== "array" : Array.isArray(call.state.outAxes);
  let byTuple = codes.get(call);
  if (!byTuple) codes.set(call, (byTuple = new Map()));
  let code = byTuple.get(tuple);
  if (code === undefined) byTuple.set(tuple, (code = pythonCode(call.state, params, tuple, codeExtras(call))));
  return code;
}
