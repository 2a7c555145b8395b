// @vitest-environment jsdom
/**
 * useAfterPaint (app/state/afterPaint.ts), what the side and the panels follow the picture with:
 * a burst of values is followed once, at its end, by its newest value; a lone change after a
 * frame and the quiet time; started empty (the panels), nothing until then.
 */
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, render } from "@testing-library/react";
import { useAfterPaint } from "../../app/state/afterPaint";
import { BESIDE_QUIET_MS } from "../../app/state/hooks";

afterEach(cleanup);

const wait = (ms: number) => act(() => new Promise<void>((r) => setTimeout(r, ms)));

function follower(quietMs: number) {
  const seen: string[] = [];
  function Follower({ value }: { value: { v: string } }) {
    const shown = useAfterPaint(value, quietMs);
    if (seen.at(-1) !== shown.v) seen.push(shown.v);
    return <p>{shown.v}</p>;
  }
  return { seen, Follower };
}

describe("useAfterPaint", () => {
  it("shows the first value at once and a later one only after the quiet time", async () => {
    const { seen, Follower } = follower(BESIDE_QUIET_MS);
    const { container, rerender } = render(<Follower value={{ v: "a" }} />);
    expect(container.textContent).toBe("a");
    rerender(<Follower value={{ v: "b" }} />);
    await wait(BESIDE_QUIET_MS / 2);
    expect(container.textContent).toBe("a");
    await wait(BESIDE_QUIET_MS + 50);
    expect(container.textContent).toBe("b");
    expect(seen).toEqual(["a", "b"]);
  });

  it("follows a burst once, with its newest value, when the changes stop", async () => {
    const { seen, Follower } = follower(BESIDE_QUIET_MS);
    const { container, rerender } = render(<Follower value={{ v: "0" }} />);
    // Changes closer together than the quiet time: none of them is shown on the way.
    for (let i = 1; i <= 6; i++) {
      rerender(<Follower value={{ v: String(i) }} />);
      await wait(BESIDE_QUIET_MS / 4);
    }
    expect(container.textContent).toBe("0");
    await wait(BESIDE_QUIET_MS + 60);
    expect(container.textContent).toBe("6");
    expect(seen).toEqual(["0", "6"]);
  });

  it("started empty, shows nothing at first and computes only the newest value of a burst that was under way", async () => {
    // The panels' mount (usePanelInputs.ts): nothing is computed for the value it mounted with.
    const computed: string[] = [];
    function Panel({ value }: { value: { v: string } }) {
      const shown = useAfterPaint(value, BESIDE_QUIET_MS, true);
      if (shown === null) return <p>waiting</p>;
      computed.push(shown.v);
      return <p>{shown.v}</p>;
    }
    const { container, rerender } = render(<Panel value={{ v: "0" }} />);
    expect(container.textContent).toBe("waiting");
    for (let i = 1; i <= 4; i++) {
      rerender(<Panel value={{ v: String(i) }} />);
      await wait(BESIDE_QUIET_MS / 4);
    }
    expect(container.textContent).toBe("waiting");
    await wait(BESIDE_QUIET_MS + 60);
    expect(container.textContent).toBe("4");
    expect(new Set(computed)).toEqual(new Set(["4"]));
  });

  it("with no quiet time, follows after the next frame", async () => {
    const { Follower } = follower(0);
    const { container, rerender } = render(<Follower value={{ v: "x" }} />);
    rerender(<Follower value={{ v: "y" }} />);
    expect(container.textContent).toBe("x");
    await wait(60);
    expect(container.textContent).toBe("y");
  });
});
