// Programs in the lambda language: what it cannot read is reported with its line and column and
// the closest supported form; the function box reads a def program; limits hold.
import { beforeAll, describe, expect, it } from "vitest";
import { composeLambdaSource, EngineError, lambdaParams, parseLambda, withinWorkBudget, type NDArray } from "../../engine/index";
import { loadImporter, loadProgramReader, type ImportResult } from "../../engine/index";

let importJax: (src: string) => ImportResult;
beforeAll(async () => {
  await loadProgramReader();
  ({ importJax } = await loadImporter());
});

function failure(src: string) {
  const r = importJax(src);
  if (r.ok) throw new Error("expected the import to fail");
  return r;
}

describe("unsupported constructs say where and what to write instead", () => {
  it.each([
    ["a for loop", "import jax\nimport jax.numpy as jnp\nout = 0\nfor x in range(3):\n    out = out + x\n", 4, 1, "'for' loops are not supported", "jax.vmap"],
    ["a while loop", "import jax\n\ndef f(x):\n    while x < 3:\n        x = x + 1\n    return x\n", 4, 5, "'while' loops are not supported", "whole-array jnp operations"],
    ["a class", "import jax\nclass Model:\n    pass\n", 2, 1, "classes are not supported", "use functions (def)"],
    ["an if statement", "def f(x):\n    if x > 0:\n        return x\n    return -x\n", 2, 5, "'if' statements are not supported", "jnp.where(condition, x, y)"],
    ["an unknown library", "import jax\nimport torch\n", 2, 8, "module 'torch' is not supported", "import jax.numpy as jnp"],
    ["NumPy", "import numpy as np\n", 1, 8, "module 'numpy' is not supported", "closest supported form: import jax.numpy as jnp"],
    ["a with block", "import jax\nwith jax.disable_jit():\n    pass\n", 2, 1, "'with' statements are not supported", "without the with block"],
    ["item assignment", "import jax.numpy as jnp\nx = jnp.zeros(3)\nx[0] = 1.0\n", 3, 1, "assigning to an element", "x.at[i].set(v)"],
  ])("%s", (_what, src, line, column, message, hint) => {
    const r = failure(src);
    expect({ line: r.line, column: r.column }).toEqual({ line, column });
    expect(r.error.message).toContain(message);
    expect(r.error.message).toContain(hint);
    expect(r.error.message).toContain(`at line ${line}, column ${column}`);
  });

  it("an unknown jnp function is Python's AttributeError at its line and column, with the near name", () => {
    const r = failure("import jax\nimport jax.numpy as jnp\n\ndef f(x):\n    return jnp.sine(x)\n\nout = jax.vmap(f)(jnp.ones(3))\n");
    expect(r.error.pyType).toBe("AttributeError");
    expect(r.error.message).toBe("module 'jax.numpy' has no attribute 'sine' — did you mean jnp.sin?");
    expect({ line: r.line, column: r.column }).toEqual({ line: 5, column: 16 });
  });

  it("a JAX error while the call runs points at the statement that made it", () => {
    const r = failure("import jax\nimport jax.numpy as jnp\na = jnp.ones((2, 3))\nb = jnp.ones((4, 3))\nout = jax.vmap(lambda x, y: x + y)(a, b)\n");
    expect(r.error.message).toContain("vmap got inconsistent sizes for array axes to be mapped");
    expect(r.line).toBe(5);
  });

  it("an argument the explorer cannot take (a dict) points at the call that passed it", () => {
    const r = failure("import jax\nimport jax.numpy as jnp\n\ndef f(d):\n    return d['x'] * 2\n\na = jnp.ones((2, 2))\nout = jax.vmap(f)({'x': a})\n");
    expect(r.error.message).toBe("the explorer cannot take a dict as argument d: pass arrays, or tuples of arrays");
    expect({ line: r.line, column: r.column }).toEqual({ line: 8, column: 1 });
  });

  it("a snippet without a vmap call says what to add", () => {
    const r = failure("import jax.numpy as jnp\nx = jnp.ones(3)\n");
    expect(r.error.message).toContain("no jax.vmap call found");
    // Located at the end of the snippet's text, not on a line past it.
    expect({ line: r.line, column: r.column }).toEqual({ line: 2, column: 16 });
  });

  it("indentation errors and unclosed brackets are Python's syntax errors", () => {
    // Python's IndentationError (a SyntaxError), in Python's words.
    const unindent = failure("def f(x):\n    y = x\n  return y\n").error;
    expect(unindent.message).toMatch(/^unindent does not match any outer indentation level at line 3, column 3/);
    expect(unindent.pyType).toBe("IndentationError");
    expect(failure("def f(x):\nreturn x\n").error.message).toMatch(/^expected an indented block at line 2, column 1/);
    expect(failure("import jax\n    x = 1\n").error.pyType).toBe("IndentationError");
    // Deeper than its block, inside a def: IndentationError too (it was "invalid syntax").
    const deeper = failure("import jax\n\ndef f(x):\n    y = x * 2\n      return y\n").error;
    expect(deeper.pyType).toBe("IndentationError");
    expect(deeper.message).toMatch(/^unexpected indent at line 5, column 7/);
    // Tabs and spaces whose levels depend on the tab size: CPython's TabError.
    const tabs = failure("def f(x):\n    y = x\n\treturn y\n").error;
    expect(tabs.pyType).toBe("TabError");
    expect(tabs.message).toMatch(/^inconsistent use of tabs and spaces in indentation at line 3, column 2/);
    // Tabs alone, or spaces alone, are fine.
    expect(failure("def f(x):\n\ty = x\n\treturn y +\n").error.pyType).toBe("SyntaxError");
    const r = failure("import jax\nout = jax.vmap(f, in_axes=(0,\n");
    expect(r.error.message).toContain("'(' was never closed");
    expect({ line: r.line, column: r.column }).toEqual({ line: 2, column: 27 });
  });

  it("'return' outside a function is Python's SyntaxError", () => {
    expect(failure("import jax\nreturn 1\n").error.message).toContain("'return' outside function");
  });
});

describe("the function box holds a def program", () => {
  const program = 'import jax.numpy as jnp\n\ndef g(x):\n    """Squares, then sums."""\n    return jnp.sum(x ** 2)\n\ndef f(a, b):\n    s = g(a) + g(b)  # a comment\n    return s\n';

  it("its last definition is the function, with its parameters", () => {
    const f = parseLambda(program);
    expect(f.params).toEqual(["a", "b"]);
    expect(((f as (...a: unknown[]) => NDArray)(3, 4) as NDArray).dense()[0]).toBe(25);
    expect(lambdaParams(program)).toMatchObject({ ok: true, params: ["a", "b"], name: "f" });
  });

  it("a lambda still takes the lambda path, with its own errors", () => {
    const e = (() => {
      try {
        parseLambda("x + 1");
      } catch (err) {
        return err as EngineError;
      }
    })();
    expect(e?.message).toContain("expected 'lambda'");
    expect(lambdaParams("lambda a, b: a +")).toMatchObject({ ok: true, params: ["a", "b"] });
  });

  it("composeLambdaSource wraps a def program's function in a loss (the grad panel's jnp.sum(f(...)))", () => {
    const loss = composeLambdaSource(program, "jnp.sum");
    expect(loss.endsWith("f_loss = lambda a, b: jnp.sum(f(a, b))")).toBe(true);
    const fn = parseLambda(loss) as (...a: unknown[]) => NDArray;
    expect(fn(2, 3).dense()[0]).toBe(13);
  });

  it("a program whose last statement is not a function says so", () => {
    expect(() => parseLambda("import jax.numpy as jnp\nx = jnp.ones(3)\n")).toThrow("'x' is not a function");
  });

  it("runaway recursion through defs ends in Python's RecursionError, and heavy work in the budget's error", () => {
    expect(() => parseLambda("import jax\ndef f(x):\n    return f(x)\ng = f\n")(1)).toThrow(/recursion/i);
    const heavy = withinWorkBudget({ ops: 1e5 }, () => importJax("import jax\nimport jax.numpy as jnp\nx = jnp.ones((1000, 1000))\nout = jax.vmap(lambda r: r @ x)(x)\n"));
    expect(heavy.done).toBe(false);
  });
});

describe("print shows what Python prints", () => {
  it.each([
    ["print(x.shape)", "(2, 3)"],
    ["print(x.shape[0], x.ndim)", "2 2"],
    ["print(x)", "[[0. 1. 2.]\n [3. 4. 5.]]"],
    ["print(x * 0.5)", "[[0.  0.5 1. ]\n [1.5 2.  2.5]]"],
    ["print(jnp.arange(3))", "[0 1 2]"],
    ["print(x > 2)", "[[False False False]\n [ True  True  True]]"],
    ["print(jnp.arange(8.).reshape(2, 2, 2))", "[[[0. 1.]\n  [2. 3.]]\n\n [[4. 5.]\n  [6. 7.]]]"],
    ["print('out:', jax.tree.map(jnp.shape, (x, x[0])))", "out: ((2, 3), (3,))"],
  ])("%s", (line, want) => {
    const r = importJax(`import jax\nimport jax.numpy as jnp\nx = jnp.arange(6.).reshape(2, 3)\n${line}\nout = jax.vmap(jnp.sum)(x)\n`);
    expect(r.printed).toEqual([{ line: 4, text: want }]);
  });
});
