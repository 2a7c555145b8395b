/**
 * JAX's error text, shown beside the control that caused it (`place`), in a role="alert"
 * region. The engine says where each error belongs (EngineError.where, looked up in engineBridge's
 * ERROR_PLACE); only the place that owns the current error renders, so there is one alert at a time.
 */
import { useViewPart } from "../state/hooks";
import type { ErrorPlace } from "../state/engineBridge";

export function ErrorAlert({ place }: { place: ErrorPlace }) {
  const { error, errorPlace } = useViewPart((v) => ({ error: v.error, errorPlace: v.errorPlace }));
  if (!error || errorPlace !== place) return null;
  return (
    <div className="error" role="alert" data-kind={error.kind} data-place={place}>
      <span className="kind">{error.name === "EngineError" ? errorTitle(error.kind) : "Error"}</span>
      <pre>{error.message}</pre>
    </div>
  );
}

function errorTitle(kind: string): string {
  return (
    {
      "inconsistent-sizes": "ValueError (inconsistent sizes)",
      "axis-out-of-bounds": "ValueError (axis out of bounds)",
      "no-mapped-axis": "ValueError (nothing mapped)",
      "in-axes-structure": "ValueError (axes structure)",
      "mapped-output-none": "ValueError (mapped output with None)",
      "shape-error": "TypeError (shapes inside f)",
      syntax: "SyntaxError",
      unsupported: "Not supported",
      "too-large": "Too large",
    } as Record<string, string>
  )[kind] ?? kind;
}
