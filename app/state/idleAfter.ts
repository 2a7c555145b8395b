/**
 * Work done ahead of need: `work` runs once the page has been left alone for `quietMs` and is
 * then idle (requestIdleCallback; a zero timeout where there is none). The returned function
 * cancels it; an effect returns it, so any newer render starts the wait again and the work never
 * lands between a burst's changes or a typist's keys.
 */
export function idleAfter(quietMs: number, work: () => void): () => void {
  const idle = window.requestIdleCallback ?? ((f: () => void) => window.setTimeout(f, 0));
  const cancelIdle = window.cancelIdleCallback ?? window.clearTimeout;
  let asked = 0;
  const wait = window.setTimeout(() => {
    asked = idle(() => work());
  }, quietMs);
  return () => {
    window.clearTimeout(wait);
    if (asked) cancelIdle(asked);
  };
}
