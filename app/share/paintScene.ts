/**
 * Paints a Scene (scene.ts) on a 2-D canvas: the PNG export and every frame of the GIF. The
 * same cells, looks and titles as the SVG writer, drawn with the canvas calls instead.
 */
import { cellsOf, type Scene } from "./scene";

const FONT = `ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace`;

/** Draws `scene` at `scale` onto `ctx` (whose canvas is scene size × scale). */
export function paintScene(ctx: CanvasRenderingContext2D, scene: Scene, scale = 1): void {
  ctx.save();
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.globalAlpha = 1;
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, scene.width, scene.height);
  ctx.textBaseline = "alphabetic";
  for (const g of scene.grids) {
    ctx.globalAlpha = 1;
    ctx.fillStyle = "#1d2330";
    ctx.textAlign = "left";
    ctx.font = `12px ${FONT}`;
    ctx.fillText(g.title, g.x, g.y - 5);
    ctx.font = `11px ${FONT}`;
    ctx.textAlign = "center";
    for (const d of cellsOf(g)) {
      ctx.globalAlpha = d.opacity;
      ctx.beginPath();
      if (d.radius > 0 && "roundRect" in ctx) ctx.roundRect(d.x, d.y, d.side, d.side, d.radius);
      else ctx.rect(d.x, d.y, d.side, d.side);
      ctx.fillStyle = d.fill;
      ctx.fill();
      if (d.stroke !== "none" && d.strokeWidth > 0) {
        ctx.setLineDash(d.dash as number[]);
        ctx.strokeStyle = d.stroke;
        ctx.lineWidth = d.strokeWidth;
        ctx.stroke();
        ctx.setLineDash([]);
      }
      if (d.text !== null) {
        ctx.fillStyle = "#222222";
        ctx.font = `${d.fontSize}px ${FONT}`;
        ctx.fillText(d.text, d.x + d.side / 2, d.y + d.side / 2 + 4);
      }
    }
  }
  ctx.globalAlpha = 1;
  ctx.fillStyle = "#5b6475";
  ctx.textAlign = "center";
  ctx.font = `12px ${FONT}`;
  ctx.fillText(scene.arrow.text, scene.width / 2, scene.arrow.y);
  ctx.restore();
}
