/**
 * JAX's quickstart as a preset, loaded from "Ways to batch" (where its comparisons are) rather
 * than the Examples menu: its 150 × 100 matrix is a big picture to load by browsing the menu.
 * It lives with the panel, so the first screen does not carry it.
 */
import { explorerOf as state, leaf, type ExplorerState } from "../../state/explorerTypes";
import type { Preset } from "../../state/presets";

/** The state with every argument filled with random numbers (the quickstart's random.normal). */
function randomFills(s: ExplorerState): ExplorerState {
  return { ...s, args: new Map([...s.args].map(([n, a]) => [n, { ...a, fill: "random" as const }])) };
}

export const QUICKSTART: Preset = {
  id: "quickstart",
  label: "JAX quickstart: apply_matrix on 10 vectors (jnp.dot(mat, v))",
  // The quickstart's `mat = random.normal(key, (150, 100))`, `batched_x = random.normal(key, (10, 100))`.
  state: randomFills(state("lambda mat, v: jnp.dot(mat, v)", [["mat", leaf(150, 100), null], ["v", leaf(10, 100), 0]], 0)),
};
