/**
 * The embed page's height message: whenever its content changes height (a panel opens, an
 * error shows, the grids reflow at a new width) the page around it is told, so the host's
 * snippet can size the iframe. The target origin is "*": the page cannot know its host, and the
 * message carries nothing but a number.
 */
export const HEIGHT_MESSAGE = "vmap-playground:height";

export interface HeightMessage {
  type: typeof HEIGHT_MESSAGE;
  height: number;
}

/** Posts `el`'s height to `target` now and on every change; returns a function that stops it. */
export function reportHeight(el: HTMLElement, target: Pick<Window, "postMessage"> | null): () => void {
  if (!target || typeof ResizeObserver === "undefined") return () => {};
  let last = -1;
  const send = () => {
    const height = Math.ceil(el.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    const msg: HeightMessage = { type: HEIGHT_MESSAGE, height };
    target.postMessage(msg, "*");
  };
  const ro = new ResizeObserver(send);
  ro.observe(el);
  send();
  return () => ro.disconnect();
}
