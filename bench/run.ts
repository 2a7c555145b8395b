/**
 * `npm run bench`: every benchmark in one run, as a table of medians and ratios against a
 * hand-written loop doing the same work (and @jax-js/jax beside us). Not a test: it prints.
 */
import { config, loadEngineFamilies } from "../engine";
import { loadJaxJs } from "./jaxjs";
import { calibration, type BenchRow } from "./timing";
import { vmapBench } from "./vmap";

const fmt = (x: number | undefined) => (x === undefined ? "—" : x < 0.1 ? x.toFixed(4) : x.toFixed(3));

function printTable(rows: BenchRow[]) {
  const lines = rows.map((r) => [
    r.section,
    r.name,
    fmt(r.ours_ms),
    fmt(r.hand_ms),
    r.hand_ms ? `${(r.ours_ms / r.hand_ms).toFixed(2)}×` : "—",
    fmt(r.jaxjs_ms),
    r.hand_ms && r.jaxjs_ms !== undefined ? `${(r.jaxjs_ms / r.hand_ms).toFixed(2)}×` : "—",
    r.target ?? "",
    r.extra ?? "",
  ]);
  const head = ["section", "benchmark", "ours ms", "hand ms", "ours/hand", "jax-js ms", "jax-js/hand", "target", "notes"];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(row(head));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const l of lines) console.log(row(l));
}

async function main() {
  // `npm run bench -- vmap,grad` runs only the named sections.
  const only = process.argv[2]?.split(",");
  const jx = await loadJaxJs();
  // Built (bench/launch.ts), the engine's families load on first use as in the app: all now.
  await loadEngineFamilies();
  // The float64 rows compare with float64 hand loops and jax-js: x64 on, as in JAX with
  // jax_enable_x64; the f32 section switches it off for JAX's default dtype.
  config.update("jax_enable_x64", true);
  const rows: BenchRow[] = [];
  const before = calibration();
  const sections: [string, () => Promise<BenchRow[]> | BenchRow[]][] = [
    ["vmap", () => vmapBench(jx)],
    ["grad", async () => (await import("./grad")).gradBench(jx)],
    ["jit", async () => (await import("./jit")).jitBench(jx)],
    ["f32", async () => (await import("./float32")).float32Bench(jx)],
    ["limits", async () => (await import("./limits")).limitsBench()],
    ["browser", async () => (await import("./browser")).browserBench()],
    ["throttled", async () => (await import("./throttled")).throttledBench()],
  ];
  for (const [name, run] of sections) {
    if (only && !only.includes(name)) continue;
    try {
      rows.push(...(await run()));
    } catch (e) {
      console.error(`section ${name} failed: ${(e as Error).message}`);
    }
  }
  printTable(rows);
  console.log(`\nmachine speed (a fixed loop, 5 times, ms; lower is faster): ${before} before the rows, ${calibration()} after`);
  console.log("\nours = vmap Playground's engine, float64 (jax_enable_x64) except the f32 rows (JAX's default float32, against Float32Array hand loops); jax-js = @jax-js/jax on its wasm backend, in the row's dtype (float64; float32 on the f32 rows). Every timed call reads its result (ours dense() as the app reads it: the storage of a dense result, a row-major copy of a view; jax-js dataSync()). Medians of repeated runs; in a row, ours, the hand loop and jax-js are timed interleaved (one call of each in turn), so the three see the same machine.");
}

main();
