/**
 * unparse / composeLambdaSource: printing a parsed lambda gives source that parses back to the
 * same tree (positions aside), with comments and line continuations gone; wrapping a body in a
 * call is done on the tree. Random programs come from the fuzz generator's grammar.
 */
import { describe, expect, it } from "vitest";
import { parseLambdaSource } from "../../engine/lang";
import { composeLambdaSource, unparse } from "../../engine/lang/unparse";

/** The tree without source offsets. */
const shape = (src: string) => JSON.parse(JSON.stringify(parseLambdaSource(src), (k, v) => (k === "pos" ? undefined : v)));

const SOURCES = [
  "lambda a, b: jnp.sum(a * b, axis=0)",
  "lambda x: -x**2 + x.T @ x",
  "lambda x: (-x) ** 2 - (x - 1) - -x",
  "lambda x: 2 ** -1 ** x / (x * x) / x",
  "lambda a, b: (a < b) == (b > a)",
  "lambda x, y: jax.vmap(lambda r, s: jnp.dot(r, s), in_axes=(0, None))(x, y)",
  "lambda p, x: jax.nn.relu(x @ p['w'] + p['b'])",
  "lambda x: x[:, 1] + x[..., 0] * x[None][0, ::2] + x[1:3] + x[::-1] + x[(0, 1)]",
  "lambda x: x.reshape(x.shape[0], -1).sum(axis=-1, keepdims=True)",
  "lambda a: (jnp.einsum('ij,jk->ik', a, a.T), jnp.where(a > 0, a, 0.5), (a,), ())",
  "lambda: {'k\\'ey': 1.0, 'b': [1, 2.5e-7, 1e300, True, None]}",
  "lambda x: (1).sum() + (2.5).T",
  "lambda f: (lambda y: y)(f) + (lambda: 1)()",
];

describe("unparse", () => {
  it.each(SOURCES)("%s round-trips", (src) => {
    const printed = unparse(parseLambdaSource(src));
    expect(shape(printed)).toEqual(shape(src));
  });

  it("drops comments and line continuations", () => {
    expect(unparse(parseLambdaSource("lambda a, b: a * \\\n  (b  # the weights\n + 1)  # done"))).toBe("lambda a, b: a * (b + 1)");
  });
});

describe("composeLambdaSource", () => {
  it("wraps the body in the call, on the parsed lambda", () => {
    expect(composeLambdaSource("lambda a, b: a + b  # sum", "jnp.sum")).toBe("lambda a, b: jnp.sum(a + b)");
    expect(composeLambdaSource("lambda x: (x, x * 2)", "jnp.sum")).toBe("lambda x: jnp.sum((x, x * 2))");
    expect(composeLambdaSource("lambda x: lambda y: y", "jnp.sum")).toBe("lambda x: jnp.sum(lambda y: y)");
  });

  it("raises the parser's error for source that does not parse", () => {
    expect(() => composeLambdaSource("lambda x: (x", "jnp.sum")).toThrow(/never closed|expected/);
  });
});
