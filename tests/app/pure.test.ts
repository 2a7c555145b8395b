// Pure parts of the explorer: fills, generated Python, layout, timeline, highlighting, actions.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { leafValues, uniqueFill } from "../../app/state/fills";
import { pythonCode, vmapCallText } from "../../app/state/codegen";
import { defaultExplorer, leaf, type ExplorerState } from "../../app/state/explorerTypes";
import { presetById } from "../../app/state/presets";
import { gridLayout, gridSize, layoutArray, reserveFor } from "../../app/viz/layout";
import { backingSize, pixelsPerUnit } from "../../app/viz/drawCanvas";
import { cellStates, inputCellState, outputCellState, sliceText } from "../../app/viz/timeline";
import { highlightPython } from "../../app/explorer/highlight";
import { keyAction, isFieldTarget } from "../../app/actions";
import { axisColor, BATCH_COLOR } from "../../app/viz/colors";

describe("fills", () => {
  it("counts a from 0 and b from 100 in steps that differ per argument and per axis", () => {
    const f = uniqueFill([4, 4]);
    expect(f).toEqual({ offset: 100, steps: [1, 10] });
    expect(Array.from(leafValues([2, 2], "unique", 0, f))).toEqual([0, 1, 2, 3]);
    // b's steps: 20 along axis 0, 10 along axis 1 (a's: 2 and 1).
    expect(Array.from(leafValues([2, 2], "unique", 1, f))).toEqual([100, 110, 120, 130]);
    // A third leaf steps past every pair of the first two (4 · 4 = 16 → 100).
    const g = uniqueFill([4, 4, 3]);
    expect(g).toEqual({ offset: 1000, steps: [1, 10, 100] });
    expect(Array.from(leafValues([3], "unique", 2, g))).toEqual([2000, 2100, 2200]);
  });
  it("keeps every value an exact float32 integer: the exact product as step, else 1", () => {
    // (2,3,5,7,9) twice: a step of 10⁴ would pass 2**24; 1890 does not.
    const f = uniqueFill([1890, 1890]);
    expect(f).toEqual({ offset: 1e7, steps: [1, 1890] });
    expect(1 * f.offset + 1889 * 1890).toBeLessThan(2 ** 24);
    expect(uniqueFill([1e6, 1e6]).steps).toEqual([1, 1]);
    expect(uniqueFill([100]).offset).toBe(100);
    expect(uniqueFill([101]).offset).toBe(1000);
  });
  it("random fills are small, one decimal, and the same every time", () => {
    const f = uniqueFill([50, 50]);
    const a = leafValues([50], "random", 0, f);
    expect(Array.from(a)).toEqual(Array.from(leafValues([50], "random", 0, f)));
    for (const v of a) {
      expect(Math.abs(v)).toBeLessThanOrEqual(2);
      expect(Math.round(v * 10) / 10).toBe(v);
    }
    expect(Array.from(leafValues([50], "random", 1, f))).not.toEqual(Array.from(a));
  });
});

describe("generated Python", () => {
  it("writes the runnable JAX program for the default state", () => {
    expect(pythonCode(defaultExplorer(), ["a", "b"], false)).toBe(
      [
        "import jax",
        "import jax.numpy as jnp",
        "",
        "a = jnp.arange(4.).reshape(2, 2)",
        "b = jnp.arange(4.).reshape(2, 2) * 10 + 100",
        "",
        "f = lambda a, b: a + b",
        "out = jax.vmap(f, in_axes=(0, 0), out_axes=0)(a, b)",
        "print(out.shape)",
        "",
      ].join("\n"),
    );
  });
  it("writes tuples for in_axes, tuple arguments and the (2,3,5,7,9) offsets", () => {
    const s = presetById("tuple-arg")!.state;
    const code = pythonCode(s, ["p", "x"], false);
    expect(code).toContain("p = (jnp.arange(3.), jnp.arange(3.) * 10 + 1000)");
    expect(code).toContain("x = jnp.arange(12.).reshape(4, 3) * 10 + 2000");
    expect(code).toContain("in_axes=((None, None), 0)");
    const big = pythonCode(presetById("add-5d")!.state, ["a", "b"], false);
    expect(big).toContain("b = jnp.arange(1890.).reshape(2, 3, 5, 7, 9) * 1890 + 10000000");
    expect(big).toContain("in_axes=(None, 0), out_axes=3)(a, b)");
  });
  it("adds axis_size only when every entry is None, and prints tuple shapes", () => {
    const s: ExplorerState = { ...defaultExplorer(), inAxes: new Map([["a", null], ["b", null]]), axisSize: 3 };
    expect(vmapCallText(s, ["a", "b"])).toBe("jax.vmap(f, in_axes=(None, None), out_axes=0, axis_size=3)(a, b)");
    expect(vmapCallText({ ...s, inAxes: new Map([["a", 0], ["b", null]]) }, ["a", "b"])).toBe("jax.vmap(f, in_axes=(0, None), out_axes=0)(a, b)");
    expect(vmapCallText({ ...defaultExplorer(), fnSource: "lambda x: x" }, ["x"])).toBe("jax.vmap(f, in_axes=(0,), out_axes=0)(x)");
    expect(pythonCode(presetById("tuple-out")!.state, ["x", "y"], true)).toContain("print(jax.tree.map(jnp.shape, out))");
    expect(pythonCode(presetById("tuple-out")!.state, ["x", "y"], true)).toContain("y = jnp.array(100.)");
  });
  it("writes random fills as literal values when small", () => {
    const s: ExplorerState = { ...defaultExplorer(), args: new Map([["a", { tree: leaf(2), fill: "random" }], ["b", { tree: leaf(2), fill: "unique" }]]) };
    const vals = Array.from(leafValues([2], "random", 0, uniqueFill([2, 2]))).map((v) => (Number.isInteger(v) ? `${v}.` : String(v)));
    expect(pythonCode(s, ["a", "b"], false)).toContain(`a = jnp.array([${vals.join(", ")}])`);
  });
});

describe("layout", () => {
  it("draws rank 2 as rows × columns with cells at their row-major index", () => {
    const L = layoutArray([2, 3], 10);
    expect(L.cells.map((c) => c.i)).toEqual([0, 1, 2, 3, 4, 5]);
    // cell (1, 2) is flat index 5: one row down, two columns right of cell 0
    expect(L.cells[5].coord).toEqual([1, 2]);
    expect(L.cells[5].x - L.cells[0].x).toBe(20);
    expect(L.cells[5].y - L.cells[0].y).toBe(10);
  });
  it("tiles rank 3 horizontally and rank 4 vertically, with a label per tile", () => {
    const L3 = layoutArray([2, 2, 2], 10);
    // flat index 4 = (1, 0, 0): the second tile, to the right of the first, same row
    expect(L3.cells[4].coord).toEqual([1, 0, 0]);
    expect(L3.cells[4].y).toBe(L3.cells[0].y);
    expect(L3.cells[4].x).toBeGreaterThan(L3.cells[1].x + 10);
    expect(L3.labels.filter((l) => l.axis === 0).map((l) => l.index)).toEqual([0, 1]);
    const L4 = layoutArray([2, 1, 1, 1], 10);
    expect(L4.cells[1].x).toBe(L4.cells[0].x);
    expect(L4.cells[1].y).toBeGreaterThan(L4.cells[0].y + 10);
  });
  it("lays out the (2,3,5,7,9) array and its rank-6 result without overlaps", () => {
    for (const shape of [[2, 3, 5, 7, 9], [2, 2, 3, 5, 7, 9]]) {
      const L = layoutArray(shape, 6);
      const n = shape.reduce((a, b) => a * b, 1);
      expect(L.cells.length).toBe(n);
      const seen = new Set(L.cells.map((c) => `${c.x},${c.y}`));
      expect(seen.size).toBe(n);
      for (const c of L.cells) {
        expect(c.x + 6).toBeLessThanOrEqual(L.width);
        expect(c.y + 6).toBeLessThanOrEqual(L.height);
      }
      // one bracket per axis
      expect(new Set(L.brackets.map((b) => b.axis)).size).toBe(shape.length);
    }
  });
  it("knows a layout's size without its cells, and the box that holds every out_axes", () => {
    const shapes = [[2, 2, 3, 5, 7, 9], [2, 3, 2, 5, 7, 9], [2, 3, 5, 2, 7, 9], [2, 3, 5, 7, 2, 9], [2, 3, 5, 7, 9, 2]];
    for (const sh of shapes) {
      const L = gridLayout(sh, 560);
      expect(gridSize(sh, 560)).toEqual({ width: L.width, height: L.height });
      // Cached: the same layout object again, so its grid is not redrawn.
      expect(gridLayout([...sh], 560)).toBe(L);
    }
    const r = reserveFor(shapes, 560);
    expect(r.width).toBe(Math.max(...shapes.map((sh) => gridSize(sh, 560).width)));
    expect(r.height).toBe(Math.max(...shapes.map((sh) => gridSize(sh, 560).height)));
  });
  it("grows a canvas's backing store once for what it will show, and shrinks it only when mostly unused", () => {
    const reserve = { width: 955, height: 880 };
    // The first layout allocates room for every out_axes at once…
    expect(backingSize({ width: 300, height: 150 }, { width: 483, height: 329 }, reserve)).toEqual(reserve);
    // …so the others fit without a reallocation.
    for (const need of [{ width: 709, height: 235 }, { width: 511, height: 740 }, { width: 955, height: 317 }]) expect(backingSize(reserve, need, reserve)).toEqual(reserve);
    // Without a reservation it grows to fit, never shrinking for a smaller layout…
    expect(backingSize({ width: 483, height: 329 }, { width: 709, height: 235 })).toEqual({ width: 709, height: 329 });
    expect(backingSize({ width: 709, height: 329 }, { width: 100, height: 100 })).toEqual({ width: 709, height: 329 });
    // …unless it is big and mostly unused.
    expect(backingSize({ width: 3000, height: 3000 }, { width: 500, height: 400 })).toEqual({ width: 500, height: 400 });
  });
  it("paints a grid shown smaller than its layout with no more pixels than the screen shows, and cells two apart at least", () => {
    // A 1× screen showing the 98,304-cell grid (cells 4 units apart) at 830 of its 2,083 units: half a pixel per unit, cells 2 apart.
    expect(pixelsPerUnit(1, 830 / 2083, 4)).toBe(0.5);
    // However small it is shown, cells keep two pixels between their starts.
    expect(pixelsPerUnit(1, 0.1, 4)).toBe(0.5);
    expect(pixelsPerUnit(1, 0.1, 8)).toBe(0.25);
    // A 2× screen showing it: 0.8 pixels per unit shown, one painted.
    expect(pixelsPerUnit(2, 830 / 2083, 4)).toBe(1);
    // Shown at more than half its size, or whole, a screen keeps its pixels.
    expect(pixelsPerUnit(2, 0.6, 4)).toBe(2);
    expect(pixelsPerUnit(2, 1, 4)).toBe(2);
    expect(pixelsPerUnit(1, 0.6, 4)).toBe(1);
    // Presenter mode's zoom 2 on a 2× screen: four per unit, halved while the screen still gets as many as it shows.
    expect(pixelsPerUnit(4, 0.3, 4)).toBe(2);
    expect(pixelsPerUnit(4, 0.2, 4)).toBe(1);
    for (const cell of [4, 6, 20])
      for (const screen of [1, 1.5, 2, 3, 4])
        for (const shown of [0.1, 0.25, 0.4, 0.5, 0.75, 1]) {
          const dpr = pixelsPerUnit(screen, shown, cell);
          // Never fewer than the screen shows (unless cells would come closer than two pixels), never twice as many.
          expect(dpr).toBeGreaterThanOrEqual(Math.min(screen, Math.max(2 / cell, screen * shown)));
          expect(dpr).toBeLessThan(2 * Math.max(2 / cell, screen * shown) + 1e-9);
          expect(dpr * cell).toBeGreaterThanOrEqual(Math.min(2, screen * cell));
        }
  });
  it("draws a scalar as one cell", () => {
    const L = layoutArray([], 20);
    expect(L.cells).toHaveLength(1);
    expect(L.cells[0].coord).toEqual([]);
  });
});

describe("timeline", () => {
  const f = (k: number | null, phase: 0 | 1 | 2) => ({ k, phase, B: 3 });
  it("lifts the k-th slice of a mapped input and reuses an unmapped one whole", () => {
    expect(inputCellState(f(1, 0), { axis: 1 }, [0, 1])).toBe("lifted");
    expect(inputCellState(f(1, 0), { axis: 1 }, [1, 0])).toBe("dim");
    expect(inputCellState(f(1, 0), { axis: null }, [1, 0])).toBe("reused");
    expect(inputCellState(f(null, 2), { axis: 0 }, [1, 0])).toBe("rest");
  });
  it("stacks results below k, lands k in phase 2, leaves the rest to come", () => {
    expect(outputCellState(f(1, 2), { axis: 2 }, [0, 0, 0])).toBe("placed");
    expect(outputCellState(f(1, 1), { axis: 2 }, [0, 0, 1])).toBe("pending");
    expect(outputCellState(f(1, 2), { axis: 2 }, [0, 0, 1])).toBe("landing");
    expect(outputCellState(f(1, 2), { axis: 2 }, [0, 0, 2])).toBe("pending");
  });
  it("says what happens in Python slice notation", () => {
    expect(sliceText("b", 2, 1, 0)).toBe("b[:, 0]");
    expect(sliceText("a", 2, null, 0)).toBe("a");
  });
  it("gives every cell's state per slice as asking each cell would, and the same array while no slice changes", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), fc.nat(4), fc.option(fc.nat(4), { nil: null }), fc.constantFrom(0, 1, 2), (shape, pick, k, phase) => {
        const layout = gridLayout(shape, 560);
        const axis = pick >= shape.length ? null : pick;
        const frame = { k, phase: phase as 0 | 1 | 2, B: axis === null ? 2 : shape[axis] };
        for (const state of [inputCellState, outputCellState]) {
          const each: string[] = [];
          for (const c of layout.cells) each[c.i] = state(frame, { axis }, c.coord);
          expect(cellStates(layout.cells, { axis }, frame, state)).toEqual(each);
        }
      }),
    );
    const layout = gridLayout([3, 4, 5], 560);
    const at = (k: number | null, phase: 0 | 1 | 2) => cellStates(layout.cells, { axis: 1 }, { k, phase, B: 4 }, inputCellState);
    // An input's slices do not change between the phases of one k: the very same array.
    expect(at(2, 1)).toBe(at(2, 0));
    expect(at(3, 0)).not.toBe(at(2, 0));
  });
});

describe("editor highlighting and keys", () => {
  it("splits a lambda into classes without losing a character", () => {
    const src = "lambda a, b: jnp.sum(a * 2.5, axis=0) + 'w'";
    const toks = highlightPython(src);
    expect(toks.map((t) => t.text).join("")).toBe(src);
    expect(toks.find((t) => t.text === "lambda")?.cls).toBe("kw");
    expect(toks.find((t) => t.text === "jnp.sum")?.cls).toBe("lib");
    expect(toks.find((t) => t.text === "2.5")?.cls).toBe("num");
    expect(toks.find((t) => t.text === "'w'")?.cls).toBe("str");
  });
  it("maps keys to actions, leaving typing keys to text fields", () => {
    const k = (key: string, mods: Partial<{ ctrlKey: boolean; shiftKey: boolean; metaKey: boolean }> = {}) => ({ key, ctrlKey: false, shiftKey: false, metaKey: false, ...mods });
    expect(keyAction(k(" "), false)?.id).toBe("play");
    expect(keyAction(k("ArrowRight"), false)?.id).toBe("step-forward");
    expect(keyAction(k("z", { ctrlKey: true }), false)?.id).toBe("undo");
    expect(keyAction(k("Z", { ctrlKey: true, shiftKey: true }), false)?.id).toBe("redo");
    expect(keyAction(k(" "), true)).toBeNull();
    expect(isFieldTarget({ tagName: "BUTTON" } as unknown as EventTarget, "ArrowRight")).toBe(false);
    expect(isFieldTarget({ tagName: "BUTTON" } as unknown as EventTarget, " ")).toBe(true);
    expect(isFieldTarget({ tagName: "TEXTAREA" } as unknown as EventTarget, "z")).toBe(true);
  });
  it("colours the batch axis the same wherever it sits, others by per-example position", () => {
    expect(axisColor(2, 2)).toBe(BATCH_COLOR);
    expect(axisColor(3, 2)).toBe(axisColor(2, null));
    expect(axisColor(1, 2)).toBe(axisColor(1, null));
  });
});
