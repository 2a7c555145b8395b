/**
 * JAX's error text, shown beside the control that caused it (`place`), in a role="alert"
 * region. The engine says where each error belongs (EngineError.where, looked up in engineBridge's
 * ERROR_PLACE); only the place that owns the current error renders, so there is one alert at a time.
 * The error reads as Python prints it: the exception class, a colon, the message; under it a
 * "why" line (WhyLine.tsx, state/why.ts) points at the clashing shapes.
 */
import { useViewPart } from "../state/hooks";
import type { ErrorPlace } from "../state/engineBridge";
import { lazyModule, useLazyModule } from "../state/lazyModule";

/** The why line, loaded with the first error (the first screen has none). */
const WHY = lazyModule(() => import("./WhyLine"));

export function ErrorAlert({ place }: { place: ErrorPlace }) {
  const { error, errorPlace, call } = useViewPart((v) => ({ error: v.error, errorPlace: v.errorPlace, call: v.call }));
  const why = useLazyModule(WHY, error !== null && errorPlace === place);
  if (!error || errorPlace !== place) return null;
  return (
    <div className="error" role="alert" data-kind={error.kind} data-place={place}>
      <PythonError error={error} />
      {why && <why.WhyLine error={error} call={call} />}
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
