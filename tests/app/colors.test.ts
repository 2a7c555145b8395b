// The axis palettes (viz/colors.ts): every colour passes WCAG AA as text (4.5:1) on its
// theme's page and panel backgrounds (styles.css --bg, --panel), and every pair of colours in a
// palette stays apart (CIELAB ΔE ≥ 8) for normal vision and under protanopia, deuteranopia and
// tritanopia (Machado, Oliveira & Fernandes 2009 matrices, severity 1).
import { describe, expect, it } from "vitest";
import { PALETTES } from "../../app/viz/colors";

const BACKGROUNDS = { light: ["#ffffff", "#f7f8fa"], dark: ["#1f242d", "#161a21"] } as const;

const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
const lin = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const luminance = (h: string) => {
  const [r, g, b] = rgb(h).map(lin);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
};

const CVD: Record<string, number[][]> = {
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};
function lab(h: string, m: number[][]): number[] {
  const c = rgb(h).map(lin);
  const [r, g, b] = m.map((row) => Math.min(1, Math.max(0, row[0] * c[0] + row[1] * c[1] + row[2] * c[2])));
  const X = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const Y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const Z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(Y) - 16, 500 * (f(X) - f(Y)), 200 * (f(Y) - f(Z))];
}
const deltaE = (a: string, b: string, m: number[][]) => Math.hypot(...lab(a, m).map((v, i) => v - lab(b, m)[i]));

describe("axis palettes", () => {
  for (const theme of ["light", "dark"] as const) {
    const all = [PALETTES[theme].batch, ...PALETTES[theme].axes];
    it(`${theme}: every axis colour reads as text (WCAG AA)`, () => {
      for (const c of all) for (const bg of BACKGROUNDS[theme]) expect(contrast(c, bg), `${c} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    });
    it(`${theme}: colours stay apart under the common colour blindnesses`, () => {
      for (const [name, m] of Object.entries(CVD))
        for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(deltaE(all[i], all[j], m), `${name}: ${all[i]} vs ${all[j]}`).toBeGreaterThanOrEqual(8);
    });
  }
});
