/**
 * Symbolic cells as the page writes them: input cells by name, output cells as the engine's
 * expressions (app/state/symbols.ts, viz/symbolText.ts), checked against the engine's provenance
 * for every preset; and the playback narration of each phase (viz/narration.ts).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { CellExpr } from "../../engine/index";
import { fullTrace, traceCall, vmapCall, type VmapCall } from "../../app/state/engineBridge";
import { explorerOf, leaf, type ExplorerState } from "../../app/state/explorerTypes";
import { PRESETS } from "../../app/state/presets";
import { selectInputLeaves } from "../../app/state/hooks";
import { cellTexts } from "../../app/state/symbols";
import * as writer from "../../app/state/expressions";
import { exprText } from "../../app/viz/symbolText";
import { cellName, cellNamer } from "../../app/viz/cellNames";
import { arrayText, narrate, sliceCells } from "../../app/viz/narration";

/** A slice's cells, every one of them. */
const cellsOf = (s: { count: number; at: (j: number) => number }) => Array.from({ length: s.count }, (_, j) => s.at(j));

/** Every (leaf, cell) an expression reads, per leaf, sorted and without repeats. */
function readCells(e: CellExpr, leaves: number): number[][] {
  const out: Set<number>[] = Array.from({ length: leaves }, () => new Set());
  const walk = (x: CellExpr): void => {
    if (x.t === "in") out[x.leaf].add(x.cell);
    else if (x.t === "op") x.args.forEach(walk);
    else if (x.t === "reduce") x.terms.forEach(walk);
  };
  walk(e);
  return out.map((s) => [...s].sort((a, b) => a - b));
}

/** The page's texts for a call, with the expression writer loaded. */
function textsOf(call: VmapCall) {
  const r = traceCall(call);
  return cellTexts(call, selectInputLeaves(call), r.ok ? r.story : null, writer);
}

const traced = (s: ExplorerState) => {
  const r = fullTrace(vmapCall(s), true, true);
  if (!r.ok) throw r.error;
  return r.story;
};

describe("symbolic output cells", () => {
  it.each(PRESETS.map((p) => [p.id, p.state] as const))("%s: each output cell's expression reads exactly the cells its provenance names", (_id, s) => {
    const story = traced(s);
    // Indexing by values (x[i] with an int i) picks cells per example: no symbols, numbers shown.
    if (story.primitives.some((p) => p.byValue)) return expect(story.outputs.every((o) => o.symbols === undefined)).toBe(true);
    for (const o of story.outputs) {
      expect(o.symbols, "symbols for every preset").toBeDefined();
      expect(o.provenance).toBeDefined();
      o.symbols!.forEach((e, j) => expect(readCells(e, story.args.length)).toEqual(o.provenance![j].sources.map((c) => [...c].sort((a, b) => a - b))));
    }
  });

  it("the page writes each small preset's output cells, naming only input cells that exist", () => {
    for (const p of PRESETS) {
      const call = vmapCall(p.state);
      const leaves = selectInputLeaves(call);
      const t = textsOf(call);
      const small = leaves.every((l) => l.shape.reduce((a, b) => a * b, 1) <= 64);
      if (!small) {
        expect(t.inputs.every((x) => x === null), p.id).toBe(true);
        continue;
      }
      const names = new Set(leaves.flatMap((_, i) => t.inputs[i] ?? []));
      // Every symbolic leaf's cells have distinct names (an index argument's "indices" fill stays numbers).
      expect(names.size, p.id).toBe(leaves.reduce((n, l, i) => n + (t.inputs[i] ? l.shape.reduce((a, b) => a * b, 1) : 0), 0));
      for (const texts of t.outputs) for (const text of texts ?? []) expect(text.length, p.id).toBeGreaterThan(0);
    }
  });

  it("writes the blog's pairs, Σ over a bound index, powers and nested calls readably", () => {
    const call = vmapCall(PRESETS.find((p) => p.id === "dot")!.state);
    expect(textsOf(call).outputs[0]).toEqual(["Σ m₀ⱼ·vⱼ", "Σ m₁ⱼ·vⱼ", "Σ m₂ⱼ·vⱼ"]);
    const pairs = vmapCall(PRESETS.find((p) => p.id === "all-pairs")!.state);
    // Two terms are listed rather than bound: out[0, 1] = |x[0] - y[1]|.
    expect(textsOf(pairs).outputs[0]![1]).toBe("sqrt((x₀₀ - y₁₀)² + (x₀₁ - y₁₁)²)");
    const mm = vmapCall(PRESETS.find((p) => p.id === "matmul")!.state);
    // out[k, i, j] = Σ_c a[k, i, c] b[k, c, j]
    expect(textsOf(mm).outputs[0]![1]).toBe("Σ a₀₀ⱼ·b₀ⱼ₁");
    const sum = vmapCall(explorerOf("lambda x: jnp.sum(-x) / 2.0 - x[0]", [["x", leaf(3, 4), 0]], 0));
    expect(textsOf(sum).outputs[0]![2]).toBe("(Σ -x₂ⱼ) / 2.0 - x₂₀");
  });

  it("names cells by subscripts, or by brackets once an index can pass 9", () => {
    expect(cellName({ label: "a", shape: [2, 2] }, 1)).toBe("a₀₁");
    expect(cellName({ label: "a", shape: [2, 2, 2] }, 5)).toBe("a₁₀₁");
    expect(cellName({ label: "p[0]", shape: [3] }, 2)).toBe("p[0]₂");
    expect(cellName({ label: "y", shape: [] }, 0)).toBe("y");
    expect(cellName({ label: "v", shape: [12] }, 11)).toBe("v[11]");
    expect(cellName({ label: "m", shape: [2, 11] }, 12)).toBe("m[1,1]");
  });

  it("keeps Python's precedence and lists short or irregular reductions", () => {
    const inp = (cell: number): CellExpr => ({ t: "in", leaf: 0, cell });
    const op = (o: string, prec: number, ...args: CellExpr[]): CellExpr => ({ t: "op", form: "infix", op: o, prec, args });
    const name = cellNamer([{ label: "a", shape: [4] }], () => true, () => "?");
    const text = (e: CellExpr, compact = true) => exprText(e, name, [[4]], compact);
    expect(text(op("-", 1, inp(0), op("-", 1, inp(1), inp(2))))).toBe("a₀ - (a₁ - a₂)");
    expect(text(op("·", 2, op("+", 1, inp(0), inp(1)), inp(2)))).toBe("(a₀ + a₁)·a₂");
    expect(text(op("**", 4, op("**", 4, inp(0), inp(1)), inp(2)))).toBe("(a₀ ** a₁) ** a₂");
    expect(text({ t: "op", form: "prefix", op: "-", args: [op("+", 1, inp(0), inp(1))] })).toBe("-(a₀ + a₁)");
    expect(text({ t: "op", form: "power", op: "2", args: [{ t: "const", text: "-1.0" }] })).toBe("(-1.0)²");
    expect(text(op("·", 2, inp(0), { t: "const", text: "-2.0" }))).toBe("a₀·-2.0");
    const sum = (...cells: number[]): CellExpr => ({ t: "reduce", op: "sum", terms: cells.map(inp) });
    expect(text(sum(0, 1))).toBe("a₀ + a₁");
    expect(text(sum(0, 1, 2, 3))).toBe("Σ aⱼ");
    expect(text(sum(0, 1, 2, 3), false)).toBe("a₀ + a₁ + a₂ + a₃");
    // Not the whole range 0…n-1: listed.
    expect(text(sum(1, 2, 3))).toBe("a₁ + a₂ + a₃");
    expect(text({ t: "reduce", op: "max", terms: [0, 3, 1].map(inp) })).toBe("max(a₀, a₃, a₁)");
    const byValue = cellNamer([{ label: "a", shape: [4] }], () => false, (_l, c) => String(10 * c));
    expect(exprText(sum(0, 1, 2, 3), byValue, [[4]], false)).toBe("0 + 10 + 20 + 30");
  });
});

describe("narration", () => {
  const a = { name: "a", shape: [2, 2], axis: 0, sliceShape: [2], cell: (c: number) => cellName({ label: "a", shape: [2, 2] }, c) };
  const b = { name: "b", shape: [2, 2], axis: 1, sliceShape: [2], cell: (c: number) => cellName({ label: "b", shape: [2, 2] }, c) };
  const vals = [100, 121, 112, 133];
  const sym = ["a₀₀ + b₀₀", "a₀₁ + b₁₀", "a₁₀ + b₀₁", "a₁₁ + b₁₁"];
  const num = ["0 + 100", "1 + 120", "2 + 110", "3 + 130"];
  const out = { name: "out", shape: [2, 2], axis: 0, perExampleShape: [2], value: (c: number) => String(vals[c]), expr: (c: number) => sym[c], exprByValue: (c: number) => num[c] };

  it("walks take, apply and place for each k", () => {
    expect(narrate({ k: 1, phase: 0, B: 2 }, [a, b], [out])).toEqual({ head: "k = 1 of 2: take the slices a[1, :], b[:, 1]", detail: "a[1, :] (2,) = [a₁₀, a₁₁]; b[:, 1] (2,) = [b₀₁, b₁₁]" });
    expect(narrate({ k: 1, phase: 1, B: 2 }, [a, b], [out])).toEqual({ head: "k = 1 of 2: apply f to a[1, :], b[:, 1]", detail: "f(a[1, :], b[:, 1]) = [a₁₀ + b₀₁, a₁₁ + b₁₁] = [2 + 110, 3 + 130] = [112, 133]" });
    expect(narrate({ k: 1, phase: 2, B: 2 }, [a, b], [{ ...out, axis: 1 }])).toEqual({ head: "k = 1 of 2: place the result at out[:, 1]", detail: "f's result (2,) lands at out[:, 1]: index 1 along axis 1 (out_axes)" });
    // At rest the caption is PlaybackControls' own; the narration says nothing.
    expect(narrate({ k: null, phase: 2, B: 2 }, [a, b], [out])).toEqual({ head: "", detail: null });
  });

  it("abbreviates big slices and leaves out a step that says nothing new", () => {
    expect(arrayText(Array.from({ length: 10 }, (_, i) => String(i)), [10])).toBe("[0, 1, …, 9]");
    expect(arrayText(["0", "1", "2", "3", "4", "5"], [3, 2])).toBe("[[0, 1], [2, 3], [4, 5]]");
    const count = (shape: number[]) => Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => String(i));
    expect(arrayText(count([2, 2, 2]), [2, 2, 2])).toBe("[[[0, 1], [2, 3]], [[4, 5], [6, 7]]]");
    // A slice of the blog's 5-d example: outer axes give way first, so the text stays a line or two
    // (it was 162 values, each axis elided only to its ends) and its innermost rows read as the grid's.
    const five = arrayText(count([2, 3, 5, 7, 9]), [2, 3, 5, 7, 9]);
    expect(five).toBe("[[[[[0, 1, …, 8], [9, 10, …, 17], …, [54, 55, …, 62]], …], …], …]");
    expect(five.match(/\d+/g)!.length).toBeLessThanOrEqual(12);
    expect(cellsOf(sliceCells([2, 3], 1, 2))).toEqual([2, 5]);
    // Numbers only (no symbolic argument): the expression written by name reads as by value.
    const plain = { ...out, expr: (c: number) => num[c] };
    expect(narrate({ k: 0, phase: 1, B: 2 }, [a, b], [plain]).detail).toBe("f(a[0, :], b[:, 0]) = [0 + 100, 1 + 120] = [100, 121]");
  });

  it("finds a slice's cells as a pass over every cell would (sliceCells works out only the cells asked)", () => {
    // The reference: cell c (row-major) is in slice k when its index along `axis` is k.
    const reference = (shape: number[], axis: number | null, k: number) => {
      const n = shape.reduce((p, q) => p * q, 1);
      const stride = axis === null ? 1 : shape.slice(axis + 1).reduce((p, q) => p * q, 1);
      return Array.from({ length: n }, (_, c) => c).filter((c) => axis === null || Math.floor(c / stride) % shape[axis] === k);
    };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 }), fc.nat(6), fc.nat(5), (shape, pick, k) => {
        const axis = pick >= shape.length ? null : pick;
        expect(cellsOf(sliceCells(shape, axis, k))).toEqual(reference(shape, axis, k));
      }),
    );
  });
});
