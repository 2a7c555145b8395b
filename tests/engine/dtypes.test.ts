/**
 * Dtypes as JAX has them: float32 by default (x64 off), float64 with jax_enable_x64, int32 and
 * bool, and the promotion of jax/_src/dtypes.py (weak Python scalars adopt their partner's type).
 * Expected values are float32 arithmetic (Math.fround) or JAX's documented results.
 */
import { afterEach, describe, expect, it } from "vitest";
import { config, EngineError, grad, jit, jnp, makeJaxpr, np, parseLambda, vmap, type NDArray } from "../../engine";
import { setCodegenAllowed } from "../../engine";
import fc from "fast-check";
import { caseArb, inputsOf, programOf, sameNumbers } from "./ir/programs";
import { caught } from "../helpers/caught";

type V = any;
const f32 = Math.fround;

afterEach(() => config.update("jax_enable_x64", false));

const run = (src: string, ...args: unknown[]) => (parseLambda(src) as unknown as (...a: unknown[]) => NDArray)(...args);
const jaxpr = (src: string, ...args: unknown[]) => String(makeJaxpr(parseLambda(src) as unknown as (...a: unknown[]) => unknown)(...args));

describe("float32 by default", () => {
  it("overflows and rounds as float32: exp(100.) is inf, 16777217. is 16777216.", () => {
    expect(run("lambda x: jnp.exp(x)", np.array([100])).tolist()).toEqual([Infinity]);
    expect(run("lambda x: x + 1.0", np.array([16777216])).tolist()).toEqual([16777216]);
    expect(np.array([16777217]).tolist()).toEqual([16777216]);
    expect(run("lambda x: x * 4.0", np.array([1e38])).tolist()).toEqual([Infinity]);
  });

  it("every primitive rounds its result: 0.1 + 0.2 is float32's", () => {
    const out = run("lambda x, y: x + y", np.array([0.1]), np.array([0.2])).tolist() as number[];
    expect(out[0]).toBe(f32(f32(0.1) + f32(0.2)));
    expect(out[0]).not.toBe(0.1 + 0.2);
    const s = run("lambda x: jnp.sin(x) * x", np.array([1.3])).tolist() as number[];
    expect(s[0]).toBe(f32(f32(Math.sin(f32(1.3))) * f32(1.3)));
  });

  it("jit gives the eager numbers bit for bit, compiled and interpreted", () => {
    const f = (x: V, y: V) => jnp.sum(jnp.add(jnp.tanh(jnp.multiply(x, 3.1)), jnp.multiply(jnp.exp(y), x)), { axis: 1 });
    const x = np.array(Array.from({ length: 12 }, (_, i) => Math.sin(i * 1.7) * 3), [3, 4]);
    const y = np.array(Array.from({ length: 12 }, (_, i) => Math.cos(i) * 2), [3, 4]);
    const eager = (f(x, y) as NDArray).tolist();
    expect((jit(f)(x, y) as NDArray).tolist()).toEqual(eager);
    setCodegenAllowed(false);
    try {
      expect((jit((a: V, b: V) => f(a, b))(x, y) as NDArray).tolist()).toEqual(eager);
    } finally {
      setCodegenAllowed(true);
    }
  });
});

describe("jit = eager in float32 (property)", () => {
  it("random fused programs, strided inputs included, give the eager float32 numbers bit for bit", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const [x, y] = inputsOf(c);
        // The inputs as float32 arrays hold float32 values.
        for (const a of [x, y]) for (let i = 0; i < a.data.length; i++) a.data[i] = f32(a.data[i]);
        const f = programOf(c.choices);
        const eager = f(x, y) as NDArray[];
        const compiled = jit(f)(x, y) as NDArray[];
        eager.forEach((e, i) => {
          expect(compiled[i].dtype).toBe(e.dtype);
          expect(sameNumbers(compiled[i], e), `output ${i}`).toBe(true);
        });
      }),
      { numRuns: 150 },
    );
  });
});

describe("jax_enable_x64", () => {
  it("gives float64 values and f64 jaxprs", () => {
    config.update("jax_enable_x64", true);
    expect(run("lambda x: jnp.exp(x)", np.array([100])).tolist()).toEqual([Math.exp(100)]);
    expect(run("lambda x, y: x + y", np.array([0.1]), np.array([0.2])).tolist()).toEqual([0.1 + 0.2]);
    expect(jaxpr("lambda x: x * 2", np.array([1, 2]))).toBe("{ lambda ; a:f64[2]. let b:f64[2] = mul a 2.0:f64[] in (b,) }");
    expect(jnp.arange(3).dtype).toBe("int64");
  });

  it("is refused for an unknown option", () => {
    expect(() => config.update("jax_enable_x65", true)).toThrow("Unrecognized config option: jax_enable_x65");
  });
});

describe("int32 and bool", () => {
  it("arange of ints is int32, comparisons are bool, where takes the bool", () => {
    expect(jnp.arange(4).dtype).toBe("int32");
    expect(jnp.arange(0, 1, 0.25).dtype).toBe("float32");
    const x = np.array([1, 2, 3]);
    expect(run("lambda x: x > 1", x).dtype).toBe("bool");
    expect(jaxpr("lambda x: jnp.where(x > 1, x, 0.0)", x)).toBe(
      "{ lambda ; a:f32[3]. let\n    b:bool[3] = gt a 1.0:f32[]\n    c:f32[3] = select_n b 0.0:f32[] a\n  in (c,) }",
    );
  });

  it("promotes as JAX's lattice: weak scalars adopt the array's type", () => {
    const i = jnp.arange(3);
    const x = np.array([1, 2, 3]);
    expect(run("lambda x: x * 2", x).dtype).toBe("float32");
    expect(run("lambda i: i * 2", i).dtype).toBe("int32");
    expect(run("lambda i: i / 2", i).dtype).toBe("float32");
    expect(run("lambda i: i / 2", i).tolist()).toEqual([0, 0.5, 1]);
    expect(run("lambda i: i + 1.5", i).dtype).toBe("float32");
    expect(run("lambda i, x: i + x", i, x).dtype).toBe("float32");
    expect(run("lambda i: i + i", i).dtype).toBe("int32");
    expect(run("lambda i: (i > 0) + (i > 1)", i).dtype).toBe("bool");
    expect(run("lambda i: jnp.sum(i > 0)", i).dtype).toBe("int32");
    expect(run("lambda i: jnp.sum(i > 0)", i).tolist()).toBe(2);
    expect(run("lambda i: jnp.mean(i)", i).dtype).toBe("float32");
    // A weak int with a weak float is a weak float: the result is float32 (weakly typed).
    const w = run("lambda i: 2 * 1.0", i);
    expect([w.dtype, w.weak]).toEqual(["float32", true]);
  });

  it("wraps int32 arithmetic around, as XLA does", () => {
    expect(run("lambda i: i * 65536 * 65536 + 7", jnp.arange(2)).tolist()).toEqual([7, 7]);
    expect(run("lambda i: i + 2147483647", jnp.arange(2)).tolist()).toEqual([2147483647, -2147483648]);
    // A product past 2**53 still wraps exactly (Math.imul), eager and compiled alike.
    const i = jnp.arange(4);
    const want = [0, 1, 2, 3].map((k) => Math.imul(Math.imul(k + 123456789, 987654321), 7));
    const src = "lambda i: (i + 123456789) * 987654321 * 7";
    expect(run(src, i).tolist()).toEqual(want);
    expect((jit(parseLambda(src) as unknown as (x: V) => NDArray)(i) as NDArray).tolist()).toEqual(want);
  });

  it("dot of int32 and float32 promotes first, as jnp.dot does", () => {
    expect(jaxpr("lambda i, x: jnp.dot(i, x)", jnp.arange(2), np.array([1, 2]))).toBe(
      "{ lambda ; a:i32[2] b:f32[2]. let\n    c:f32[2] = convert_element_type[new_dtype=float32 weak_type=False] a\n    d:f32[] = dot_general[\n      dimension_numbers=(([0], [0]), ([], []))\n      preferred_element_type=float32\n    ] c b\n  in (d,) }",
    );
    expect(run("lambda i: i @ i", jnp.arange(3)).dtype).toBe("int32");
    expect(jaxpr("lambda i: i @ i", jnp.arange(3))).toContain("preferred_element_type=int32");
  });

  it("exp of ints converts to float first (jnp's promote_args_inexact)", () => {
    expect(jaxpr("lambda i: jnp.exp(i)", jnp.arange(2))).toBe(
      "{ lambda ; a:i32[2]. let\n    b:f32[2] = convert_element_type[new_dtype=float32 weak_type=False] a\n    c:f32[2] = exp b\n  in (c,) }",
    );
  });
});

describe("Python ints and floats in the lambda language", () => {
  it("x ** 3 is integer_pow, x ** 3.0 is pow", () => {
    const x = np.array([1, 2]);
    expect(jaxpr("lambda x: x ** 3", x)).toBe("{ lambda ; a:f32[2]. let b:f32[2] = integer_pow[y=3] a in (b,) }");
    expect(jaxpr("lambda x: x ** 3.0", x)).toBe("{ lambda ; a:f32[2]. let b:f32[2] = pow a 3.0:f32[] in (b,) }");
  });

  it("arange(3) is int32, arange(3.0) float32, as in NumPy", () => {
    expect(run("lambda x: jnp.arange(3)", 0).dtype).toBe("int32");
    const f = run("lambda x: jnp.arange(3.0)", 0);
    expect([f.dtype, f.tolist()]).toEqual(["float32", [0, 1, 2]]);
    expect(run("lambda x: jnp.arange(0, 1, 0.5)", 0).dtype).toBe("float32");
  });

  it("dtype= arguments convert: arange, sum, zeros_like", () => {
    expect(run("lambda x: jnp.arange(3, dtype='float32')", 0).dtype).toBe("float32");
    expect(run("lambda x: jnp.sum(x, dtype='int32')", np.array([1.5, 2.5])).tolist()).toBe(3);
    expect(run("lambda x: jnp.zeros_like(x, dtype='bool')", np.array([1.5])).dtype).toBe("bool");
    // float64 without x64 is float32, as JAX canonicalizes it.
    expect(run("lambda x: jnp.arange(3, dtype='float64')", 0).dtype).toBe("float32");
  });

  it("axis=1.0 is a TypeError", () => {
    try {
      run("lambda x: jnp.sum(x, axis=1.0)", np.array([[1, 2]]));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EngineError);
      expect((e as EngineError).pyType).toBe("TypeError");
      expect((e as EngineError).message).toBe("'float' object cannot be interpreted as an integer");
    }
  });
});

describe("transformations see dtypes", () => {
  it("jit traces again for another dtype or x64 mode (JAX's cache key has the avals' dtypes)", () => {
    const f = jit((a: V) => jnp.multiply(a, 2));
    expect((f(jnp.arange(3)) as NDArray).dtype).toBe("int32");
    expect((f(np.array([0, 1, 2])) as NDArray).dtype).toBe("float32");
    config.update("jax_enable_x64", true);
    expect((f(np.array([0, 1, 2])) as NDArray).dtype).toBe("float64");
  });

  it("grad of an integer input is JAX's TypeError", () => {
    const msg =
      "grad requires real- or complex-valued inputs (input dtype that is a sub-dtype of np.inexact), but got int32. If you want to use Boolean- or integer-valued inputs, use vjp or set allow_int to True.";
    try {
      grad((a: V) => jnp.sum(a))(jnp.arange(3));
      expect.unreachable();
    } catch (e) {
      expect((e as EngineError).pyType).toBe("TypeError");
      expect((e as EngineError).message).toBe(msg);
    }
    expect(() => grad((a: V) => jnp.sum(a))(np.array([1, 2]))).not.toThrow();
  });

  it("grad of an integer output is JAX's TypeError; a float32 input gets a float32 gradient under x64", () => {
    expect(() => grad(parseLambda("lambda x: jnp.sum(x > 0)") as unknown as (x: V) => V)(np.array([1, -2]))).toThrow(
      "grad requires real-valued outputs (output dtype that is a sub-dtype of np.floating), but got int32. For holomorphic differentiation, pass holomorphic=True. For differentiating non-holomorphic functions involving complex outputs, or function with integer outputs, use jax.vjp directly.",
    );
    const x = np.array([1, 2]);
    config.update("jax_enable_x64", true);
    const g = grad((a: V, b: V) => jnp.sum(jnp.multiply(a, 2.5)), { argnums: [0, 1] })(x, np.array([3])) as NDArray[];
    expect(g.map((t) => t.dtype)).toEqual(["float32", "float64"]);
    expect(g[0].tolist()).toEqual([2.5, 2.5]);
  });

  it("vmap's inconsistent-sizes message prints each argument's dtype", () => {
    expect(() => vmap((a: V, b: V) => a)(jnp.arange(3), np.array([1, 2]))).toThrow(
      "vmap got inconsistent sizes for array axes to be mapped:\n  * one axis had size 3: axis 0 of argument a of type int32[3];\n  * one axis had size 2: axis 0 of argument b of type float32[2]",
    );
    config.update("jax_enable_x64", true);
    expect(() => vmap((a: V, b: V) => a)(np.array([1, 2, 3]), np.array([1, 2]))).toThrow("of type float64[3]");
  });

  it("vmap and grad keep float32: per-example gradients are float32's", () => {
    const x = np.array([0.3, 1.7, -2.1]);
    const g = vmap(grad((a: V) => jnp.multiply(jnp.sin(a), a)))(x) as NDArray;
    expect(g.dtype).toBe("float32");
    const want = (x.tolist() as number[]).map((v) => f32(f32(f32(Math.cos(v)) * v) + f32(Math.sin(v))));
    expect(g.tolist()).toEqual(want);
  });
});

describe("Python ints too large for the default int", () => {
  it("x + 2**40 is JAX's OverflowError without x64, and exact int64 arithmetic with it", () => {
    const x = run("lambda x: jnp.arange(3)", 0);
    const e = caught(() => run("lambda x: x + 2**40", x));
    expect(e).toBeInstanceOf(EngineError);
    expect(e.pyType).toBe("OverflowError");
    expect(e.message).toBe("Python int 1099511627776 too large to convert to int32");
    expect(caught(() => run("lambda x: x + (-2**31 - 1)", x)).message).toBe("Python int -2147483649 too large to convert to int32");
    // The edges of int32 still fit.
    expect(run("lambda x: x + (2**31 - 1)", np.array([0], undefined, "int32")).tolist()).toEqual([2 ** 31 - 1]);
    config.update("jax_enable_x64", true);
    const y = run("lambda x: x + 2**40", run("lambda x: jnp.arange(3)", 0));
    expect(y.dtype).toBe("int64");
    expect(y.tolist()).toEqual([2 ** 40, 2 ** 40 + 1, 2 ** 40 + 2]);
  });

  it("a Python float that large is still a float: x + 2.0**40 is float32", () => {
    const y = run("lambda x: x + 2.0**40", run("lambda x: jnp.arange(3)", 0));
    expect(y.dtype).toBe("float32");
    expect(y.tolist()).toEqual([2 ** 40, 2 ** 40, 2 ** 40].map(f32));
  });
});

describe("creation from Python values in the lambda language (jnp.array, asarray, zeros, ones, full)", () => {
  const typed = (src: string) => {
    const r = run(`lambda x: ${src}`, np.array([1, 2, 3]));
    return [r.dtype, r.weak, r.tolist()];
  };

  it("types as JAX's jnp.array: Python ints int32, any float float32, bools bool; weak only for a bare scalar", () => {
    expect(typed("jnp.array([1, 2])")).toEqual(["int32", false, [1, 2]]);
    expect(typed("jnp.array([[1, 2], [3, 4]]) + 1")).toEqual(["int32", false, [[2, 3], [4, 5]]]);
    expect(typed("jnp.array([1, 2.0])")).toEqual(["float32", false, [1, 2]]);
    expect(typed("jnp.array([1, 2.5])")).toEqual(["float32", false, [1, 2.5]]);
    expect(typed("jnp.array([True, False])")[0]).toBe("bool");
    expect(typed("jnp.array([True, 2])")).toEqual(["int32", false, [1, 2]]);
    // JAX: Array(42, dtype=int32, weak_type=True) (array_constructors.py docstring).
    expect(typed("jnp.array(3)")).toEqual(["int32", true, 3]);
    expect(typed("jnp.array(3.0)")).toEqual(["float32", true, 3]);
    expect(typed("jnp.asarray([4, 5])")).toEqual(["int32", false, [4, 5]]);
    expect(typed("jnp.array([1, 2], dtype='float32')")).toEqual(["float32", false, [1, 2]]);
    expect(typed("jnp.array([])")).toEqual(["float32", false, []]);
    config.update("jax_enable_x64", true);
    expect(typed("jnp.array([1, 2])")[0]).toBe("int64");
    expect(typed("jnp.array([1, 2.0])")[0]).toBe("float64");
  });

  it("full takes its fill value's type (weak), zeros and ones the default float", () => {
    expect(typed("jnp.full((2,), 3)")).toEqual(["int32", true, [3, 3]]);
    expect(typed("jnp.full((2,), 2.0)")).toEqual(["float32", true, [2, 2]]);
    expect(typed("jnp.full(2, 3, dtype='float32')")).toEqual(["float32", false, [3, 3]]);
    expect(typed("jnp.zeros(3)")).toEqual(["float32", false, [0, 0, 0]]);
    expect(typed("jnp.ones((1, 2), 'int32')")).toEqual(["int32", false, [[1, 1]]]);
    // An int array stays int in arithmetic with a Python int, as in JAX.
    expect(typed("jnp.full((2,), 3) * jnp.array([2, 5])")).toEqual(["int32", false, [6, 15]]);
  });

  it("a list holding arrays is built as JAX builds it (expand_dims + concatenate), under vmap too", () => {
    expect(typed("jnp.array([x, x * 2])")).toEqual(["float32", false, [[1, 2, 3], [2, 4, 6]]]);
    expect(typed("jnp.array([jnp.arange(2), jnp.arange(2) + 3])")).toEqual(["int32", false, [[0, 1], [3, 4]]]);
    expect(typed("jnp.array([x[0], 2])")).toEqual(["float32", false, [1, 2]]);
    const f = vmap(parseLambda("lambda x: jnp.array([x, x + 1, 2])") as unknown as (x: NDArray) => NDArray, [0]);
    const out = f(np.array([1, 2, 3])) as NDArray;
    expect(out.tolist()).toEqual([[1, 2, 2], [2, 3, 2], [3, 4, 2]]);
    const e = caught(() => run("lambda x: jnp.array([x, 1])", np.array([1, 2, 3])));
    expect([e.pyType, e.message]).toEqual(["TypeError", "Cannot concatenate arrays with different numbers of dimensions: got (1, 3), (1,)."]);
  });

  it("JS numbers stay floats in the JS API (JS cannot tell 1 from 1.0)", () => {
    expect((jnp as unknown as { array: (o: unknown) => NDArray }).array([[0, 1], [2, 3]]).dtype).toBe("float32");
    expect(np.array([[0, 1], [2, 3]]).dtype).toBe("float32");
    expect((jnp as unknown as { full: (s: unknown, v: unknown) => NDArray }).full([2], 3).dtype).toBe("float32");
  });
});
