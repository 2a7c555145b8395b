/** A result's shape and values, or JAX's error in a status region (the page's one alert is the explorer's). */
import { resultShapeText, type Outcome } from "./format";
import { ResultValues } from "./ValueGrid";
import { PythonError } from "../explorer/ErrorAlert";
import { isComputingNote } from "./memoPerState";

export function OutcomeView({ outcome, what }: { outcome: Outcome; what: string }) {
  if (!outcome.ok && isComputingNote(outcome.error)) {
    return (
      <p className="panel-note" role="status">
        {outcome.error.message}
      </p>
    );
  }
  if (!outcome.ok) {
    return (
      <div className="panel-error" role="status" data-kind={outcome.error.kind}>
        <PythonError error={outcome.error} />
      </div>
    );
  }
  return (
    <div className="panel-result">
      <p className="panel-shape">
        shape <code aria-label={`${what} shape`}>{resultShapeText(outcome.leaves)}</code>
      </p>
      <ResultValues leaves={outcome.leaves} label={`${what} values`} />
    </div>
  );
}
