import { describe, expect, it } from "vitest";
import { EngineError } from "../../engine/errors";
import { parseLambdaWith } from "../../engine/lang";
import { editDistance, closestName } from "../../engine/lang/suggest";
import { fakeHost } from "./fakeHost";

function error(src: string): EngineError {
  try {
    parseLambdaWith(src, fakeHost().host);
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error(`expected ${JSON.stringify(src)} to fail`);
}

/** Where the caret of a syntax error points, as a 1-based column of the printed source line. */
function caretColumn(message: string): number {
  const lines = message.split("\n");
  return lines[2].indexOf("^") + 1;
}

describe("syntax errors", () => {
  it("says what was expected, prints the line and a caret under the column", () => {
    const e = error("lambda a, b: (a + b");
    expect(e.kind).toBe("syntax");
    expect(e.column).toBe(20);
    expect(e.message).toBe("invalid syntax: expected ')' at column 20\nlambda a, b: (a + b\n                   ^");
  });

  it.each([
    ["lambda a, b: jnp.sum(a b)", 24, "expected ')'"],
    ["lambda x: x +", 14, "unexpected end of input"],
    ["lambda x: * x", 11, "unexpected '*'"],
    ["lambda x x: x", 10, "expected ':'"],
    ["lambda x: x[]", 13, "expected an index"],
    ["lambda x: x[1", 14, "'[' at column 12 was never closed"],
    ["lambda x: x $ 2", 13, "unexpected character '$'"],
    ["lambda x: 'abc", 11, "unterminated string literal"],
    ["lambda x: 2x", 11, "invalid decimal literal"],
    ["lambda x: 1e+", 12, "invalid decimal literal"],
    ["lambda x: x = 1", 13, "unexpected '='"],
    ["lambda x: x // 2", 13, "operator '//' is not supported"],
    ["lambda x: x % 2", 13, "operator '%' is not supported"],
    ["lambda x: x if x else 0", 13, "'if' is not supported"],
    ["lambda x, x: x", 11, "duplicate argument 'x' in function definition"],
    ["lambda x=1: x", 9, "default parameter values are not supported"],
    ["lambda *xs: xs", 8, "'*args' and '**kwargs' parameters are not supported"],
    ["lambda x: f(axis=0, x)", 21, "positional argument follows keyword argument"],
    ["lambda x: f(a=0, a=1)", 18, "keyword argument repeated: a"],
    ["lambda x: a < b < c", 17, "chained comparisons"],
    ["lambda x: x, 1", 12, "unexpected ','"],
    ["lambda x: x +\n  )", 17, "unexpected ')' at line 2, column 3"],
    ["lambda x: 1 + lambda y: y", 15, "unexpected 'lambda'"],
    ["lambda x: 007", 11, "leading zeros"],
  ])("%j → column %i", (src, column, text) => {
    const e = error(src);
    expect(e.kind).toBe("syntax");
    expect(e.column).toBe(column);
    expect(e.message.split("\n")[0]).toContain(text);
    const line = src.slice(0, column - 1).split("\n").pop() as string;
    expect(caretColumn(e.message)).toBe(line.length + 1);
  });

  it("asks for a lambda when the source is not one", () => {
    for (const src of ["a + b", "", "   ", "x"]) {
      const e = error(src);
      expect(e.kind).toBe("syntax");
      expect(e.message).toMatch(/^invalid syntax: expected 'lambda'/);
    }
  });

  it("hints at parentheses for a tuple result", () => {
    expect(error("lambda x: x, x").message).toContain("put it in parentheses");
  });

  it("caps source length and nesting depth", () => {
    const long = error(`lambda x: ${"x + ".repeat(2600)}x`);
    expect(long.kind).toBe("syntax");
    expect(long.message).toContain("limit is 10,000");
    const deep = error(`lambda x: ${"(".repeat(300)}x${")".repeat(300)}`);
    expect(deep.message).toContain("nested too deeply");
    expect(error(`lambda x: ${"-".repeat(300)}x`).message).toContain("nested too deeply");
    expect(error(`lambda x: ${"x ** ".repeat(300)}x`).message).toContain("nested too deeply");
    // A long flat chain is shallow to parse but tall to evaluate: also capped.
    expect(error(`lambda x: ${"x + ".repeat(600)}x`).message).toContain("nested too deeply");
  });

  it("shows a window of a very long line, with the caret still under the column", () => {
    const src = `lambda x: ${"x + ".repeat(100)}$`;
    const e = error(src);
    const [, line, caret] = e.message.split("\n");
    expect(line.length).toBeLessThan(130);
    expect(line[caret.indexOf("^")]).toBe("$");
  });
});

describe("unknown names", () => {
  it.each([
    ["lambda x: jnp.summ(x)", "module 'jax.numpy' has no attribute 'summ' — did you mean jnp.sum?", 15],
    ["lambda x: jax.numpy.mena(x)", "module 'jax.numpy' has no attribute 'mena' — did you mean jax.numpy.mean?", 21],
    ["lambda x: jax.nn.sigmod(x)", "module 'jax.nn' has no attribute 'sigmod' — did you mean jax.nn.sigmoid?", 18],
    ["lambda x: jax.vmapp(x)", "module 'jax' has no attribute 'vmapp' — did you mean jax.vmap?", 15],
    ["lambda xs: jnp.sum(x)", "name 'x' is not defined — did you mean xs?", 20],
    ["lambda x: x.summ()", "name 'x.summ' is not defined — did you mean x.sum?", 13],
    ["lambda x: (x + 1).reshap(2)", "attribute '.reshap' is not defined — did you mean .reshape?", 19],
    ["lambda x: np.sum(x)", "name 'np.sum' is not defined — did you mean jnp.sum?", 11],
    ["lambda x: sum(x)", "Python's built-in sum is not supported — did you mean jnp.sum?", 11],
    ["lambda x: jnp.cumsum(x)", "jnp.cumsum is not supported in the playground", 15],
    ["lambda x: jax.nn.gelu(x)", "jax.nn.gelu is not supported in the playground", 18],
    // jax.lax has control flow and collectives (engine/control); its elementwise ops are jnp's here.
    ["lambda x: jax.lax.add(x, x)", "jax.lax.add is not supported in the playground", 19],
    ["lambda x: x.astype(int)", "x.astype is not supported in the playground", 13],
    ["lambda x: jnp", "jnp is a module and cannot be used as a value", 11],
    ["lambda x: jnp.sum(x, axs=0)", "jnp.sum() got an unexpected keyword argument 'axs' — did you mean axis?", 18],
    ["lambda x: x.sum(axes=0)", "x.sum() got an unexpected keyword argument 'axes' — did you mean axis?", 16],
    ["lambda x: jax.vmap(jnp.sum, in_axis=0)(x)", "jax.vmap() got an unexpected keyword argument 'in_axis' — did you mean in_axes?", 19],
    ["lambda x: jax.vmap(jnp.sum, 0, 0, 0)(x)", "jax.vmap() takes at most 3 positional arguments (4 given)", 19],
    ["lambda x: jax.grad()(x)", "jax.grad() missing 1 required positional argument: 'fun'", 19],
    ["lambda x: jax.jit(jnp.sum, static_argnums=0)(x)", "'static_argnums' is not supported", 18],
    ["lambda x: (lambda y: z)(x)", "name 'z' is not defined", 22],
    ["lambda x: [...]", "'...' (Ellipsis) can only be used inside an index", 12],
  ])("%s", (src, msg, column) => {
    const e = error(src);
    expect(e.kind).toBe("unsupported");
    expect(e.message).toContain(msg);
    expect(e.column).toBe(column);
  });

  it("sees parameters of enclosing lambdas, and parameters shadow modules", () => {
    const { host } = fakeHost();
    expect(() => parseLambdaWith("lambda a: jax.vmap(lambda r: r + a)(a)", host)).not.toThrow();
    expect(() => parseLambdaWith("lambda jnp: jnp.sum()", host)).not.toThrow();
  });
});

describe("suggest", () => {
  it("measures edits, counting a swap of neighbours as one", () => {
    expect(editDistance("sum", "summ")).toBe(1);
    expect(editDistance("mean", "mena")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("suggests only plausible typos", () => {
    expect(closestName("summ", ["sum", "mean"])).toBe("sum");
    expect(closestName("Sum", ["sum"])).toBe("sum");
    expect(closestName("cumsum", ["sum", "mean"])).toBeUndefined();
    expect(closestName("zzzzzz", ["sum"])).toBeUndefined();
  });
});
