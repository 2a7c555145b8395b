// @vitest-environment jsdom
/**
 * The "64-bit (jax_enable_x64)" switch: JAX's float32 by default (values, readout), float64
 * when on, the config line in the copied code, and the flag kept in the permalink.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, screen } from "@testing-library/react";
import { renderApp } from "./renderApp";
import { useStore } from "../../app/state/store";
import { syncUrl } from "../../app/state/urlSync";
import { decodeExplorer } from "../../app/state/urlState";
import { config } from "../../engine";
import { typeInto } from "./typeInto";
import { besideCaughtUp, besideLoaded } from "../helpers/beside";
import { HOVER_SENTENCE } from "../../app/explorer/HoverReadout";

// The hover sentence loads when the page first has a moment (HoverReadout.tsx): these hover at once.
beforeAll(() => HOVER_SENTENCE.load());

afterEach(() => cleanup());

const readout = () => document.querySelector(".readout")!.textContent!;
/** The "Run it in JAX" code (its panel loads after the first screen: waited for once). */
const code = async () => {
  await besideCaughtUp();
  await besideLoaded();
  return (await screen.findByTestId("python-code")).textContent!;
};

/** The numbers, not symbols, for both arguments (the "unique" fill: a = arange(4), b = arange(4) * 10 + 100). */
const numbers = () => ["a", "b"].forEach((p) => fireEvent.change(screen.getByLabelText(`Fill of ${p}`), { target: { value: "unique" } }));

/** The readout for output cell [0, 1] of `lambda a, b: a / 3 + b` (a[0, 1] = 1, b[0, 1] = 110). */
function readCell(): string {
  const grid = screen.getByRole("img", { name: /^Output out/ });
  act(() => grid.focus());
  fireEvent.keyDown(grid, { key: "ArrowUp" });
  fireEvent.keyDown(grid, { key: "ArrowLeft" });
  fireEvent.keyDown(grid, { key: "ArrowRight" });
  return readout();
}

describe("64-bit switch", () => {
  it("shows float32 values by default and float64 ones with x64, with the config line in the code", async () => {
    renderApp();
    typeInto("Function", "lambda a, b: a / 3 + b");
    numbers();
    const box = screen.getByLabelText("64-bit (jax_enable_x64)") as HTMLInputElement;
    expect(box.checked).toBe(false);
    // float32: 1/3 rounds to 0.33333334, + 110 to 110.333336 (the shortest float32 text).
    const f32 = Math.fround(Math.fround(1 / 3) + 110);
    expect(Math.fround(110.333336)).toBe(f32);
    expect(Math.fround(110.33334)).not.toBe(f32);
    expect(readCell()).toContain("out[0, 1] = 110.333336,");
    expect(await code()).not.toContain("jax_enable_x64");

    fireEvent.click(box);
    expect(box.checked).toBe(true);
    expect(readCell()).toContain(`out[0, 1] = ${1 / 3 + 110}`);
    expect(await code()).toContain('import jax.numpy as jnp\njax.config.update("jax_enable_x64", True)\n');
    // The engine's global flag is only set while the page computes.
    expect(config.jax_enable_x64).toBe(false);
  });

  it("grids print float32 overflow as JAX does (inf), and the float64 value with x64", () => {
    renderApp();
    // a[1, 1] = 3: exp(90) ≈ 1.2e39 is past float32's largest value (3.4e38).
    typeInto("Function", "lambda a, b: jnp.exp(a * 30.0) - b");
    numbers();
    const cells = () => [...screen.getByRole("img", { name: /^Output out/ }).querySelectorAll("g.cell text")].map((t) => t.textContent);
    expect(cells()[3]).toBe("inf");
    fireEvent.click(screen.getByLabelText("64-bit (jax_enable_x64)"));
    expect(cells()[3]).toBe("1.2e+39");
  });

  it("goes into the permalink and comes back from it", () => {
    renderApp();
    const stop = syncUrl(useStore, window);
    fireEvent.click(screen.getByLabelText("64-bit (jax_enable_x64)"));
    stop();
    expect(window.location.hash).toContain("x64=1");
    const back = decodeExplorer(window.location.hash);
    expect(back.ok && back.state.x64).toBe(true);
    expect(decodeExplorer(window.location.hash.replace("x64=1", "x64=2")).ok).toBe(false);
  });
});
