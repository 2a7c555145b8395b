import { describe, expect, it } from "vitest";
import { EngineError, grad, gradTape, jnp, np, parseLambda, type GradTape, type NDArray } from "../../engine";

const mlp = parseLambda("lambda w1, w2, x: jnp.mean((jnp.tanh(x @ w1) @ w2) ** 2)");
const w1 = np.array([[0.1, 0.2, -0.3], [0.3, -0.4, 0.2]]);
const w2 = np.array([[0.5], [-0.1], [0.7]]);
const x = np.array([[1, 2], [0.5, -1], [2, 0.25], [-1, 1]]);

const close = (got: ArrayLike<number>, want: ArrayLike<number>) => {
  expect(got.length).toBe(want.length);
  Array.from(got).forEach((g, i) => expect(g).toBeCloseTo(want[i], 12));
};

/** Sum of every contribution sent to `name` by the backward steps taken so far. */
function sent(t: GradTape, name: string, upTo: number): number[] | null {
  let acc: number[] | null = null;
  for (const s of t.backward.slice(0, upTo)) {
    for (const c of s.contributions) if (c.name === name) acc = acc ? acc.map((v, i) => Math.fround(v + c.value.data[i])) : Array.from(c.value.data);
  }
  return acc;
}

describe("gradTape: grad's forward and backward passes as steps", () => {
  it("a small MLP loss: the inputs' final cotangents are grad's, for each argnums", () => {
    for (const argnums of [0, 1, [0, 1]] as const) {
      const t = gradTape(mlp, [w1, w2, x], { argnums: argnums as number | number[] });
      const g = grad(mlp, { argnums: argnums as number | number[] })(w1, w2, x) as NDArray | NDArray[];
      const gs = Array.isArray(g) ? g : [g];
      expect(t.grads.length).toBe(gs.length);
      t.grads.forEach((c, i) => close(c.value.data, gs[i].flat()));
      const nums: readonly number[] = typeof argnums === "number" ? [argnums] : argnums;
      expect(t.inputs.map((v) => v.differentiated)).toEqual([0, 1, 2].map((i) => nums.includes(i)));
    }
  });

  it("forward values are the values of the jaxpr's variables", () => {
    const t = gradTape(mlp, [w1, w2, x]);
    const h = jnp.tanh(jnp.matmul(x, w1)) as NDArray;
    const tanhEqn = t.eqns.find((e) => e.primitive === "tanh")!;
    close(t.values.get(tanhEqn.outputs[0].name)!.data, h.flat());
    close(t.values.get(t.output.name)!.data, (mlp(w1, w2, x) as NDArray).flat());
  });

  it("backward steps walk the equations in reverse; each step's cotangent is the sum of what later steps sent", () => {
    const t = gradTape(mlp, [w1, w2, x]);
    const eqns = t.backward.map((s) => s.eqn);
    expect(eqns).toEqual([...eqns].sort((a, b) => b - a));
    expect(t.backward[0].outCts[0]).toEqual({ name: t.output.name, value: { shape: [], data: Float64Array.of(1), dtype: "float32" } });
    t.backward.forEach((s, k) => {
      if (k === 0) return;
      close(s.outCts[0].value!.data, sent(t, s.outCts[0].name, k)!);
    });
    // x is not differentiated: nothing flows to it.
    const xName = t.inputs[2].name;
    expect(sent(t, xName, t.backward.length)).toBeNull();
    close(sent(t, t.inputs[0].name, t.backward.length)!, (grad(mlp)(w1, w2, x) as NDArray).flat());
  });

  it("raises grad's own error for a non-scalar output", () => {
    const f = parseLambda("lambda a: a * 2.0");
    expect(() => gradTape(f, [np.array([1, 2])])).toThrow(EngineError);
    expect(() => gradTape(f, [np.array([1, 2])])).toThrow(/^Gradient only defined for scalar-output functions. Output had shape: \(2,\)/);
  });
});
