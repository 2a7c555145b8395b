// @vitest-environment jsdom
// The explorer driven by role and label, as a person would: in_axes, out_axes, shapes and the
// function update the output shape and grids; every error kind shows JAX's words and keeps the
// input; the URL round-trips. Expected values are worked out by hand or with plain index loops.
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { renderApp } from "./renderApp";
import { useStore } from "../../app/state/store";
import { syncUrl } from "../../app/state/urlSync";
import { App } from "../../app/App";
import { render } from "@testing-library/react";
import { typeInto } from "./typeInto";
import { besideCaughtUp } from "../helpers/beside";

afterEach(() => cleanup());

const outShape = () => screen.getByLabelText("Output shape").textContent;
const pick = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const type = (label: string, value: string) => typeInto(label, value);
/** The texts drawn in a grid's cells, in row-major order (full texts: each cell's tooltip). */
function gridTexts(name: RegExp): string[] {
  const svg = screen.getByRole("img", { name });
  return [...svg.querySelectorAll("g.cell")]
    .sort((x, y) => Number(x.getAttribute("data-i")) - Number(y.getAttribute("data-i")))
    .map((g) => g.querySelector("text")?.textContent ?? "");
}
/** Each cell's whole text (its tooltip, `a₀₁ + b₁₀ = 121.0`, without the value), in row-major order. */
function gridTitles(name: RegExp): string[] {
  const svg = screen.getByRole("img", { name });
  return [...svg.querySelectorAll("g.cell")]
    .sort((x, y) => Number(x.getAttribute("data-i")) - Number(y.getAttribute("data-i")))
    .map((g) => (g.querySelector("title")?.textContent ?? "").split(" = ")[0]);
}
/** The numbers drawn in a grid, in row-major order. */
const gridValues = (name: RegExp): number[] => gridTexts(name).map(Number);
/** Every argument shown by numbers (the "unique" fill) rather than by symbols. */
const numbers = (...params: string[]) => params.forEach((p) => pick(`Fill of ${p}`, "unique"));

describe("explorer", () => {
  it("starts with the blog's 2×2 add and follows in_axes and out_axes", async () => {
    renderApp();
    expect((screen.getByLabelText("Function") as HTMLTextAreaElement).value).toBe("lambda a, b: a + b");
    expect(outShape()).toBe("(2, 2)");
    // Small arguments start with symbols: each output cell says which cells it added.
    expect(gridTexts(/^Argument b/)).toEqual(["b₀₀", "b₀₁", "b₁₀", "b₁₁"]);
    // The expressions arrive with the expression writer (loaded when first needed).
    await waitFor(() => expect(gridTexts(/^Output out/)).toEqual(["a₀₀ + b₀₀", "a₀₁ + b₀₁", "a₁₀ + b₁₀", "a₁₁ + b₁₁"]));
    pick("in_axes for b", "1");
    // out[k, m] = a[k, m] + b[m, k]
    // The expressions arrive with the expression writer (loaded when first needed).
    await waitFor(() => expect(gridTexts(/^Output out/)).toEqual(["a₀₀ + b₀₀", "a₀₁ + b₁₀", "a₁₀ + b₀₁", "a₁₁ + b₁₁"]));
    pick("in_axes for b", "0");

    numbers("a", "b");
    expect(gridValues(/^Output out/)).toEqual([100, 111, 122, 133]);
    pick("in_axes for a", "None");
    expect(outShape()).toBe("(2, 2, 2)");
    // out[k, i, j] = a[i, j] + b[k, j] with a = arange(4).reshape(2, 2), b = arange(4).reshape(2, 2) * 10 + 100
    const a = (i: number, j: number) => 2 * i + j;
    const b = (i: number, j: number) => 100 + 10 * (2 * i + j);
    const want0: number[] = [];
    for (let k = 0; k < 2; k++) for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) want0.push(a(i, j) + b(k, j));
    expect(gridValues(/^Output out/)).toEqual(want0);

    pick("out_axes", "2");
    expect(outShape()).toBe("(2, 2, 2)");
    // out_axes 2: out[i, j, k] = a[i, j] + b[k, j]
    const want2: number[] = [];
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) for (let k = 0; k < 2; k++) want2.push(a(i, j) + b(k, j));
    expect(gridValues(/^Output out/)).toEqual(want2);
    expect(screen.getByRole("img", { name: /^Output out/ }).getAttribute("aria-label")).toContain("stacked along axis 2");
  });

  it("follows shape and function edits; the arguments follow the parameters", async () => {
    renderApp();
    type("Shape of a", "(3, 2)");
    type("Shape of b", "(3, 2)");
    expect(outShape()).toBe("(3, 2)");
    expect(screen.getByRole("img", { name: /^Argument a/ }).querySelectorAll("g.cell")).toHaveLength(6);

    type("Function", "lambda a, b: jnp.sum(a * b)");
    expect(outShape()).toBe("(3,)");
    // The expressions arrive with the expression writer (loaded when first needed).
    await waitFor(() => expect(gridTitles(/^Output out/)[1]).toBe("a₁₀·b₁₀ + a₁₁·b₁₁"));
    numbers("a", "b");
    // out[k] = sum_j a[k, j] * b[k, j], a = arange(6).reshape(3, 2), b = arange(6).reshape(3, 2) * 10 + 100
    const want = [0, 1, 2].map((k) => [0, 1].reduce((s, j) => s + (2 * k + j) * (100 + 10 * (2 * k + j)), 0));
    expect(gridValues(/^Output out/)).toEqual(want);

    type("Function", "lambda x: x * 2.0");
    expect(screen.getByLabelText("Shape of x")).toBeTruthy();
    expect(screen.queryByLabelText("Shape of b")).toBeNull();
    expect(screen.getByLabelText("in_axes for x")).toBeTruthy();
    expect(outShape()).toBe("(2, 2)");
    // The hint names the parameter there is, and an in_axes it does not have yet.
    const hint = () => document.querySelector(".tagline")?.textContent;
    expect(hint()).toContain("set in_axes for x to None");
    pick("in_axes for x", "None");
    expect(hint()).toContain("set in_axes for x to 0");
  });

  it("edits each leaf of a tuple argument, with nested in_axes", async () => {
    renderApp();
    pick("Presets", "tuple-arg");
    expect(outShape()).toBe("(4, 3)");
    expect((screen.getByLabelText("in_axes entry for p[0]") as HTMLSelectElement).value).toBe("None");
    type("Part p[0] shape", "(4, 3)");
    pick("in_axes entry for p[0]", "0");
    // p[0] mapped too: out[k, j] = p0[k, j] * x[k, j] + p1[j]
    expect(outShape()).toBe("(4, 3)");
    // The expressions arrive with the expression writer (loaded when first needed).
    await waitFor(() => expect(gridTitles(/^Output out/)[4]).toBe("p[0]₁₁·x₁₁ + p[1]₁"));
    numbers("p", "x");
    const want: number[] = [];
    for (let k = 0; k < 4; k++) for (let j = 0; j < 3; j++) want.push((3 * k + j) * (20000 + 100 * (3 * k + j)) + (10000 + 100 * j));
    // leaves: p[0] (12 cells) from 0 in steps of 1, p[1] (3) in steps of 100 (≥ 12), x (12) in
    // steps of 100 (≥ 12 · 3 = 36); x spans 1200, so the leaves start 10000 apart
    expect(screen.getByRole("img", { name: /^Output out/ }).querySelectorAll("g.cell")).toHaveLength(12);
    expect(gridValues(/^Output out/)).toEqual(want);
  });

  const errorCases: { name: string; setup: () => void; message: string; kind: string; kept?: [string, string] }[] = [
    { name: "syntax", setup: () => type("Function", "lambda a, b: a +"), kind: "syntax", message: "", kept: ["Function", "lambda a, b: a +"] },
    { name: "unsupported name", setup: () => type("Function", "lambda a, b: jnp.foo(a)"), kind: "unsupported", message: "foo", kept: ["Function", "lambda a, b: jnp.foo(a)"] },
    {
      name: "shape error inside f",
      setup: () => type("Shape of a", "(2, 3)"),
      kind: "shape-error",
      message: "add got incompatible shapes for broadcasting: (3,), (2,).",
      kept: ["Shape of a", "(2, 3)"],
    },
    {
      name: "inconsistent sizes",
      setup: () => type("Shape of b", "(3, 2)"),
      kind: "inconsistent-sizes",
      message:
        "vmap got inconsistent sizes for array axes to be mapped:\n  * one axis had size 2: axis 0 of argument a of type float32[2,2];\n  * one axis had size 3: axis 0 of argument b of type float32[3,2]",
      kept: ["Shape of b", "(3, 2)"],
    },
    {
      name: "in_axes out of bounds",
      setup: () => {
        pick("in_axes for a", "1");
        type("Shape of a", "(2,)");
      },
      kind: "axis-out-of-bounds",
      message: "vmap was requested to map its argument along axis 1, which implies that its rank should be at least 2, but is only 1 (its shape is (2,))",
      kept: ["Shape of a", "(2,)"],
    },
    { name: "out_axes out of bounds", setup: () => pick("out_axes", "2"), kind: "axis-out-of-bounds", message: "axis 2 is out of bounds for array of dimension 2" },
    {
      name: "nothing mapped",
      setup: () => {
        pick("in_axes for a", "None");
        pick("in_axes for b", "None");
      },
      kind: "no-mapped-axis",
      message: "vmap must have at least one non-None value in in_axes or axis_size must be specified",
    },
    {
      name: "in_axes structure",
      setup: () => {
        pick("Presets", "tuple-arg");
        type("Shape of p", "(3,)");
      },
      kind: "in-axes-structure",
      message: "vmap in_axes specification must be a tree prefix of the corresponding value",
      kept: ["Shape of p", "(3,)"],
    },
    { name: "mapped output with None", setup: () => pick("out_axes", "None"), kind: "mapped-output-none", message: "at vmap out_axes, got axis spec None but output was batched on axis 0" },
    { name: "too large", setup: () => type("Shape of a", "(10000, 10000)"), kind: "too-large", message: "10,000,000", kept: ["Shape of a", "(10000, 10000)"] },
  ];

  for (const c of errorCases) {
    it(`shows JAX's message for ${c.name} and keeps the input and the last good picture`, () => {
      renderApp();
      act(() => c.setup());
      const alert = screen.getByRole("alert");
      expect(alert.getAttribute("data-kind")).toBe(c.kind);
      expect(within(alert).getByText((_, el) => el?.tagName === "PRE" && (el.textContent ?? "").includes(c.message))).toBeTruthy();
      if (c.kept) expect((screen.getByLabelText(c.kept[0]) as HTMLInputElement).value).toBe(c.kept[1]);
      expect(screen.getByLabelText("Output shape").getAttribute("data-stale")).toBe("true");
      expect(screen.getAllByRole("alert")).toHaveLength(1);
      // The picture kept is said to be the last good one in words, in the caption too (not "All B results are stacked").
      expect(screen.getByLabelText("Output shape").parentElement?.textContent).toContain("(last good result, before the error)");
      expect(document.querySelector(".caption")?.textContent).toContain("This call fails");
    });
  }

  it("lets axis_size rescue an all-None call, and undo brings the state back", () => {
    renderApp();
    pick("in_axes for a", "None");
    pick("in_axes for b", "None");
    type("axis_size", "3");
    expect(outShape()).toBe("(3, 2, 2)");
    expect(screen.queryByRole("alert")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Undo" }));
    expect(screen.getByRole("alert")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Undo" }));
    fireEvent.click(screen.getByRole("button", { name: "Undo" }));
    expect(outShape()).toBe("(2, 2)");
    fireEvent.keyDown(window, { key: "Z", ctrlKey: true, shiftKey: true });
    expect((screen.getByLabelText("in_axes for a") as HTMLSelectElement).value).toBe("None");
  });

  it("round-trips the URL: a permalink restores the exact view", () => {
    renderApp();
    const stop = syncUrl(useStore, window);
    // A small preset keeps this quick; what it checks is the same: a preset, a changed shape
    // and a negative out_axes all come back from the link. outer(u[k], v[k]) with u (2, 4),
    // v (2, 2): per example (4, 2); out_axes -2 puts B in the middle.
    pick("Presets", "outer");
    type("Shape of u", "(2, 4)");
    pick("out_axes", "-2");
    expect(outShape()).toBe("(4, 2, 2)");
    // The URL is written once changes pause (urlSync.ts URL_QUIET_MS); stopping the sync writes the last change.
    stop();
    const hash = window.location.hash;
    cleanup();
    useStore.getState().loadPreset("add");
    window.location.hash = hash;
    const stop2 = syncUrl(useStore, window);
    render(<App />);
    expect(outShape()).toBe("(4, 2, 2)");
    expect((screen.getByLabelText("Shape of u") as HTMLInputElement).value).toBe("(2, 4)");
    expect((screen.getByLabelText("out_axes") as HTMLSelectElement).value).toBe("-2");
    expect((screen.getByLabelText("Function") as HTMLTextAreaElement).value).toBe("lambda u, v: jnp.outer(u, v)");
    stop2();
  });

  it("shows the runnable Python and the out_axes table for the state", async () => {
    renderApp();
    pick("in_axes for a", "None");
    await besideCaughtUp();
    const code = screen.getByTestId("python-code").textContent!;
    expect(code).toContain("out = jax.vmap(f, in_axes=(None, 0), out_axes=0)(a, b)");
    const table = screen.getByRole("region", { name: "Where the batch axis can go" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining("0 / -3"),
      expect.stringContaining("1 / -2"),
      expect.stringContaining("2 / -1"),
    ]);
    expect(rows[0].getAttribute("aria-current")).toBe("true");
  });
});

describe("the error reads as Python prints it", () => {
  it("shows the exception class before JAX's message", () => {
    renderApp();
    act(() => {
      type("Shape of a", "(2, 3)");
      type("Shape of b", "(2, 4)");
    });
    // Per example, (3,) + (4,): lax's same-rank broadcasting failure is a TypeError.
    expect(screen.getByRole("alert").querySelector("pre")?.textContent).toBe("TypeError: add got incompatible shapes for broadcasting: (3,), (4,).");
    act(() => type("Function", "lambda a, b: a + jnp.stack([b, b])"));
    expect(screen.getByRole("alert").querySelector("pre")?.textContent).toBe("ValueError: Incompatible shapes for broadcasting: shapes=[(3,), (2, 4)]");
  });
});
