/**
 * The "why" line under JAX's error text (ErrorAlert.tsx): the parts state/why.ts finds, shapes
 * drawn in the error's own ink (axis colours are for the page's background) with the mapped
 * axis underlined. Loaded with the first error: the first screen has none.
 */
import type { EngineError } from "../../engine";
import type { VmapCall } from "../state/engineBridge";
import { describeCall } from "../state/engineBridge";
import { whyLine } from "../state/why";

export function WhyLine({ error, call }: { error: EngineError; call: VmapCall }) {
  const why = whyLine(error, describeCall(call));
  if (!why) return null;
  return (
    <p className="why">
      <strong>Why:</strong> {why.map((p, i) => (typeof p === "string" ? <span key={i}>{p}</span> : <WhyShape key={i} shape={p.shape} mapped={p.mapped} />))}
    </p>
  );
}

function WhyShape({ shape, mapped }: { shape: readonly number[]; mapped: number | null }) {
  return (
    <code className="shape">
      (
      {shape.map((d, i) => (
        <span key={i}>
          {i > 0 && ", "}
          {i === mapped ? <u title={`axis ${i}, mapped`}>{d}</u> : d}
        </span>
      ))}
      {shape.length === 1 ? "," : ""})
    </code>
  );
}
