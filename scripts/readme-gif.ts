/**
 * `npm run readme-gif`: the README's animated picture and the social preview image, made from
 * the built app. Opens the default 2×2 example in Chromium, lets the first-visit animation play,
 * captures the explorer's picture frame by frame and encodes the frames as docs/explorer.gif
 * (gifenc: one palette per frame, PNG frames read with pngjs). Then writes public/og.png, a
 * 1200 × 630 screenshot of the page (Open Graph's size), and docs/screenshot.png.
 * A maintenance script: neither it nor its packages are part of the app's bundle.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";
import gifenc from "gifenc";
import { appLive, startApp } from "../tests/browser/appServer";

const { GIFEncoder, applyPalette, quantize } = gifenc;
const SLOW = 0.25;
const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));

const app = await startApp();
try {
  const page = await app.newPage({ viewport: { width: 1000, height: 760 }, deviceScaleFactor: 1, reducedMotion: "no-preference", colorScheme: "light" });
  await page.goto(app.url);
  const picture = page.locator(".main-area");
  await picture.waitFor();
  // After the first-visit run, play once more at SLOW speed: a screenshot takes longer than a
  // phase at full speed on a busy machine. Each frame's delay is its real time × SLOW, so the
  // GIF plays at the app's own speed.
  await page.getByRole("button", { name: "Play" }).waitFor({ timeout: 20_000 });
  await page.getByLabel("Speed").selectOption(String(SLOW));
  await page.getByRole("button", { name: "Play" }).click();
  const gif = GIFEncoder();
  let frames = 0;
  let last = Date.now();
  let rest = 0;
  for (;;) {
    const png = PNG.sync.read(await picture.screenshot({ animations: "allow" }));
    const now = Date.now();
    const playing = (await page.getByRole("button", { name: "Pause" }).count()) > 0;
    const rgba = new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length);
    const palette = quantize(rgba, 128);
    // The final resting picture stays up for 2.5 s before the GIF loops.
    const delay = playing ? Math.round((now - last) * SLOW) : 2500;
    gif.writeFrame(applyPalette(rgba, palette), png.width, png.height, { palette, delay });
    frames++;
    last = now;
    if (!playing && ++rest >= 1) break;
  }
  gif.finish();
  writeFileSync(root("docs/explorer.gif"), gif.bytes());
  console.log(`docs/explorer.gif: ${frames} frames, ${(gif.bytes().length / 1024).toFixed(0)} KiB`);
  await page.close();

  const still = await app.newPage({ viewport: { width: 1200, height: 630 }, reducedMotion: "reduce", colorScheme: "light" });
  await still.goto(app.url);
  await appLive(still);
  await still.screenshot({ path: root("public/og.png") });
  await still.setViewportSize({ width: 1280, height: 900 });
  await still.screenshot({ path: root("docs/screenshot.png") });
  console.log("public/og.png, docs/screenshot.png written");
  await still.close();
  if (app.problems.length) console.warn(app.problems.join("\n"));
} finally {
  await app.close();
}
