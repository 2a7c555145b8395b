import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EngineError, grad, jit, np, parseLambda, valueAndGrad, vmap, NDArray } from "../../engine";
import { useX64 } from "../helpers/x64";

// Finite differences need float64 (a float32 difference quotient has ~3 digits).
useX64();

const RUNS = 200;

function randomArray(shape: number[], seed: number, scale = 1): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  let s = seed;
  return np.array(Array.from({ length: n }, () => (((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1) * scale), shape);
}

/** Central difference of f along direction v at x: (f(x + hv) − f(x − hv)) / 2h. */
function directional(f: (x: NDArray) => number, x: NDArray, v: NDArray, h = 1e-5): number {
  const xd = x.flat();
  const vd = v.flat();
  const plus = np.array(xd.map((t, i) => t + h * vd[i]), [...x.shape]);
  const minus = np.array(xd.map((t, i) => t - h * vd[i]), [...x.shape]);
  return (f(plus) - f(minus)) / (2 * h);
}

const num = (v: unknown) => (v instanceof NDArray ? v.item() : (v as number));
const dotFlat = (a: NDArray, b: NDArray) => a.flat().reduce((acc, t, i) => acc + t * b.flat()[i], 0);

/** Smooth scalar functions of one array x of the given per-test shape, drawn from the language. */
const bodies = [
  "jnp.sum(jnp.tanh(x) * 2.0 + x * x)",
  "jnp.sum(jnp.sin(x) * jnp.cos(x))",
  "jnp.mean(jnp.exp(x / 4.0))",
  "jnp.sum(jax.nn.sigmoid(x) ** 2)",
  "jnp.sum(jax.nn.softmax(x) * x)",
  "jnp.sum(x @ x.T) + jnp.sum(jnp.dot(x, x.T))",
  "jnp.sum(jnp.maximum(x, 0.3) * x)",
  "jnp.max(x * 1.5)",
  "jnp.prod(x + 2.0)",
  "jnp.sum(jnp.sqrt(x * x + 1.0))",
  "jnp.sum(x[0] * x[-1])",
  "jnp.sum(jnp.transpose(x) * jnp.arange(x.size).reshape(x.T.shape))",
  "jnp.sum(jnp.where(x > 0, x * x, -x))",
  "jnp.sum(jnp.einsum('ij,kj->ik', x, x))",
  "jnp.sum(jnp.log(jnp.abs(x) + 1.0))",
  "jnp.sum(jnp.stack([x, x * 2.0]) ** 2) + jnp.sum(jnp.concatenate([x, x], axis=0))",
];

describe("grad equals finite differences (property)", () => {
  it(`random smooth functions, shapes and directions (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...bodies),
        fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
        fc.integer({ min: 1, max: 10_000 }),
        (body, shape, seed) => {
          const f = parseLambda(`lambda x: ${body}`);
          const x = randomArray([...shape], seed);
          // Finite differences straddling a kink (relu/abs/where at 0, maximum at 0.3, max at a
          // near-tie) measure the average of two slopes: keep the points clear of them.
          const xs = Array.from(x.flat());
          fc.pre(xs.every((t, i) => Math.abs(t) > 1e-3 && Math.abs(t - 0.3) > 1e-3 && xs.every((u, j) => i === j || Math.abs(1.5 * t - 1.5 * u) > 1e-3)));
          const v = randomArray([...shape], seed + 1);
          const g = grad(f)(x) as NDArray;
          expect(g.shape).toEqual(x.shape);
          const fd = directional((y) => num(f(y)), x, v);
          const an = dotFlat(g, v);
          expect(Math.abs(an - fd)).toBeLessThan(1e-5 * (1 + Math.abs(fd)));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("grad: JAX's rules at the edges", () => {
  it("max ties split the cotangent evenly (JAX _balanced_eq); relu'(0) = 0", () => {
    const m = grad(parseLambda("lambda x, y: jnp.maximum(x, y)"), { argnums: [0, 1] })(np.array(2), np.array(2)) as NDArray[];
    expect(m.map((t) => t.item())).toEqual([0.5, 0.5]);
    const r = grad(parseLambda("lambda x: jnp.sum(jax.nn.relu(x))"))(np.array([-1, 0, 2])) as NDArray;
    expect(r.tolist()).toEqual([0, 0, 1]);
    const rm = grad(parseLambda("lambda x: jnp.max(x)"))(np.array([1, 3, 3])) as NDArray;
    expect(rm.tolist()).toEqual([0, 0.5, 0.5]);
  });

  it("non-scalar output raises JAX's message", () => {
    try {
      grad(parseLambda("lambda x: x * 2.0"))(np.zeros([3]));
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(EngineError);
      expect((e as Error).message).toMatch(/^Gradient only defined for scalar-output functions\. Output had shape: \(3,\)\./);
    }
  });

  it("argnums tuple and pytree arguments keep their structure", () => {
    const f = parseLambda("lambda p, x: jnp.sum(p['w'] * x + p['b'])");
    const [gp, gx] = grad(f, { argnums: [0, 1] })({ w: np.array([1, 2]), b: np.array(3) }, np.array([5, 7])) as any[];
    expect(gp.w.tolist()).toEqual([5, 7]);
    expect(gp.b.item()).toBe(2);
    expect(gx.tolist()).toEqual([1, 2]);
    const [v, g] = valueAndGrad(parseLambda("lambda x: jnp.sum(x * x)"))(np.array([1, 2])) as [NDArray, NDArray];
    expect(v.item()).toBe(5);
    expect(g.tolist()).toEqual([2, 4]);
  });

  it("grad of grad, and five ways to the same derivative", () => {
    const f = parseLambda("lambda x: jnp.sin(x) * x");
    const x = np.array(0.7);
    const d2 = num(grad(grad(f))(x));
    expect(d2).toBeCloseTo(2 * Math.cos(0.7) - 0.7 * Math.sin(0.7), 10);
    const want = Math.cos(0.7) * 0.7 + Math.sin(0.7);
    expect(num(grad(f)(x))).toBeCloseTo(want, 12);
    expect(num(grad(jit(f as any))(x))).toBeCloseTo(want, 12);
    expect(num(jit(grad(f) as any)(x))).toBeCloseTo(want, 12);
    expect((vmap(grad(f))(np.array([0.7])) as NDArray).flat()[0]).toBeCloseTo(want, 12);
    expect(num(parseLambda("lambda x: jax.grad(lambda y: jnp.sin(y) * y)(x)")(x))).toBeCloseTo(want, 12);
  });

  it("per-example gradients equal a loop of grads, and the lambda-language form agrees", () => {
    const loss = parseLambda("lambda w, x: jnp.sum(jnp.tanh(jnp.dot(x, w)) ** 2)");
    const w = randomArray([3, 2], 5, 0.5);
    const X = randomArray([4, 3], 6);
    const per = vmap(grad(loss), [null, 0])(w, X) as NDArray;
    expect(per.shape).toEqual([4, 3, 2]);
    const inLang = parseLambda("lambda w, X: jax.vmap(jax.grad(lambda w, x: jnp.sum(jnp.tanh(jnp.dot(x, w)) ** 2)), in_axes=(None, 0))(w, X)")(w, X) as NDArray;
    const flat = per.flat();
    expect(Array.from(inLang.flat())).toEqual(Array.from(flat));
    for (let b = 0; b < 4; b++) {
      const xb = np.array(X.flat().slice(b * 3, b * 3 + 3), [3]);
      const gb = (grad(loss)(w, xb) as NDArray).flat();
      gb.forEach((t, i) => expect(flat[b * 6 + i]).toBeCloseTo(t, 12));
    }
    // grad of a function that uses vmap inside equals the summed per-example gradients.
    const total = grad((w_: any) => (np as any).sum(vmap(loss, [null, 0])(w_, X)))(w) as NDArray;
    total.flat().forEach((t, i) => expect(t).toBeCloseTo([0, 1, 2, 3].reduce((acc, b) => acc + flat[b * 6 + i], 0), 10));
  });
});
