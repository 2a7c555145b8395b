/**
 * pmap's simulated device count (JAX's `--xla_force_host_platform_device_count`) on the call
 * line (CallLine.tsx). As the shape fields do, the box keeps what was typed: a count the
 * explorer cannot simulate stays in it with a hint, and only a good one reaches the store.
 */
import { useEffect, useState } from "react";
import { mayEdit } from "../classroom/lock";
import { MAX_DEVICES, MIN_DEVICES } from "../state/explorerTypes";
import { useExplorerPart } from "../state/hooks";
import { useStore } from "../state/store";

/** What is wrong with a device count as typed, or null: XLA's flag takes a whole number, and the explorer simulates 1 to 8. */
function devicesProblem(text: string, running: number): string | null {
  const t = text.trim();
  if (/^\d+$/.test(t) && Number(t) >= MIN_DEVICES && Number(t) <= MAX_DEVICES) return null;
  return `Devices: a whole number from ${MIN_DEVICES} to ${MAX_DEVICES}; the call runs on ${running}.`;
}

export default function DevicesInput() {
  const devices = useExplorerPart((s) => s.devices);
  const setDevices = useStore((s) => s.setDevices);
  const locked = useStore((s) => !mayEdit(s.lock, "in_axes"));
  const [draft, setDraft] = useState(String(devices));
  // Follow outside changes (undo, a lesson step, a link).
  useEffect(() => setDraft(String(devices)), [devices]);
  const problem = devicesProblem(draft, devices);
  return (
    <>
      <span className="tok-op devices-comment">#</span>
      <label className="devices">
        Devices
        <input
          type="number"
          min={MIN_DEVICES}
          max={MAX_DEVICES}
          value={draft}
          disabled={locked}
          aria-invalid={problem !== null}
          aria-describedby={problem ? "devices-hint" : undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            if (devicesProblem(e.target.value, devices) === null) setDevices(Number(e.target.value));
          }}
        />
      </label>
      {problem && (
        <span id="devices-hint" className="hint">
          {problem}
        </span>
      )}
    </>
  );
}
