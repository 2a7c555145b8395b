// @vitest-environment jsdom
// The explorer teaching in order, as a person meets it: Step ▶ and ◀ Back walk three phases per
// k (take the slices, apply f, place the result), each narrated with the slices' symbols or
// values and the engine's expression of each result cell; an error gets a "why" line that
// points at the clashing shapes. Expected texts are worked out by hand from vmap(f)(x)[k] = f(x[k]).
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { renderApp } from "./renderApp";

afterEach(() => cleanup());

const pick = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const stepForward = () => fireEvent.click(screen.getByRole("button", { name: "Step forward" }));
const stepBack = () => fireEvent.click(screen.getByRole("button", { name: "Step back" }));
const caption = () => [...document.querySelectorAll(".playback .caption p")].map((p) => p.textContent);
/** The first step loads the narration and the expression writer (not part of the first screen): wait for the expressions. */
const narrated = () => waitFor(() => expect(document.querySelector(".playback .caption .working")?.textContent).toMatch(/ = /));
/** The why line, loaded with the first error. */
const why = async () => {
  await waitFor(() => expect(screen.getByRole("alert").querySelector(".why")).not.toBeNull());
  return screen.getByRole("alert").querySelector(".why")!.textContent;
};
const currentPhase = () => within(screen.getByRole("list", { name: /^Phases of/ })).getAllByRole("listitem").find((li) => li.getAttribute("aria-current") === "step")?.textContent ?? null;
/** The cells of a grid in state `s` (lifted, landing, …), by flat index. */
function cellsIn(name: RegExp, s: string): number[] {
  const svg = screen.getByRole("img", { name });
  return [...svg.querySelectorAll(`g.cell.s-${s}`)].map((g) => Number(g.getAttribute("data-i"))).sort((x, y) => x - y);
}

describe("steps that narrate", () => {
  it("walks take → apply → place for each k with the symbols, and back", async () => {
    renderApp();
    pick("in_axes for b", "1");
    expect(currentPhase()).toBeNull();

    stepForward();
    await narrated();
    expect(currentPhase()).toBe("1. take the slices");
    await waitFor(() => expect(caption()).toEqual(["k = 0 of 2: take the slices a[0, :], b[:, 0]", "a[0, :] (2,) = [a₀₀, a₀₁]; b[:, 0] (2,) = [b₀₀, b₁₀]"]));
    // The slices are lifted out of their inputs: row 0 of a, column 0 of b.
    expect(cellsIn(/^Argument a/, "lifted")).toEqual([0, 1]);
    expect(cellsIn(/^Argument b/, "lifted")).toEqual([0, 2]);

    stepForward();
    expect(currentPhase()).toBe("2. apply f");
    // a = [[0, 1], [2, 3]], b = [[100, 110], [120, 130]]: out[0] = a[0, :] + b[:, 0].
    await waitFor(() => expect(caption()).toEqual(["k = 0 of 2: apply f to a[0, :], b[:, 0]", "f(a[0, :], b[:, 0]) = [a₀₀ + b₀₀, a₀₁ + b₁₀] = [0 + 100, 1 + 120] = [100, 121]"]));
    expect(document.querySelector(".fbox")!.classList.contains("active")).toBe(true);

    stepForward();
    expect(currentPhase()).toBe("3. place the result");
    await waitFor(() => expect(caption()).toEqual(["k = 0 of 2: place the result at out[0, :]", "f's result (2,) lands at out[0, :]: index 0 along axis 0 (out_axes)"]));
    expect(cellsIn(/^Output out/, "landing")).toEqual([0, 1]);

    stepForward();
    await waitFor(() => expect(caption()[1]).toBe("a[1, :] (2,) = [a₁₀, a₁₁]; b[:, 1] (2,) = [b₀₁, b₁₁]"));
    stepForward();
    await waitFor(() => expect(caption()[1]).toBe("f(a[1, :], b[:, 1]) = [a₁₀ + b₀₁, a₁₁ + b₁₁] = [2 + 110, 3 + 130] = [112, 133]"));

    stepBack();
    expect(currentPhase()).toBe("1. take the slices");
    await waitFor(() => expect(caption()[0]).toBe("k = 1 of 2: take the slices a[1, :], b[:, 1]"));
    stepBack();
    expect(currentPhase()).toBe("3. place the result");
    await waitFor(() => expect(caption()[0]).toBe("k = 0 of 2: place the result at out[0, :]"));
  });

  it("narrates with values when the arguments are numbers, and out_axes moves where k lands", async () => {
    renderApp();
    pick("Fill of a", "unique");
    pick("Fill of b", "unique");
    pick("out_axes", "1");
    stepForward();
    await narrated();
    await waitFor(() => expect(caption()[1]).toBe("a[0, :] (2,) = [0, 1]; b[0, :] (2,) = [100, 110]"));
    stepForward();
    await waitFor(() => expect(caption()[1]).toBe("f(a[0, :], b[0, :]) = [0 + 100, 1 + 110] = [100, 111]"));
    stepForward();
    await waitFor(() => expect(caption()[1]).toBe("f's result (2,) lands at out[:, 0]: index 0 along axis 1 (out_axes)"));
    // Column 0 of the (2, 2) result: flat cells 0 and 2.
    expect(cellsIn(/^Output out/, "landing")).toEqual([0, 2]);
  });

  it("writes a reduction with its bound index, and each term with values", async () => {
    renderApp();
    pick("Presets", "dot");
    stepForward();
    await narrated();
    stepForward();
    // m = arange(12).reshape(3, 4), v = arange(4) * 100 + 1000: out[0] = Σ_j m[0, j]·v[j].
    await waitFor(() => expect(caption()[1]).toBe("f(m[0, :], v) = Σ m₀ⱼ·vⱼ = 0·1000 + 1·1100 + 2·1200 + 3·1300 = 7400"));
  });
});

describe("the why line", () => {
  it("points at the per-example shapes that clash inside f", async () => {
    renderApp();
    pick("Presets", "add-5d");
    pick("in_axes for b", "1");
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("ValueError: Incompatible shapes for broadcasting: shapes=[(2, 3, 5, 7, 9), (2, 5, 7, 9)]");
    expect(await why()).toBe(
      "Why: Inside f, per-example (2, 3, 5, 7, 9) of a against (2, 5, 7, 9) of b: they do not fit together. a is not mapped: f sees all of it; b (2, 3, 5, 7, 9) loses axis 1 to the batch.",
    );
  });

  it("names each mapped axis and its size when the sizes differ", async () => {
    renderApp();
    fireEvent.change(screen.getByLabelText("Shape of b"), { target: { value: "(3, 2)" } });
    expect(await why()).toBe("Why: Every mapped axis must have the same size B, but a (2, 2) has 2 along axis 0 and b (3, 2) has 3 along axis 0.");
  });

  it("says which axes an argument has when in_axes asks for another", async () => {
    renderApp();
    pick("in_axes for a", "1");
    fireEvent.change(screen.getByLabelText("Shape of a"), { target: { value: "(2,)" } });
    expect(await why()).toBe("Why: in_axes asks a for axis 1, but a (2,) has axes 0 … 0 (or -1 … -1 from the end).");
  });

  it("says where out_axes may put the batch axis when it asks for a place past the result's axes", async () => {
    renderApp();
    // The blog's 2×2 add: each example's result is (2,), the stacked one 2-d.
    pick("out_axes", "2");
    expect(screen.getByRole("alert").textContent).toContain("ValueError: axis 2 is out of bounds for array of dimension 2");
    expect(await why()).toBe(
      "Why: out_axes says where the batch axis goes in the result: each example's result has 1 axis, so the stacked result has 2, and the batch axis can go at 0 … 1 (or -2 … -1), not at 2.",
    );
  });
});
