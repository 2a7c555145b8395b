// @vitest-environment jsdom
// The grad and jit panels, driven by role and label: gradients of a scalar function against a
// hand formula, JAX's scalar-output error and the jnp.sum helper, per-example gradients, and the
// jit panel's jaxpr, trace count, mode and timing. Expected numbers come from plain loops.
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { useStore } from "../../app/state/store";
import { renderApp } from "./renderApp";
import { setCodegenAllowed } from "../../engine/index";
import { resetJitCaches } from "../../app/panels/jit/jitModel";
import { selectGradReport } from "../../app/panels/grad/gradModel";
import { median, timeIt } from "../../app/panels/jit/timing";
import { typeInto } from "./typeInto";

afterEach(() => {
  cleanup();
  setCodegenAllowed(null);
});

/** The app with fresh panel caches too (a fresh page), waiting for the lazy panels. */
async function renderPanels() {
  resetJitCaches();
  selectGradReport.reset();
  renderApp();
  // The first test also loads the panels' lazy chunks: slow on a loaded machine.
  await screen.findByLabelText("argnums", undefined, { timeout: 10_000 });
  await screen.findByLabelText("jit code", undefined, { timeout: 10_000 });
}

/**
 * The panels follow the explorer after its next paint (usePanelInputs): let that happen, and
 * wait until no panel is still busy with the previous state (a fixed pause alone was too short
 * on a loaded machine).
 */
async function settle() {
  await act(() => new Promise<void>((r) => setTimeout(r, 40)));
  await waitFor(() => expect(document.querySelector('.panel[aria-busy="true"]')).toBeNull(), { timeout: 5000 });
}
async function change(label: string, value: string) {
  typeInto(label, value);
  await settle();
}
async function click(name: string) {
  fireEvent.click(screen.getByRole("button", { name }));
  await settle();
}
const panel = (name: RegExp) => screen.getByRole("region", { name });
const gradPanel = () => panel(/jax\.grad/);
const jitPanel = () => panel(/jax\.jit/);
const cells = (table: string, root: HTMLElement = document.body) =>
  within(within(root).getByRole("table", { name: table }))
    .getAllByRole("cell")
    .map((c) => Number(c.textContent));
const text = (label: string) => screen.getByLabelText(label).textContent;

describe("grad panel", () => {
  it("shows jax.grad of a scalar function for each argnums, computed like the hand formula", async () => {
    await renderPanels();
    await change("Function", "lambda a, b: jnp.sum(a * b)");
    // a = arange(4).reshape(2, 2), b = a * 10 + 100 (the unique fill); d/da sum(a * b) = b, d/db = a.
    const a = [0, 1, 2, 3];
    const b = a.map((x) => 100 + 10 * x);
    expect(text("Gradient shape")).toBe("(2, 2)");
    expect(cells("Gradient values")).toEqual(b);
    await change("argnums", "1");
    expect((screen.getByLabelText("argnums") as HTMLSelectElement).value).toBe("1");
    expect(text("Per-example gradient code")).toBe("jax.vmap(jax.grad(f, argnums=1), in_axes=(0, 0))(a, b)");
    expect(cells("Gradient values")).toEqual(a);
    expect(screen.queryAllByRole("alert")).toHaveLength(0);
  });

  it("shows per-example gradients with vmap(grad) and the explorer's in_axes", async () => {
    await renderPanels();
    await change("Function", "lambda a, b: jnp.sum(a * b)");
    await change("in_axes for a", "None");
    expect(text("Per-example gradient code")).toBe("jax.vmap(jax.grad(f, argnums=0), in_axes=(None, 0))(a, b)");
    // Example k: f(a, b[k]) = sum_ij a[i, j] * b[k, j], so g[k, i, j] = b[k, j] = 100 + 10 (2k + j).
    expect(text("Per-example gradient shape")).toBe("(2, 2, 2)");
    const want: number[] = [];
    for (let k = 0; k < 2; k++) for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) want.push(100 + 10 * (2 * k + j));
    expect(cells("Per-example gradient values")).toEqual(want);
    // Mapped a: one gradient per row, g[k] = b[k] (shape (2, 2) again).
    await change("in_axes for a", "0");
    expect(text("Per-example gradient shape")).toBe("(2, 2)");
    expect(cells("Per-example gradient values")).toEqual([100, 110, 120, 130]);
  });

  it("under a student link that locks the function, offers neither the loss nor JAX's quickstart as a new call", async () => {
    await renderPanels();
    await act(async () => useStore.getState().setLock({ edit: new Set(["out_axes"]), hide: new Set() }));
    await click("Use jnp.sum(f(…)) as the loss");
    const put = screen.getByRole("button", { name: "Put this function in the explorer" }) as HTMLButtonElement;
    expect(put.disabled).toBe(true);
    expect(put.title).toBe("Locked by your teacher's link");
    const quickstart = (await screen.findByRole("button", { name: "Load JAX's quickstart" }, { timeout: 15_000 })) as HTMLButtonElement;
    expect(quickstart.disabled).toBe(true);
    await act(async () => useStore.getState().setLock(null));
    expect(put.disabled).toBe(false);
    expect(quickstart.disabled).toBe(false);
  });

  it("shows JAX's scalar-output error as a status, and the jnp.sum loss only on request", async () => {
    await renderPanels();
    const status = within(gradPanel()).getAllByRole("status")[0];
    expect(status.textContent).toContain("Gradient only defined for scalar-output functions. Output had shape: (2, 2).");
    // As Python prints it: jax.grad raises a TypeError.
    expect(status.querySelector("pre")?.textContent).toMatch(/^TypeError: Gradient only defined for scalar-output functions\./);
    expect(screen.queryAllByRole("alert")).toHaveLength(0);
    await click("Use jnp.sum(f(…)) as the loss");
    expect(text("Loss function")).toBe("loss = lambda a, b: jnp.sum(a + b)");
    expect((screen.getByLabelText("Function") as HTMLTextAreaElement).value).toBe("lambda a, b: a + b");
    expect(cells("Gradient values")).toEqual([1, 1, 1, 1]);
    expect(text("Per-example gradient code")).toBe("jax.vmap(jax.grad(loss, argnums=0), in_axes=(0, 0))(a, b)");
    expect(text("Per-example gradient shape")).toBe("(2, 2)");
    await click("Put this function in the explorer");
    expect((screen.getByLabelText("Function") as HTMLTextAreaElement).value).toBe("lambda a, b: jnp.sum(a + b)");
    expect(screen.getByLabelText("Output shape").textContent).toBe("(2,)");
    expect(screen.queryByLabelText("Loss function")).toBeNull();
  });

  it("builds the jnp.sum loss on the parsed function, whatever comments and line continuations f has", async () => {
    // Regression: the loss was built by text surgery on f's source, which a
    // `#` comment or a `\` continuation turned into invalid source.
    await renderPanels();
    await change("Function", "lambda a, b: a * \\\n  b  # elementwise\n");
    await click("Use jnp.sum(f(…)) as the loss");
    expect(text("Loss function")).toBe("loss = lambda a, b: jnp.sum(a * b)");
    // d/da sum(a * b) = b = arange(4).reshape(2, 2) * 10 + 100 (the second leaf's unique fill).
    expect((screen.getByLabelText("Function") as HTMLTextAreaElement).value).toContain("# elementwise");
    expect(cells("Gradient values")).toEqual([100, 110, 120, 130]);
    await click("Put this function in the explorer");
    expect((screen.getByLabelText("Function") as HTMLTextAreaElement).value).toBe("lambda a, b: jnp.sum(a * b)");
    expect(screen.getByLabelText("Output shape").textContent).toBe("(2,)");
  });

  it("lists a tuple argument's gradient leaf by leaf", async () => {
    await renderPanels();
    await change("Presets", "tuple-arg");
    await change("Function", "lambda p, x: jnp.sum(p[0] * x + p[1])");
    // x = arange(12).reshape(4, 3) * 10 + 2000 (third leaf: steps of 10 ≥ 3 · 3 cells before it,
    // leaves 1000 apart): d/dp0 = column sums of x, d/dp1 = 4.
    expect(text("Gradient shape")).toBe("((3,), (3,))");
    const colSum = [0, 1, 2].map((j) => [0, 1, 2, 3].reduce((s, i) => s + 2000 + 10 * (3 * i + j), 0));
    expect(cells("Gradient values [0]")).toEqual(colSum);
    expect(cells("Gradient values [1]")).toEqual([4, 4, 4]);
  });
});

describe("jit panel", () => {
  it("shows one dot_general for the matrix-vector preset, and retraces only for new shapes", async () => {
    await renderPanels();
    await change("Presets", "dot");
    expect(text("jit code")).toBe("jax.jit(jax.vmap(f, in_axes=(0, None), out_axes=0))(m, v)");
    const jaxpr = text("jaxpr") ?? "";
    expect(jaxpr).toContain("{ lambda ; a:f32[3,4] b:f32[4]. let");
    expect(jaxpr.match(/dot_general/g)).toHaveLength(1);
    expect(text("Traces")).toBe("1");
    expect(text("Traces after a 2nd call, same shapes")).toBe("1");
    expect(text("Mode")).toBe("compiled");
    // m = arange(12).reshape(3, 4), v = arange(4) * 100 + 1000: out[k] = sum_j m[k, j] v[j].
    const out = [0, 1, 2].map((k) => [0, 1, 2, 3].reduce((s, j) => s + (4 * k + j) * (1000 + 100 * j), 0));
    expect(cells("jit result values", jitPanel())).toEqual(out);
    await change("Shape of m", "(5, 4)");
    expect(text("Traces")).toBe("2");
    expect(text("Cached signatures")).toBe("2");
    await change("Shape of m", "(3, 4)");
    expect(text("Traces")).toBe("2");
    expect(within(jitPanel()).getByText(/no trace: these shapes were cached/)).toBeTruthy();
    // The trace and compile times shown are the first trace's, and say so.
    expect(within(jitPanel()).getAllByText("when these shapes were first traced")).toHaveLength(2);
  });

  it("under jax.pmap says that it jits the call mapped with jax.vmap", async () => {
    await renderPanels();
    await act(async () => useStore.getState().setMapWith("pmap"));
    await waitFor(() => expect(within(jitPanel()).getByText(/maps with/).textContent).toBe("The call line maps with jax.pmap, which compiles f itself (pmap implies jit); this panel jits the same call mapped with jax.vmap."));
    expect(text("jit code")).toBe("jax.jit(jax.vmap(f, in_axes=(0, 0), out_axes=0))(a, b)");
  });

  it("a snapshot shown again by Undo after other shapes were traced reads as jit has it: cached, with the traces so far", async () => {
    await renderPanels();
    await change("Presets", "dot");
    expect(text("Traces")).toBe("1");
    await change("Shape of m", "(5, 4)");
    expect(text("Traces")).toBe("2");
    // Undo: the (3, 4) snapshot itself, first reported as "traced now" with 1 trace.
    await act(async () => useStore.getState().undo());
    // The panels follow the explorer after its frame (usePanelInputs.ts).
    await waitFor(() => expect(within(jitPanel()).getByText(/no trace: these shapes were cached/)).toBeTruthy());
    expect(text("Traces")).toBe("2");
    expect(text("Cached signatures")).toBe("2");
    // Nothing new traced in between: Redo to (5, 4), Undo to (3, 4) again, both cached.
    await act(async () => useStore.getState().redo());
    await waitFor(() => expect(text("jit result shape")).toBe("(5,)"));
    expect(within(jitPanel()).getByText(/no trace: these shapes were cached/)).toBeTruthy();
    await act(async () => useStore.getState().undo());
    await waitFor(() => expect(text("jit result shape")).toBe("(3,)"));
    expect(within(jitPanel()).getByText(/no trace: these shapes were cached/)).toBeTruthy();
    expect(text("Traces")).toBe("2");
  });

  it("keeps the call's parameters and says Python's error when f names what jnp does not have; grad says the function has an error", async () => {
    await renderPanels();
    await change("Function", "lambda x: jnp.foo(x)");
    expect(text("jit code")).toBe("jax.jit(jax.vmap(f, in_axes=(0,), out_axes=0))(x)");
    const jitPanel = document.querySelector(".jit-panel") as HTMLElement;
    expect(within(jitPanel).getAllByRole("status")[0].textContent).toContain("AttributeError: module 'jax.numpy' has no attribute 'foo'");
    const gradPanel = document.querySelector(".grad-panel") as HTMLElement;
    expect(within(gradPanel).getByRole("status").textContent).toBe("The function above has an error (shown with it); its gradient shows here once it is fixed.");
    expect(jitPanel.querySelector(".tas")?.textContent).toContain("The call is timed across sizes once the function above works.");
    await change("Function", "lambda x: jnp.sum(x");
    expect(within(document.querySelector(".grad-panel") as HTMLElement).getByRole("status").textContent).toContain("does not parse yet");
  });

  it("runs interpreted, with the same numbers, where generated code is not allowed", async () => {
    setCodegenAllowed(false);
    await renderPanels();
    await change("Presets", "dot");
    expect(text("Mode")).toBe("interpreted");
    expect(within(jitPanel()).getByText(/Content-Security-Policy forbids eval/)).toBeTruthy();
    expect(within(jitPanel()).getByText(/None: the program is interpreted/)).toBeTruthy();
    const out = [0, 1, 2].map((k) => [0, 1, 2, 3].reduce((s, j) => s + (4 * k + j) * (1000 + 100 * j), 0));
    expect(cells("jit result values", jitPanel())).toEqual(out);
  });

  it("times the cached jitted call against the eager vmap call", async () => {
    await renderPanels();
    fireEvent.click(within(jitPanel()).getByRole("button", { name: "Time it" }));
    const table = await within(jitPanel()).findByRole("table", { name: "Timings" }, { timeout: 10_000 });
    const rows = within(table).getAllByRole("row").map((r) => r.textContent ?? "");
    expect(rows[0]).toMatch(/^jit \(cached call\)[\d.]+ (µs|ms)$/);
    expect(rows[1]).toMatch(/^eager vmap[\d.]+ (µs|ms)$/);
    expect(rows[2]).toMatch(/jit is [\d.]+× (faster|slower)/);
  });
});

describe("timeIt", () => {
  it("takes medians per call, repeating fast calls, and yields to the page between slices", async () => {
    let t = 0;
    let pauses = 0;
    // A fake clock: each jitted call costs 0.01 ms, each eager call 0.05 ms.
    const r = await timeIt(
      () => (t += 0.01),
      () => (t += 0.05),
      { samples: 10, sampleMs: 1, sliceMs: 5, now: () => t, pause: async () => void pauses++ },
    );
    expect(r.samples).toBe(10);
    expect(r.jitMs).toBeCloseTo(0.01, 6);
    expect(r.eagerMs).toBeCloseTo(0.05, 6);
    expect(r.ratio).toBeCloseTo(5, 4);
    expect(pauses).toBeGreaterThan(0);
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });

  it("stops at the time budget after a few samples", async () => {
    let t = 0;
    const r = await timeIt(() => (t += 100), () => (t += 100), { samples: 30, budgetMs: 1000, now: () => t, pause: async () => {} });
    expect(r.samples).toBeLessThan(30);
    expect(r.samples).toBeGreaterThanOrEqual(3);
  });
});
