/**
 * Gradients of jnp compositions through a test tape (each primitive's VJP chained) against
 * central differences along random directions: checks the VJP rules compose through the jnp
 * lowerings (matmul's squeeze/transposes, index's slice/squeeze/expand, einsum, concatenate …).
 */
import { describe, expect, it } from "vitest";
import type { NDArray } from "../../../engine/array/ndarray";
import type { Value } from "../../../engine/core/tracer";
import { jnp, nn } from "../../../engine/numpy";
import { fromEngine, randomRef, toEngine } from "../../helpers/reference";
import { miniGrad } from "../primitives/miniTransforms";
import { useX64 } from "../../helpers/x64";

// References are float64 loops: compare with x64 on.
useX64();

const c = (shape: number[], seed: number) => toEngine(randomRef(shape, seed));
const programs: [string, number[], (x: Value) => Value][] = [
  ["matmul with broadcast batch", [2, 1, 3, 4], (x) => jnp.matmul(x, c([5, 4, 2], 1))],
  ["dot N-d · M-d", [2, 3], (x) => jnp.dot(c([4, 2], 2), jnp.dot(x, c([2, 3, 2], 3)))],
  ["einsum three operands", [3, 4], (x) => jnp.einsum("ij,jk,ki->k", x, c([4, 2], 4), c([2, 3], 5))],
  ["index with negative steps, None, ints", [4, 5], (x) => jnp.index(x, [{ start: -1, step: -2 }, null, { start: 1, stop: 4 }])],
  ["index int", [4, 5], (x) => jnp.index(x, [-2])],
  ["concatenate and stack", [2, 3], (x) => jnp.stack([jnp.concatenate([x, jnp.square(x)], 1), jnp.concatenate([x, x], -1)])],
  ["reductions", [3, 4], (x) => jnp.add(jnp.max(x, 0), jnp.add(jnp.mean(x, 0), jnp.prod(x, { axis: 0 })))],
  ["transpose/moveaxis/reshape", [2, 3, 4], (x) => jnp.reshape(jnp.moveaxis(jnp.transpose(x, [1, 0, 2]), -1, 0), [4, -1])],
  ["where / minimum / power", [3, 3], (x) => jnp.where(jnp.less(x, 0.2), jnp.power(x, 3), jnp.minimum(x, jnp.exp(x)))],
  ["softmax / sigmoid / tanh / outer", [4], (x) => jnp.outer(nn.softmax(x), jnp.tanh(nn.sigmoid(x)))],
  ["sqrt / log / abs / divide", [2, 3], (x) => jnp.divide(jnp.sqrt(jnp.add(jnp.abs(x), 1)), jnp.log(jnp.add(jnp.square(x), 2)))],
  ["vdot / squeeze / expand_dims", [2, 1, 3], (x) => jnp.vdot(jnp.squeeze(x, 1), jnp.expand_dims(jnp.sin(jnp.squeeze(x)), 0))],
];

describe("gradients of jnp programs match central differences", () => {
  it.each(programs)("%s", (_name, shape, f) => {
    for (const seed of [1, 2]) {
      const x = randomRef(shape, 10 + seed);
      const out0 = f(toEngine(x)) as NDArray;
      const w = toEngine(randomRef([...out0.shape], 20 + seed));
      const loss = (v: Value) => jnp.sum(jnp.multiply(f(v), w));
      const g = fromEngine(miniGrad(loss)(toEngine(x)));
      expect(g.shape).toEqual(shape);
      const dir = randomRef(shape, 30 + seed);
      const h = 1e-6;
      const at = (t: number) => (loss(toEngine({ shape, data: x.data.map((v, i) => v + t * dir.data[i]) })) as NDArray).item();
      const fd = (at(h) - at(-h)) / (2 * h);
      const analytic = g.data.reduce((s, v, i) => s + v * dir.data[i], 0);
      expect(Math.abs(fd - analytic)).toBeLessThan(1e-5 * (1 + Math.abs(analytic)));
    }
  });
});
