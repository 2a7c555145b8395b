/**
 * Work done when the page is idle. `onIdle` runs it at the next idle moment; `idleAfter` once
 * the page has been left alone for `quietMs` and is then idle. Each returns a function that
 * cancels it; an effect returns it, so any newer render starts the wait again and the work
 * never lands between a burst's changes or a typist's keys.
 */

/** Runs `work` at the next idle moment (requestIdleCallback; a zero timeout where there is none). */
export function onIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === "function") {
    const id = requestIdleCallback(() => work());
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, 0);
  return () => clearTimeout(id);
}

/** Runs `work` once the page has been left alone for `quietMs` and is then idle. */
export function idleAfter(quietMs: number, work: () => void): () => void {
  let cancelIdle = () => {};
  const wait = setTimeout(() => {
    cancelIdle = onIdle(work);
  }, quietMs);
  return () => {
    clearTimeout(wait);
    cancelIdle();
  };
}
