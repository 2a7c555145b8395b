import { describe, expect, it } from "vitest";
import { parseExpression, parseLambdaSource } from "../../engine/lang";
import { tokenize } from "../../engine/lang/tokens";
import { show } from "./show";

const p = (src: string) => show(parseExpression(src));

describe("tokenizer", () => {
  it("reads numbers, names, strings, operators with 1-based columns", () => {
    const toks = tokenize("lambda a: a**2.0 + .5 - 1e-3 @ b['w'] <= ...");
    expect(toks.map((t) => [t.kind, t.text, t.pos + 1])).toEqual([
      ["keyword", "lambda", 1], ["name", "a", 8], ["punct", ":", 9], ["name", "a", 11], ["op", "**", 12],
      ["number", "2.0", 14], ["op", "+", 18], ["number", ".5", 20], ["op", "-", 23], ["number", "1e-3", 25],
      ["op", "@", 30], ["name", "b", 32], ["punct", "[", 33], ["string", "w", 34], ["punct", "]", 37],
      ["op", "<=", 39], ["punct", "...", 42], ["eof", "", 45],
    ]);
  });

  it("knows ints from floats and decodes escapes", () => {
    const [two, twoF, e3, s] = tokenize(`2 2. 1E3 "a\\"b"`);
    expect([two.num, two.isFloat, twoF.num, twoF.isFloat, e3.num, e3.isFloat]).toEqual([2, false, 2, true, 1000, true]);
    expect(s.text).toBe('a"b');
  });

  it("skips comments and reads ... apart from numbers", () => {
    expect(tokenize("x[...,0] # note").map((t) => t.text)).toEqual(["x", "[", "...", ",", "0", "]", ""]);
  });
});

describe("precedence", () => {
  it.each([
    ["-x**2", "(u- (** x 2))"],
    ["a + b * c", "(+ a (* b c))"],
    ["a @ b + c", "(+ (@ a b) c)"],
    ["a - b - c", "(- (- a b) c)"],
    ["a ** b ** c", "(** a (** b c))"],
    ["2 ** -1", "(** 2 (u- 1))"],
    ["-a * b", "(* (u- a) b)"],
    ["a * b / c @ d", "(@ (/ (* a b) c) d)"],
    ["a + b < c * d", "(< (+ a b) (* c d))"],
    ["x.T @ y[0] ** 2", "(@ x.T (** y[0] 2))"],
    ["-x.sum(axis=0)", "(u- x.sum(axis=0))"],
    ["(a + b) * c", "(* (+ a b) c)"],
    ["--x", "(u- (u- x))"],
  ])("%s", (src, want) => expect(p(src)).toBe(want));
});

describe("forms", () => {
  it.each([
    ["(x, y)", "(tuple x y)"],
    ["(x,)", "(tuple x)"],
    ["()", "(tuple )"],
    ["(x)", "x"],
    ["[x, y,]", "[x y]"],
    ["{'w': 1, 'b': x}", `{"w": 1, "b": x}`],
    ["f(a, b, axis=0, keepdims=True)", "f(a, b, axis=0, keepdims=true)"],
    ["x[:, 1]", "x[::, 1]"],
    ["x[..., 0]", "x[..., 0]"],
    ["x[None]", "x[null]"],
    ["x[1:3]", "x[1:3:]"],
    ["x[::2]", "x[::2]"],
    ["x[::-1, -1]", "x[::(u- 1), (u- 1)]"],
    ["x[1:, :2, 0:4:2]", "x[1::, :2:, 0:4:2]"],
    ["p['w']", `p["w"]`],
    ["jnp.einsum('ij,jk' '->ik', a, b)", `jnp.einsum("ij,jk->ik", a, b)`],
    ["jax.numpy.sum(x)", "jax.numpy.sum(x)"],
    ["x.shape[0] * 2", "(* x.shape[0] 2)"],
  ])("%s", (src, want) => expect(p(src)).toBe(want));

  it("reads nested lambdas as call arguments and as bodies", () => {
    expect(p("jax.grad(lambda V, z: jnp.sum(V @ z))(A, b)")).toBe("jax.grad((lambda V,z: jnp.sum((@ V z))))(A, b)");
    expect(p("lambda x: lambda y: x + y")).toBe("(lambda x: (lambda y: (+ x y)))");
    expect(p("(lambda x: x)(3)")).toBe("(lambda x: x)(3)");
    expect(p("jax.vmap(jax.grad(lambda a: a ** 2), in_axes=(0,), out_axes=0)")).toBe(
      "jax.vmap(jax.grad((lambda a: (** a 2))), in_axes=(tuple 0), out_axes=0)",
    );
  });

  it("reads a top-level lambda with its parameters and positions", () => {
    const lam = parseLambdaSource("lambda a, b,: a");
    expect(lam.params).toEqual(["a", "b"]);
    expect(parseLambdaSource("lambda: 1").params).toEqual([]);
    const body = parseLambdaSource("lambda x: x + 1").body;
    expect(body.type === "binary" && body.pos).toBe(12);
  });

  it("accepts newlines, tabs and comments between tokens", () => {
    expect(show(parseLambdaSource("lambda x:\n\t(x +  # add one\n 1)"))).toBe("(lambda x: (+ x 1))");
  });
});
