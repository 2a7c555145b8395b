import { startApp } from "../tests/browser/appServer";
const FIVE_D = "f=lambda+a%2C+b%3A+a+%2B+b&shape.a=(2%2C3%2C5%2C7%2C9)&fill.a=unique&shape.b=(2%2C3%2C5%2C7%2C9)&fill.b=unique&in.a=None&in.b=0&out=3";
const app = await startApp();
try {
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${app.url}#${FIVE_D}`);
  await page.getByLabel("Function").waitFor();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  const mode = process.argv[2] ?? "change";
  if (mode === "change") {
    await page.evaluate(`(async () => { const sel = document.querySelector('select[aria-label="out_axes"]'); for (let i=0;i<10;i++){ sel.value = String(i%6); sel.dispatchEvent(new Event("change",{bubbles:true})); await new Promise(r=>requestAnimationFrame(()=>r())); } })()`);
  } else {
    await page.evaluate(`(async () => { [...document.querySelectorAll("button")].find((b) => b.getAttribute("aria-label") === "Play").click(); await new Promise(r=>setTimeout(r,2500)); })()`);
  }
  const { profile } = await cdp.send("Profiler.stop") as any;
  const self = new Map<string, number>();
  const dt = profile.timeDeltas as number[];
  const idToNode = new Map(profile.nodes.map((n: any) => [n.id, n]));
  profile.samples.forEach((id: number, i: number) => {
    const n: any = idToNode.get(id);
    const key = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(1)}ms ${k}`).join("\n"));
} finally { await app.close(); }
