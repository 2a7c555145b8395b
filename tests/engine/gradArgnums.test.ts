/**
 * jax.grad's argnums as JAX checks them (jax/_src/api.py value_and_grad, api_util.py
 * `_ensure_index`, `_ensure_inbounds`): JS callers get Python's TypeErrors, negative indices
 * count from the end, an empty tuple is `max()`'s ValueError. Regressions: `nums.forEach is not
 * a function`, negative argnums differentiating nothing, argnums=() accepted.
 */
import { describe, expect, it } from "vitest";
import { grad, np, parseLambda, type NDArray } from "../../engine";
import { caught } from "../helpers/caught";

const f = parseLambda("lambda x, y: jnp.sum(x * x * y)");
const x = np.array([1, 2, 3]);
const y = np.array([4, 5, 6]);
const data = (v: unknown) => Array.from((v as NDArray).flat());


describe("grad argnums", () => {
  it("negative argnums count from the end, as JAX resolves them", () => {
    // d/dy sum(x*x*y) = x*x; d/dx = 2*x*y.
    expect(data(grad(f, { argnums: -1 })(x, y))).toEqual([1, 4, 9]);
    const [gy, gx] = grad(f, { argnums: [-1, -2] })(x, y) as NDArray[];
    expect(data(gy)).toEqual([1, 4, 9]);
    expect(data(gx)).toEqual([8, 20, 36]);
  });

  it("an index outside [-len(args), len(args)) is JAX's ValueError", () => {
    const e = caught(() => grad(f, { argnums: -3 })(x, y));
    expect(e.pyType).toBe("ValueError");
    expect(e.message).toBe(
      "Positional argument indices, e.g. for `static_argnums`, must have value greater than or equal to -len(args) and less than len(args), but got value -3 for len(args) == 2.",
    );
  });

  it("too few positional arguments is JAX's TypeError", () => {
    const e = caught(() => grad(f, { argnums: [0, 2] })(x, y));
    expect(e.pyType).toBe("TypeError");
    expect(e.message).toBe(
      "differentiating with respect to argnums=(0, 2) requires at least 3 positional arguments to be passed by the caller, but got only 2 positional arguments.",
    );
  });

  it("argnums=() fails when called, as max(()) does", () => {
    const g = grad(f, { argnums: [] });
    const e = caught(() => g(x, y));
    expect([e.pyType, e.message]).toEqual(["ValueError", "max() iterable argument is empty"]);
  });

  it("a non-index argnums from JS is _ensure_index's TypeError, at grad time", () => {
    const e1 = caught(() => grad(f, { argnums: "0" }));
    expect([e1.pyType, e1.message]).toEqual(["TypeError", "'str' object cannot be interpreted as an integer"]);
    const e2 = caught(() => grad(f, { argnums: 1.5 }));
    expect([e2.pyType, e2.message]).toEqual(["TypeError", "'float' object is not iterable"]);
    const e3 = caught(() => grad(f, { argnums: { a: 1 } }));
    expect([e3.pyType, e3.message]).toEqual(["TypeError", "'dict' object is not iterable"]);
  });

  it("a non-scalar output is JAX's TypeError with its hint", () => {
    const e = caught(() => grad(parseLambda("lambda x: x"))(np.array([1])));
    expect(e.pyType).toBe("TypeError");
    expect(e.message).toBe(
      "Gradient only defined for scalar-output functions. Output had shape: (1,). To get the gradient, extract the scalar with output.reshape(()) or output[0], reduce the output to a scalar with output.sum(), or use jax.jacobian to differentiate a function with a non-scalar output.",
    );
  });
});
