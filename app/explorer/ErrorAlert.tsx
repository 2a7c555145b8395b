/**
 * JAX's error text, shown beside the control that caused it (`place`), in a role="alert"
 * region. The engine says where each error belongs (EngineError.where, looked up in engineBridge's
 * ERROR_PLACE; the function's place in two halves, its text and f's run: `part`); only the
 * place that owns the current error renders, so there is one alert at a time.
 * The error reads as Python prints it: the exception class, a colon, the message; under it a
 * "why" line (state/why.ts) points at the clashing shapes.
 */
import { useMemo } from "react";
import type { EngineError } from "../../engine/index";
import { useViewPart } from "../state/hooks";
import { describeCall, functionTextColumn, type ErrorPlace } from "../state/engineBridge";
import { lazyModule, useLazyModule } from "../state/lazyModule";
import { useStore } from "../state/store";

/** The why line's reasoning, loaded with the first error (the first screen has none). */
const WHY = lazyModule(() => import("../state/why"));

const NOT_MINE = { error: null, call: null } as const;

/** The two halves of the function's place: its text (`functionTextColumn`), and f's run on the slices. */
export type FunctionPart = "text" | "run";

const partOf = (e: EngineError): FunctionPart => (functionTextColumn(e) !== undefined ? "text" : "run");

export function ErrorAlert({ place, part }: { place: ErrorPlace; part?: FunctionPart }) {
  // Only the place that owns the error reads the call: the others are not rendered again by each change.
  const { error, call } = useViewPart((v) => {
    const owns = v.error !== null && v.errorPlace === place && (part === undefined || partOf(v.error) === part);
    return owns ? { error: v.error, call: v.call } : NOT_MINE;
  });
  // A lesson's question waits for its answer ("error" may be the answer): nothing is shown yet.
  const conceal = useStore((s) => s.lessonConceal);
  const mine = error !== null && !conceal;
  const whyMod = useLazyModule(WHY, mine);
  const why = useMemo(() => (mine && whyMod && call ? whyMod.whyLine(error, describeCall(call), call.state.mapWith) : null), [mine, whyMod, error, call]);
  if (!error || !mine) return null;
  return (
    <div className="error" role="alert" data-kind={error.kind} data-place={place}>
      <PythonError error={error} />
      {why && (
        <p className="why">
          <strong>Why:</strong>{" "}
          {why.map((p, i) => (typeof p === "string" ? <span key={i}>{p}</span> : <WhyShape key={i} shape={p.shape} mapped={p.mapped} />))}
        </p>
      )}
    </div>
  );
}

/** An error as Python's traceback ends: `ValueError: Incompatible shapes for broadcasting: …`. */
export function PythonError({ error }: { error: { message: string; pyType?: string } }) {
  // An engine error names its Python class; anything else (a plain Error) is just "Error".
  const cls = error.pyType ?? "Error";
  return (
    <pre>
      <span className="py-type">{cls}</span>: {error.message}
    </pre>
  );
}

/** A shape in the why line, in the error's own ink (axis colours are for the page's background); the mapped axis underlined. */
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
