/**
 * Jaxpr text: JAX's layout rules (one line when it fits in 80 columns, else one equation per
 * line; params sorted, `name` first, broken one per line when long; a, b, …, z, ba; `_` for
 * unused results; literals `2.0:f32[]`; Python float repr) checked on programs whose JAX output
 * is known (quoted from JAX in our vmap-semantics notes) or follows from core.py's printer by hand.
 */
import type { Value } from "../../../engine/core/tracer";
import { describe, expect, it } from "vitest";
import { jit, makeJaxpr, NDArray, vmap } from "../../../engine";
import { pyFloat, splitParams } from "../../../engine/ir/print";
import { lax } from "../../../engine/primitives";

const zeros = (...shape: number[]) => new NDArray(new Float64Array(shape.reduce((a, b) => a * b, 1)), shape);
type V = Value;

describe("pyFloat is Python's float repr", () => {
  it.each([
    [2, "2.0"],
    [-3, "-3.0"],
    [0.5, "0.5"],
    [0.1, "0.1"],
    [1 / 3, "0.3333333333333333"],
    [0.0001, "0.0001"],
    [0.00001, "1e-05"],
    [1.5e-7, "1.5e-07"],
    [1e15, "1000000000000000.0"],
    [1e16, "1e+16"],
    [123456789012345680, "1.2345678901234568e+17"],
    [1e100, "1e+100"],
    [0, "0.0"],
    [-0, "-0.0"],
    [NaN, "nan"],
    [Infinity, "inf"],
    [-Infinity, "-inf"],
    [12.25, "12.25"],
  ])("%s → %s", (x, s) => expect(pyFloat(x)).toBe(s));
});

describe("splitParams", () => {
  it("splits at top-level spaces and newlines only", () => {
    expect(splitParams("dimension_numbers=(([1], [0]), ([], []))\npreferred_element_type=float32")).toEqual([
      ["dimension_numbers", "(([1], [0]), ([], []))"],
      ["preferred_element_type", "float32"],
    ]);
    expect(splitParams("axes=(0, 1)")).toEqual([["axes", "(0, 1)"]]);
  });
});

describe("jaxpr layout", () => {
  it("sin(cos(x)) on f32[] fits on one line (JAX's text)", () => {
    expect(makeJaxpr((x: V) => lax.sin(lax.cos(x)))(zeros()).toString()).toMatchInlineSnapshot(
      `"{ lambda ; a:f32[]. let b:f32[] = cos a; c:f32[] = sin b in (c,) }"`,
    );
  });

  it("vmap(dot, (0, None)) is one dot_general, params broken one per line", () => {
    const dot = (a: V, b: V) => lax.dotGeneral(a, b, { lhsContract: [0], rhsContract: [0], lhsBatch: [], rhsBatch: [] });
    const text = makeJaxpr(vmap(dot, [0, null]))(zeros(4, 3), zeros(3)).toString();
    expect(text).toMatchInlineSnapshot(`
      "{ lambda ; a:f32[4,3] b:f32[3]. let
          c:f32[4] = dot_general[
            dimension_numbers=(([1], [0]), ([], []))
            preferred_element_type=float32
          ] a b
        in (c,) }"
    `);
  });

  it("prints scalar constants as typed literals and an identity as `let  in`", () => {
    expect(makeJaxpr((x: V) => lax.mul(x, 2))(zeros(3)).toString()).toBe("{ lambda ; a:f32[3]. let b:f32[3] = mul a 2.0:f32[] in (b,) }");
    expect(makeJaxpr((x: V) => x)(zeros(3)).toString()).toBe("{ lambda ; a:f32[3]. let  in (a,) }");
    expect(makeJaxpr((x: V) => [x, 3])(zeros()).toString()).toBe("{ lambda ; a:f32[]. let  in (a, 3:i32[]) }");
  });

  it("array constants are constvars before the `;`", () => {
    const w = new NDArray(Float64Array.from([1, 2, 3]), [3]);
    expect(makeJaxpr((x: V) => lax.add(x, w))(zeros(3)).toString()).toBe("{ lambda a:f32[3]; b:f32[3]. let c:f32[3] = add b a in (c,) }");
  });

  it("unused results print as `_` and do not use up a name", () => {
    const f = (x: V) => {
      lax.sin(x);
      return lax.cos(x);
    };
    expect(makeJaxpr(f)(zeros()).toString()).toBe("{ lambda ; a:f32[]. let _:f32[] = sin a; b:f32[] = cos a in (b,) }");
  });

  it("names run a … z, ba, bb", () => {
    const f = (x: V) => {
      let y = x;
      for (let i = 0; i < 27; i++) y = lax.sin(y);
      return y;
    };
    const lines = makeJaxpr(f)(zeros()).toString().split("\n");
    expect(lines[0]).toBe("{ lambda ; a:f32[]. let");
    expect(lines[1]).toBe("    b:f32[] = sin a");
    expect(lines[25]).toBe("    z:f32[] = sin y");
    expect(lines[26]).toBe("    ba:f32[] = sin z");
    expect(lines[27]).toBe("    bb:f32[] = sin ba");
    expect(lines[28]).toBe("  in (bb,) }");
  });

  it("a nested jit prints as jit[name=… jaxpr={ … }] with names continuing inside", () => {
    function g(y: V) {
      return lax.sin(y);
    }
    const text = makeJaxpr(vmap(jit(g)))(zeros(5, 2)).toString();
    expect(text).toBe(
      [
        "{ lambda ; a:f32[5,2]. let",
        "    b:f32[5,2] = jit[",
        "      name=g",
        "      jaxpr={ lambda ; c:f32[5,2]. let d:f32[5,2] = sin c in (d,) }",
        "    ] a",
        "  in (b,) }",
      ].join("\n"),
    );
  });

  it("a sub-jaxpr with more than 10 equations is hoisted as `let name = … in`", () => {
    function h(y: V) {
      let z = y;
      for (let i = 0; i < 11; i++) z = lax.cos(z);
      return z;
    }
    const text = makeJaxpr((x: V) => lax.neg(jit(h)(x)))(zeros()).toString();
    const lines = text.split("\n");
    expect(lines[0]).toBe("let h = { lambda ; a:f32[]. let");
    expect(lines[1]).toBe("    b:f32[] = cos a");
    // JAX's fresh names skip the shared jaxpr's name: … g, i, … (no variable called h).
    expect(lines[6]).toBe("    g:f32[] = cos f");
    expect(lines[7]).toBe("    i:f32[] = cos g");
    expect(lines[12]).toBe("  in (m,) } in");
    expect(lines[13]).toBe("{ lambda ; n:f32[]. let o:f32[] = jit[name=h jaxpr=h] n; p:f32[] = neg o in (p,) }");
  });
});
