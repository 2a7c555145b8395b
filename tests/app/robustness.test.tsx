// @vitest-environment jsdom
// Sound foundations, app side: parameter names that are Object.prototype members work like any
// other name (from a link and typed), each region of the page survives a component that throws,
// shapes that cannot be read say exactly why, an over-limit size shows the engine's too-large
// message alone, and the function text is never cut (one source limit for links and the editor).
import { afterEach, describe, expect, it } from "vitest";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { MAX_ELEMENTS, MAX_SOURCE_LENGTH } from "../../engine/index";
import { Region } from "../../app/ErrorBoundary";
import { defaultExplorer } from "../../app/state/explorerTypes";
import { batchFill } from "../../app/viz/colors";
import { useStore } from "../../app/state/store";
import { decodeExplorer, encodeExplorer } from "../../app/state/urlState";
import { closeLink, openLink, renderApp, unmountLink } from "./renderApp";
import { typeInto } from "./typeInto";
import { besideCaughtUp, besideLoaded } from "../helpers/beside";

afterEach(closeLink);

const outShape = () => screen.getByLabelText("Output shape").textContent;
const value = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).value;
const type = (label: string, v: string) => typeInto(label, v);

describe("parameter names are user text, never object keys", () => {
  it("opens the __proto__ link with its shape and in_axes, and reloads it the same", () => {
    const link = "#f=lambda+__proto__%3A+__proto__&shape.__proto__=(2,)&in.__proto__=0&out=0";
    for (let load = 0; load < 2; load++) {
      openLink(load === 0 ? link : window.location.hash);
      expect(value("Function")).toBe("lambda __proto__: __proto__");
      expect(value("Shape of __proto__")).toBe("(2,)");
      expect((screen.getByLabelText("in_axes for __proto__") as HTMLSelectElement).value).toBe("0");
      expect(outShape()).toBe("(2,)");
      expect(screen.queryByRole("alert")).toBeNull();
      unmountLink();
    }
  });

  for (const name of ["constructor", "toString", "valueOf", "hasOwnProperty", "__proto__", "isPrototypeOf"]) {
    it(`lets a parameter named ${name} be typed, shaped and mapped`, () => {
      renderApp();
      // Typed a keystroke at a time through the ':' the issue saw vanish.
      const src = `lambda ${name}: ${name} * 2.0`;
      for (const cut of [`lambda ${name}`, `lambda ${name}:`, src]) type("Function", cut);
      expect(value("Function")).toBe(src);
      expect(value(`Shape of ${name}`)).toBe("(2, 2)");
      type(`Shape of ${name}`, "(3, 2)");
      fireEvent.change(screen.getByLabelText(`in_axes for ${name}`), { target: { value: "1" } });
      // vmap over axis 1 of a (3, 2) array: 2 slices of shape (3,), stacked at 0.
      expect(outShape()).toBe("(2, 3)");
      expect(screen.queryByRole("alert")).toBeNull();
      const s = useStore.getState().explorer;
      expect(s.args.get(name)?.tree).toEqual({ kind: "leaf", shape: [3, 2] });
      // The link keeps this parameter's state (only the lambda's own parameters are written).
      const back = decodeExplorer(encodeExplorer(s));
      expect(back.ok).toBe(true);
      expect([back.state.fnSource, back.state.args.get(name), back.state.inAxes.get(name)]).toEqual([src, s.args.get(name), 1]);
    });
  }
});

describe("error boundaries", () => {
  let armed = true;
  function Bomb() {
    if (armed) throw new Error("the bomb went off");
    return <p>bomb defused</p>;
  }

  it("shows a throwing region's message and a Reset that restores the default and clears the link", () => {
    armed = true;
    const errors = console.error;
    console.error = () => {}; // React reports the caught error; it is the point of this test
    try {
      openLink("#f=lambda+x%3A+x&shape.x=(3,)&in.x=0&out=0");
      render(
        <Region name="Bomb">
          <Bomb />
        </Region>,
      );
      const fallback = screen.getByRole("alert", { name: "Bomb stopped" });
      expect(fallback.textContent).toContain("the bomb went off");
      // The rest of the page still works.
      expect(outShape()).toBe("(3,)");
      armed = false;
      act(() => fireEvent.click(within(fallback).getByRole("button", { name: "Reset" })));
      expect(useStore.getState().explorer).toEqual(defaultExplorer());
      expect(window.location.hash).toBe("");
      expect(screen.getByText("bomb defused")).toBeTruthy();
      expect(outShape()).toBe("(2, 2)");
      // Reset is one undoable step: the user's state comes back.
      act(() => useStore.getState().undo());
      expect(useStore.getState().explorer.fnSource).toBe("lambda x: x");
    } finally {
      console.error = errors;
    }
  });

  it("tries the region again when the explorer state changes", () => {
    const errors = console.error;
    console.error = () => {};
    try {
      renderApp();
      // Breaks on the state it started with, like a region with a bug for one state.
      const broken = useStore.getState().explorer.fnSource;
      function Fragile() {
        const fn = useStore((s) => s.explorer.fnSource);
        if (fn === broken) throw new Error(`cannot draw ${fn}`);
        return <p>drawn {fn}</p>;
      }
      render(
        <Region name="Fragile">
          <Fragile />
        </Region>,
      );
      expect(screen.getByRole("alert", { name: "Fragile stopped" }).textContent).toContain("cannot draw lambda a, b: a + b");
      type("Function", "lambda a, b: a * b");
      expect(screen.queryByRole("alert", { name: "Fragile stopped" })).toBeNull();
      expect(screen.getByText("drawn lambda a, b: a * b")).toBeTruthy();
    } finally {
      console.error = errors;
    }
  });
});

describe("shapes say exactly what is wrong", () => {
  const cases: [string, string][] = [
    ["(-1, 2)", "a dimension cannot be negative: -1"],
    ["(2.5,)", "a dimension must be a whole number, not 2.5"],
    ["(2, 3.0)", "a dimension must be written as a whole number, not 3.0"],
    ["", "the shape is empty: write () for a scalar, or a shape like (2, 3)"],
    ["(2,,3)", "a dimension is missing before the comma at column 4"],
    ["(1, 2, 3, 4, 5, 6, 7, 8, 9)", "at most 8 axes, this shape has 9"],
    ["(2, None)", "a dimension cannot be None"],
    ["(2, (3,))", "numbers and shapes mixed: write a shape like (2, 3) or a tuple of shapes like ((2,), (3,))"],
    ["(2000000000,)", "a dimension cannot be larger than 1,000,000,000: 2000000000"],
    ["(2, 3", "not a shape: expected ',' or ')' at column 6"],
    ["(2, x)", "not a shape: unexpected 'x' at column 5"],
  ];
  it("in the Shape editor, keeping the text and the last good shape", () => {
    renderApp();
    for (const [text, problem] of cases) {
      type("Shape of a", text);
      expect(value("Shape of a"), text).toBe(text);
      const field = screen.getByLabelText("Shape of a");
      expect(field.getAttribute("aria-invalid"), text).toBe("true");
      expect(document.getElementById(field.getAttribute("aria-describedby")!)?.textContent, text).toBe(problem);
      expect(useStore.getState().explorer.args.get("a")?.tree, text).toEqual({ kind: "leaf", shape: [2, 2] });
    }
  });
  it("in a link's notice, with the same words", () => {
    for (const [text, problem] of cases) {
      const r = decodeExplorer(`#${new URLSearchParams({ f: "lambda a: a", "shape.a": text }).toString()}`);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.notice, text).toContain(`shape of a: ${problem}`);
    }
  });
});

describe("a link that opens on a mistake", () => {
  it("shows its error and no other call's story; once fixed, then broken again, the story it showed stays, dimmed and labelled", async () => {
    // The blog's 5-d arrays with in_axes (None, 1): a + b's slice does not broadcast.
    openLink("#f=lambda+a%2C+b%3A+a+%2B+b&shape.a=(2,3,5,7,9)&in.a=None&shape.b=(2,3,5,7,9)&in.b=1&out=3");
    expect(screen.getByRole("alert").textContent).toContain("Incompatible shapes for broadcasting");
    const story = () => screen.getByRole("region", { name: "Shape story" });
    // Not the default example's (2, 2) story, which the page never showed (the story loads
    // after the first screen).
    await besideLoaded();
    expect(story().textContent).toBe("Shape storyNone yet: the call fails (its error shows with the call), so no shapes were traced.");
    // The rank of the result is not known yet: out_axes=3 is not called out of range.
    const outAxes = screen.getByLabelText("out_axes") as HTMLSelectElement;
    expect(outAxes.value).toBe("3");
    expect(outAxes.selectedOptions[0].textContent).toBe("3");
    fireEvent.change(screen.getByLabelText("in_axes for b"), { target: { value: "0" } });
    expect(screen.queryByRole("alert")).toBeNull();
    await besideCaughtUp();
    expect(story().textContent).toContain("(3, 5, 7, 9)");
    fireEvent.change(screen.getByLabelText("in_axes for b"), { target: { value: "1" } });
    expect(screen.getByRole("alert")).toBeTruthy();
    await besideCaughtUp();
    expect(story().classList.contains("stale")).toBe(true);
    expect(story().textContent).toContain("(3, 5, 7, 9)");
    // Said in words, not by grey alone.
    expect(story().textContent).toContain("Of the last good result, before the error.");
  });
});

describe("a failing call's arguments", () => {
  it("are tinted by the slices in_axes cuts them into, as a working call's are", () => {
    // a + b's slice (2,) against a (2, 3): JAX's error; b still shows its three slices along axis 1.
    openLink("#f=lambda+a%2C+b%3A+a+%2B+b&shape.a=(2,3)&in.a=None&shape.b=(2,3)&in.b=1&out=0");
    expect(screen.getByRole("alert").textContent).toContain("Incompatible shapes for broadcasting");
    const grid = screen.getByRole("img", { name: /^Argument b/ });
    const fills = [...grid.querySelectorAll("g.cell")].map((g) => [Number(g.getAttribute("data-i")), g.querySelector("rect")!.getAttribute("fill")] as const);
    expect(fills).toHaveLength(6);
    for (const [i, fill] of fills) expect(fill, `cell ${i}`).toBe(batchFill(i % 3, 3));
    expect(new Set(fills.map(([, f]) => f)).size).toBe(3);
  });
});

describe("too large: the engine's message, alone, and nothing allocated first", () => {
  it("a (1000, 1000, 1000) shape shows Too large without the 'computed but drawn as blocks' notice", () => {
    renderApp();
    type("Shape of a", "(1000, 1000, 1000)");
    const alert = screen.getByRole("alert");
    expect(alert.getAttribute("data-kind")).toBe("too-large");
    expect(alert.textContent).toContain("1,000,000,000");
    expect(alert.textContent).toContain(MAX_ELEMENTS.toLocaleString("en-US"));
    expect(document.body.textContent).not.toContain("computed but drawn");
  });

  it("a link with axis_size 999999999 shows the engine's too-large message in the explorer and the panels", async () => {
    openLink("#f=lambda+a%2C+b%3A+a+%2B+b&shape.a=(2,)&shape.b=(2,)&in.a=None&in.b=None&out=0&size=999999999");
    const alert = screen.getByRole("alert");
    expect(alert.getAttribute("data-kind")).toBe("too-large");
    // B × (2,) = 1,999,999,998 elements, refused before anything is allocated.
    expect(alert.textContent).toContain((999_999_999 * 2).toLocaleString("en-US"));
    await screen.findByLabelText("argnums", undefined, { timeout: 5000 });
    await screen.findByLabelText("jit code", undefined, { timeout: 5000 });
    await act(() => new Promise<void>((r) => setTimeout(r, 60)));
    expect(document.body.textContent).not.toContain("Internal error");
    expect(document.body.textContent).not.toContain("allocation");
  });

  it("the axis_size field passes a large size to the engine instead of clamping it", () => {
    renderApp();
    fireEvent.change(screen.getByLabelText("in_axes for a"), { target: { value: "None" } });
    fireEvent.change(screen.getByLabelText("in_axes for b"), { target: { value: "None" } });
    type("axis_size", "5000000");
    expect(useStore.getState().explorer.axisSize).toBe(5_000_000);
    // (5,000,000, 2, 2): 20,000,000 elements, over the limit.
    expect(screen.getByRole("alert").getAttribute("data-kind")).toBe("too-large");
  });
});

describe("the function text is never cut", () => {
  it("keeps a pasted text whole, up to the limit the parser states", () => {
    renderApp();
    const area = screen.getByLabelText("Function") as HTMLTextAreaElement;
    // A maxLength would make the browser cut a paste silently.
    expect(area.maxLength).toBe(-1);
    const atLimit = "lambda a, b: a + b" + " ".repeat(MAX_SOURCE_LENGTH - 18);
    type("Function", atLimit);
    expect(area.value).toHaveLength(MAX_SOURCE_LENGTH);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(outShape()).toBe("(2, 2)");
    const over = "lambda a, b: a * b" + " ".repeat(MAX_SOURCE_LENGTH - 17);
    type("Function", over);
    expect(area.value).toBe(over);
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain((MAX_SOURCE_LENGTH + 1).toLocaleString("en-US"));
    expect(alert.textContent).toContain(`the limit is ${MAX_SOURCE_LENGTH.toLocaleString("en-US")}`);
  });

  it("reads a long function from a link, and says the limit for one over it", () => {
    const long = "lambda a, b: a + b" + " ".repeat(3000);
    const ok = decodeExplorer(`#${new URLSearchParams({ f: long }).toString()}`);
    expect(ok.ok).toBe(true);
    expect(ok.state.fnSource).toBe(long);
    // Over the limit: the text still loads (it is the user's), and the editor shows the limit.
    openLink(`#${new URLSearchParams({ f: long + " ".repeat(MAX_SOURCE_LENGTH) }).toString()}`);
    expect(value("Function")).toHaveLength(long.length + MAX_SOURCE_LENGTH);
    expect(screen.getByRole("alert").textContent).toContain(`the limit is ${MAX_SOURCE_LENGTH.toLocaleString("en-US")}`);
  });

  it("reads dict literals from a link and names a character no lambda uses", () => {
    expect(decodeExplorer(`#${new URLSearchParams({ f: "lambda a, b: {'s': a + b}" }).toString()}`).ok).toBe(true);
    const r = decodeExplorer(`#${new URLSearchParams({ f: "lambda a: a $ 2" }).toString()}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.notice).toContain("a character a lambda never uses, '$' at column 13");
  });
});
