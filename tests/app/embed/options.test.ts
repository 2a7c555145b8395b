// Embed options and <vmap-playground> attributes: read through the permalink decoder, so an
// embed takes exactly the states a link can carry; hostile or mistaken values are refused with
// a reason (never the default example silently), and the Share dialog's attributes read back
// to the state they were written from.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readAttributes, readEmbedHash, encodeEmbedHash, type EmbedOptions } from "../../../app/embed/options";
import { elementAttributes } from "../../../app/share/snippets";
import { decodeExplorer, encodeExplorer } from "../../../app/state/urlState";
import { explorerOf, leaf, tuple, explorerKey, type AxisTree, type ExplorerState } from "../../../app/state/explorerTypes";

const attrs = (o: Record<string, string>) => (n: string) => (Object.hasOwn(o, n) ? o[n] : null);

describe("element attributes", () => {
  it("read into the state a permalink would hold", () => {
    const r = readAttributes(attrs({ fn: "lambda a, b: a + b", shapes: "(2, 3); (3, 2)", "in-axes": "(0, 1)", "out-axes": "1", controls: "none", panels: "story,code" }));
    if (!r.ok) throw new Error(r.problem);
    expect(r.options).toEqual({ controls: "none", panels: ["story", "code"], theme: "auto" });
    const want = explorerOf("lambda a, b: a + b", [["a", leaf(2, 3), 0], ["b", leaf(3, 2), 1]], 1);
    expect(encodeExplorer(r.state)).toBe(encodeExplorer(want));
  });

  it("take an int or None in-axes for every argument, as JAX does, and default to 0", () => {
    const one = readAttributes(attrs({ fn: "lambda x, y: x * y", shapes: "(4,); (4,)", "in-axes": "None", "axis-size": "3" }));
    if (!one.ok) throw new Error(one.problem);
    expect([...one.state.inAxes.values()]).toEqual([null, null]);
    expect(one.state.axisSize).toBe(3);
    const dflt = readAttributes(attrs({ fn: "lambda x: x", shapes: "(4,)" }));
    if (!dflt.ok) throw new Error(dflt.problem);
    expect([...dflt.state.inAxes.values()]).toEqual([0]);
    expect(dflt.state.outAxes).toBe(0);
  });

  it.each([
    [{ shapes: "(2,)" }, "the fn attribute is missing"],
    [{ fn: "<img src=x onerror=alert(1)>", shapes: "(2,)" }, "fn: invalid syntax"],
    [{ fn: "lambda a, b: a", shapes: "(2,)" }, `shapes lists 1 shape but the function takes 2 arguments (separate them with ";")`],
    [{ fn: "lambda a: a", shapes: "(2,)", "in-axes": "(0, 1)" }, "in-axes has 2 entries but the function takes 1 argument"],
    [{ fn: "lambda a: a", shapes: "(2,)", "in-axes": "__import__('os')" }, "in-axes: unexpected '_' at column 1"],
    [{ fn: "lambda a: a", shapes: "(-1,)" }, "shape of a: a dimension cannot be negative"],
    [{ fn: "lambda a: a", shapes: "(2,)", fills: "unique; random" }, "fills lists 2 fills but the function takes 1 argument"],
    [{ fn: "lambda a: a", shapes: "(2,)", fills: "ones" }, "fill of a is unknown"],
    [{ fn: "lambda a: a", shapes: "(2,)", x64: "yes" }, "x64 must be 1 or 0, not 'yes'"],
    [{ fn: "lambda a: a", shapes: "(2,)", controls: "<svg onload=alert(1)>" }, `controls must be one of none, axes, all, not "<svg onload=alert(1)>"`],
    [{ fn: "lambda a: a", shapes: "(2,)", panels: "code,constructor" }, `each of panels must be one of code, story, table, not "constructor"`],
    [{ fn: "lambda a: a", shapes: "(2,)", theme: "__proto__" }, `theme must be one of light, dark, auto, not "__proto__"`],
    [{ fn: "lambda a: $a", shapes: "(2,)" }, "the function text has a character a lambda never uses, '$' at column 11"],
    [{ fn: "lambda a: a", shapes: "(2,)", "out-axes": "0; alert(1)" }, "out_axes: "],
  ])("refuse %j with a reason", (o, words) => {
    const r = readAttributes(attrs(o));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toContain(words);
      expect(r.problem).not.toMatch(/undefined|\[object|NaN/);
    }
  });

  it("name parameters such as __proto__ and constructor without touching any prototype", () => {
    const r = readAttributes(attrs({ fn: "lambda __proto__, constructor: __proto__ + constructor", shapes: "(2,); (2,)" }));
    if (!r.ok) throw new Error(r.problem);
    expect([...r.state.args.keys()]).toEqual(["__proto__", "constructor"]);
    expect(({} as Record<string, unknown>).shape).toBeUndefined();
  });
});

describe("the Share dialog's attributes", () => {
  const axis: fc.Arbitrary<AxisTree> = fc.oneof(fc.constant(null), fc.integer({ min: -2, max: 2 }));
  const state: fc.Arbitrary<ExplorerState> = fc
    .record({
      shapes: fc.array(fc.oneof(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }).map((s) => leaf(...s)), fc.tuple(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 2 })).map(([s]) => tuple(leaf(...s), leaf(...s)))), { minLength: 1, maxLength: 3 }),
      axes: fc.array(axis, { minLength: 3, maxLength: 3 }),
      out: axis,
      random: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      x64: fc.boolean(),
    })
    .map(({ shapes, axes, out, random, x64 }) => {
      const names = shapes.map((_, i) => `p${i}`);
      const s = explorerOf(`lambda ${names.join(", ")}: ${names[0]}`, shapes.map((s, i) => [names[i], s, axes[i]] as [string, typeof s, AxisTree]), out);
      const args = new Map([...s.args].map(([n, a], i) => [n, random[i] ? { ...a, fill: "random" as const } : a]));
      return { ...s, args, x64 };
    });
  const options: EmbedOptions = { controls: "all", panels: ["table"], theme: "dark" };

  it("read back to the state and options they were written from", () => {
    fc.assert(
      fc.property(state, (s) => {
        const names = [...s.args.keys()];
        const map = new Map(elementAttributes(s, options, names));
        const r = readAttributes((n) => map.get(n) ?? null);
        if (!r.ok) throw new Error(r.problem);
        expect(explorerKey(r.state)).toBe(explorerKey(s));
        expect(r.options).toEqual(options);
      }),
    );
  });

  it("and the embed page's hash reads back the same way", () => {
    fc.assert(
      fc.property(state, (s) => {
        const r = readEmbedHash(`#${encodeEmbedHash(s, options)}`);
        if (!r.ok) throw new Error(r.problem);
        expect(explorerKey(r.state)).toBe(explorerKey(decodeExplorer(encodeExplorer(s)).state));
        expect(r.options).toEqual(options);
      }),
    );
  });
});

describe("the embed page's hash", () => {
  it("shows what is wrong with a link instead of the default example", () => {
    const r = readEmbedHash("#f=alert(1)&out=0");
    expect(r).toEqual({ ok: false, problem: "This link could not be read (the function must be a lambda or a def program)." });
    expect(readEmbedHash("#f=lambda+x%3A+x&shape.x=(2%2C)&in.x=0&out=0&controls=all&theme=bogus")).toEqual({ ok: false, problem: `theme must be one of light, dark, auto, not "bogus"` });
  });
});
