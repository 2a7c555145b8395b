/**
 * Symbolic cells (traceVmap's `symbols`): each output cell written over whole-argument cells,
 * checked against the index arithmetic of vmap(f)(x)[k] = f(x[k]) written out by hand.
 */
import { describe, expect, it } from "vitest";
import { np, parseLambda, traceVmap, type CellExpr } from "../../engine/index";

const arange = (shape: number[], start = 0) => np.array(Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => start + i), shape);
const symbolsOf = (src: string, shapes: number[][], inAxes: unknown, outAxes: unknown = 0) =>
  traceVmap(parseLambda(src), inAxes, outAxes, shapes.map((s, i) => arange(s, 100 * i)), { symbols: true }).outputs.map((o) => o.symbols!);

const inp = (leaf: number, cell: number): CellExpr => ({ t: "in", leaf, cell });
const op = (o: string, prec: number, ...args: CellExpr[]): CellExpr => ({ t: "op", form: "infix", op: o, prec, args });

describe("symbolic cells", () => {
  it("a + b with in_axes (0, 1) pairs row k of a with column k of b", () => {
    const [out] = symbolsOf("lambda a, b: a + b", [[2, 2], [2, 2]], [0, 1]);
    // out[k, m] = a[k, m] + b[m, k]; cells row-major: (0,0) (0,1) (1,0) (1,1).
    expect(out).toEqual([op("+", 1, inp(0, 0), inp(1, 0)), op("+", 1, inp(0, 1), inp(1, 2)), op("+", 1, inp(0, 2), inp(1, 1)), op("+", 1, inp(0, 3), inp(1, 3))]);
  });

  it("out_axes 1 moves k to the columns", () => {
    const [out] = symbolsOf("lambda a, b: a - b", [[2, 2], [2, 2]], [0, 0], 1);
    // out[m, k] = a[k, m] - b[k, m]
    expect(out).toEqual([op("-", 1, inp(0, 0), inp(1, 0)), op("-", 1, inp(0, 2), inp(1, 2)), op("-", 1, inp(0, 1), inp(1, 1)), op("-", 1, inp(0, 3), inp(1, 3))]);
  });

  it("jnp.dot(m, v) with in_axes (0, None) is a sum over j of m[k, j]·v[j]", () => {
    const [out] = symbolsOf("lambda m, v: jnp.dot(m, v)", [[3, 4], [4]], [0, null]);
    out.forEach((e, k) => expect(e).toEqual({ t: "reduce", op: "sum", terms: [0, 1, 2, 3].map((j) => op("·", 2, inp(0, 4 * k + j), inp(1, j))) }));
  });

  it("jnp.sum of each row reduces the row's cells; constants print as Python does", () => {
    const [sum] = symbolsOf("lambda x: jnp.sum(x * 2.0)", [[3, 4]], 0);
    expect(sum[1]).toEqual({ t: "reduce", op: "sum", terms: [4, 5, 6, 7].map((c) => op("·", 2, inp(0, c), { t: "const", text: "2.0" })) });
  });

  it("a primitive without a symbol form is written by its name over the cells provenance names", () => {
    const [out] = symbolsOf("lambda x: jnp.exp(x) ** 2", [[2, 2]], 1);
    expect(out[1]).toEqual({ t: "op", form: "power", op: "2", args: [{ t: "op", form: "call", op: "exp", args: [inp(0, 2)] }] });
  });
});
