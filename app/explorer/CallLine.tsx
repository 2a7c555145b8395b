/**
 * The call is the control: the top of the screen reads as the JAX code itself,
 * `out = jax.vmap(f, in_axes=(0, None), out_axes=0)(a, b)`, with `f`, each in_axes entry,
 * out_axes and (when every entry is None) axis_size editable in place. Errors show right
 * below the part of the call that caused them.
 */
import { useExplorerPart, useViewPart } from "../state/hooks";
import { useStore } from "../state/store";
import { AxisNameInput } from "./AxisNameInput";
import { ErrorAlert } from "./ErrorAlert";
import { FunctionEditor } from "./FunctionEditor";
import { highlightPython } from "./highlight";
import { InAxesMenu } from "./InAxesMenu";
import { OutAxesControl } from "./OutAxesControl";

function AxisSizeInput() {
  const size = useExplorerPart((s) => s.axisSize);
  const setAxisSize = useStore((s) => s.setAxisSize);
  return (
    <>
      <span className="tok-op">, </span>axis_size=
      <input
        className="axis-size"
        type="number"
        min={0}
        aria-label="axis_size"
        value={size ?? ""}
        placeholder="None"
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
      <ErrorAlert place="function" />
    </div>
  );
}

export function CallLine({ editFunction = true }: { editFunction?: boolean }) {
  const { params, allNone } = useViewPart((v) => ({ params: v.params, allNone: v.allNone }));
  return (
    <section className="callline" aria-label="The vmap call">
      {editFunction ? <FunctionEditor /> : <FunctionText />}
      <div className="vmap-line">
        <code>
          out = <span className="tok-lib">jax.vmap</span>(f, in_axes=(
        </code>
        {params.map((p, i) => (
          <span key={p} className="entry">
            {i > 0 && <code>, </code>}
            <InAxesMenu name={p} />
          </span>
        ))}
        <code>{params.length === 1 ? ",)" : ")"}, out_axes=</code>
        <OutAxesControl />
        {allNone && <AxisSizeInput />}
        <AxisNameInput />
        <code>)({params.join(", ")})</code>
      </div>
      <ErrorAlert place="in_axes" />
      <ErrorAlert place="out_axes" />
      <ErrorAlert place="axis_size" />
    </section>
  );
}
