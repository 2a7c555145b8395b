// @vitest-environment jsdom
// A module loaded when first wanted: once, shared by every caller; a failed load leaves no
// rejection unhandled (vitest fails a run that has one) and is tried again at the next want.
import { afterEach, describe, expect, it } from "vitest";
import { act, cleanup, render, screen } from "@testing-library/react";
import { lazyModule, useLazyModule, type LazyModule } from "../../app/state/lazyModule";

afterEach(() => cleanup());

/** A loader whose first `failures` calls reject (as a fetch does offline), then resolves with `{ n }`: n counts calls. */
function flaky(failures: number) {
  let calls = 0;
  const loader = () => {
    calls++;
    return calls <= failures ? Promise.reject(new Error(`offline (call ${calls})`)) : Promise.resolve({ n: calls });
  };
  return { loader, calls: () => calls };
}

describe("lazyModule", () => {
  it("loads once for every caller", async () => {
    const f = flaky(0);
    const m = lazyModule(f.loader);
    expect(m.get()).toBeNull();
    const [a, b] = await Promise.all([m.load(), m.load()]);
    expect(a).toBe(b);
    expect(m.get()).toEqual({ n: 1 });
    await m.load();
    expect(f.calls()).toBe(1);
  });

  it("tries again after a failed load", async () => {
    const f = flaky(1);
    const m = lazyModule(f.loader);
    await expect(m.load()).rejects.toThrow("offline (call 1)");
    expect(m.get()).toBeNull();
    expect(await m.load()).toEqual({ n: 2 });
  });

  it("drops a failed prefetch, and the next load starts again", async () => {
    const f = flaky(1);
    const m = lazyModule(f.loader);
    m.prefetch();
    await new Promise((r) => setTimeout(r, 0));
    expect(f.calls()).toBe(1);
    expect(m.get()).toBeNull();
    expect(await m.load()).toEqual({ n: 2 });
  });
});

function Shows({ lazy, want }: { lazy: LazyModule<{ n: number }>; want: boolean }) {
  const mod = useLazyModule(lazy, want);
  return <p>{mod ? `loaded by call ${mod.n}` : "without it"}</p>;
}

describe("useLazyModule", () => {
  it("renders without the module until wanted, then with it once it arrives", async () => {
    const f = flaky(0);
    const m = lazyModule(f.loader);
    const { rerender } = render(<Shows lazy={m} want={false} />);
    await act(() => new Promise((r) => setTimeout(r, 0)));
    expect(f.calls()).toBe(0);
    rerender(<Shows lazy={m} want />);
    expect(await screen.findByText("loaded by call 1")).toBeTruthy();
  });

  it("goes on without the module when its load fails, and loads it at the next want", async () => {
    const f = flaky(1);
    const m = lazyModule(f.loader);
    const { rerender } = render(<Shows lazy={m} want />);
    await act(() => new Promise((r) => setTimeout(r, 0)));
    expect(screen.getByText("without it")).toBeTruthy();
    rerender(<Shows lazy={m} want={false} />);
    rerender(<Shows lazy={m} want />);
    expect(await screen.findByText("loaded by call 2")).toBeTruthy();
  });
});
