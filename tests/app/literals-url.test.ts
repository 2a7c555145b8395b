// The whitelist readers: Python literals for axes and shapes, and the URL codec (round trip,
// broken and hostile links fall back to the default with a notice).
import { describe, expect, it } from "vitest";
import { formatPyLiteral, LiteralError, parsePyLiteral } from "../../app/state/pyLiteral";
import { decodeExplorer, encodeExplorer, URL_POLICY } from "../../app/state/urlState";
import { defaultExplorer, leaf, tuple, type ExplorerState } from "../../app/state/explorerTypes";
import { PRESETS } from "../../app/state/presets";
import { QUICKSTART } from "../../app/panels/ways/quickstart";

describe("python literals", () => {
  it("reads ints, None and tuples the way Python does", () => {
    expect(parsePyLiteral("(0, None)")).toEqual([0, null]);
    expect(parsePyLiteral("((None, None), 0)")).toEqual([[null, null], 0]);
    expect(parsePyLiteral("(2,3,5,7,9)")).toEqual([2, 3, 5, 7, 9]);
    expect(parsePyLiteral("(3)")).toBe(3); // parentheses alone make no tuple
    expect(parsePyLiteral("(3,)")).toEqual([3]);
    expect(parsePyLiteral("()")).toEqual([]);
    expect(parsePyLiteral(" -1 ")).toBe(-1);
    expect(parsePyLiteral("[0, 1]")).toEqual([0, 1]);
  });
  it("refuses anything else", () => {
    for (const bad of ["(0, 1", "abc", "1.5", "(1,,2)", "__import__('os')", "(0) (1)", "None1", ""]) {
      expect(() => parsePyLiteral(bad), bad).toThrow(LiteralError);
    }
  });
  it("prints tuples as Python repr", () => {
    expect(formatPyLiteral([0, null])).toBe("(0, None)");
    expect(formatPyLiteral([2])).toBe("(2,)");
    expect(formatPyLiteral([])).toBe("()");
    expect(formatPyLiteral([[null, null], 0])).toBe("((None, None), 0)");
  });
});

describe("URL state", () => {
  it("has a policy for every explorer field", () => {
    expect(Object.keys(URL_POLICY).sort()).toEqual(Object.keys(defaultExplorer()).sort());
  });
  it("writes the arguments the function's header names (the engine's parser; the body need not parse)", () => {
    const s = { ...defaultExplorer(), fnSource: "lambda b, # a comment: c\n a: a + (", args: new Map([...defaultExplorer().args, ["c", { tree: leaf(3), fill: "unique" as const }]]) };
    const keys = [...new URLSearchParams(encodeExplorer(s)).keys()].filter((k) => k.startsWith("shape."));
    expect(keys).toEqual(["shape.b", "shape.a"]);
  });
  it("round-trips every preset and the default", () => {
    for (const s of [defaultExplorer(), ...[...PRESETS, QUICKSTART].map((p) => p.state)]) {
      const back = decodeExplorer(`#${encodeExplorer(s)}`);
      expect(back.ok).toBe(true);
      expect(back.state).toEqual(s);
    }
  });
  it("round-trips axis_size, axis_name, x64, random fills and nested tuple arguments", () => {
    const s: ExplorerState = {
      fnSource: "lambda p, x: p[0][1] * x",
      args: new Map([
        ["p", { tree: tuple(tuple(leaf(), leaf(3)), leaf(2, 2)), fill: "random" }],
        ["x", { tree: leaf(4, 3), fill: "unique" }],
      ]),
      inAxes: new Map([
        ["p", null],
        ["x", null],
      ]),
      outAxes: [0, null],
      axisSize: 5,
      axisName: "batch",
      x64: true,
      mapWith: "vmap",
      devices: 8,
    };
    expect(decodeExplorer(encodeExplorer(s))).toEqual({ ok: true, state: s });
  });
  it("round-trips pmap and its device count, and writes neither for vmap", () => {
    const s: ExplorerState = { ...defaultExplorer(), mapWith: "pmap", devices: 3 };
    const enc = encodeExplorer(s);
    expect(new URLSearchParams(enc).get("map")).toBe("pmap");
    expect(new URLSearchParams(enc).get("devices")).toBe("3");
    expect(decodeExplorer(enc)).toEqual({ ok: true, state: s });
    const plain = new URLSearchParams(encodeExplorer(defaultExplorer()));
    expect(plain.has("map") || plain.has("devices")).toBe(false);
  });
  it("refuses a map other than vmap/pmap and a device count outside 1–8", () => {
    for (const bad of ["map=xmap", "map=pmap&devices=0", "map=pmap&devices=9", "map=pmap&devices=2.5", "map=pmap&devices=__proto__"]) {
      const r = decodeExplorer(`#f=lambda+a%3A+a&${bad}`);
      expect(r.ok, bad).toBe(false);
    }
  });
  it("shows the default without a notice for an empty hash", () => {
    expect(decodeExplorer("")).toEqual({ ok: true, state: defaultExplorer() });
  });
  it("falls back to the default with a notice for broken or hostile links", () => {
    const hostile = [
      "#f=<script>alert(1)</script>",
      "#f=lambda a: a&in.a=__import__('os')",
      "#f=lambda a: a&shape.a=(2,2)&evil=1",
      "#f=lambda a: a&shape.a=(2.5,)",
      "#f=lambda a: `rm -rf`",
      "#f=lambda a: a&in.a=0&in.a=1",
      "#f=lambda a: a&size=-3",
      "#f=lambda a: a&fill.a=random",
      "#f=lambda a: a&shape.a=(1,2,3,4,5,6,7,8,9)",
      "#f=lambda a: a&shape.<img>=(2,)",
      "#in.a=0",
      "#%E0%A4%A",
    ];
    for (const h of hostile) {
      const r = decodeExplorer(h);
      expect(r.ok, h).toBe(false);
      expect(r.state).toEqual(defaultExplorer());
      if (!r.ok) expect(r.notice).toMatch(/could not be read/);
    }
  });
});
