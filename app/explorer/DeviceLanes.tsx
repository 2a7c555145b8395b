/**
 * pmap's device lanes (loaded only when the call line says jax.pmap): the mapped axis split one
 * slice per simulated device, each device running f on its own slice — one program per device,
 * where vmap runs one program on the whole batch — idle devices beyond the mapped size, and the
 * results gathered along out_axes (engine `runPmap`, through engineBridge's `pmapOf`).
 */
import { pyShape, pyTuple, type PmapRun } from "../../engine/index";
import { sliceText } from "../state/codegen";
import { pmapOf, vmapCall } from "../state/engineBridge";
import { argFor, inAxisFor, type ExplorerState } from "../state/explorerTypes";
import { formatPyLiteral, type PyLit } from "../state/pyLiteral";
import { useExplorer } from "../state/hooks";
import "./deviceLanes.css";

function resultShapes(x: unknown): string {
  if (Array.isArray(x)) return pyTuple(x.map(resultShapes));
  if (x && typeof x === "object" && "shape" in x) return pyShape((x as { shape: readonly number[] }).shape);
  return "()";
}

function Lanes({ s, run, params }: { s: ExplorerState; run: PmapRun; params: string[] }) {
  const outAxes = formatPyLiteral(s.outAxes as PyLit);
  return (
    <>
      <p>
        {run.size} slice{run.size === 1 ? "" : "s"} on {run.devices} device{run.devices === 1 ? "" : "s"}: each busy device runs f once on its own slice; vmap would
        instead run one program on the whole batch.
      </p>
      <ol className="lanes" aria-label="Device lanes">
        {Array.from({ length: run.devices }, (_, d) => {
          const lane = run.lanes[d];
          if (!lane) {
            return (
              <li key={d} className="lane idle" data-device={d}>
                Device {d}: idle
              </li>
            );
          }
          const call = `f(${params.map((p, i) => sliceText(p, inAxisFor(s, p), argFor(s, p).tree, String(d))).join(", ")})`;
          return (
            <li key={d} className="lane" data-device={d}>
              Device {d}: <code>{call}</code> → <code>{lane.outShapes.length === 1 ? pyShape(lane.outShapes[0]) : pyTuple(lane.outShapes.map(pyShape))}</code>
            </li>
          );
        })}
      </ol>
      <p aria-label="Gathered result">
        Gathered along <code>out_axes={outAxes}</code> → <code>{resultShapes(run.out)}</code>
        {s.outAxes === null && " (None: device 0's result, taken as the same on every device; vmap raises here instead)"}
      </p>
    </>
  );
}

export default function DeviceLanes() {
  const s = useExplorer();
  const call = vmapCall(s);
  const r = pmapOf(call);
  return (
    <section className="device-lanes" aria-label="pmap device lanes">
      <h2>Devices</h2>
      {r.ok ? <Lanes s={s} run={r.run} params={call.params} /> : <p className="panel-aside">No lanes run: pmap raised the error shown at the call.</p>}
    </section>
  );
}
