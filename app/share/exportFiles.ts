/**
 * The export files: the current picture as SVG (scene.ts) and PNG (paintScene.ts at twice the
 * size), and one play-through of the animation as an animated GIF, encoded by gifenc (loaded
 * only when a GIF is asked for). Each frame is the page's frame at rest: k's slice lifted, f
 * applied, the result landed, for every k, then the whole stacked result.
 */
import type { VmapStory } from "../../engine/index";
import type { InputLeaf } from "../state/hooks";
import type { CellTexts } from "../state/symbols";
import { PHASE_MS } from "../explorer/PlaybackControls";
import type { Frame } from "../viz/timeline";
import { animationFrames, buildScene, sceneSvg } from "./scene";
import { paintScene } from "./paintScene";

export const svgBlob = (leaves: readonly InputLeaf[], story: VmapStory, frame: Frame, texts?: CellTexts): Blob =>
  new Blob([sceneSvg(buildScene(leaves, story, frame, texts))], { type: "image/svg+xml" });

function canvasFor(width: number, height: number): CanvasRenderingContext2D {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  if (!ctx) throw new Error("this browser cannot draw on a canvas");
  return ctx;
}

export function pngBlob(leaves: readonly InputLeaf[], story: VmapStory, frame: Frame, scale = 2, texts?: CellTexts): Promise<Blob> {
  const scene = buildScene(leaves, story, frame, texts);
  const ctx = canvasFor(scene.width * scale, scene.height * scale);
  paintScene(ctx, scene, scale);
  return new Promise((resolve, reject) => ctx.canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("the PNG could not be made"))), "image/png"));
}

/** At most this many pixels in all GIF frames together (about 10 s of encoding on a slow phone). */
export const MAX_GIF_PIXELS = 60_000_000;

/** The animation as GIF bytes: 3 frames per k (lift, apply, land) and the resting picture. */
export async function gifBytes(leaves: readonly InputLeaf[], story: VmapStory, texts?: CellTexts): Promise<Uint8Array> {
  const { GIFEncoder, quantize, applyPalette } = await import("gifenc");
  const frames = animationFrames(story.axisSize);
  const first = buildScene(leaves, story, frames[0], texts);
  const pixels = frames.length * first.width * first.height;
  if (pixels > MAX_GIF_PIXELS) {
    throw new Error(`the animation would be ${frames.length} frames of ${first.width}×${first.height} pixels, more than this page encodes (${MAX_GIF_PIXELS.toLocaleString("en-US")} pixels); a smaller mapped size or smaller arrays fit`);
  }
  const ctx = canvasFor(first.width, first.height);
  const gif = GIFEncoder();
  frames.forEach((f, i) => {
    paintScene(ctx, i === 0 ? first : buildScene(leaves, story, f, texts));
    const { data } = ctx.getImageData(0, 0, first.width, first.height);
    const palette = quantize(data, 256);
    const last = i === frames.length - 1;
    gif.writeFrame(applyPalette(data, palette), first.width, first.height, { palette, delay: last ? PHASE_MS * 4 : PHASE_MS, repeat: 0 });
  });
  gif.finish();
  return gif.bytes();
}

/** Saves `blob` as a file called `name` (a download link clicked once). */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
