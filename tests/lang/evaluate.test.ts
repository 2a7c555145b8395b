import { describe, expect, it } from "vitest";
import { EngineError } from "../../engine/errors";
import { paramNamesOf, parseLambdaWith } from "../../engine/lang";
import { arr, FakeArray, fakeHost } from "./fakeHost";

/** Parses `src` against a fresh fake host and calls it with `args`; returns the result and the host log. */
function run(src: string, ...args: unknown[]) {
  const fake = fakeHost();
  const result = parseLambdaWith(src, fake.host)(...args);
  return { result, ...fake };
}

function fails(src: string, ...args: unknown[]): EngineError {
  try {
    run(src, ...args);
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error(`expected ${src} to fail`);
}

const a = arr("a", 2, 3);
const b = arr("b", 2, 3);

describe("operators", () => {
  it.each([
    ["+", "add"], ["-", "subtract"], ["*", "multiply"], ["/", "divide"], ["**", "power"], ["@", "matmul"],
    ["<", "less"], ["<=", "less_equal"], [">", "greater"], [">=", "greater_equal"], ["==", "equal"], ["!=", "not_equal"],
  ])("a %s b → jnp.%s(a, b)", (op, name) => {
    const { calls } = run(`lambda a, b: a ${op} b`, a, b);
    expect(calls).toEqual([{ op: name, args: [a, b] }]);
  });

  it("maps unary minus to negative and keeps Python precedence", () => {
    const { calls } = run("lambda x: -x**2", a);
    expect(calls.map((c) => c.op)).toEqual(["power", "negative"]);
    expect(calls[0].args).toEqual([a, 2]);
  });

  it("mixes numbers and arrays through the host", () => {
    const { calls } = run("lambda x: 2 * x + 1", a);
    expect(calls[0]).toEqual({ op: "multiply", args: [2, a] });
    expect(calls[1].op).toBe("add");
    expect(calls[1].args[1]).toBe(1);
  });

  it("computes plain numbers directly, like Python", () => {
    expect(run("lambda x: x.shape[0] * 2 + x.ndim", a).result).toBe(6);
    expect(run("lambda: 7 / 2").result).toBe(3.5);
    expect(run("lambda: 2 ** -1").result).toBe(0.5);
    expect(run("lambda: -2 ** 2").result).toBe(-4);
    expect(run("lambda: (1 < 2, 2 == 2.0, 3 != 3)").result).toEqual([true, true, false]);
    expect(run("lambda: True + 1").result).toBe(2);
    expect(run("lambda x: 1 + 2", a).calls).toEqual([]);
  });

  it("treats shape tuples as Python tuples", () => {
    expect(run("lambda x: x.shape + (1,)", a).result).toEqual([2, 3, 1]);
    expect(run("lambda x: x.shape[1:]", a).result).toEqual([3]);
    expect(run("lambda x: x.shape[::-1]", a).result).toEqual([3, 2]);
    expect(run("lambda x: x.shape[-1]", a).result).toBe(3);
    expect(run("lambda x: (1,) * 3", a).result).toEqual([1, 1, 1]);
    expect(run("lambda x: x.shape == (2, 3)", a).result).toBe(true);
    expect(run("lambda x: x.size", a).result).toBe(6);
  });

  it("reports Python's errors for bad operands", () => {
    expect([fails("lambda: 1 / 0").pyType, fails("lambda: 1 / 0").message]).toEqual(["ZeroDivisionError", "division by zero"]);
    expect(fails("lambda x: x + (1, 2)", a).message).toBe("unsupported operand type(s) for +: 'Array' and 'tuple'");
    expect(fails("lambda x: -x", [a]).message).toBe("bad operand type for unary -: 'tuple'");
    expect(fails("lambda: (1,) < (2,)").message).toContain("'<' not supported between instances of 'tuple' and 'tuple'");
    expect(fails("lambda: (0,) * 1000000").message).toContain("tuple longer than");
  });
});

describe("calls", () => {
  it("passes keyword arguments as one trailing options object", () => {
    const { calls } = run("lambda a, b: jnp.sum(a * b, axis=0)", a, b);
    expect(calls[1]).toEqual({ op: "sum", args: [calls[0] && expect.any(FakeArray), { axis: 0 }] });
    expect(run("lambda x: jnp.mean(x, axis=(0, 1), keepdims=True)", a).calls[0].args).toEqual([a, { axis: [0, 1], keepdims: true }]);
    expect(run("lambda x: jnp.sum(x)", a).calls[0].args).toEqual([a]);
    expect(run("lambda x: jnp.sum(x, 1)", a).calls[0].args).toEqual([a, 1]);
  });

  it("moves keywords that name required positional parameters into place", () => {
    expect(run("lambda x: jnp.reshape(x, shape=(3, 2))", a).calls[0].args).toEqual([a, [3, 2]]);
    expect(run("lambda x: jnp.moveaxis(x, destination=1, source=0)", a).calls[0].args).toEqual([a, 0, 1]);
  });

  it("reads jax.numpy as jnp and jax.nn as host.nn", () => {
    expect(run("lambda x: jax.numpy.exp(x)", a).ops()).toEqual(["exp"]);
    expect(run("lambda x: jax.nn.softmax(x, axis=-1)", a).calls).toEqual([{ op: "nn.softmax", args: [a, { axis: -1 }] }]);
    expect(run("lambda x: jnp.einsum('ij,kj->ik', x, x)", a).calls[0].args).toEqual(["ij,kj->ik", a, a]);
    expect(run("lambda x, y: jnp.stack([x, y], axis=1)", a, b).calls[0].args).toEqual([[a, b], { axis: 1 }]);
    expect(run("lambda x: jnp.where(x > 0, x, 0)", a).ops()).toEqual(["greater", "where"]);
    expect(run("lambda x: x[jnp.newaxis]", a).calls[0].args).toEqual([a, [null]]);
  });

  it("maps methods and attributes onto jnp", () => {
    expect(run("lambda x: x.T", a).calls).toEqual([{ op: "transpose", args: [a] }]);
    expect(run("lambda x: x.sum(axis=1)", a).calls).toEqual([{ op: "sum", args: [a, { axis: 1 }] }]);
    expect(run("lambda x: x.max(0)", a).calls).toEqual([{ op: "max", args: [a, 0] }]);
    expect(run("lambda x: x.mean()", a).calls).toEqual([{ op: "mean", args: [a] }]);
    expect(run("lambda x: x.reshape(3, 2)", a).calls[0].args).toEqual([a, [3, 2]]);
    expect(run("lambda x: x.reshape((3, 2))", a).calls[0].args).toEqual([a, [3, 2]]);
    expect(run("lambda x: x.reshape(-1)", a).calls[0].args).toEqual([a, [-1]]);
    expect(run("lambda x: x.transpose()", a).calls[0].args).toEqual([a]);
    expect(run("lambda x: x.transpose(1, 0)", a).calls[0].args).toEqual([a, [1, 0]]);
    expect(run("lambda x: x.transpose((1, 0))", a).calls[0].args).toEqual([a, [1, 0]]);
    const shape = run("lambda x: x.shape", a).result as number[];
    expect(shape).toEqual([2, 3]);
    expect(shape).not.toBe(a.shape);
  });

  it("builds jax.vmap / grad / jit with converted keyword names", () => {
    const v = run("lambda x, y: jax.vmap(lambda p, q: p @ q, in_axes=(0, None), out_axes=1, axis_size=2)(x, y)", a, b);
    expect(v.ops()).toEqual(["vmap", "vmapped", "matmul"]);
    expect(v.calls[0].args.slice(1)).toEqual([[0, null], 1, { axisSize: 2 }]);
    expect(paramNamesOf(v.calls[0].args[0])).toEqual(["p", "q"]);
    expect(run("lambda x: jax.vmap(jnp.sum)(x)", a).calls[0].args.slice(1)).toEqual([0, 0, {}]);
    expect(run("lambda x: jax.vmap(jnp.sum, 1, None)(x)", a).calls[0].args.slice(1)).toEqual([1, null, {}]);
    expect(run("lambda x: jax.vmap(jnp.sum, in_axes=None, axis_size=3)(x)", a).calls[0].args.slice(1)).toEqual([null, 0, { axisSize: 3 }]);
    expect(run("lambda x: jax.grad(lambda w: jnp.sum(w * w))(x)", a).calls[0].args[1]).toEqual({});
    expect(run("lambda x, y: jax.grad(lambda w, z: jnp.sum(w * z), argnums=(0, 1))(x, y)", a, b).calls[0].args[1]).toEqual({ argnums: [0, 1] });
    expect(run("lambda x: jax.grad(jnp.sum, 0)(x)", a).calls[0].args[1]).toEqual({ argnums: 0 });
    expect(run("lambda x: jax.jit(jax.vmap(jnp.exp))(x)", a).ops()).toEqual(["vmap", "jit", "vmapped", "exp"]);
  });

  it("passes jnp functions as values that forward to the host, with JAX's parameter names", () => {
    const v = run("lambda x, y: jax.vmap(jnp.add, in_axes=(0, 1))(x, y)", a, b);
    const f = v.calls[0].args[0] as (...xs: unknown[]) => unknown;
    expect(paramNamesOf(f)).toEqual(["args", "out"]);
    expect(v.ops()).toEqual(["vmap", "vmapped", "add"]);
    const names = (src: string) => paramNamesOf(run(`lambda x: jax.jit(${src})`, a).calls[0].args[0]);
    expect(names("jnp.divide")).toEqual(["x1", "x2"]);
    expect(names("jnp.dot")).toEqual(["a", "b"]);
    expect(names("jnp.sum")).toEqual(["a"]);
    expect(names("jnp.exp")).toEqual(["x"]);
    expect(names("jax.nn.relu")).toEqual(["x"]);
    expect(names("jnp.where")).toEqual(["condition", "x", "y"]);
    expect(names("jnp.stack")).toEqual(["arrays"]);
    expect(names("lambda u, v: u")).toEqual(["u", "v"]);
  });

  it("rejects non-callables and bad function arguments", () => {
    expect(fails("lambda x: jax.vmap(x)(x)", a).message).toContain("expected a callable value");
    expect(fails("lambda x: x.shape(1)", a).message).toBe("'tuple' object is not callable");
    expect(fails("lambda x: jax.vmap(jnp.sum, axis_size=2.5)(x)", a).message).toContain("axis_size must be an int");
  });
});

describe("lambdas", () => {
  it("have params, source and paramNames", () => {
    const { host } = fakeHost();
    const f = parseLambdaWith("lambda a, b: a + b", host);
    expect(f.params).toEqual(["a", "b"]);
    expect(f.source).toBe("lambda a, b: a + b");
    expect(paramNamesOf(f)).toEqual(["a", "b"]);
  });

  it("use Python's wording for a wrong number of arguments", () => {
    const { host } = fakeHost();
    const f = parseLambdaWith("lambda a, b: a + b", host);
    expect(() => f(1, 2, 3)).toThrow("<lambda>() takes 2 positional arguments but 3 were given");
    expect(() => f(1)).toThrow("<lambda>() missing 1 required positional argument: 'b'");
    expect(() => parseLambdaWith("lambda a: a", host)(1, 2)).toThrow("<lambda>() takes 1 positional argument but 2 were given");
    expect(() => parseLambdaWith("lambda a, b, c: a", host)()).toThrow("missing 3 required positional arguments: 'a', 'b', and 'c'");
    expect(() => f(1, 2, 3)).toThrow(expect.objectContaining({ kind: "unsupported" }));
  });

  it("close over enclosing parameters and accept keyword arguments", () => {
    expect(run("lambda x: (lambda y: x * 10 + y)(2)", 3).result).toBe(32);
    expect(run("lambda: (lambda a, b: a - b)(b=1, a=5)").result).toBe(4);
    expect(fails("lambda: (lambda a: a)(c=1)").message).toBe("<lambda>() got an unexpected keyword argument 'c'");
  });

  it("turn runaway self-application into an EngineError", () => {
    const e = fails("lambda: (lambda f: f(f))(lambda f: f(f))");
    expect(e.kind).toBe("unsupported");
    expect(e.message).toContain("recursion");
  });

  it("stop exponential work with a step budget", () => {
    // Church numerals: t(t(t(t(t(t))))) applies the increment 2**32 times.
    const e = fails("lambda: (lambda t: t(t(t(t(t(t)))))(lambda x: x + 1)(0))(lambda f: lambda x: f(f(x)))");
    expect(e.message).toMatch(/steps|recursion/);
  }, 20_000);
});

describe("indexing", () => {
  it("sends int / slice / Ellipsis / None items to host.index", () => {
    const idx = (src: string) => run(src, a).calls[0].args[1];
    expect(idx("lambda x: x[0]")).toEqual([0]);
    expect(idx("lambda x: x[-1]")).toEqual([-1]);
    expect(idx("lambda x: x[:, 1]")).toEqual([{ start: null, stop: null, step: null }, 1]);
    expect(idx("lambda x: x[1:3]")).toEqual([{ start: 1, stop: 3, step: null }]);
    expect(idx("lambda x: x[::2]")).toEqual([{ start: null, stop: null, step: 2 }]);
    expect(idx("lambda x: x[..., 0]")).toEqual(["...", 0]);
    expect(idx("lambda x: x[None]")).toEqual([null]);
    expect(idx("lambda x: x[(0, 1)]")).toEqual([0, 1]);
    expect(idx("lambda x: x[x.shape[0] - 1]")).toEqual([1]);
  });

  it("indexes tuple and dict arguments directly", () => {
    expect(run("lambda p: p[1]", [a, b]).result).toBe(b);
    expect(run("lambda p: p[-2]", [a, b]).result).toBe(a);
    expect(run("lambda p: p['w'] @ p['b']", { w: a, b }).calls[0]).toEqual({ op: "matmul", args: [a, b] });
    expect(fails("lambda p: p['wb']", { w: a }).message).toBe("'wb' — did you mean 'w'?");
    expect(fails("lambda p: p['wb']", { w: a }).pyType).toBe("KeyError");
    expect(fails("lambda p: p['__proto__']", { w: a }).pyType).toBe("KeyError");
    expect(fails("lambda p: p[2]", [a, b]).message).toBe("tuple index out of range");
    expect(fails("lambda p: p[2]", [a, b]).pyType).toBe("IndexError");
    // JAX's IndexType.from_index: a Python float index is NumPy's float64.
    expect(fails("lambda x: x[1.5]", a).message).toBe("Indexer must have integer or boolean type, got indexer with type float64");
    expect(fails("lambda x: x[1.5]", a).pyType).toBe("TypeError");
    // An array index goes to the host as is: indexing by values (a gather in the engine).
    expect(run("lambda x: x[x]", a).calls[0]).toEqual({ op: "index", args: [a, [a]] });
    expect(fails("lambda x: x[1]", 3).message).toBe("'int' object is not subscriptable");
  });
});

describe("values", () => {
  it("evaluates tuples, lists and dicts to JS arrays and objects", () => {
    expect(run("lambda x, y: (x, y)", a, b).result).toEqual([a, b]);
    expect(run("lambda x: [x, None, True]", a).result).toEqual([a, null, true]);
    expect(run("lambda x: {'w': x}", a).result).toEqual({ w: a });
    expect(run("lambda: jnp.pi").result).toBeCloseTo(Math.PI);
  });
});
