// @vitest-environment jsdom
// Calls past the page's budget run off the page (app/state/compute.ts). jsdom has no Worker, so
// the runner is an in-process fake that answers when the test says (or never): the computing
// state shows over the last good picture, Cancel restores the last state with a notice, the time
// limit ends in a message naming the function and shapes, a newer state stops an older job, and
// the answer (the worker's wire format, built by the same code) renders.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { configureCompute, inProcessRunner, TIME_LIMIT_MS, type ComputeJob } from "../../app/state/compute";
import { runRequest, type ComputeRequest } from "../../app/state/computeRequest";
import { fromWire, toWire } from "../../app/state/wire";
import type { TraceResult } from "../../app/state/engineBridge";
import { fullTrace, PAGE_BUDGET, traceCall, vmapCall } from "../../app/state/engineBridge";
import { explorerOf, leaf, type ExplorerState } from "../../app/state/explorerTypes";
import { useStore } from "../../app/state/store";
import { closeLink, openLink, renderApp } from "./renderApp";
import { encodeExplorer } from "../../app/state/urlState";
import { largestAllocation } from "../helpers/allocations";

/** A batched (8, 200, 200) @ (200, 200): 6.4·10⁷ multiply-adds, past the page's 5·10⁷. */
const big = (n = 8): ExplorerState => explorerOf("lambda a, b: a @ b", [["a", leaf(n, 200, 200), 0], ["b", leaf(200, 200), null]], 0);

interface FakeJob {
  request: ComputeRequest;
  cancelled: boolean;
  answer: () => void;
}
let jobs: FakeJob[] = [];

/** Each job waits for `answer()`, which computes the request exactly as the worker does, through a structured clone. */
function fakeRunner(request: ComputeRequest): ComputeJob {
  let resolve!: (r: unknown) => void;
  const done = new Promise<unknown>((r) => (resolve = r));
  const job: FakeJob = { request: structuredClone(request), cancelled: false, answer: () => resolve(structuredClone(toWire(runRequest(job.request)))) };
  jobs.push(job);
  return { done, cancel: () => (job.cancelled = true) };
}

beforeEach(() => {
  jobs = [];
  configureCompute({ runner: fakeRunner, timeLimitMs: TIME_LIMIT_MS });
});
afterEach(() => {
  closeLink();
  configureCompute({ runner: inProcessRunner, timeLimitMs: TIME_LIMIT_MS });
});

const outShape = () => screen.getByLabelText("Output shape");
const status = () => screen.getByRole("status", { name: "Computation" });
const load = (s: ExplorerState) => act(() => useStore.getState().loadExplorer(s));
const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));

describe("the page's budget", () => {
  it("covers the default example on the page, and sends a batched (8, 200, 200) @ (200, 200) off it", () => {
    const small = traceCall(vmapCall(explorerOf("lambda a, b: a + b", [["a", leaf(2, 3, 5, 7, 9), null], ["b", leaf(2, 3, 5, 7, 9), 0]], 3)), true);
    expect(small.ok).toBe(true);
    expect(8 * 200 ** 3).toBeGreaterThan(PAGE_BUDGET.ops);
    const r = traceCall(vmapCall(big()));
    expect(r).toMatchObject({ ok: false, offPage: true });
  });

  it("keeps every preset, its cell provenance and its grad report on the page, and sends a call of a few frames' work off it", async () => {
    const { PRESETS } = await import("../../app/state/presets");
    const { computeGrad } = await import("../../app/panels/grad/gradModel");
    const { withinWorkBudget } = await import("../../engine/index");
    for (const p of PRESETS) {
      expect(traceCall(vmapCall(p.state), true), p.id).not.toMatchObject({ offPage: true });
      expect(withinWorkBudget(PAGE_BUDGET, () => computeGrad(p.state, { argnums: 0, sumLoss: true })).done, p.id).toBe(true);
    }
    // (2, 200, 200) @ (200, 200): 1.6·10⁷ multiply-adds, ~20 ms of the page at 1× (~80 at 4×).
    expect(traceCall(vmapCall(big(2)))).toMatchObject({ ok: false, offPage: true });
  });

  it("a state with two arguments at the size limit (10⁷ cells each) is built and handed to the worker without holding the page", () => {
    const s = explorerOf("lambda a, b: a + b", [["a", leaf(10_000, 1_000), 0], ["b", leaf(10_000, 1_000), 0]], 0);
    const call = vmapCall(s);
    expect(traceCall(call)).toMatchObject({ ok: false, offPage: true });
    // Built, not refused: both arguments hold their 10⁷ values. (How long that takes is a
    // benchmark row, bench/vmap.ts: it once took 4 s, copying element by element.)
    expect(call.args.ok && call.args.leafData.map((d) => d.length)).toEqual([10_000_000, 10_000_000]);
  });

  it("the worker's answer survives structured cloning (a VmapStory is plain data; errors cross as fields)", () => {
    const ok = fullTrace(vmapCall(big(2)));
    expect(ok.ok).toBe(true);
    const crossed = fromWire<TraceResult>(structuredClone(toWire(ok)));
    // jsdom's structuredClone makes typed arrays of another realm, which toEqual tells apart.
    const plainValues = (t: TraceResult) => (t.ok ? { ...t, story: { ...t.story, values: t.story.values.map((v) => ({ ...v, data: Array.from(v.data) })) } } : t);
    expect(plainValues(crossed)).toEqual(plainValues(ok));
    // The result's values cross as one typed array, not a JavaScript array cloned element by
    // element (~200 ms on the page for an 800,000-cell answer).
    expect(crossed.ok && crossed.story.values.map((v) => [v.data.constructor.name, v.data.length])).toEqual([["Float64Array", 2 * 200 * 200]]);
    const bad = fullTrace(vmapCall(explorerOf("lambda a, b: a @ b", [["a", leaf(2, 3), 0], ["b", leaf(2, 4), 0]], 0)));
    expect(bad.ok).toBe(false);
    const back = fromWire<TraceResult>(structuredClone(toWire(bad)));
    expect(back.ok ? null : [back.error.message, back.error.kind, back.error.pyType, back.error.where]).toEqual(bad.ok ? null : [bad.error.message, bad.error.kind, bad.error.pyType, bad.error.where]);
  });
});

describe("computing off the page", () => {
  it("shows Computing… over the dimmed last picture, then renders the answer", async () => {
    renderApp();
    expect(outShape().textContent).toBe("(2, 2)");
    expect(status().textContent).toBe("");
    load(big());
    expect(jobs).toHaveLength(1);
    expect(status().textContent).toMatch(/Computing…/);
    expect(screen.getByRole("region", { name: "Arrays" }).getAttribute("aria-busy")).toBe("true");
    expect(outShape().textContent).toBe("(2, 2)");
    expect(outShape().getAttribute("data-stale")).toBe("true");
    await act(async () => jobs[0].answer());
    await settle();
    expect(outShape().textContent).toBe("(8, 200, 200)");
    expect(outShape().getAttribute("data-stale")).toBe("false");
    expect(status().textContent).toBe("");
    expect(screen.getByRole("region", { name: "Arrays" }).getAttribute("aria-busy")).toBe("false");
    // The answer is this state's: it became the last good state.
    expect(useStore.getState().lastGood).toBe(useStore.getState().explorer);
  });

  it("Cancel stops the job and restores the last state with a notice", async () => {
    renderApp();
    const before = useStore.getState().explorer;
    load(big());
    fireEvent.click(within(status()).getByRole("button", { name: "Cancel" }));
    expect(jobs[0].cancelled).toBe(true);
    expect(useStore.getState().explorer).toBe(before);
    expect(outShape().textContent).toBe("(2, 2)");
    expect(outShape().getAttribute("data-stale")).toBe("false");
    expect(status().textContent).toBe("");
    expect(screen.getAllByRole("status").some((el) => /Cancelled computing jax\.vmap\(f\)\(a, b\) with f = lambda a, b: a @ b and shapes a \(8, 200, 200\), b \(200, 200\)/.test(el.textContent ?? ""))).toBe(true);
  });

  it("Cancel with no last result to go back to says so where the error shows", async () => {
    renderApp();
    act(() => useStore.setState({ lastGood: null }));
    load(big());
    expect(status().textContent).toMatch(/Computing…/);
    expect(outShape().textContent).toBe("—");
    fireEvent.click(within(status()).getByRole("button", { name: "Cancel" }));
    expect(jobs[0].cancelled).toBe(true);
    expect(status().textContent).toBe("");
    expect(screen.getByRole("alert").textContent).toBe(
      "KeyboardInterrupt: Cancelled computing jax.vmap(f)(a, b) with f = lambda a, b: a @ b and shapes a (8, 200, 200), b (200, 200). Use smaller shapes, or make f do less work.",
    );
  });

  it("a link opened past the page's budget computes with no other call's result in its place", async () => {
    openLink(`#${encodeExplorer(big())}`);
    expect(status().textContent).toMatch(/Computing…/);
    // Not the default example's (2, 2), which the page opened from a link never showed.
    expect(outShape().textContent).toBe("—");
    await act(async () => jobs[0].answer());
    await settle();
    expect(outShape().textContent).toBe("(8, 200, 200)");
  });

  it("Undo after Cancel computes the cancelled call again", async () => {
    renderApp();
    load(big());
    fireEvent.click(within(status()).getByRole("button", { name: "Cancel" }));
    expect(outShape().textContent).toBe("(2, 2)");
    act(() => useStore.getState().undo());
    expect(jobs).toHaveLength(2);
    expect(jobs[1].cancelled).toBe(false);
    await act(async () => jobs[1].answer());
    await settle();
    expect(outShape().textContent).toBe("(8, 200, 200)");
  });

  it("stops after the time limit with a message naming the function and the shapes", async () => {
    configureCompute({ timeLimitMs: 30 });
    renderApp();
    load(big());
    expect(status().textContent).toMatch(/Computing…/);
    await act(async () => new Promise((r) => setTimeout(r, 80)));
    expect(jobs[0].cancelled).toBe(true);
    expect(status().textContent).toBe("");
    expect(screen.getByRole("alert").textContent).toBe(
      "TimeoutError: Stopped after 0.03 s: jax.vmap(f)(a, b) with f = lambda a, b: a @ b and shapes a (8, 200, 200), b (200, 200) takes too long to compute here. Use smaller shapes, or make f do less work.",
    );
    // The last good picture stays, dimmed, under the message.
    expect(outShape().textContent).toBe("(2, 2)");
    expect(outShape().getAttribute("data-stale")).toBe("true");
  });

  it("a newer state stops the older job; only the newer answer is shown", async () => {
    renderApp();
    load(big(8));
    load(big(9));
    const traces = () => jobs.filter((j) => j.request.kind === "trace");
    expect(traces().map((j) => j.cancelled)).toEqual([true, false]);
    await act(async () => traces()[0].answer());
    await settle();
    expect(status().textContent).toMatch(/Computing…/);
    await act(async () => traces()[1].answer());
    await settle();
    expect(outShape().textContent).toBe("(9, 200, 200)");
    // Back to a small state: nothing computes off the page.
    load(explorerOf("lambda a, b: a @ b", [["a", leaf(3, 2, 2), 0], ["b", leaf(2, 2), null]], 0));
    expect(traces()).toHaveLength(2);
    expect(outShape().textContent).toBe("(3, 2, 2)");
  });

  it("an answer that is an error (past the engine's default budget too) shows the engine's message", async () => {
    renderApp();
    load(explorerOf("lambda a, b: a @ b", [["a", leaf(40, 400, 400), 0], ["b", leaf(400, 400), null]], 0));
    await act(async () => jobs[0].answer());
    await settle();
    expect(screen.getByRole("alert").textContent).toContain(
      "This computation needs about 2,560,000,000 element operations, above the playground's budget of 2,000,000,000; use smaller shapes.",
    );
    expect(outShape().getAttribute("data-stale")).toBe("true");
  });
});

describe("the panels past the page's budget", () => {
  const s12 = () => explorerOf("lambda a, b: a @ b", [["a", leaf(12, 400, 400), 0], ["b", leaf(400, 400), null]], 0);

  it("grad asks for the worker and jit ends in the budget's message, both at once, not after seconds of work", async () => {
    const { selectGradReport } = await import("../../app/panels/grad/gradModel");
    const { selectJitReport } = await import("../../app/panels/jit/jitModel");
    const { takeOffPageRequests } = await import("../../app/panels/memoPerState");
    const s = s12();
    vmapCall(s); // the arguments are built once for every panel; not what is timed
    takeOffPageRequests();
    let g!: ReturnType<typeof selectGradReport>;
    let j!: ReturnType<typeof selectJitReport>;
    // Nothing computed on the page: no array even the size of one 400 × 400 example is made.
    const largest = largestAllocation(() => {
      g = selectGradReport(s, { argnums: 0, sumLoss: true });
      j = selectJitReport(s, undefined);
    });
    expect(largest).toBeLessThan(400 * 400);
    expect(g.perExample.ok ? "" : g.perExample.error.message).toMatch(/^Computing…/);
    expect(takeOffPageRequests()).toEqual([{ state: s, key: "grad|0|true", kind: "grad", options: { argnums: 0, sumLoss: true } }]);
    expect(j.ok ? "" : j.error.message).toContain(`budget of ${PAGE_BUDGET.ops.toLocaleString("en-US")}`);
  });

  it("the grad panel shows Computing…, then the worker's gradients", async () => {
    renderApp();
    await screen.findByLabelText("argnums", undefined, { timeout: 10_000 });
    act(() => useStore.getState().setGradSumLoss(true));
    load(big());
    const grad = () => screen.getByRole("region", { name: /jax\.grad/ });
    await waitFor(() => expect(jobs.some((j) => j.request.kind === "grad")).toBe(true), { timeout: 5000 });
    expect(within(grad()).getAllByText(/^Computing…/).length).toBe(2); // the gradient and the per-example gradients
    expect(grad().textContent).not.toMatch(/Error:/);
    expect(grad().getAttribute("aria-busy")).toBe("true");
    const job = jobs.find((j) => j.request.kind === "grad")!;
    expect(job.request.options).toEqual({ argnums: 0, sumLoss: true });
    await act(async () => job.answer());
    await settle();
    expect(within(grad()).getByLabelText("Gradient shape").textContent).toBe("(8, 200, 200)");
    expect(within(grad()).getByLabelText("Per-example gradient shape").textContent).toBe("(8, 200, 200)");
    expect(grad().getAttribute("aria-busy")).toBe("false");
  });
});
