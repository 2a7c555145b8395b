/**
 * The canvas grids' tile index labels, copied from a strip of digits drawn once per font,
 * colour and scale. fillText resolves the font (a family stack) and shapes the text on every
 * call: the ~200 labels of the (2,3,5,7,9) example's three grids took about 60% of a full
 * repaint (bench/throttled.ts, the in_axes row); a copy of a few pixels per digit is a small
 * part of that. Digits go to whole device pixels, 1:1, so they stay as sharp as fillText's.
 */

const DIGITS = "0123456789";

interface Strip {
  image: HTMLCanvasElement;
  /** A digit's advance, in layout units (every digit the same: tabular figures). */
  advance: number;
  ascent: number;
  /** Room around each digit for its antialiased edge and overhang, in layout units. */
  pad: number;
  /** One digit's slot and the strip's height, in device pixels. */
  slot: number;
  height: number;
}

const strips = new Map<string, Strip | null>();

/**
 * Draws `text` (a tile label) as fillText would at (x, y) with `textAlign` `align` and an
 * alphabetic baseline, in `font` and `colour`; `scale` is the context's device pixels per unit.
 */
export function drawLabel(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, align: "center" | "right", font: string, colour: string, scale: number): void {
  const strip = /^\d+$/.test(text) && typeof ctx.drawImage === "function" ? stripFor(font, colour, scale) : null;
  if (!strip) {
    if (ctx.font !== font) ctx.font = font;
    ctx.fillStyle = colour;
    ctx.textBaseline = "alphabetic";
    if (ctx.textAlign !== align) ctx.textAlign = align;
    ctx.fillText(text, x, y);
    return;
  }
  const start = x - (align === "center" ? text.length / 2 : text.length) * strip.advance;
  const top = Math.round((y - strip.ascent - strip.pad) * scale) / scale;
  for (let k = 0; k < text.length; k++) {
    const digit = text.charCodeAt(k) - 48;
    const left = Math.round((start + k * strip.advance - strip.pad) * scale) / scale;
    ctx.drawImage(strip.image, digit * strip.slot, 0, strip.slot, strip.height, left, top, strip.slot / scale, strip.height / scale);
  }
}

function stripFor(font: string, colour: string, scale: number): Strip | null {
  const key = `${scale} ${colour} ${font}`;
  let strip = strips.get(key);
  if (strip === undefined) {
    // A theme or zoom change makes new ones; the old ones are not worth keeping.
    if (strips.size >= 32) strips.clear();
    strips.set(key, (strip = drawStrip(font, colour, scale)));
  }
  return strip;
}

/** The ten digits in slots of whole device pixels, or null where they are not all one width. */
function drawStrip(font: string, colour: string, scale: number): Strip | null {
  if (typeof document === "undefined") return null;
  const image = document.createElement("canvas");
  const ctx = image.getContext("2d");
  if (!ctx || typeof ctx.measureText !== "function") return null;
  ctx.font = font;
  const advance = ctx.measureText("0").width;
  if (!(advance > 0) || [...DIGITS].some((d) => Math.abs(ctx.measureText(d).width - advance) > 1e-3)) return null;
  const m = ctx.measureText(DIGITS);
  const ascent = m.actualBoundingBoxAscent;
  const pad = 1;
  const slot = Math.ceil((advance + 2 * pad) * scale);
  const height = Math.ceil((ascent + m.actualBoundingBoxDescent + 2 * pad) * scale);
  image.width = slot * DIGITS.length;
  image.height = height;
  // Resizing reset the context.
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.font = font;
  ctx.fillStyle = colour;
  ctx.textBaseline = "alphabetic";
  ctx.textAlign = "left";
  for (let d = 0; d < DIGITS.length; d++) ctx.fillText(DIGITS[d], (d * slot) / scale + pad, pad + ascent);
  return { image, advance, ascent, pad, slot, height };
}
