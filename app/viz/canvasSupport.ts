/**
 * Whether this page can paint grids on a canvas (not in jsdom, nor on the server where the
 * first screen is prerendered). Apart from drawCanvas.ts, so that the question does not load
 * the canvas painter, which only grids above a few hundred cells need (CellGrid.tsx). jsdom
 * and very old browsers have no 2-D canvas; they get the SVG cells.
 */
let hasCanvas: boolean | undefined;

export function canvasAvailable(): boolean {
  // Asked on every grid render: the answer cannot change, so it is worked out once.
  if (hasCanvas === undefined) {
    if (typeof document === "undefined" || typeof navigator === "undefined" || /jsdom/i.test(navigator.userAgent)) hasCanvas = false;
    else hasCanvas = typeof HTMLCanvasElement !== "undefined" && !!document.createElement("canvas").getContext;
  }
  return hasCanvas;
}
