/**
 * Speculative runs: work the engine may throw away and redo another way (eager vmap first tries
 * to trace and compile the batched function, transforms/vmapProgram.ts). A side effect, which
 * redoing would repeat or which would show the wrong values (print of a jaxpr tracer instead of
 * the batched value eager vmap prints), must not happen inside one: it throws
 * `SpeculationAborted`, and the caller redoes the call the ordinary way.
 */

let depth = 0;

export class SpeculationAborted extends Error {
  constructor() {
    super("a side effect stopped a speculative run");
  }
}

export function speculatively<T>(fn: () => T): T {
  depth++;
  try {
    return fn();
  } finally {
    depth--;
  }
}

/** Called before a side effect (print): refuses it inside a speculative run. */
export function beforeSideEffect(): void {
  if (depth > 0) throw new SpeculationAborted();
}
