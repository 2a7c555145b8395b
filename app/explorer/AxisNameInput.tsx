/**
 * `axis_name=` on the call line: the name collectives in f (`jax.lax.psum(x, 'b')`) give the
 * mapped axis. Empty is None. Only a Python name is kept (the URL stores it as one).
 */
import { useState } from "react";
import { useExplorerPart } from "../state/hooks";
import { useStore } from "../state/store";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function AxisNameInput() {
  const name = useExplorerPart((s) => s.axisName);
  const setAxisName = useStore((s) => s.setAxisName);
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? name ?? "";
  return (
    <>
      <code>, axis_name=</code>
      <input
        className="axis-name"
        type="text"
        spellCheck={false}
        aria-label="axis_name"
        value={shown}
        placeholder="None"
        size={Math.max(4, shown.length + 1)}
        onChange={(e) => {
          const v = e.target.value.trim();
          setDraft(e.target.value);
          if (v === "") setAxisName(null);
          else if (NAME.test(v)) setAxisName(v);
        }}
        onBlur={() => setDraft(null)}
      />
    </>
  );
}
