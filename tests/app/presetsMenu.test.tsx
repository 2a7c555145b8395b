// @vitest-environment jsdom
// The Examples menu: browsing it with the keyboard (a closed <select> fires `change` on every
// arrow press) never replaces the user's function; Enter or Load does, and a pointer pick loads
// at once.
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen } from "@testing-library/react";
import { renderApp } from "./renderApp";
import { PRESETS } from "../../app/state/presets";
import { typeInto } from "./typeInto";

afterEach(() => cleanup());

const fn = () => (screen.getByLabelText("Function") as HTMLTextAreaElement).value;
const menu = () => screen.getByLabelText("Presets") as HTMLSelectElement;
const fnOf = (id: string) => PRESETS.find((p) => p.id === id)!.state.fnSource;

/** What a browser does for ArrowDown on a closed select: keydown, then change, then keyup. */
function arrowTo(id: string) {
  fireEvent.keyDown(menu(), { key: "ArrowDown" });
  fireEvent.change(menu(), { target: { value: id } });
  fireEvent.keyUp(menu(), { key: "ArrowDown" });
}

describe("Examples menu", () => {
  it("browsing with the arrow keys keeps the function until Enter", () => {
    renderApp();
    typeInto("Function", "lambda a, b: a * b");
    arrowTo("sum");
    expect(fn()).toBe("lambda a, b: a * b");
    arrowTo("dot");
    expect(fn()).toBe("lambda a, b: a * b");
    fireEvent.keyDown(menu(), { key: "Enter" });
    expect(fn()).toBe(fnOf("dot"));
    expect(menu().value).toBe("");
  });

  it("the Load button loads the browsed example", () => {
    renderApp();
    typeInto("Function", "lambda a, b: a - b");
    arrowTo("outer");
    expect(fn()).toBe("lambda a, b: a - b");
    fireEvent.click(screen.getByRole("button", { name: "Load" }));
    expect(fn()).toBe(fnOf("outer"));
  });

  it("a pointer pick loads at once", () => {
    renderApp();
    fireEvent.change(menu(), { target: { value: "matmul" } });
    expect(fn()).toBe(fnOf("matmul"));
  });
});
