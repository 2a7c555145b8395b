/** Where the control-flow picture goes: nothing unless the trace has a cond, loop or collective. */
import { useView } from "../state/hooks";
import { ControlPicture } from "./ControlPicture";

export function ControlPictureSlot() {
  const { shown } = useView();
  return shown?.primitives.some((p) => p.control) ? <ControlPicture /> : null;
}
