// @vitest-environment jsdom
// What an out_axes change leaves alone is not rendered again (React's <Profiler> reports every
// commit inside it): a working region, an error place that holds no error.
// At 4× CPU throttling each such render was part of the change's frame (bench/throttled.ts).
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { act, cleanup, render, screen } from "@testing-library/react";
import { Profiler } from "react";
import { Region } from "../../app/ErrorBoundary";
import { ErrorAlert } from "../../app/explorer/ErrorAlert";
import { HoverReadout } from "../../app/explorer/HoverReadout";
import { resetStore, useStore } from "../../app/state/store";
import { HOVER_SENTENCE } from "../../app/explorer/HoverReadout";

// The hover sentence loads when the page first has a moment (HoverReadout.tsx): these hover at once.
beforeAll(() => HOVER_SENTENCE.load());

afterEach(() => cleanup());

/** Renders `ui` in a Profiler; `commits` counts the commits that rendered something inside it. */
function counted(ui: React.ReactNode) {
  let commits = 0;
  const onRender = () => commits++;
  const profiled = (x: React.ReactNode) => (
    <Profiler id="counted" onRender={onRender}>
      {x}
    </Profiler>
  );
  const view = render(profiled(ui));
  return { commits: () => commits, container: view.container };
}

describe("an out_axes change", () => {
  it("does not render a working region again", () => {
    resetStore();
    const { commits } = counted(
      <Region name="Quiet">
        <p>fine</p>
      </Region>,
    );
    const before = commits();
    act(() => useStore.getState().setOutAxes(1));
    act(() => useStore.getState().setOutAxes(-1));
    expect(commits()).toBe(before);
    expect(screen.getByText("fine")).toBeTruthy();
  });

  it("does not render an error place holding no error, and renders the one that gets it", () => {
    resetStore();
    const inAxes = counted(<ErrorAlert place="in_axes" />);
    const outAxes = counted(<ErrorAlert place="out_axes" />);
    const before = [inAxes.commits(), outAxes.commits()];
    act(() => useStore.getState().setOutAxes(1));
    expect([inAxes.commits(), outAxes.commits()]).toEqual(before);
    // out_axes 5 is past the (2, 2, 2) result's rank: JAX's error shows at out_axes only.
    act(() => useStore.getState().setOutAxes(5));
    expect(inAxes.commits()).toBe(before[0]);
    expect(outAxes.commits()).toBeGreaterThan(before[1]);
    expect(screen.getByRole("alert").dataset.place).toBe("out_axes");
  });
});

describe("the hover readout", () => {
  it("is not rendered again by a change of the call while no cell is hovered, and reads the cell once one is", () => {
    resetStore();
    const { commits, container } = counted(<HoverReadout />);
    const idle = container.textContent;
    const before = commits();
    act(() => useStore.getState().setInAxis("b", null));
    act(() => useStore.getState().setOutAxes(1));
    act(() => useStore.getState().setInAxis("b", 0));
    expect(commits()).toBe(before);
    expect(container.textContent).toBe(idle);
    // The default example: a (2, 2) and b (2, 2) mapped along axis 0; a's first cell.
    act(() => useStore.getState().setHover({ side: "in", leaf: 0, cell: 0 }));
    expect(container.textContent).toMatch(/^a\[0, 0\]/);
    expect(container.textContent).toMatch(/in slice k = 0/);
    act(() => useStore.getState().setHover(null));
    expect(container.textContent).toBe(idle);
  });
});
