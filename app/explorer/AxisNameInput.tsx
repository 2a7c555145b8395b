/**
 * `axis_name=` on the call line: the name collectives in f (`jax.lax.psum(x, 'b')`) give the
 * mapped axis. Empty is None; only a Python name is kept (the URL stores it as one).
 */
import { useExplorerPart } from "../state/hooks";
import { useStore } from "../state/store";

export function AxisNameInput() {
  const name = useExplorerPart((s) => s.axisName);
  const setAxisName = useStore((s) => s.setAxisName);
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
        onBlur={(e) => {
          const v = e.target.value.trim();
          if (v === "" || /^[A-Za-z_]\w*$/.test(v)) setAxisName(v === "" ? null : v);
        }}
      />
    </>
  );
}
