/**
 * `axis_name=` on the call line: the name collectives in f (`jax.lax.psum(x, 'b')`) give the
 * mapped axis. Empty is None; only a Python name is kept (the URL stores it as one).
 */
import { useExplorerPart } from "../state/hooks";
import { useStore } from "../state/store";
import { LOCKED_TITLE, mayEdit } from "../classroom/lock";

export function AxisNameInput() {
  const name = useExplorerPart((s) => s.axisName);
  const setAxisName = useStore((s) => s.setAxisName);
  // A student link that locks in_axes locks vmap's other arguments with it (explorerSlice.ts).
  const locked = useStore((s) => !mayEdit(s.lock, "in_axes"));
  return (
    <>
      <code>, axis_name=</code>
      <input
        className="axis-name"
        spellCheck={false}
        aria-label="axis_name"
        defaultValue={name ?? ""}
        key={name ?? ""}
        placeholder="None"
        size={6}
        disabled={locked}
        title={locked ? LOCKED_TITLE : undefined}
        onBlur={(e) => {
          const v = e.target.value.trim();
          if (v === "" || /^[A-Za-z_]\w*$/.test(v)) setAxisName(v === "" ? null : v);
        }}
      />
    </>
  );
}
