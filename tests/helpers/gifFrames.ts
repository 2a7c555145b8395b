/**
 * A small GIF reader for tests: walks the block structure of a GIF89a (GIF spec, "Appendix B:
 * GIF grammar") and returns the logical screen size, the loop count and each image's
 * position, size and delay. It checks the structure, not the LZW pixel data.
 */
export interface GifInfo {
  width: number;
  height: number;
  loops: number | null;
  frames: { left: number; top: number; width: number; height: number; delayMs: number }[];
}

export function readGif(bytes: Uint8Array): GifInfo {
  const ascii = (a: number, b: number) => String.fromCharCode(...bytes.subarray(a, b));
  if (ascii(0, 6) !== "GIF89a" && ascii(0, 6) !== "GIF87a") throw new Error(`not a GIF: ${ascii(0, 6)}`);
  const u16 = (p: number) => bytes[p] | (bytes[p + 1] << 8);
  const width = u16(6);
  const height = u16(8);
  let p = 13;
  const packed = bytes[10];
  if (packed & 0x80) p += 3 * (1 << ((packed & 7) + 1));
  const frames: GifInfo["frames"] = [];
  let loops: number | null = null;
  let delay = 0;
  const skipSubBlocks = () => {
    while (bytes[p] !== 0) {
      if (p >= bytes.length) throw new Error("the GIF ends inside a block");
      p += bytes[p] + 1;
    }
    p++;
  };
  for (;;) {
    if (p >= bytes.length) throw new Error("the GIF has no trailer");
    const tag = bytes[p++];
    if (tag === 0x3b) break;
    if (tag === 0x21) {
      const label = bytes[p++];
      if (label === 0xf9) delay = u16(p + 2) * 10;
      if (label === 0xff && ascii(p + 1, p + 12) === "NETSCAPE2.0") loops = u16(p + 14);
      skipSubBlocks();
    } else if (tag === 0x2c) {
      frames.push({ left: u16(p), top: u16(p + 2), width: u16(p + 4), height: u16(p + 6), delayMs: delay });
      const flags = bytes[p + 8];
      p += 9;
      if (flags & 0x80) p += 3 * (1 << ((flags & 7) + 1));
      p++; // LZW minimum code size
      skipSubBlocks();
      delay = 0;
    } else throw new Error(`unexpected block 0x${tag.toString(16)} at byte ${p - 1}`);
  }
  return { width, height, loops, frames };
}
