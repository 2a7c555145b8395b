// The store: undo/redo with coalesced typing, playback stepping, and the one URL subscription.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAppStore } from "../../app/state/store";
import { pageLinkOf, syncUrl, URL_MAX_WAIT_MS, URL_QUIET_MS } from "../../app/state/urlSync";
import { typed, TYPING_PAUSE_MS } from "../../app/state/typingPause";
import { defaultExplorer } from "../../app/state/explorerTypes";
import { decodeExplorer } from "../../app/state/urlState";

/** Off a change's own task: the next animation frame (faked), then a task after it. */
function afterPaint(): void {
  vi.advanceTimersByTime(0);
  vi.advanceTimersToNextFrame();
  vi.advanceTimersByTime(0);
}

/** A page's location and history that record the URL writes. */
function urlHost() {
  const writes: string[] = [];
  const host = {
    location: { hash: "" },
    history: { replaceState: (_d: unknown, _u: string, url?: string) => writes.push((host.location.hash = url ?? "")) },
    addEventListener: () => {},
    removeEventListener: () => {},
  };
  return { writes, host };
}

describe("history", () => {
  it("undoes and redoes explorer changes", () => {
    const st = createAppStore();
    const s = st.getState();
    s.setInAxis("a", null);
    st.getState().setOutAxes(1);
    expect(st.getState().explorer.outAxes).toBe(1);
    st.getState().undo();
    expect(st.getState().explorer.outAxes).toBe(0);
    expect(st.getState().explorer.inAxes.get("a")).toBe(null);
    st.getState().undo();
    expect(st.getState().explorer).toEqual(defaultExplorer());
    st.getState().redo();
    st.getState().redo();
    expect(st.getState().explorer.outAxes).toBe(1);
  });
  it("an edit that changes nothing is no undo step (axis_name left empty, an axis set to what it is)", () => {
    const st = createAppStore();
    st.getState().setAxisName(null);
    st.getState().setOutAxes(st.getState().explorer.outAxes);
    st.getState().setInAxis("a", st.getState().explorer.inAxes.get("a") ?? null);
    expect(st.getState().past).toHaveLength(0);
    st.getState().setAxisName("i");
    expect(st.getState().past).toHaveLength(1);
  });

  it("coalesces typing in the function editor into one step", () => {
    const st = createAppStore();
    for (const t of ["lambda a, b: a", "lambda a, b: a *", "lambda a, b: a * b"]) st.getState().setFnSource(t);
    expect(st.getState().past).toHaveLength(1);
    st.getState().undo();
    expect(st.getState().explorer.fnSource).toBe("lambda a, b: a + b");
  });
  it("typing back to where a step began drops the step: the next Undo goes back further", () => {
    const st = createAppStore();
    st.getState().setOutAxes(1);
    const before = st.getState().explorer;
    // Typed, then taken back in the editor (its own Ctrl+Z): the function text is as it was.
    st.getState().setFnSource("lambda a, b: a + b * 2");
    st.getState().setFnSource("lambda a, b: a + b");
    expect(st.getState().explorer).toEqual(before);
    expect(st.getState().past).toHaveLength(1);
    // One Undo: the out_axes change, not a step that changes nothing.
    st.getState().undo();
    expect(st.getState().explorer.outAxes).toBe(0);
  });
  it("a preset is one undoable step, and a new change clears redo", () => {
    const st = createAppStore();
    st.getState().loadPreset("dot");
    expect(st.getState().explorer.fnSource).toBe("lambda m, v: jnp.dot(m, v)");
    st.getState().undo();
    expect(st.getState().future).toHaveLength(1);
    st.getState().setOutAxes(1);
    expect(st.getState().future).toHaveLength(0);
  });
});

describe("playback", () => {
  it("plays through lift → apply → land for each k, then rests", () => {
    const st = createAppStore();
    st.getState().play(2);
    const seen: string[] = [];
    for (let i = 0; i < 10 && st.getState().playing; i++) {
      const { k, phase } = st.getState();
      seen.push(`${k}:${phase}`);
      st.getState().tick(2);
    }
    expect(seen).toEqual(["0:0", "0:1", "0:2", "1:0", "1:1", "1:2"]);
    expect(st.getState().k).toBeNull();
  });
  it("steps phase by phase (take, apply, place) forward and back, and scrubs over k", () => {
    const st = createAppStore();
    const at = () => `${st.getState().k}:${st.getState().phase}`;
    const forward: string[] = [];
    for (let i = 0; i < 7; i++) {
      st.getState().stepForward(2);
      forward.push(at());
    }
    // Step walks the same positions Play does, then rests (null), then starts again.
    expect(forward).toEqual(["0:0", "0:1", "0:2", "1:0", "1:1", "1:2", "null:2"]);
    const back: string[] = [];
    for (let i = 0; i < 7; i++) {
      st.getState().stepBack(2);
      back.push(at());
    }
    // Back retraces them and stays at k = 0's first phase.
    expect(back).toEqual(["1:2", "1:1", "1:0", "0:2", "0:1", "0:0", "0:0"]);
    st.getState().scrub(2, 3);
    expect(at()).toBe("2:2");
    st.getState().stepForward(3);
    expect(st.getState().k).toBeNull();
    st.getState().stepBack(3);
    expect(at()).toBe("2:2");
    st.getState().scrub(3, 3);
    expect(st.getState().k).toBeNull();
  });
});

describe("URL sync", () => {
  let stop: (() => void) | null = null;
  afterEach(() => stop?.());
  it("reads the hash once, writes every change back, and reports a broken link", () => {
    const host = {
      location: { hash: "#f=lambda+x%3A+x&shape.x=(3%2C)&in.x=0&out=0" },
      history: { replaceState: (_d: unknown, _u: string, url?: string) => (host.location.hash = url ?? "") },
      addEventListener: () => {},
      removeEventListener: () => {},
    };
    const st = createAppStore();
    stop = syncUrl(st, host);
    expect(st.getState().explorer.fnSource).toBe("lambda x: x");
    expect(st.getState().explorer.args.get("x")?.tree).toEqual({ kind: "leaf", shape: [3] });
    st.getState().setOutAxes(-1);
    stop();
    stop = null;
    expect(decodeExplorer(host.location.hash).state.outAxes).toBe(-1);

    const bad = { ...host, location: { hash: "#f=<b>hi</b>" } };
    const st2 = createAppStore();
    syncUrl(st2, bad)();
    expect(st2.getState().explorer).toEqual(defaultExplorer());
    expect(st2.getState().notice).toMatch(/could not be read/);
  });
  it("writes a change once changes pause, a burst once at its end (or every URL_MAX_WAIT_MS while it goes on), and flushes when stopped", () => {
    vi.useFakeTimers();
    try {
      const { writes, host } = urlHost();
      const st = createAppStore();
      stop = syncUrl(st, host);
      st.getState().setOutAxes(1);
      afterPaint();
      expect(writes).toHaveLength(0);
      vi.advanceTimersByTime(URL_QUIET_MS);
      afterPaint();
      expect(writes).toHaveLength(1);
      expect(decodeExplorer(host.location.hash).state.outAxes).toBe(1);
      // A burst, each change before the quiet time passes: nothing until it ends, then its last.
      for (const o of [2, 0, -1]) {
        st.getState().setOutAxes(o);
        vi.advanceTimersByTime(URL_QUIET_MS / 2);
        afterPaint();
      }
      expect(writes).toHaveLength(1);
      vi.advanceTimersByTime(URL_QUIET_MS);
      afterPaint();
      expect(writes).toHaveLength(2);
      expect(decodeExplorer(host.location.hash).state.outAxes).toBe(-1);
      // A burst that goes on is written at URL_MAX_WAIT_MS from its first unwritten change.
      for (let t = 0, o = 0; t < URL_MAX_WAIT_MS + URL_QUIET_MS; t += 100, o = 1 - o) {
        st.getState().setOutAxes(o);
        vi.advanceTimersByTime(100);
        afterPaint();
      }
      expect(writes).toHaveLength(3);
      st.getState().setOutAxes(-2);
      stop();
      stop = null;
      expect(writes).toHaveLength(4);
      expect(decodeExplorer(host.location.hash).state.outAxes).toBe(-2);
    } finally {
      vi.useRealTimers();
    }
  });
  it("on a first visit, writes an edit made before the sync started (its chunk loads after the page)", () => {
    vi.useFakeTimers();
    try {
      const { writes, host } = urlHost();
      const st = createAppStore();
      st.getState().setInAxis("a", null);
      stop = syncUrl(st, host);
      expect(writes).toHaveLength(0);
      vi.advanceTimersByTime(URL_QUIET_MS);
      afterPaint();
      expect(writes).toHaveLength(1);
      expect(decodeExplorer(host.location.hash).state.inAxes.get("a")).toBe(null);
      // With no edit before it, a first visit's link stays empty.
      const other = urlHost();
      const fresh = createAppStore();
      const stopFresh = syncUrl(fresh, other.host);
      vi.advanceTimersByTime(URL_MAX_WAIT_MS);
      afterPaint();
      stopFresh();
      expect(other.writes).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });
  it("reads a link opened while a write waits, even when the write lands between the navigation and its hashchange", () => {
    vi.useFakeTimers();
    try {
      const { writes, host } = urlHost();
      const listeners = new Map<string, (e?: { newURL?: string }) => void>();
      const page = { ...host, addEventListener: (type: string, cb: (e?: { newURL?: string }) => void) => void listeners.set(type, cb) };
      const st = createAppStore();
      stop = syncUrl(st, page);
      // The link someone opens: another call.
      const other = createAppStore();
      other.getState().setOutAxes(-2);
      other.getState().setInAxis("a", null);
      const link = pageLinkOf(other.getState());
      // A change here, its write due; the link is opened (the URL changes at once, its event
      // is queued) and the write runs first, putting this page's state back in the URL.
      st.getState().setOutAxes(1);
      vi.advanceTimersByTime(URL_QUIET_MS);
      host.location.hash = `#${link}`;
      afterPaint();
      expect(writes).toHaveLength(1);
      expect(decodeExplorer(host.location.hash).state.outAxes).toBe(1);
      listeners.get("hashchange")!({ newURL: `http://127.0.0.1/#${link}` });
      // The link opened is what shows, and what the URL says.
      expect(st.getState().explorer.outAxes).toBe(-2);
      expect(st.getState().explorer.inAxes.get("a")).toBe(null);
      expect(host.location.hash).toBe(`#${link}`);
      // And the page's next change is written as before.
      st.getState().setOutAxes(0);
      vi.advanceTimersByTime(URL_QUIET_MS);
      afterPaint();
      expect(decodeExplorer(host.location.hash).state.outAxes).toBe(0);
      stop();
      stop = null;
    } finally {
      vi.useRealTimers();
    }
  });
  it("writes what is typed in the function box once typing pauses, not per key", () => {
    vi.useFakeTimers();
    try {
      const { writes, host } = urlHost();
      const st = createAppStore();
      stop = syncUrl(st, host);
      // Keys 100 ms apart, for twice the URL's quiet time: nothing is written while they come.
      for (let i = 1; i <= (2 * URL_QUIET_MS) / 100; i++) {
        typed(st, () => st.getState().setFnSource(`lambda a, b: a + b * ${i}`));
        vi.advanceTimersByTime(100);
        afterPaint();
      }
      expect(writes).toHaveLength(0);
      // Written once the keys have paused for the typing pause and the link's quiet time.
      vi.advanceTimersByTime(Math.max(TYPING_PAUSE_MS, URL_QUIET_MS));
      afterPaint();
      expect(writes).toHaveLength(1);
      expect(decodeExplorer(host.location.hash).state.fnSource).toBe(`lambda a, b: a + b * ${(2 * URL_QUIET_MS) / 100}`);
      stop();
      stop = null;
    } finally {
      vi.useRealTimers();
    }
  });
});
