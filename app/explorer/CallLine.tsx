/**
 * The call is the control: the top of the screen reads as the JAX code itself,
 * `out = jax.vmap(f, in_axes=(0, None), out_axes=0)(a, b)`, with `f`, each in_axes entry,
 * out_axes and (when every entry is None) axis_size editable in place. Errors show right
 * below the part of the call that caused them.
 */
import { lazy, Suspense } from "react";
import { useExplorerPart, useViewPart } from "../state/hooks";
import { useStore } from "../state/store";
import { AxisNameInput } from "./AxisNameInput";
import { ErrorAlert } from "./ErrorAlert";
import { FunctionEditor } from "./FunctionEditor";
import { highlightPython } from "./highlight";
import { InAxesMenu } from "./InAxesMenu";
import { OutAxesControl } from "./OutAxesControl";
import { mayEdit } from "../classroom/lock";

/** pmap's Devices box, loaded with the first pmap call (the first screen maps with vmap). */
const DevicesInput = lazy(() => import("./DevicesInput"));

function AxisSizeInput() {
  const size = useExplorerPart((s) => s.axisSize);
  const setAxisSize = useStore((s) => s.setAxisSize);
  const locked = useStore((s) => !mayEdit(s.lock, "in_axes"));
  return (
    <>
      <code>, axis_size=</code>
      <input
        className="axis-size"
        type="number"
        min={0}
        aria-label="axis_size"
        value={size ?? ""}
        placeholder="None"
        disabled={locked}
        onChange={(e) => {
          const v = e.target.value.trim();
          const n = Number(v);
          // No clamp here: the engine refuses a size over its limit with its own message.
          setAxisSize(v === "" || !Number.isInteger(n) || n < 0 ? null : n);
        }}
      />
    </>
  );
}

/** "Map with": the call's `jax.vmap` or `jax.pmap`, a menu in the code line itself; `fixed` where only the axes are the reader's (an embed's controls=axes). */
function MapWithMenu({ fixed }: { fixed: boolean }) {
  const mapWith = useExplorerPart((s) => s.mapWith);
  const setMapWith = useStore((s) => s.setMapWith);
  const locked = useStore((s) => !mayEdit(s.lock, "function")) || fixed;
  return (
    <select className="map-with tok-lib" aria-label="Map with" value={mapWith} disabled={locked} onChange={(e) => setMapWith(e.target.value === "pmap" ? "pmap" : "vmap")}>
      <option value="vmap">jax.vmap</option>
      <option value="pmap">jax.pmap</option>
    </select>
  );
}

/** The function as text, not editable (an embed whose controls are the axes only). */
function FunctionText() {
  const src = useExplorerPart((s) => s.fnSource);
  return (
    <div className="fn-text">
      <code>
        f = {highlightPython(src).map((t, i) => (
          <span key={i} className={`tok-${t.cls}`}>
            {t.text}
          </span>
        ))}
      </code>
      <ErrorAlert place="function" part="text" />
    </div>
  );
}

export function CallLine({ editFunction = true }: { editFunction?: boolean }) {
  const { params, allNone } = useViewPart((v) => ({ params: v.params, allNone: v.allNone }));
  const pmap = useExplorerPart((s) => s.mapWith === "pmap");
  return (
    <section className="callline" aria-label="The vmap call">
      {editFunction ? <FunctionEditor /> : <FunctionText />}
      {/* A form of its own: after each menu change Chrome's autofill reads the fields of the
          changed control's form (labels, visibility), all of the page's if it has none
          (~1.6 ms of a change at 4× CPU throttling). Enter submits nothing. */}
      <form className="vmap-line" onSubmit={(e) => e.preventDefault()}>
        <code>
          out = <MapWithMenu fixed={!editFunction} />(f, in_axes=(
        </code>
        {params.map((p, i) => (
          <span key={p} className="entry">
            {i > 0 && <code>, </code>}
            <InAxesMenu name={p} />
          </span>
        ))}
        <code>{params.length === 1 ? ",)" : ")"}, out_axes=</code>
        <OutAxesControl />
        {allNone && !pmap && <AxisSizeInput />}
        <AxisNameInput />
        <code>)({params.join(", ")})</code>
        {pmap && (
          <Suspense fallback={null}>
            <DevicesInput />
          </Suspense>
        )}
      </form>
      <ErrorAlert place="function" part="run" />
      <ErrorAlert place="devices" />
      <ErrorAlert place="in_axes" />
      <ErrorAlert place="out_axes" />
      <ErrorAlert place="axis_size" />
    </section>
  );
}
