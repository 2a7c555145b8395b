/**
 * `npm run lighthouse`: builds the app, serves the build on a loopback port, and runs
 * Lighthouse (mobile defaults) in Debian's Chromium (CHROME_PATH, default /usr/bin/chromium).
 * Prints the four category scores and, for any below 100, the audits that cost points.
 * Not part of `npm test` (a run takes a minute or more).
 */
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { startPreview } from "../tests/browser/appServer";
import { CHROMIUM, CHROMIUM_ARGS } from "../tests/browser/appServer";

const server = await startPreview();
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? CHROMIUM,
  chromeFlags: CHROMIUM_ARGS,
});
try {
  const result = await lighthouse(server.url, { port: chrome.port, output: "json", logLevel: "error" });
  if (!result) throw new Error("Lighthouse returned no result");
  const { categories, audits } = result.lhr;
  console.log(`Lighthouse ${result.lhr.lighthouseVersion}, ${result.lhr.configSettings.formFactor}, ${server.url}`);
  for (const c of Object.values(categories)) console.log(`${c.title.padEnd(16)} ${Math.round((c.score ?? 0) * 100)}`);
  for (const c of Object.values(categories)) {
    for (const ref of c.auditRefs) {
      const a = audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 1) {
        console.log(`  ${c.id}: ${a.id} ${a.score} ${a.displayValue ?? ""}`);
        const items = (a.details as { items?: { node?: { snippet?: string; explanation?: string }; url?: string }[] } | undefined)?.items ?? [];
        for (const it of items.slice(0, 4)) console.log(`    ${it.node ? `${it.node.snippet} ${it.node.explanation ?? ""}` : (it.url ?? "")}`.slice(0, 400));
      }
    }
  }
  if (process.env.LH_DEBUG) {
    for (const id of ["layout-shifts", "largest-contentful-paint-element", "long-tasks", "bootup-time"]) console.log(id, JSON.stringify(audits[id]?.details ?? audits[id] ?? null).slice(0, 2500));
  }
} finally {
  await chrome.kill();
  await server.close();
}
