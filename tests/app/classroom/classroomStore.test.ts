// A student link's lock is obeyed by the store itself (app/state/explorerSlice.ts): a locked
// control's setter changes nothing whichever button, key or table row calls it, and a whole
// example cannot be loaded over a lock. The URL sync reads and writes the step, speed and lock,
// so a reload shows the same step at the same speed.
import { describe, expect, it } from "vitest";
import { createAppStore } from "../../../app/state/store";
import { syncUrl } from "../../../app/state/urlSync";
import { decodePageLink } from "../../../app/state/pageLink";
import { encodeExplorer } from "../../../app/state/urlState";
import { defaultExplorer } from "../../../app/state/explorerTypes";
import { ACTIONS, isFieldTarget, keyAction } from "../../../app/actions";
import { lessonLibrary } from "../../../app/lessons/library";
import { explorerKey } from "../../../app/state/explorerTypes";

const key = (k: string, shiftKey = false) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey });

function fakeHost(hash: string) {
  const host = {
    location: { hash },
    history: { replaceState: (_d: unknown, _u: string, url?: string) => void (host.location.hash = url ?? "") },
    addEventListener: () => {},
    removeEventListener: () => {},
  };
  return host;
}

describe("a student link's lock", () => {
  it("lets only the open controls change", () => {
    const st = createAppStore();
    st.getState().setLock({ edit: new Set(["out_axes"]), hide: new Set() });
    const before = st.getState().explorer;
    st.getState().setFnSource("lambda a, b: a * b");
    st.getState().setInAxis("a", null);
    st.getState().setArgTree("a", { kind: "leaf", shape: [3] });
    st.getState().setFill("a", "random");
    st.getState().setAxisSize(3);
    st.getState().setX64(true);
    st.getState().loadPreset("dot");
    expect(st.getState().explorer).toBe(before);
    expect(st.getState().past).toHaveLength(0);
    st.getState().setOutAxes(1);
    expect(st.getState().explorer.outAxes).toBe(1);
  });
  it("refuses a whole new state over a lock: imported code, a quiz question, another lesson", () => {
    const st = createAppStore();
    st.getState().setLessonLibrary(lessonLibrary());
    st.getState().setLock({ edit: new Set(["in_axes", "out_axes"]), hide: new Set() });
    const before = st.getState().explorer;
    st.getState().loadExplorer({ ...defaultExplorer(), fnSource: "lambda x: x * 3" });
    st.getState().openQuiz("easy", 1);
    st.getState().openLesson("axes-in-vmap", 3);
    expect(st.getState().explorer).toBe(before);
    expect(st.getState().lesson).toBeNull();
    expect(st.getState().quiz).toBeNull();
    // Going back to a state the page showed (a cancelled call's last result) is not new: allowed.
    st.getState().setOutAxes(1);
    st.getState().restoreExplorer(before, null);
    expect(st.getState().explorer).toBe(before);
  });
  it("a student link that carries a lesson walks that lesson's steps under its lock", async () => {
    const st = createAppStore();
    st.getState().setLessonLibrary(lessonLibrary());
    const steps = lessonLibrary().get("axes-in-vmap")!.steps;
    syncUrl(st, fakeHost("#lesson=axes-in-vmap&step=1&edit=out_axes"))();
    expect(st.getState().lesson).toEqual({ id: "axes-in-vmap", step: 0 });
    expect(st.getState().lessonNext()).toBe(true);
    if (steps[1].state) expect(explorerKey(st.getState().explorer)).toBe(explorerKey(steps[1].state));
    // Still locked: the function does not change by hand.
    st.getState().setFnSource("lambda a, b: a - b");
    expect(st.getState().explorer.fnSource).not.toBe("lambda a, b: a - b");
  });
  it("without a lock every control changes, and an example loads", () => {
    const st = createAppStore();
    st.getState().setInAxis("a", null);
    st.getState().loadPreset("dot");
    expect(st.getState().explorer.fnSource).toBe("lambda m, v: jnp.dot(m, v)");
  });
  it("comes from the link and goes back into it", () => {
    const st = createAppStore();
    const host = fakeHost(`#${encodeExplorer(defaultExplorer())}&edit=in_axes%2Cout_axes&hide=code`);
    const stop = syncUrl(st, host);
    expect([...st.getState().lock!.edit]).toEqual(["in_axes", "out_axes"]);
    st.getState().setOutAxes(1);
    stop();
    const r = decodePageLink(host.location.hash);
    expect(r.ok && r.link.explorer.outAxes).toBe(1);
    expect([...r.link.lock!.hide]).toEqual(["code"]);
  });
});

describe("the permalink keeps the step and the speed", () => {
  it("a reload (a new store on the written link) shows the same paused step at the same speed", () => {
    const st = createAppStore();
    const host = fakeHost("");
    const stop = syncUrl(st, host);
    st.getState().setSpeed(2);
    st.getState().stepForward(2);
    st.getState().stepForward(2);
    const { k, phase } = st.getState();
    stop();
    expect(host.location.hash).toContain("speed=2");
    const again = createAppStore();
    syncUrl(again, fakeHost(host.location.hash))();
    expect(again.getState()).toMatchObject({ k, phase, speed: 2, playing: false });
  });
  it("does not write each frame while playing (the step is kept once paused)", () => {
    const st = createAppStore();
    const writes: string[] = [];
    const host = fakeHost("");
    host.history.replaceState = (_d, _u, url) => void writes.push((host.location.hash = url ?? ""));
    const stop = syncUrl(st, host);
    st.getState().play(2);
    st.getState().tick(2);
    st.getState().tick(2);
    expect(writes).toEqual([]);
    st.getState().pause();
    stop();
    expect(writes.at(-1)).toMatch(/k=0&phase=2|k=0$/);
  });
});

describe("keys", () => {
  it("in presenter mode the clicker's keys walk, outside it Space plays", () => {
    for (const k of ["PageDown", "ArrowRight", "ArrowDown", " "]) expect(keyAction(key(k), false, true)?.id).toBe("next");
    for (const k of ["PageUp", "ArrowLeft", "ArrowUp"]) expect(keyAction(key(k), false, true)?.id).toBe("prev");
    expect(keyAction(key(" "), false, false)?.id).toBe("play");
    expect(keyAction(key("PageDown"), false, false)).toBeNull();
    expect(keyAction(key("Escape"), false, true)?.id).toBe("leave-presenter");
    expect(keyAction(key("Escape"), false, false)).toBeNull();
  });
  it("P toggles presenter mode and ? opens the shortcuts, but not while typing", () => {
    expect(keyAction(key("p"), false)?.id).toBe("presenter");
    expect(keyAction(key("?", true), false)?.id).toBe("shortcuts");
    expect(keyAction(key("p"), true)).toBeNull();
    expect(keyAction(key("?", true), true)).toBeNull();
  });
  it("a focused menu keeps letters for itself (typing jumps to an option), so P there is not presenter mode", () => {
    const select = { tagName: "SELECT" } as unknown as EventTarget;
    expect(keyAction(key("p"), isFieldTarget(select, "p"))).toBeNull();
    expect(keyAction(key("?", true), isFieldTarget(select, "?"))).toBeNull();
    const button = { tagName: "BUTTON" } as unknown as EventTarget;
    expect(keyAction(key("p"), isFieldTarget(button, "p"))?.id).toBe("presenter");
    // A menu has no undo of its own: Ctrl+Z (⌘Z) on a focused in_axes menu is the page's Undo.
    const chord = (k: string, mods: { ctrlKey?: boolean; metaKey?: boolean }) => ({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, ...mods });
    expect(keyAction(chord("z", { ctrlKey: true }), isFieldTarget(select, "z", true))?.id).toBe("undo");
    expect(keyAction(chord("z", { metaKey: true }), isFieldTarget(select, "z", true))?.id).toBe("undo");
    expect(isFieldTarget(select, "z", false)).toBe(true);
  });
  it("PageDown in presenter mode walks the animation through the store", () => {
    const st = createAppStore();
    const next = ACTIONS.find((a) => a.id === "next")!;
    st.getState().setPresenter(true);
    next.perform(st.getState(), { B: 2 });
    const first = { k: st.getState().k, phase: st.getState().phase };
    expect(first.k).toBe(0);
    let moves = 1;
    while (st.getState().k !== null && moves < 20) {
      next.perform(st.getState(), { B: 2 });
      moves++;
    }
    // Through every step of both examples back to the resting picture.
    expect(st.getState().k).toBeNull();
    expect(moves).toBeGreaterThanOrEqual(2);
  });
});

describe("the clicker in a lesson", () => {
  const next = ACTIONS.find((a) => a.id === "next")!;
  const prev = ACTIONS.find((a) => a.id === "prev")!;
  it("walks the open lesson's steps first, then the animation of its last step", () => {
    const st = createAppStore();
    const lib = lessonLibrary();
    st.getState().setLessonLibrary(lib);
    st.getState().openLesson("axes-in-vmap");
    const steps = lib.get("axes-in-vmap")!.steps;
    let revealed = 0;
    for (let i = 1; i < steps.length; i++) {
      // A question step's hidden answer is shown by the first press (and plays), the next moves on.
      if (st.getState().lessonConceal) {
        next.perform(st.getState(), { B: 2 });
        expect(st.getState().lesson?.step).toBe(i - 1);
        expect(st.getState().lessonConceal).toBe(false);
        revealed++;
        st.getState().pause();
        st.getState().resetPlayback();
      }
      next.perform(st.getState(), { B: 2 });
      expect(st.getState().lesson?.step).toBe(i);
      if (steps[i].state) expect(explorerKey(st.getState().explorer)).toBe(explorerKey(steps[i].state!));
      expect(st.getState().k).toBeNull();
    }
    expect(revealed).toBe(steps.filter((x) => x.question && x.state).length - (steps[0].question ? 1 : 0));
    // The last step: PageDown now walks its animation.
    next.perform(st.getState(), { B: 2 });
    expect(st.getState().lesson?.step).toBe(steps.length - 1);
    expect(st.getState().k).toBe(0);
    prev.perform(st.getState(), { B: 2 });
    expect(st.getState().lesson?.step).toBe(steps.length - 2);
  });
  it("the permalink keeps the lesson step, and a reload opens it over the state the student left", async () => {
    const st = createAppStore();
    st.getState().setLessonLibrary(lessonLibrary());
    const host = fakeHost("");
    const stop = syncUrl(st, host);
    st.getState().openLesson("axes-in-vmap", 2);
    st.getState().setOutAxes(1);
    stop();
    expect(host.location.hash).toContain("lesson=axes-in-vmap&step=3");
    const again = createAppStore();
    syncUrl(again, fakeHost(host.location.hash))();
    expect(again.getState().lesson).toEqual({ id: "axes-in-vmap", step: 2 });
    for (let i = 0; i < 200 && again.getState().lessonLibrary === null; i++) await new Promise((r) => setTimeout(r, 5));
    expect(again.getState().lesson).toEqual({ id: "axes-in-vmap", step: 2 });
    expect(again.getState().explorer.outAxes).toBe(1);
  });
});

describe("reading a link", () => {
  it("leaves a link pasted while the page is open in the URL, a broken one too (a reload shows the same notice)", () => {
    for (const hash of ["#f=%3Cimg%20src%3Dx%3E", "#speed=3", `#${encodeExplorer(defaultExplorer())}&k=1&speed=2&edit=out_axes`]) {
      const st = createAppStore();
      const writes: string[] = [];
      let onHash = () => {};
      const host = {
        ...fakeHost(""),
        addEventListener: (type: string, cb: () => void) => void (type === "hashchange" && (onHash = cb)),
      };
      host.history.replaceState = (_d, _u, url) => void writes.push((host.location.hash = url ?? ""));
      const stop = syncUrl(st, host);
      st.getState().setOutAxes(1);
      writes.length = 0;
      host.location.hash = hash;
      onHash();
      stop();
      expect(writes, hash).toEqual([]);
      expect(host.location.hash).toBe(hash);
    }
  });
});

describe("vmap's other arguments", () => {
  it("axis_size and axis_name are locked with in_axes", () => {
    const st = createAppStore();
    st.getState().setLock({ edit: new Set(["out_axes"]), hide: new Set() });
    st.getState().setAxisName("b");
    st.getState().setAxisSize(3);
    expect(st.getState().explorer.axisName ?? null).toBeNull();
    expect(st.getState().explorer.axisSize).toBeNull();
    st.getState().setLock({ edit: new Set(["in_axes"]), hide: new Set() });
    st.getState().setAxisName("b");
    expect(st.getState().explorer.axisName).toBe("b");
  });
});
