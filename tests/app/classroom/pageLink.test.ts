// The permalink's page fields (app/state/pageLink.ts): the animation step, the speed and a
// student link's lock round-trip, and a link whose field cannot be read opens the default
// with a notice saying which field, as a bad explorer field does. Words from a link are
// whitelisted into Sets, never object keys.
import { describe, expect, it } from "vitest";
import { decodePageLink, encodePageLink, type PageLink } from "../../../app/state/pageLink";
import { explorerOf, leaf, defaultExplorer } from "../../../app/state/explorerTypes";
import { encodeExplorer } from "../../../app/state/urlState";

const dot = explorerOf("lambda m, v: jnp.dot(m, v)", [["m", leaf(3, 4), 0], ["v", leaf(4), null]], 0);
const base = `#${encodeExplorer(dot)}`;

describe("the page's permalink", () => {
  it("round-trips the step, the speed and the lock with the explorer", () => {
    const link: PageLink = { explorer: dot, step: { k: 2, phase: 1 }, speed: 0.5, lock: { edit: new Set(["out_axes"]), hide: new Set(["story", "panels"]) }, lesson: { id: "axes-in-vmap", step: 2 } };
    const text = encodePageLink(link);
    expect(text).toContain("k=2");
    expect(text).toContain("phase=1");
    expect(text).toContain("speed=0.5");
    expect(text).toContain("edit=out_axes");
    expect(text).toContain("hide=story%2Cpanels");
    // The lesson's step as a person counts it (lessonSlice.ts: links write it 1-based).
    expect(text).toContain("lesson=axes-in-vmap&step=3");
    const r = decodePageLink(`#${text}`);
    expect(r.ok).toBe(true);
    expect(r.link.explorer).toEqual(dot);
    expect(r.link.step).toEqual({ k: 2, phase: 1 });
    expect(r.link.speed).toBe(0.5);
    expect([...r.link.lock!.edit]).toEqual(["out_axes"]);
    expect([...r.link.lock!.hide].sort()).toEqual(["panels", "story"]);
    // The link carries the explorer state: the lesson keeps it over the step's (urlState.ts decodeLink).
    expect(r.link.lesson).toEqual({ id: "axes-in-vmap", step: 2, keepExplorer: true });
  });

  it("writes nothing extra for the resting picture at speed 1 without a lock (old links stay valid)", () => {
    expect(encodePageLink({ explorer: dot, step: null, speed: 1, lock: null, lesson: null })).toBe(encodeExplorer(dot));
    const r = decodePageLink(base);
    expect(r).toMatchObject({ ok: true, link: { step: null, speed: 1, lock: null, lesson: null } });
  });

  it("an empty edit list locks every control", () => {
    const r = decodePageLink(`${base}&edit=`);
    expect(r.ok).toBe(true);
    expect(r.link.lock!.edit.size).toBe(0);
  });

  it.each([
    ["k=-1", /k must be a whole number/],
    ["k=1.5", /k must be a whole number/],
    ["phase=1", /phase without k/],
    ["k=0&phase=3", /phase must be 0, 1 or 2/],
    ["speed=3", /speed must be one of 0.25, 0.5, 1, 2, 4/],
    ["speed=1&speed=2", /speed appears twice/],
    ["edit=__proto__", /edit lists "__proto__", which is not one of function, shapes, in_axes, out_axes/],
    ["edit=constructor", /not one of/],
    ["edit=out_axes,out_axes", /edit lists out_axes twice/],
    ["hide=toString", /hide lists "toString"/],
    ["edit=out_axes&bogus=1", /unknown field "bogus"/],
    ["step=2", /step without a lesson/],
    ["lesson=__proto__", /the lesson '__proto__' is not a lesson's name/],
    ["lesson=axes-in-vmap&step=0", /the step must be a number from 1, not '0'/],
    ["lesson=axes-in-vmap&step=x", /the step must be a number from 1/],
    ["lesson=axes-in-vmap&lesson=other", /lesson appears twice/],
  ])("rejects %s: the default with a notice", (extra, why) => {
    const r = decodePageLink(`${base}&${extra}`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.why).toMatch(why);
    expect(r.notice).toMatch(/^This link could not be read \(.+\), so the default example is shown\.$/);
    expect(r.link).toEqual({ explorer: defaultExplorer(), step: null, speed: 1, lock: null, lesson: null });
  });
});
