// @vitest-environment jsdom
// "Ways to batch" in the jit panel: the four programs with their code and jaxpr sizes, timed (in
// process here: jsdom has no Worker) into a bar chart with a tick per result equal to vmap's; the
// quickstart button loads JAX's quickstart, whose hand batching is jnp.dot(v, mat.T).
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { renderApp } from "./renderApp";
import { resetJitCaches } from "../../app/panels/jit/jitModel";

afterEach(cleanup);

const section = () => screen.getByRole("heading", { name: "Ways to batch" }).closest("section")!;
const item = (way: string) => section().querySelector(`.ways-item[data-way="${way}"]`)!;

describe("Ways to batch", () => {
  it("shows the four ways of the blog's add, times them, and ticks every result", async () => {
    resetJitCaches();
    renderApp();
    await screen.findByRole("heading", { name: "Ways to batch" }, { timeout: 15_000 });
    expect(within(section()).getByLabelText("Naive loop code").textContent).toBe("outs = [f(a[i], b[i]) for i in range(2)]\nout = jnp.stack(outs, axis=0)");
    expect(within(section()).getByLabelText("By hand code").textContent).toBe("out = f(a, b)");
    expect(within(section()).getByLabelText("vmap(f) code").textContent).toBe("out = jax.vmap(f, in_axes=(0, 0), out_axes=0)(a, b)");
    expect(item("vmap").querySelector("h4")!.textContent).toContain("jaxpr: 1 equation");
    // The loop: per slice a slice and a squeeze of each argument, the add and a new axis; then one concatenate.
    expect(item("loop").querySelector("h4")!.textContent).toContain("jaxpr: 13 equations");
    fireEvent.click(within(section()).getByRole("button", { name: "Time the ways" }));
    await waitFor(() => expect(section().querySelectorAll(".ways-bar")).toHaveLength(4), { timeout: 30_000 });
    expect([...section().querySelectorAll(".ways-check.ok")].length).toBe(3);
    expect(section().querySelectorAll(".ways-check.bad")).toHaveLength(0);
    expect(section().querySelectorAll(".ways-dot.warmup")).toHaveLength(4);
  }, 60_000);

  it("says 'none' where no hand batching is known, and loads the quickstart", async () => {
    resetJitCaches();
    renderApp();
    await screen.findByRole("heading", { name: "Ways to batch" }, { timeout: 15_000 });
    await act(async () => fireEvent.click(within(section()).getByRole("button", { name: "Load JAX's quickstart" })));
    await waitFor(() => expect(within(section()).getByLabelText("By hand code").textContent).toBe("out = jnp.dot(v, mat.T)"), { timeout: 15_000 });
    expect(within(section()).getByLabelText("selu, eager and jit code").textContent).toContain("selu_jit = jax.jit(selu)");
    expect(within(section()).queryByRole("button", { name: "Load JAX's quickstart" })).toBeNull();
  }, 60_000);
});
