// importJax: snippets in the style of JAX's documentation and tutorials become the explorer's
// call (function text, arguments' shapes and values, in_axes, out_axes), and the call's values
// equal a plain loop over the examples (or hand values). Programs run on the lambda language's
// evaluator (no JavaScript is generated from them).
import { beforeAll, describe, expect, it } from "vitest";
import { parseLambda, vmap, type ImportedArg, type ImportedCall, type NDArray } from "../../engine/index";
import { loadImporter, loadProgramReader, type ImportResult } from "../../engine/index";

let importJax: (src: string) => ImportResult;
beforeAll(async () => {
  await loadProgramReader();
  ({ importJax } = await loadImporter());
});

function imported(src: string): ImportedCall {
  const r = importJax(src);
  if (!r.ok) throw new Error(`import failed at line ${r.line}, column ${r.column}: ${r.error.message}`);
  return r;
}

const leaf = (a: ImportedArg) => {
  if (a.kind !== "leaf") throw new Error("expected an array");
  return a;
};
const vals = (a: ImportedArg) => Array.from(leaf(a).values);

/** Runs the imported call as the explorer does: its function text parsed again, vmapped with its axes. */
function runImported(r: ImportedCall): NDArray | NDArray[] {
  const f = parseLambda(r.fnSource);
  const toValue = (a: ImportedArg): unknown => (a.kind === "leaf" ? jnpArray(a) : a.items.map(toValue));
  return vmap(f as never, r.inAxes as never, r.outAxes as never, r.axisSize === null ? {} : { axisSize: r.axisSize })(...r.args.map(toValue)) as NDArray;
}

import { np } from "../../engine/index";
import { PREDICT_EXAMPLE } from "../../app/importer/example";
const jnpArray = (a: { shape: number[]; values: Float64Array }) => np.array(a.values, a.shape);
const f32 = Math.fround;
const close = (got: ArrayLike<number>, want: ArrayLike<number>, tol = 1e-5) => {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want[i])));
};

const HEADER = "import jax\nimport jax.numpy as jnp\n";

describe("importJax: snippets in the style of JAX's docs", () => {
  it("the issue's predict example: a def program, in_axes (None, None, 0), and print(out.shape)", () => {
    // The example (also the Import dialog's).
    const src = PREDICT_EXAMPLE;
    const r = imported(src);
    expect(r.fnSource).toBe("import jax.numpy as jnp\ndef predict(w, b, x):\n    h = jnp.tanh(x @ w + b)\n    return jnp.sum(h ** 2, axis=-1)");
    expect(r.params).toEqual(["w", "b", "x"]);
    expect(r.args.map((a) => leaf(a).shape)).toEqual([[3, 4], [4], [2, 4, 3]]);
    expect(vals(r.args[0])).toEqual(Array(12).fill(1));
    expect(vals(r.args[1])).toEqual([0, 0, 0, 0]);
    expect(vals(r.args[2])).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(r.inAxes).toEqual([null, null, 0]);
    expect(r.outAxes).toBe(0);
    expect(r.outShape).toBe("(2, 4)");
    expect(r.printed).toEqual([{ line: 11, text: "(2, 4)" }]);
    // Loop reference: w is ones and b zeros, so h[i] = tanh(sum of x's row) for every column.
    const want: number[] = [];
    for (let k = 0; k < 2; k++) for (let i = 0; i < 4; i++) {
      const s = [0, 1, 2].reduce((acc, j) => acc + (k * 12 + i * 3 + j), 0);
      want.push(4 * Math.tanh(s) ** 2);
    }
    close((runImported(r) as NDArray).dense(), want);
  });

  it("per-example gradients: jax.vmap(jax.grad(loss), in_axes=(None, 0, 0))", () => {
    const src = `${HEADER}
def loss(w, x, y):
    pred = jnp.dot(x, w)
    return (pred - y) ** 2

w = jnp.array([1., 2., 3.])
xs = jnp.arange(12.).reshape(4, 3)
ys = jnp.ones(4)
per_example = jax.vmap(jax.grad(loss), in_axes=(None, 0, 0))(w, xs, ys)
`;
    const r = imported(src);
    expect(r.fnSource).toBe("import jax\nimport jax.numpy as jnp\ndef loss(w, x, y):\n    pred = jnp.dot(x, w)\n    return (pred - y) ** 2\nf = jax.grad(loss)");
    expect(r.params).toEqual(["w", "x", "y"]);
    expect(r.inAxes).toEqual([null, 0, 0]);
    expect(r.outShape).toBe("(4, 3)");
    const want: number[] = [];
    for (let k = 0; k < 4; k++) {
      const x = [0, 1, 2].map((j) => k * 3 + j);
      const err = x[0] * 1 + x[1] * 2 + x[2] * 3 - 1;
      want.push(...x.map((xj) => 2 * err * xj));
    }
    close((runImported(r) as NDArray).dense(), want);
  });

  it("batched matmul: jax.vmap(jnp.matmul)(a, b)", () => {
    const src = `${HEADER}a = jnp.arange(12.).reshape(2, 2, 3)\nb = jnp.arange(12.).reshape(2, 3, 2) + 100\nc = jax.vmap(jnp.matmul)(a, b)\n`;
    const r = imported(src);
    expect(r.fnSource).toBe("import jax.numpy as jnp\nf = jnp.matmul");
    expect(r.params).toEqual(["a", "b"]);
    expect(r.inAxes).toEqual([0, 0]);
    expect(r.outShape).toBe("(2, 2, 2)");
    const A = vals(r.args[0]);
    const B = vals(r.args[1]);
    const want: number[] = [];
    for (let k = 0; k < 2; k++) for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) {
      let s = 0;
      for (let t = 0; t < 3; t++) s += A[k * 6 + i * 3 + t] * B[k * 6 + t * 2 + j];
      want.push(s);
    }
    close((runImported(r) as NDArray).dense(), want);
  });

  it("all-pairs distances: a nested vmap assigned to a name and called later (the outer call is the explorer's)", () => {
    const src = `${HEADER}
def dist(a, b):
    return jnp.sqrt(jnp.sum((a - b) ** 2))

pairwise = jax.vmap(jax.vmap(dist, in_axes=(None, 0)), in_axes=(0, None))
xs = jnp.arange(6.).reshape(3, 2)
ys = jnp.arange(8.).reshape(4, 2) * 0.5
D = pairwise(xs, ys)
print(D.shape)
`;
    const r = imported(src);
    expect(r.fnSource).toBe("import jax\nimport jax.numpy as jnp\ndef dist(a, b):\n    return jnp.sqrt(jnp.sum((a - b) ** 2))\nf = jax.vmap(dist, in_axes=(None, 0))");
    expect(r.params).toEqual(["a", "b"]);
    expect(r.inAxes).toEqual([0, null]);
    expect(r.printed.map((p) => p.text)).toEqual(["(3, 4)"]);
    const want: number[] = [];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) want.push(Math.hypot(2 * i - j, 2 * i + 1 - (j + 0.5)));
    close((runImported(r) as NDArray).dense(), want);
  });

  it("an MLP with @partial(jax.vmap, in_axes=(None, 0)), params unpacked from a tuple, initialised with jax.random", () => {
    const src = `${HEADER}from functools import partial

@partial(jax.vmap, in_axes=(None, 0))
def mlp(params, x):
    """A two-layer perceptron on one example."""
    w1, b1, w2, b2 = params
    h = jax.nn.relu(x @ w1 + b1)  # hidden layer
    return h @ w2 + b2

key = jax.random.key(0)
k1, k2 = jax.random.split(key)
w1 = jax.random.normal(k1, (3, 4)); b1 = jnp.zeros(4)
w2 = jax.random.normal(k2, (4, 2)); b2 = jnp.zeros(2)
params = (w1, b1, w2, b2)
xs = jnp.linspace(-1., 1., 15).reshape(5, 3)
out = mlp(params, xs)
print(out.shape)
`;
    const r = imported(src);
    // The decorator that vmapped it is gone (the explorer's vmap is that one); the docstring and comment stay.
    expect(r.fnSource).toBe('import jax\ndef mlp(params, x):\n    """A two-layer perceptron on one example."""\n    w1, b1, w2, b2 = params\n    h = jax.nn.relu(x @ w1 + b1)  # hidden layer\n    return h @ w2 + b2');
    expect(r.params).toEqual(["params", "x"]);
    expect(r.inAxes).toEqual([null, 0]);
    const p = r.args[0];
    expect(p.kind).toBe("tuple");
    if (p.kind !== "tuple") return;
    expect(p.items.map((a) => leaf(a).shape)).toEqual([[3, 4], [4], [4, 2], [2]]);
    expect(r.printed).toEqual([{ line: 19, text: "(5, 2)" }]);
    // linspace as JAX computes it: start·(1 − t) + stop·t in float32, the exact stop last.
    const X = vals(r.args[1]);
    expect(X[0]).toBe(-1);
    expect(X[14]).toBe(1);
    expect(X[7]).toBe(f32(f32(-1 * f32(1 - f32(7 / 14))) + f32(0.5)));
    const [W1, B1, W2, B2] = p.items.map(vals);
    const want: number[] = [];
    for (let k = 0; k < 5; k++) {
      const h = [0, 1, 2, 3].map((j) => Math.max(0, [0, 1, 2].reduce((s, i) => s + X[k * 3 + i] * W1[i * 4 + j], 0) + B1[j]));
      for (let o = 0; o < 2; o++) want.push(h.reduce((s, hj, j) => s + hj * W2[j * 2 + o], 0) + B2[o]);
    }
    close((runImported(r) as NDArray).dense(), want, 1e-5);
  });

  it("a jax.random initialisation the function closes over: W = jax.random.normal(key, …) travels with the def", () => {
    const src = `${HEADER}
key = jax.random.PRNGKey(42)
W = jax.random.normal(key, (4, 3))

def layer(x):
    return jnp.tanh(W @ x)

xs = jax.random.uniform(jax.random.PRNGKey(1), (5, 3), minval=-1.0, maxval=1.0)
out = jax.vmap(layer)(xs)
`;
    const r = imported(src);
    expect(r.fnSource).toBe("import jax\nimport jax.numpy as jnp\nkey = jax.random.PRNGKey(42)\nW = jax.random.normal(key, (4, 3))\ndef layer(x):\n    return jnp.tanh(W @ x)");
    expect(r.params).toEqual(["x"]);
    for (const v of vals(r.args[0])) expect(v >= -1 && v < 1).toBe(true);
    expect(r.outShape).toBe("(5, 4)");
  });

  it("@jax.jit on the def, vmap assigned to a name with in_axes and out_axes as keywords, called later", () => {
    const src = `${HEADER}
@jax.jit
def scale(x, y):
    return x * y + 1.0

batched = jax.vmap(scale, in_axes=(0, None), out_axes=1)
x = jnp.arange(6.).reshape(3, 2)
y = jnp.array([10., 20.])
out = batched(x, y)
`;
    const r = imported(src);
    // Found by its name, the def keeps its decorators (jax.jit), and only the import they read.
    expect(r.fnSource).toBe("import jax\n@jax.jit\ndef scale(x, y):\n    return x * y + 1.0");
    expect(r.inAxes).toEqual([0, null]);
    expect(r.outAxes).toBe(1);
    expect(r.outShape).toBe("(2, 3)");
    // out[:, k] = x[k] * y + 1, stacked along axis 1.
    const want = [0, 1].flatMap((j) => [0, 1, 2].map((k) => (k * 2 + j) * (j === 0 ? 10 : 20) + 1));
    close((runImported(r) as NDArray).dense(), want);
  });

  it("docstrings, comments, a tuple result unpacked at the call, out_axes a tuple", () => {
    const src = `${HEADER}
def stats(x):
    """Mean and spread of one row."""
    m = jnp.mean(x)  # the mean
    s = jnp.sqrt(jnp.mean((x - m) ** 2))
    return m, s

xs = jnp.arange(12.).reshape(3, 4)
means, spreads = jax.vmap(stats, out_axes=(0, 0))(xs)
`;
    const r = imported(src);
    expect(r.outAxes).toEqual([0, 0]);
    expect(r.outShape).toBe("((3,), (3,))");
    const [m, s] = runImported(r) as NDArray[];
    close(m.dense(), [1.5, 5.5, 9.5]);
    close(s.dense(), [1, 1, 1].map(() => Math.sqrt(1.25)));
  });

  it("jnp.eye, .T and a lambda closing over a global: the global travels with it", () => {
    const src = `${HEADER}A = jnp.eye(3) * 2\nvs = jnp.arange(6.).reshape(2, 3)\nout = jax.vmap(lambda v: A @ v.T)(vs)\n`;
    const r = imported(src);
    expect(r.fnSource).toBe("import jax.numpy as jnp\nA = jnp.eye(3) * 2\nf = lambda v: A @ v.T");
    close((runImported(r) as NDArray).dense(), [0, 2, 4, 6, 8, 10]);
  });

  it("a standalone lambda keeps its exact text, and partial(jax.vmap, …)(f) is read like jax.vmap(f, …)", () => {
    const src = `${HEADER}from functools import partial\na = jnp.arange(4.).reshape(2, 2)\nb = jnp.arange(4.).reshape(2, 2) + 100\nout = partial(jax.vmap, in_axes=(None, 0))(lambda a, b:  a+b)(a, b)\n`;
    const r = imported(src);
    expect(r.fnSource).toBe("lambda a, b:  a+b");
    expect(r.inAxes).toEqual([null, 0]);
    // a is not mapped: out[k] = a + b[k].
    close((runImported(r) as NDArray).dense(), [100, 102, 102, 104, 102, 104, 104, 106]);
  });

  it("the last vmap call wins; keyword arguments, defaults, augmented assignment and jax.grad named and called later", () => {
    const src = `${HEADER}
def f(x, power=2):
    y = x ** power
    y += 1.0
    return jnp.sum(y)

def loss(x):
    return f(x, power=3)

g = jax.grad(loss)
first = jax.vmap(f)(jnp.ones((2, 3)))
xs = jnp.arange(6.).reshape(3, 2)
grads = jax.vmap(g)(xs)
`;
    const r = imported(src);
    expect(r.fnSource).toBe("import jax\nimport jax.numpy as jnp\ndef f(x, power=2):\n    y = x ** power\n    y += 1.0\n    return jnp.sum(y)\ndef loss(x):\n    return f(x, power=3)\nfn = jax.grad(loss)");
    expect(r.params).toEqual(["x"]);
    expect(r.outShape).toBe("(3, 2)");
    // d/dx sum(x³ + 1) = 3x².
    close((runImported(r) as NDArray).dense(), [0, 1, 2, 3, 4, 5].map((x) => 3 * x * x));
  });
});
