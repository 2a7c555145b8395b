/**
 * May generated code run here? A page whose Content-Security-Policy lacks 'unsafe-eval' makes the
 * Function constructor throw; we probe once with a trivial function and remember the answer, and
 * jit then interprets its jaxprs instead of compiling them. `setCodegenAllowed` overrides the
 * probe (tests use it to check that both modes give the same numbers).
 */

let probed: boolean | undefined;
let override: boolean | null = null;

function probe(): boolean {
  try {
    return new Function("return 1")() === 1;
  } catch {
    return false;
  }
}

export function canCompile(): boolean {
  if (override !== null) return override;
  if (probed === undefined) probed = probe();
  return probed;
}

/** Force codegen on or off; `null` goes back to the probe's answer. */
export function setCodegenAllowed(allowed: boolean | null): void {
  override = allowed;
}
