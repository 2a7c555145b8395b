// @vitest-environment jsdom
// Embedded playgrounds side by side, as on a blog page with several <vmap-playground>s: each
// runs on its own store, so editing one changes only its own picture, and none touches the main
// app's store or the page's URL. The chosen controls and panels are what shows.
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, render, within } from "@testing-library/react";
import { EmbedView } from "../../../app/embed/EmbedView";
import { readAttributes, type EmbedOptions } from "../../../app/embed/options";
import { appStore, createAppStore, loadState, resetStore } from "../../../app/state/store";
import { encodeExplorer } from "../../../app/state/urlState";

afterEach(() => cleanup());

function embed(attrs: Record<string, string>) {
  const r = readAttributes((n) => (Object.hasOwn(attrs, n) ? attrs[n] : null));
  if (!r.ok) throw new Error(r.problem);
  const store = createAppStore();
  loadState(store, r.state, null);
  return { store, options: r.options as EmbedOptions };
}

describe("embedded playgrounds", () => {
  it("each keep their own state", () => {
    resetStore();
    const appBefore = encodeExplorer(appStore.getState().explorer);
    const hashBefore = location.hash;
    const one = embed({ fn: "lambda a, b: a + b", shapes: "(2, 3); (3, 2)", "in-axes": "(0, 1)", "out-axes": "1", controls: "axes" });
    const two = embed({ fn: "lambda m, v: jnp.dot(m, v)", shapes: "(3, 4); (4,)", "in-axes": "(0, None)", controls: "axes" });
    const { container } = render(
      <>
        <div data-testid="one">
          <EmbedView store={one.store} options={one.options} base="http://example.test/" />
        </div>
        <div data-testid="two">
          <EmbedView store={two.store} options={two.options} base="http://example.test/" />
        </div>
      </>,
    );
    const [a, b] = ["one", "two"].map((id) => within(container.querySelector(`[data-testid=${id}]`) as HTMLElement));
    expect(a.getByLabelText("Output shape").textContent).toBe("(3, 2)");
    expect(b.getByLabelText("Output shape").textContent).toBe("(3,)");
    // controls=axes: the axes are the reader's, the map (jax.vmap or jax.pmap) is the author's.
    expect((a.getByLabelText("Map with") as HTMLSelectElement).disabled).toBe(true);
    expect((a.getByLabelText("in_axes for b") as HTMLSelectElement).disabled).toBe(false);
    act(() => {
      fireEvent.change(a.getByLabelText("in_axes for b"), { target: { value: "0" } });
    });
    // b is now (3, 2) mapped along 0: B = 3, but a still has 2 along axis 0: JAX's error.
    expect(a.getByRole("alert").textContent).toContain("vmap got inconsistent sizes for array axes to be mapped");
    expect(b.queryByRole("alert")).toBeNull();
    expect(b.getByLabelText("Output shape").textContent).toBe("(3,)");
    // The page around them is untouched.
    expect(encodeExplorer(appStore.getState().explorer)).toBe(appBefore);
    expect(location.hash).toBe(hashBefore);
    // The link out carries each one's own state.
    const href = (w: typeof a) => w.getByRole("link", { name: /Open in vmap Playground/ }).getAttribute("href");
    expect(href(b)).toBe(`http://example.test/index.html#${encodeExplorer(two.store.getState().explorer)}`);
    expect(href(a)).toContain("in.b=0");
  });

  it("show only the chosen controls and panels", () => {
    const ro = embed({ fn: "lambda x: x * 2", shapes: "(4, 2)", "in-axes": "1", controls: "none", panels: "code" });
    const { container } = render(<EmbedView store={ro.store} options={ro.options} base="http://example.test/" />);
    const w = within(container);
    expect(w.queryByRole("combobox", { name: /in_axes/ })).toBeNull();
    expect(w.queryByLabelText("Function")).toBeNull();
    expect(w.getByRole("region", { name: "The vmap call" }).textContent).toBe("f = lambda x: x * 2\nout = jax.vmap(f, in_axes=(1,), out_axes=0)(x)");
    expect(w.getByText("Python code")).toBeTruthy();
    expect(w.queryByText("Shape story")).toBeNull();
    expect(w.getByLabelText("Output shape").textContent).toBe("(2, 4)");
  });
});
