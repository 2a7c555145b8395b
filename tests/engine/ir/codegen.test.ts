/**
 * Fusion and generated code: what gets grouped into one loop nest (elementwise chains with
 * broadcasting operands and a trailing reduction), what does not (a reduction over a leading
 * axis, a value computed after the group starts), and — over random programs, with strided
 * inputs — that the compiled program equals eager evaluation number for number.
 */
import fc from "fast-check";
import type { Value } from "../../../engine/core/tracer";
import { describe, expect, it } from "vitest";
import { makeJaxpr, NDArray, vmap } from "../../../engine";
import { compileProgram, jsNum } from "../../../engine/ir/codegen";
import { fuse, type LoopGroup } from "../../../engine/ir/fuse";
import { optimize } from "../../../engine/ir/passes";
import { definePrimitive } from "../../../engine/core/primitive";
import { bind1 } from "../../../engine/core/tracer";
import { lax } from "../../../engine/primitives";
import { caseArb, inputsOf, programOf, sameNumbers } from "./programs";
import { useX64 } from "../../helpers/x64";
import { laneSum } from "../../helpers/reference";
import { tanh } from "../../../engine/array/tanh";

// References are float64 loops: compare with x64 on (float32 runs: tests/engine/dtypes.test.ts).
useX64();

type V = Value;
const seq = (shape: number[], f: (i: number) => number = (i) => (i % 5) - 2 + i / 8) => {
  const n = shape.reduce((a, b) => a * b, 1);
  return new NDArray(Float64Array.from({ length: n }, (_, i) => f(i)), shape);
};

function compile(f: (...xs: V[]) => V | V[], ...args: NDArray[]) {
  const j = optimize(makeJaxpr(f)(...args).jaxpr);
  const program = fuse(j);
  const { run, source } = compileProgram(program)!;
  return { program, source, out: run(args) };
}

describe("fuse", () => {
  it("sum(tanh(x) * 2 + x * x) is one loop nest, no intermediate array, one pass", () => {
    const x = seq([1000]);
    const { program, source, out } = compile((v) => lax.reduceSum(lax.add(lax.mul(lax.tanh(v), 2), lax.mul(v, v)), [0]), x);
    expect(program.steps.length).toBe(1);
    const g = program.steps[0] as LoopGroup;
    expect(g.kind).toBe("loop");
    expect(g.members.map((e) => e.prim.name)).toEqual(["tanh", "mul", "mul", "add"]);
    expect(g.reductions.map((e) => e.prim.name)).toEqual(["reduce_sum"]);
    expect(g.outputs).toEqual([]);
    expect(source.match(/for \(/g)?.length).toBe(1);
    expect(source).not.toMatch(/alloc\(1000\)/);
    // Summed in four lanes, as the eager kernel sums (engine/array/summation.ts).
    const terms = Array.from(x.data, (v) => tanh(v) * 2 + v * v);
    expect(out[0].item()).toBe(laneSum(terms));
  });

  it("broadcasting operands (row vector, column, scalar) read through stride-0 axes", () => {
    const a = seq([3, 4]);
    const r = seq([4], (i) => 10 * i);
    const c = seq([3, 1], (i) => 100 * (i + 1));
    const { program, out } = compile((p, q, t) => lax.mul(lax.add(lax.add(p, q), t), lax.cos(3)), a, r, c);
    expect(program.steps.map((s) => s.kind)).toEqual(["loop"]);
    const want: number[][] = [];
    for (let i = 0; i < 3; i++) {
      want.push([]);
      for (let j = 0; j < 4; j++) want[i].push((a.data[i * 4 + j] + 10 * j + 100 * (i + 1)) * Math.cos(3));
    }
    expect(out[0].tolist()).toEqual(want);
  });

  it("fuses a reduction over trailing axes, keeps one over a leading axis separate", () => {
    const x = seq([3, 4, 2]);
    const trailing = compile((v) => lax.reduceMax(lax.sin(v), [1, 2]), x);
    expect(trailing.program.steps.map((s) => s.kind)).toEqual(["loop"]);
    const want = [0, 1, 2].map((i) => Math.max(...Array.from({ length: 8 }, (_, k) => Math.sin(x.data[i * 8 + k]))));
    expect(trailing.out[0].tolist()).toEqual(want);

    const leading = compile((v) => lax.reduceSum(lax.sin(v), [0]), x);
    expect(leading.program.steps.map((s) => s.kind)).toEqual(["loop", "eqn"]);
    const lw: number[][] = [];
    for (let j = 0; j < 4; j++) {
      lw.push([]);
      for (let k = 0; k < 2; k++) lw[j].push(Math.sin(x.data[j * 2 + k]) + Math.sin(x.data[8 + j * 2 + k]) + Math.sin(x.data[16 + j * 2 + k]));
    }
    expect(leading.out[0].tolist()).toEqual(lw);
  });

  it("materializes a member read later, and starts a new group for a value made after the first", () => {
    const x = seq([5]);
    const f = (v: V) => {
      const s = lax.sin(v);
      const total = lax.reduceSum(s, [0]);
      return [lax.mul(s, total), s];
    };
    const { program, out } = compile(f, x);
    const loops = program.steps.filter((s): s is LoopGroup => s.kind === "loop");
    expect(loops.length).toBe(2);
    expect(loops[0].outputs.length).toBe(1);
    const sines = Array.from(x.data, Math.sin);
    const t = laneSum(sines);
    expect(out[0].tolist()).toEqual(sines.map((v) => v * t));
    expect(out[1].tolist()).toEqual(sines);
  });

  it("reads a strided (transposed) input through its strides", () => {
    const base = seq([4, 3]);
    const xt = new NDArray(base.data, [3, 4], [1, 3]);
    const { out } = compile((v) => lax.exp(lax.neg(v)), xt);
    const want = [0, 1, 2].map((i) => [0, 1, 2, 3].map((j) => Math.exp(-base.data[j * 3 + i])));
    expect(out[0].tolist()).toEqual(want);
  });

  it("vmap(a*b+a, in_axes=(1,0), out_axes=1) is one loop reading through transposes and writing the moved result", () => {
    const a = seq([3, 4]);
    const b = seq([4, 3], (i) => 10 + i);
    const f = vmap((p: V, q: V) => lax.add(lax.mul(p, q), p), [1, 0], 1) as (p: V, q: V) => V;
    const { program, source, out } = compile(f, a, b);
    expect(program.steps.map((s) => s.kind)).toEqual(["loop"]);
    const g = program.steps[0] as LoopGroup;
    expect(g.externals.map((o) => [o.base.aval.shape, o.axes])).toEqual([[[3, 4], [1, 0]], [[4, 3], null]]);
    expect(g.outputs.map((w) => [w.target.aval.shape, w.perm])).toEqual([[[3, 4], [1, 0]]]);
    expect(source).not.toMatch(/impl/);
    // Written in the result's own order: the output offset advances by 1 in the inner loop.
    expect(out[0].strides).toEqual([4, 1]);
    const want = [0, 1, 2].map((i) => [0, 1, 2, 3].map((k) => a.data[i * 4 + k] * b.data[k * 3 + i] + a.data[i * 4 + k]));
    expect(out[0].tolist()).toEqual(want);
  });

  it("walks rows of a transposed read four at a time, with the leftover rows after; same numbers", () => {
    // 11 rows: two blocks of four, then three single rows; the (6, 11) operand is read across them.
    const a = seq([11, 6]);
    const b = seq([6, 11], (i) => 10 - i / 3);
    const f = vmap((p: V, q: V) => lax.add(lax.mul(p, q), p), [1, 0], 1) as (p: V, q: V) => V;
    const { source, out } = compile(f, a, b);
    expect(source).toMatch(/< 8; \w+ \+= 4\)/);
    expect(source).toMatch(/= 8; \w+ < 11; \w+\+\+\)/);
    const want = [...Array(11).keys()].map((i) => [...Array(6).keys()].map((k) => a.data[i * 6 + k] * b.data[k * 11 + i] + a.data[i * 6 + k]));
    expect(out[0].tolist()).toEqual(want);
    // A column reads all four rows before it writes any (no write then a read a page on), and
    // the result, written as a is read, takes a's offsets rather than sums of its own.
    const column = source.slice(source.indexOf("+= 2) {")).split("\n").slice(1);
    const firstWrite = column.findIndex((l) => /O0\[/.test(l));
    expect(column.slice(0, firstWrite).filter((l) => /D[01]\[/.test(l))).toHaveLength(8);
    const reads = column.slice(0, firstWrite).filter((l) => /D0\[/.test(l)).map((l) => l.match(/D0\[(\w+)\]/)![1]);
    const writes = column.slice(firstWrite, firstWrite + 4).map((l) => l.match(/O0\[(\w+)\]/)![1]);
    expect(writes).toEqual(reads);
    // A contiguous loop is not blocked.
    expect(compile((p: V, q: V) => lax.add(lax.mul(p, q), p), a, a).source).not.toMatch(/\+= 4\)/);
  });

  it("blocks four rows for a longer group too; same numbers", () => {
    const a = seq([9, 6]);
    const b = seq([6, 9], (i) => 2 + i / 5);
    // Five operations: mul, add, mul, sub, add.
    const g = (p: V, q: V) => lax.add(lax.sub(lax.mul(lax.add(lax.mul(p, q), p), q), p), q);
    const { source, out } = compile(vmap(g, [1, 0], 1) as (p: V, q: V) => V, a, b);
    expect(source).toMatch(/< 8; \w+ \+= 4\)/);
    const want = [...Array(9).keys()].map((i) =>
      [...Array(6).keys()].map((k) => {
        const [x, y] = [a.data[i * 6 + k], b.data[k * 9 + i]];
        return (x * y + x) * y - x + y;
      }),
    );
    expect(out[0].tolist()).toEqual(want);
  });

  it("takes a blocked loop's inner axis two at a time, with an odd last one after; same numbers", () => {
    // Inner axis of 5: columns 0–3 two a turn, then column 4 alone; rows 8 (two blocks of four).
    const a = seq([8, 5]);
    const b = seq([5, 8], (i) => 3 + i / 7);
    const f = vmap((p: V, q: V) => lax.add(lax.mul(p, q), p), [1, 0], 1) as (p: V, q: V) => V;
    const { source, out } = compile(f, a, b);
    expect(source).toMatch(/< 4; \w+ \+= 2\)/);
    expect(source).toContain("+ (4) * 8;");
    const want = [...Array(8).keys()].map((i) => [...Array(5).keys()].map((k) => a.data[i * 5 + k] * b.data[k * 8 + i] + a.data[i * 5 + k]));
    expect(out[0].tolist()).toEqual(want);
  });

  it("reads a broadcast along a leading axis with stride 0, and a squeezed operand through its kept axes", () => {
    const x = seq([2]);
    const y = seq([2, 3]);
    const z = seq([1, 3, 1], (i) => 7 - i);
    const f = (p: V, q: V, r: V) => lax.mul(lax.add(lax.broadcastInDim(p, [2, 3], [0]), q), lax.squeeze(lax.broadcastInDim(r, [2, 3, 1], [0, 1, 2]), [2]));
    const { program, out } = compile(f, x, y, z);
    expect(program.steps.map((s) => s.kind)).toEqual(["loop"]);
    expect((program.steps[0] as LoopGroup).externals.map((o) => o.axes)).toEqual([[0, -1], null, [-1, 1]]);
    const want = [0, 1].map((i) => [0, 1, 2].map((j) => (x.data[i] + y.data[i * 3 + j]) * z.data[j]));
    expect(out[0].tolist()).toEqual(want);
  });

  it("a lower-rank transposed operand broadcasts right-aligned into the loop", () => {
    const x = seq([2, 3]);
    const y = seq([4, 1, 1], (i) => 10 * i);
    const f = (p: V, q: V) => lax.add(lax.transpose(p, [1, 0]), q);
    const { program, out } = compile(f, x, y);
    expect((program.steps[0] as LoopGroup).externals.map((o) => o.axes)).toEqual([[-1, 1, 0], null]);
    const want = [0, 1, 2, 3].map((k) => [0, 1, 2].map((i) => [0, 1].map((j) => x.data[j * 3 + i] + 10 * k)));
    expect(out[0].tolist()).toEqual(want);
  });

  it("does not read a view of its own member in the same loop, and writes a result read elsewhere untransposed", () => {
    const x = seq([3, 3]);
    const f = (v: V) => {
      const s = lax.sin(v);
      const t = lax.transpose(s, [1, 0]);
      return [lax.add(s, t), t, lax.reduceSum(t, [0])];
    };
    const { program, out } = compile(f, x);
    const loops = program.steps.filter((s): s is LoopGroup => s.kind === "loop");
    expect(loops.length).toBe(2);
    expect(loops[0].outputs.map((w) => w.perm)).toEqual([null]);
    const sin = (i: number, j: number) => Math.sin(x.data[i * 3 + j]);
    expect(out[0].tolist()).toEqual([0, 1, 2].map((i) => [0, 1, 2].map((j) => sin(i, j) + sin(j, i))));
    expect(out[1].tolist()).toEqual([0, 1, 2].map((i) => [0, 1, 2].map((j) => sin(j, i))));
    expect(out[2].tolist()).toEqual([0, 1, 2].map((j) => sin(j, 0) + sin(j, 1) + sin(j, 2)));
  });

  it("a dot_general contracting nothing becomes a fused mul writing the transposed result; same bits, -0 included", () => {
    const x = new NDArray(Float64Array.from([0, -1, 2, -0, 3, 0.5]), [2, 3]);
    const y = new NDArray(Float64Array.from([-2, 0, 1.5, -0]), [2, 2]);
    const outer = { lhsContract: [], rhsContract: [], lhsBatch: [0], rhsBatch: [0] };
    const f = (p: V, q: V) => lax.transpose(lax.dotGeneral(p, q, outer), [0, 2, 1]);
    const { program, source, out } = compile(f, x, y);
    expect(program.steps.map((s) => s.kind)).toEqual(["loop"]);
    expect(source).not.toMatch(/impl/);
    const eager = f(x, y) as NDArray;
    const bits = (a: NDArray) => Array.from(a.flat(), (v) => (Object.is(v, -0) ? "-0" : v));
    expect(bits(out[0])).toEqual(bits(eager));
    expect(bits(out[0])).toContain("-0");
    // With one free rhs element the kernel sums (its matrix-vector loop): -0 becomes +0 there,
    // so that dot stays a dot.
    const y1 = new NDArray(Float64Array.from([-2, -0]), [2, 1]);
    const one = compile((p: V, q: V) => lax.dotGeneral(p, q, outer), x, y1);
    expect(one.program.steps.map((s) => s.kind)).toEqual(["eqn"]);
    expect(bits(one.out[0])).toEqual(bits(lax.dotGeneral(x, y1, outer) as NDArray));
  });

  it("handles empty arrays and zero-rank loops", () => {
    expect(compile((v) => lax.reduceSum(lax.sin(v), [0]), seq([0])).out[0].item()).toBe(0);
    expect(compile((v) => lax.reduceMax(lax.sin(v), [0, 1]), seq([2, 0])).out[0].item()).toBe(-Infinity);
    expect(compile((v) => lax.add(lax.sin(v), 1), seq([])).out[0].item()).toBe(Math.sin(-2) + 1);
  });
});

describe("codegen", () => {
  it("jsNum writes literals that read back exactly", () => {
    for (const v of [0, -0, 1, -1.5, 0.1, 1 / 3, 1e-300, -1e300, NaN, Infinity, -Infinity]) {
      expect(Object.is(new Function(`return ${jsNum(v)}`)(), v)).toBe(true);
    }
  });

  it("refuses an emit template that is more than an expression (never runs it)", () => {
    const bad = definePrimitive<Record<string, never>>({
      name: "test_bad_emit",
      elementwise: true,
      shape: ([x]) => [x],
      impl: ([x]) => [x],
      batch: (_B, xs, dims) => [xs, dims],
      provenance: (xs) => xs,
      // The registry is shared with files run after this one (the engine's tests share a module
      // graph): whole, as registry.test.ts expects of every primitive, though never differentiated.
      vjp: (_cts, xs) => xs.map(() => null),
      emit: ([a]) => `${a}; globalThis.pwned = 1`,
    });
    expect(() => compile((v) => bind1(bad, [v]), seq([2]))).toThrow(/unexpected expression/);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  it("compiled programs equal eager evaluation on random programs (strided inputs included)", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const [x, y] = inputsOf(c);
        const f = programOf(c.choices);
        const eager = f(x, y) as NDArray[];
        const { out } = compile(f, x, y);
        out.forEach((o, i) => expect(sameNumbers(o, eager[i]), `output ${i}`).toBe(true));
      }),
      { numRuns: 250 },
    );
  });
});
