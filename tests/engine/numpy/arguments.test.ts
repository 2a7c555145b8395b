/**
 * Wrongly typed arguments to every public function are EngineErrors in Python's words (the
 * declared signatures of engine/numpy/signature.ts, the lambda language's jax.grad/vmap/jit),
 * never a JavaScript error or a message that prints JavaScript. Regressions: JavaScript errors
 * (`axis is not iterable`, `nums.forEach is not a function`, `An array of NaN elements`).
 */
import { describe, expect, it } from "vitest";
import { EngineError, jnp, nn, np, parseLambda, type NDArray } from "../../../engine";

const x = np.arange(6).reshape([2, 3]);

function caught(f: () => unknown): EngineError {
  try {
    f();
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw new Error(`not an EngineError: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
  throw new Error("did not throw");
}

/** JavaScript leaking into a message (Python's own type name `'function'` is fine). */
const JS_TEXT = /=>|function\s*[\w$]*\s*\(|\[object|undefined|NaN elements/;

/** [lambda source, Python exception class, message]. */
const lambdaCases: [string, string, string][] = [
  ["lambda x: jnp.sum(x, axis=x)", "TypeError", "only integer scalar arrays can be converted to a scalar index"],
  ["lambda x: jnp.sum(x, axis=jnp.sum)", "TypeError", "'function' object cannot be interpreted as an integer"],
  ["lambda x: jnp.sum(x, {'axis': 1})", "TypeError", "'dict' object cannot be interpreted as an integer"],
  ["lambda x: jnp.mean(x, {'axis': 1})", "TypeError", "'dict' object cannot be interpreted as an integer"],
  ["lambda x: jnp.sum({'a': x})", "TypeError", "sum requires ndarray or scalar arguments, got <class 'dict'> at position 0."],
  ["lambda x: jnp.sum(x, axis=(1, 'a'))", "TypeError", "'str' object cannot be interpreted as an integer"],
  ["lambda x: jnp.sum(x, keepdims=x)", "TypeError", "sum() argument 'keepdims' must be a bool, not ArrayImpl"],
  ["lambda x: jnp.max(x, axis=jnp.sum)", "TypeError", "'function' object cannot be interpreted as an integer"],
  ["lambda x: jnp.reshape(x)", "TypeError", "reshape() missing 1 required positional argument: 'shape'"],
  ["lambda x: jnp.reshape(x, 2.5)", "TypeError", "'float' object cannot be interpreted as an integer"],
  ["lambda x: x.reshape('a')", "TypeError", "'str' object cannot be interpreted as an integer"],
  ["lambda x: x.sum('a')", "TypeError", "'str' object cannot be interpreted as an integer"],
  ["lambda x: jnp.transpose(x, 0)", "TypeError", "'int' object is not iterable"],
  ["lambda x: jnp.transpose(x, (0, 'a'))", "TypeError", "'str' object cannot be interpreted as an integer"],
  ["lambda x: jnp.moveaxis(x, 0)", "TypeError", "moveaxis() missing 1 required positional argument: 'destination'"],
  ["lambda x: jnp.expand_dims(x)", "TypeError", "expand_dims() missing 1 required positional argument: 'axis'"],
  ["lambda x: jnp.swapaxes(x, 0)", "TypeError", "swapaxes() missing 1 required positional argument: 'axis2'"],
  ["lambda x: jnp.swapaxes(x, 0, 1.5)", "TypeError", "'float' object cannot be interpreted as an integer"],
  ["lambda x: jnp.expand_dims(x, 'a')", "TypeError", "'str' object cannot be interpreted as an integer"],
  ["lambda x: jnp.squeeze(x, 1.5)", "TypeError", "'float' object cannot be interpreted as an integer"],
  ["lambda x: jnp.stack()", "TypeError", "stack() missing 1 required positional argument: 'arrays'"],
  ["lambda x: jnp.stack([])", "ValueError", "Need at least one array to stack."],
  ["lambda x: jnp.stack([x, 'a'])", "TypeError", "stack requires ndarray or scalar arguments, got <class 'str'> at position 1."],
  ["lambda x: jnp.concatenate(3)", "TypeError", "'int' object is not iterable"],
  ["lambda x: jnp.einsum(x, x)", "TypeError", "einsum() argument 'subscripts' must be a str, not ArrayImpl"],
  ["lambda x: jnp.einsum()", "TypeError", "einsum() missing 1 required positional argument: 'subscripts'"],
  ["lambda x: jnp.add(x)", "TypeError", "add() takes 2 positional arguments but 1 was given"],
  ["lambda x: jnp.exp(x, x)", "TypeError", "exp() takes 1 positional argument but 2 were given"],
  ["lambda x: jnp.dot(x, 'a')", "TypeError", "dot requires ndarray or scalar arguments, got <class 'str'> at position 1."],
  ["lambda x: jnp.power(x, jnp.sum)", "TypeError", "power requires ndarray or scalar arguments, got <class 'function'> at position 1."],
  ["lambda x: jnp.zeros_like()", "TypeError", "zeros_like() missing 1 required positional argument: 'a'"],
  ["lambda x: jnp.arange(x)", "TypeError", "arange() argument 'start' must be a real number, not ArrayImpl"],
  ["lambda x: jnp.arange('a')", "TypeError", "arange() argument 'start' must be a real number, not str"],
  ["lambda x: jax.nn.relu('a')", "TypeError", "relu requires ndarray or scalar arguments, got <class 'str'> at position 0."],
  ["lambda x: jax.nn.softmax(x, axis=jnp.sum)", "TypeError", "'function' object cannot be interpreted as an integer"],
  ["lambda x: x[{'start': 0, 'stop': 1, 'step': None}]", "IndexError", "only integers, slices (`:`), ellipsis (`...`) and None are valid indices, not dict"],
  ["lambda x: jax.grad(jnp.sum, argnums='0')(x)", "TypeError", "'str' object cannot be interpreted as an integer"],
  ["lambda x: jax.grad(jnp.sum, argnums=1.5)(x)", "TypeError", "'float' object is not iterable"],
  ["lambda x: jax.grad(jnp.sum, argnums=(0, 'a'))(x)", "TypeError", "'str' object cannot be interpreted as an integer"],
  ["lambda x: jax.grad(jnp.sum, argnums=jnp.sum)(x)", "TypeError", "'function' object is not iterable"],
];

describe("wrongly typed arguments in the lambda language", () => {
  it.each(lambdaCases)("%s → %s", (src, pyType, message) => {
    const e = caught(() => parseLambda(src)(x));
    expect(e.message).toBe(message);
    expect(e.pyType).toBe(pyType);
    expect(e.message).not.toMatch(JS_TEXT);
  });
});

describe("functions where an axis spec belongs", () => {
  it("are printed as Python prints them, never as their JavaScript source", () => {
    const e = caught(() => parseLambda("lambda x: jax.vmap(jnp.sum, in_axes=jnp.sum)(x)")(x));
    expect(e.message).toBe(
      "vmap in_axes must be an int, None, or a tuple of entries corresponding to the positional arguments passed to the function, but got <function sum>.",
    );
    const nested = caught(() => parseLambda("lambda x: jax.vmap(jnp.sum, in_axes=({'a': lambda y: y},))({'a': x})")(x));
    expect(nested.message).toBe("vmap in_axes must be an int, None, or (nested) container with those types as leaves, but got ({'a': <function <lambda>>},).");
  });

  it("calls that do not fit a signature are Python's TypeError", () => {
    for (const src of ["lambda x: jax.vmap()", "lambda x: jax.grad(jnp.sum, 0, 1)", "lambda x: jnp.sum(x, axs=0)", "lambda x: (lambda y: y)(x, x)", "lambda x: (lambda y: y)()", "lambda x: jax.jit(3)"]) {
      expect(caught(() => parseLambda(src)(x)).pyType).toBe("TypeError");
    }
  });

  it("out_axes alone by keyword leaves in_axes at its default 0, as in Python", () => {
    const f = parseLambda("lambda x: jax.vmap(lambda r: r * 2, out_axes=1)(x)");
    expect((f(x) as NDArray).tolist()).toEqual([[0, 6], [2, 8], [4, 10]]);
  });
});

describe("wrongly typed arguments from JavaScript", () => {
  const bad: [string, () => unknown, string][] = [
    ["sum(x, axis=x)", () => jnp.sum(x, { axis: x as never }), "only integer scalar arrays can be converted to a scalar index"],
    ["sum(x, badkw=1)", () => jnp.sum(x, { badkw: 1 } as never), "sum() got an unexpected keyword argument 'badkw'"],
    ["sum(x, 0, axis=1)", () => jnp.sum(x, 0, { axis: 1 }), "sum() got multiple values for argument 'axis'"],
    ["reshape(x)", () => (jnp.reshape as (...a: unknown[]) => unknown)(x), "reshape() missing 1 required positional argument: 'shape'"],
    ["stack()", () => (jnp.stack as (...a: unknown[]) => unknown)(), "stack() missing 1 required positional argument: 'arrays'"],
    ["einsum(x, x)", () => jnp.einsum(x as never, x), "einsum() argument 'subscripts' must be a str, not ArrayImpl"],
    ["softmax(x, {axis: 'a'})", () => nn.softmax(x, { axis: "a" as never }), "'str' object cannot be interpreted as an integer"],
    ["np.zeros([2.5])", () => np.zeros([2.5]), "'float' object cannot be interpreted as an integer"],
    ["np.ones(['a'])", () => np.ones(["a" as never]), "'str' object cannot be interpreted as an integer"],
    ["np.full([2], 'a')", () => np.full([2], "a" as never), "fill_value must be a real number, not str"],
    ["np.arange('a')", () => np.arange("a" as never), "arange() start must be a real number, not str"],
    ["np.arange(NaN)", () => np.arange(NaN), "arange: cannot compute length"],
    ["np.arange(0, Infinity)", () => np.arange(0, Infinity), "arange: cannot compute length"],
    ["reshape(x, [2.5, 2])", () => jnp.reshape(x, [2.5, 2]), "'float' object cannot be interpreted as an integer"],
    ["np.array([1, 2], [2.5])", () => np.array([1, 2], [2.5]), "'float' object cannot be interpreted as an integer"],
    ["np.array([1, 2], [3])", () => np.array([1, 2], [3]), "cannot reshape array of size 2 into shape (3,)"],
    ["np.array([1, 'a'])", () => np.array([1, "a"] as never), "Value of type <class 'str'> is not a valid JAX array element: only arrays of numeric types are supported"],
    ["np.array(null)", () => np.array(null as never), "Value of type <class 'NoneType'> is not a valid JAX array element: only arrays of numeric types are supported"],
    ["np.stack(5)", () => np.stack(5 as never), "'int' object is not iterable"],
    ["np.concatenate(5)", () => np.concatenate(5 as never), "'int' object is not iterable"],
  ];
  it.each(bad)("%s", (_name, f, message) => {
    const e = caught(f);
    expect(e.message).toBe(message);
    expect(e.message).not.toMatch(JS_TEXT);
  });

  it("refuses negative dimensions with NumPy's ValueError", () => {
    for (const f of [() => np.zeros([-1]), () => np.ones([2, -3]), () => np.full([-1], 0), () => np.array([1, 2], [-1, -2])]) {
      const e = caught(f);
      expect(e.message).toBe("negative dimensions are not allowed");
      expect(e.pyType).toBe("ValueError");
    }
  });

  it("still takes the forms NumPy takes", () => {
    expect(np.zeros(3).shape).toEqual([3]);
    expect(np.zeros([0, 2]).shape).toEqual([0, 2]);
    expect(np.arange(2.5).tolist()).toEqual([0, 1, 2]);
    expect(np.arange(1, 7, null).tolist()).toEqual([1, 2, 3, 4, 5, 6]);
    // Python's positional form sum(a, axis, dtype, out, keepdims); True is the int 1.
    expect((jnp.sum as (...a: unknown[]) => NDArray)(x, 1, null, null, true).shape).toEqual([2, 1]);
    expect((jnp.sum(x, { axis: true as never }) as NDArray).tolist()).toEqual([3, 12]);
    // jnp.stack / concatenate of one array iterate over its first axis, as jnp does.
    expect((jnp.stack(x, 1) as typeof x).tolist()).toEqual([[0, 3], [1, 4], [2, 5]]);
    expect((jnp.concatenate(x) as typeof x).tolist()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(parseLambda("lambda x: jnp.reshape(x, shape=(3, 2))")(x).shape).toEqual([3, 2]);
  });

  it("reads a dict literal passed positionally as a value, a keyword as a keyword", () => {
    expect(parseLambda("lambda x: jnp.sum(x, axis=1)")(x).tolist()).toEqual([3, 12]);
    expect(parseLambda("lambda x: jnp.sum(x, 1, keepdims=True)")(x).shape).toEqual([2, 1]);
  });
});
