/**
 * The `out_axes` control. Its choices come from the per-example result of the last good trace
 * (rank p gives axes 0 … p and −1 … −(p+1)); for a tuple result it can also go per output.
 * One past-the-end axis is offered, marked, so JAX's out-of-bounds error can be seen.
 */
import type { ArgTree } from "../state/explorerTypes";
import { useView } from "../state/hooks";
import { useStore } from "../state/store";
import { AxisMenu } from "./InAxesMenu";
import { mayEdit } from "../classroom/lock";

export function OutAxesControl() {
  // out_axes alone: a keystroke in the function box does not re-render the menu.
  const outAxes = useStore((st) => st.explorer.outAxes);
  const { shown } = useView();
  const setOutAxes = useStore((st) => st.setOutAxes);
  const locked = useStore((st) => !mayEdit(st.lock, "out_axes"));
  // A stand-in leaf whose rank is the output's rank with the new axis (per-example rank + 1).
  const leafOf = (p: number[]): ArgTree => ({ kind: "leaf", shape: [...p, 1] });
  // No trace yet (a link opened on a mistake): the rank is unknown, so the menu is wide enough for
  // the axis chosen and does not call it out of range before JAX could.
  const chosen = typeof outAxes === "number" ? (outAxes < 0 ? -outAxes - 1 : outAxes) : 0;
  let tree: ArgTree = leafOf(Array.from({ length: Math.max(2, chosen) }, () => 0));
  if (shown) {
    const leaves = shown.outputs.map((o) => leafOf(o.perExampleShape));
    tree = shown.outputTree === "array" && leaves.length === 1 ? leaves[0] : { kind: "tuple", items: leaves };
  }
  return <AxisMenu label="out_axes" partLabel={(i) => `axis for output ${i}`} tree={tree} value={outAxes} onChange={setOutAxes} offerPastEnd disabled={locked} noun="result" />;
}
