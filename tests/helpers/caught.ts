import { EngineError } from "../../engine";

/** The EngineError `fn` throws (any other error is rethrown; no error fails the test). */
export function caught(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error("expected an EngineError");
}
