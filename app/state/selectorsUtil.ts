/** Small helpers shared by the selectors: whether the output is a tuple/dict (for the printed shape). */
import type { VmapStory } from "./engineBridge";
import type { ExplorerState } from "./explorerTypes";

/** Prefer the trace's own answer; without one, a tuple out_axes or a `lambda …: (x, y)` says tuple. */
export function codeOutputIsTree(story: VmapStory | null, s: ExplorerState): boolean {
  if (story) return story.outputTree !== "array";
  return Array.isArray(s.outAxes) || /:\s*\(.*,.*\)\s*$/.test(s.fnSource);
}
