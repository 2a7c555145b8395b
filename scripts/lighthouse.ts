/**
 * `npm run lighthouse`: builds the app, serves the build on a loopback port, and runs
 * Lighthouse (mobile defaults) in Debian's Chromium (CHROME_PATH, default /usr/bin/chromium)
 * LH_RUNS times (default 3, a fresh browser each): the performance score moves with the
 * machine's load (Lighthouse multiplies the main thread's observed work by its 4× phone
 * slowdown), so one run says little. Prints each run's four category scores, its metrics and
 * the load average, then the median run's audits that cost points. Not part of `npm test`.
 */
import { loadavg } from "node:os";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { startPreview } from "../tests/browser/appServer";
import { CHROMIUM, CHROMIUM_ARGS } from "../tests/browser/appServer";

type Result = NonNullable<Awaited<ReturnType<typeof lighthouse>>>;

const runs = Math.max(1, Number(process.env.LH_RUNS ?? 3));
const server = await startPreview();
const results: Result[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH ?? CHROMIUM, chromeFlags: CHROMIUM_ARGS });
    try {
      const result = await lighthouse(server.url, { port: chrome.port, output: "json", logLevel: "error" });
      if (!result) throw new Error("Lighthouse returned no result");
      results.push(result);
      const { categories, audits } = result.lhr;
      const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
      const ms = (id: string) => `${Math.round(audits[id].numericValue ?? 0)} ms`;
      if (i === 0) console.log(`Lighthouse ${result.lhr.lighthouseVersion}, ${result.lhr.configSettings.formFactor}, ${server.url}`);
      console.log(
        `run ${i + 1}: performance ${score("performance")}, accessibility ${score("accessibility")}, best practices ${score("best-practices")}, SEO ${score("seo")}` +
          ` | FCP ${ms("first-contentful-paint")}, LCP ${ms("largest-contentful-paint")}, TBT ${ms("total-blocking-time")}, SI ${ms("speed-index")}, CLS ${(audits["cumulative-layout-shift"].numericValue ?? 0).toFixed(3)} | load ${loadavg()[0].toFixed(1)}`,
      );
    } finally {
      await chrome.kill();
    }
  }
} finally {
  await server.close();
}

const perf = (r: Result) => r.lhr.categories.performance?.score ?? 0;
const median = [...results].sort((a, b) => perf(a) - perf(b))[Math.floor(results.length / 2)];
console.log(`median performance ${Math.round(perf(median) * 100)} over ${results.length} run(s)`);
const { categories, audits } = median.lhr;
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
  for (const id of ["long-tasks", "bootup-time", "mainthread-work-breakdown"]) console.log(id, JSON.stringify(audits[id]?.details ?? null).slice(0, 2500));
}
