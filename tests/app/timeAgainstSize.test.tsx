// @vitest-environment jsdom
// "Time against size" in the jit panel: the button starts the sweep (in-process here: jsdom has no
// Worker, runners.ts), a progress bar shows while it runs, the chart gets one line per mode and
// the retrace count; Cancel stops it and says so.
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { renderApp } from "./renderApp";
import { resetJitCaches } from "../../app/panels/jit/jitModel";

afterEach(cleanup);

const section = () => screen.getByRole("heading", { name: "Time against size" }).closest("section")!;

describe("Time against size", () => {
  it("times every mode across sizes with progress, then counts the retraces", async () => {
    resetJitCaches();
    renderApp();
    await screen.findByRole("heading", { name: "Time against size" }, { timeout: 10_000 });
    fireEvent.click(within(section()).getByRole("button", { name: "Time across sizes" }));
    const bar = within(section()).getByRole("progressbar", { name: "Timing progress" });
    expect(bar.getAttribute("max")).toBe("15");
    await waitFor(() => expect(within(section()).getByLabelText("Retraces")).toBeTruthy(), { timeout: 30_000 });
    expect(within(section()).queryByRole("progressbar")).toBeNull();
    expect(within(section()).getByLabelText("Retraces").textContent).toMatch(/traced 5 times \(once per new shape: 4 retraces after the first\)/);
    const series = section().querySelectorAll(".tas-series");
    expect([...series].map((g) => (g as SVGGElement).dataset.mode)).toEqual(["eager", "jit-first", "jit-cached"]);
    for (const g of series) {
      expect(g.querySelectorAll(".tas-spread")).toHaveLength(5);
      expect(g.querySelectorAll(".tas-dot")).toHaveLength(25);
      expect(g.querySelectorAll(".tas-dot.warmup")).toHaveLength(5);
      expect(g.querySelector(".tas-line")!.getAttribute("d")).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){4}$/);
    }
  }, 60_000);

  it("Cancel stops the sweep and the page says so", async () => {
    resetJitCaches();
    renderApp();
    await screen.findByRole("heading", { name: "Time against size" }, { timeout: 10_000 });
    fireEvent.click(within(section()).getByRole("button", { name: "Time across sizes" }));
    await act(() => new Promise((r) => setTimeout(r, 20)));
    fireEvent.click(within(section()).getByRole("button", { name: "Cancel" }));
    expect(within(section()).queryByRole("progressbar")).toBeNull();
    expect(within(section()).getByRole("status").textContent).toBe("Cancelled.");
    const before = section().querySelectorAll(".tas-dot").length;
    await act(() => new Promise((r) => setTimeout(r, 300)));
    expect(section().querySelectorAll(".tas-dot").length).toBe(before);
    expect(within(section()).getByRole("button", { name: "Time across sizes" })).toHaveProperty("disabled", false);
  }, 30_000);
});
