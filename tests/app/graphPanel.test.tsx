// @vitest-environment jsdom
// "The computation graph" in the grad panel: for a small MLP loss the step control walks the
// forward pass (each value appears, equal to the value computed directly) and the backward pass
// (each cotangent appears), ending with the inputs' cotangents equal to jax.grad's; argnums
// changes which input is differentiated; a non-scalar output gets JAX's error and a loss choice.
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { renderApp } from "./renderApp";
import { grad, jnp, np, parseLambda, type NDArray } from "../../engine/index";
import { fmt } from "../../app/panels/format";
import { selectGraph } from "../../app/panels/graph/graphModel";
import { brief } from "../../app/panels/graph/graphSteps";
import { selectGradReport } from "../../app/panels/grad/gradModel";
import { vmapCall } from "../../app/state/engineBridge";
import { useStore } from "../../app/state/store";
import { explorerOf, leaf } from "../../app/state/explorerTypes";
import { typeInto } from "./typeInto";

afterEach(cleanup);

async function settle() {
  await act(() => new Promise<void>((r) => setTimeout(r, 40)));
  await waitFor(() => expect(document.querySelector('.panel[aria-busy="true"]')).toBeNull(), { timeout: 5000 });
}
async function start(fn: string) {
  selectGraph.reset();
  selectGradReport.reset();
  useStore.getState().setGraphLoss("f");
  renderApp();
  await screen.findByRole("heading", { name: "The computation graph" }, { timeout: 10_000 });
  typeInto("Function", fn);
  await settle();
}
const section = () => screen.getByRole("heading", { name: "The computation graph" }).closest("section")!;
const steps = () => within(section()).getByLabelText("Step") as HTMLInputElement;
const goTo = (k: number) => fireEvent.change(steps(), { target: { value: String(k) } });
const ctOf = (name: string) => section().querySelector(`.cg-node [data-ct="${name}"]`)?.textContent ?? null;
const argsNow = () => {
  const call = vmapCall(useStore.getState().explorer);
  if (!call.args.ok) throw new Error("no args");
  return call.args.values as NDArray[];
};
const flat = (x: NDArray) => ({ shape: [...x.shape], data: x.dense(), dtype: x.dtype });

const MLP = "lambda w, x: jnp.mean(jnp.tanh(x @ w) ** 2)";

describe("The computation graph", () => {
  it("walks an MLP loss forward (values appear) and backward (cotangents appear, ending at grad)", async () => {
    await start(MLP);
    const f = parseLambda(MLP);
    const [w, x] = argsNow();
    const total = Number(steps().max) + 1;
    const nodes = section().querySelectorAll(".cg-node.cg-eqn");
    const prims = [...nodes].map((n) => n.textContent);
    expect(prims).toEqual(["dot_general", "tanh", "integer_pow", "reduce_sum", "div"]);
    // Forward: at step 0 only the inputs' values are shown; at step 2 (after tanh) tanh's value is.
    const shownValues = () => [...section().querySelectorAll<SVGElement>("[data-value]")].map((t) => t.dataset.value);
    goTo(0);
    expect(new Set(shownValues())).toEqual(new Set(["a", "b"]));
    goTo(2);
    expect(new Set(shownValues())).toEqual(new Set(["a", "b", "c", "d"]));
    const tanhEdge = [...section().querySelectorAll<SVGGElement>(".cg-edge")].find((g) => g.querySelector("[data-value]") && g.classList.contains("fresh"))!;
    expect(tanhEdge.querySelector("[data-value]")!.textContent).toBe(`= ${brief(flat(jnp.tanh(jnp.matmul(x, w)) as NDArray))}`);
    expect(within(section()).getByLabelText("Step caption").textContent).toMatch(/^Forward 2\/5: .*tanh/);
    // Backward: the first step is the last equation's rule; cotangents appear only from there.
    goTo(5);
    expect(section().querySelectorAll("[data-ct]").length).toBe(0);
    goTo(6);
    expect(within(section()).getByLabelText("Step caption").textContent).toMatch(/^Backward 1\/5: the VJP rule of div/);
    expect(section().querySelectorAll("[data-ct]").length).toBeGreaterThan(0);
    // The end: w's cotangent is jax.grad(f)(w, x); x is not differentiated.
    goTo(total - 1);
    expect(ctOf("a")).toBe(`ct ${brief(flat(grad(f)(w, x) as NDArray))}`);
    expect(ctOf("b")).toBeNull();
    expect(within(section()).getByLabelText("Step caption").textContent).toMatch(/^Gradients: ∂loss\/∂w \(a\) = /);
    // Per-example gradients, row k beside example k's slice: a loop of grad over the examples.
    const table = within(section()).getByRole("table", { name: "Per-example gradients beside the data" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    const short = (xs: ArrayLike<number>) => Array.from(xs, (v) => fmt(v, "float32")).join(", ");
    rows.forEach((row, k) => {
      const wk = np.array((w.tolist() as number[][][])[k]);
      const xk = np.array((x.tolist() as number[][][])[k]);
      const cells = within(row).getAllByRole("cell").map((c) => c.textContent);
      expect(cells).toEqual([short(wk.flat()), short((grad(f)(wk, xk) as NDArray).flat())]);
    });
  }, 30_000);

  it("argnums=1 differentiates x instead", async () => {
    await start(MLP);
    fireEvent.change(screen.getByLabelText("argnums"), { target: { value: "1" } });
    await settle();
    const [w, x] = argsNow();
    goTo(Number(steps().max));
    expect(ctOf("b")).toBe(`ct ${brief(flat(grad(parseLambda(MLP), { argnums: 1 })(w, x) as NDArray))}`);
    expect(ctOf("a")).toBeNull();
    expect(section().querySelector('[data-node="in:b"]')!.classList.contains("differentiated")).toBe(true);
  }, 30_000);

  it("a non-scalar output: JAX's error, then a loss chosen and said", async () => {
    await start("lambda a, b: a * b");
    const status = within(section()).getByRole("status");
    expect(status.textContent).toMatch(/^TypeError: Gradient only defined for scalar-output functions\. Output had shape: \(2, 2\)\./);
    expect(within(section()).getByRole("group", { name: "Loss" }).textContent).toMatch(/not a scalar/);
    fireEvent.click(within(section()).getByRole("button", { name: "mean" }));
    await settle();
    expect(within(section()).getByLabelText("Graph loss function").textContent).toBe("loss = lambda a, b: jnp.mean(a * b)");
    const [, b] = argsNow();
    goTo(Number(steps().max));
    // d/da mean(a * b) = b / 4.
    const want = Array.from(b.flat()).map((v) => v / 4);
    expect(ctOf("a")).toBe(`ct ${brief({ shape: [2, 2], data: Float64Array.from(want), dtype: "float32" })}`);
    fireEvent.click(within(section()).getByRole("button", { name: "squared norm" }));
    await settle();
    expect(within(section()).getByLabelText("Graph loss function").textContent).toBe("loss = lambda a, b: jnp.sum(jnp.square(a * b))");
  }, 30_000);

  it("with the panel's jnp.sum switch on, the graph says it follows it, or that its own loss is another", async () => {
    await start("lambda a, b: a * b");
    await act(async () => useStore.getState().setGradSumLoss(true));
    await settle();
    const group = () => within(section()).getByRole("group", { name: "Loss" }).textContent;
    expect(group()).toMatch(/^The graph uses the panel's loss, jnp\.sum; choose another for the graph alone:/);
    fireEvent.click(within(section()).getByRole("button", { name: "squared norm" }));
    await settle();
    expect(group()).toMatch(/^The graph's own loss \(the gradients above use jnp\.sum, the panel's\); press it again to follow the panel:/);
    fireEvent.click(within(section()).getByRole("button", { name: "squared norm" }));
    await settle();
    expect(group()).toMatch(/^The graph uses the panel's loss/);
  }, 30_000);

  it("a function that fails: the explorer's own error, and the other sections keep working", async () => {
    await start("lambda a, b: jnp.sum(jnp.dot(a, jnp.concatenate([b, b])))");
    const status = within(section()).getByRole("status").textContent!;
    expect(status).toMatch(/^TypeError: dot_general requires contracting dimensions to have the same shape/);
    expect(screen.getByRole("alert").textContent).toContain(status);
    expect(screen.getByRole("heading", { name: "Time against size" })).toBeTruthy();
    typeInto("Function", "lambda a, b: jnp.sum(a * b)");
    await settle();
    expect(within(section()).queryByRole("status")).toBeNull();
    expect(section().querySelectorAll(".cg-node.cg-eqn").length).toBeGreaterThan(0);
  }, 30_000);

  it("a call past the page's budget: a note, not an error, and nothing runs long", async () => {
    await start(MLP);
    act(() => useStore.getState().loadExplorer(explorerOf("lambda a, b: jnp.sum(a @ b)", [["a", leaf(8, 200, 200), 0], ["b", leaf(200, 200), null]], 0)));
    await settle();
    const status = within(section()).getByRole("status");
    expect(status.textContent).toMatch(/^This call is too big to step through on the page/);
    expect(section().textContent).not.toMatch(/Error:/);
  }, 30_000);
});
