// @vitest-environment jsdom
// The engine is the one source of what is drawn: input grids show the mapped axis vmap itself
// uses (nested tuples), errors sit where the engine says they belong, the parameters come from
// the engine's parser, and views are pure functions of the store (no state shared by stores).
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, screen } from "@testing-library/react";
import { renderApp } from "./renderApp";
import { createAppStore, useStore } from "../../app/state/store";
import { decodeExplorer } from "../../app/state/urlState";
import { selectView } from "../../app/state/selectors";
import { vmapCall } from "../../app/state/engineBridge";
import { selectGradReport } from "../../app/panels/grad/gradModel";
import { selectJitReport } from "../../app/panels/jit/jitModel";
import type { ExplorerState } from "../../app/state/explorerTypes";
import { typeInto } from "./typeInto";

afterEach(() => cleanup());

const outShape = () => screen.getByLabelText("Output shape").textContent;
const type = (label: string, value: string) => typeInto(label, value);

/** A state from a permalink (independent of how the store keeps per-parameter state). */
function stateOf(hash: string): ExplorerState {
  const r = decodeExplorer(hash);
  if (!r.ok) throw new Error(r.notice);
  return r.state;
}

const enc = encodeURIComponent;
// Defect 3: p = ((3,), ((3,), (3,))) with in_axes (None, (0, 0)) for lambda q, p.
const NESTED = `f=${enc("lambda q, p: q + p[0] + p[1][0] * p[1][1]")}&shape.q=${enc("(3,)")}&shape.p=${enc("((3,), ((3,), (3,)))")}&in.q=None&in.p=${enc("(0, 0)")}&out=0`;

describe("input grids draw the engine's plan", () => {
  it("draws every leaf a prefix entry covers as mapped, as vmap maps it (nested tuple argument)", () => {
    renderApp();
    act(() => useStore.getState().loadExplorer(stateOf(NESTED)));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(outShape()).toBe("(3, 3)");
    for (const name of ["p[0]", "p[1][0]", "p[1][1]"]) {
      const grid = screen.getByRole("img", { name: new RegExp(`^Argument ${name.replace(/[[\]]/g, "\\$&")},`) });
      // The link names no fill: small arguments show symbols, and the grid's name lists them.
      expect(grid.getAttribute("aria-label"), name).toBe(`Argument ${name}, shape (3,), mapped along axis 0: ${name}₀, ${name}₁, ${name}₂`);
    }
    expect(screen.getByRole("img", { name: /^Argument q,/ }).getAttribute("aria-label")).toBe("Argument q, shape (3,), not mapped: q₀, q₁, q₂");
  });

  it("keeps drawing the arguments the header names while the body does not parse", () => {
    renderApp();
    act(() => useStore.getState().loadExplorer(stateOf(NESTED)));
    // A ':' inside the body (a slice) made no difference to the old reader; a comment did.
    type("Function", "lambda q, # the query: and\n p: q[:] + (");
    expect(screen.getByRole("alert").getAttribute("data-place")).toBe("function");
    expect(screen.getAllByRole("img", { name: /^Argument / }).map((g) => g.getAttribute("aria-label")?.split(",")[0])).toEqual([
      "Argument q",
      "Argument p[0]",
      "Argument p[1][0]",
      "Argument p[1][1]",
    ]);
  });
});

describe("errors are placed by the engine's `where`", () => {
  const cases: [string, string, string][] = [
    // An inner jax.vmap's in_axes mistake is a mistake in f's text, not in the outer in_axes.
    ["inner vmap's in_axes", "lambda a, b: jax.vmap(jnp.add, in_axes=(0, 2))(a, b)", "function"],
    ["inner vmap's out_axes", "lambda a, b: jax.vmap(jnp.add, out_axes=5)(a, b)", "function"],
    ["shape error inside f", "lambda a, b: a @ jnp.ones((3, 3))", "function"],
  ];
  it.each(cases)("%s", (_name, src, place) => {
    renderApp();
    type("Function", src);
    expect(screen.getByRole("alert").getAttribute("data-place")).toBe(place);
  });

  it("shows an error raised while f runs under the call line, and one the parser places in the text under the field", () => {
    renderApp();
    const callLine = () => screen.getByLabelText("in_axes for a").closest("form")!;
    const field = () => screen.getByLabelText("Function").closest("form")!;
    type("Function", "lambda a, b: a @ jnp.ones((3, 3))");
    const run = screen.getByRole("alert");
    expect(run.getAttribute("data-place")).toBe("function");
    expect(callLine().compareDocumentPosition(run) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    type("Function", "lambda a, b: a +");
    const text = screen.getByRole("alert");
    expect(text.getAttribute("data-place")).toBe("function");
    expect(field().compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(text.compareDocumentPosition(callLine()) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("puts a too-large argument at the shapes and an in_axes rank error at in_axes", () => {
    renderApp();
    type("Shape of a", "(10000, 10000)");
    expect(screen.getByRole("alert").getAttribute("data-place")).toBe("shape");
    type("Shape of a", "(2, 2)");
    fireEvent.change(screen.getByLabelText("in_axes for a"), { target: { value: "1" } });
    expect(screen.queryByRole("alert")).toBeNull();
    type("Shape of a", "(2,)");
    expect(screen.getByRole("alert").getAttribute("data-place")).toBe("in_axes");
  });
});

describe("views are pure functions of the store", () => {
  const viewOf = (st: ReturnType<typeof createAppStore>) => selectView(st.getState().explorer, st.getState().lastGood);

  it("shows each store's own last good picture while an error shows", () => {
    const a = createAppStore();
    const b = createAppStore();
    a.getState().loadPreset("dot");
    expect(viewOf(a).shown?.outputs[0].shape).toEqual([3]);
    b.getState().setFnSource("lambda a, b: a +");
    const v = viewOf(b);
    expect(v.stale).toBe(true);
    // b's last good state is its own default 2×2 add, whatever another store computed.
    expect(v.shown?.outputs[0].shape).toEqual([2, 2]);
    expect(v.params).toEqual(["a", "b"]);
    // And the same inputs give the same view, in any order.
    viewOf(a);
    expect(viewOf(b)).toBe(v);
  });
});

describe("one vmap call for the explorer and the panels", () => {
  it("the panels run the explorer's call: the same function, arrays and axes", () => {
    const s = stateOf(NESTED);
    const call = vmapCall(s);
    expect(call.args.ok).toBe(true);
    const jit = selectJitReport(s, undefined);
    const explorer = selectView(s, null);
    expect(jit.ok && jit.run.out.map((l) => l.shape)).toEqual([explorer.shown?.outputs[0].shape]);
    const grad = selectGradReport(s, { argnums: 0, sumLoss: true });
    // d/dq sum(q + p0 + p10 * p11) with q unmapped and 3 examples: 3 per element.
    expect(grad.perExample.ok).toBe(true);
    expect(grad.perExampleCode).toContain("in_axes=(None, (0, 0))");
  });
});
