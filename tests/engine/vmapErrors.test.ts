import { describe, expect, it } from "vitest";
import { np, parseLambda, vmap } from "../../engine";
import { caught } from "../helpers/caught";


const z = (...shape: number[]) => np.zeros(shape);

describe("vmap errors: JAX's kind and words (jax/_src/api.py, batching.py)", () => {
  it("E9 inconsistent sizes names each argument, axis, size and type", () => {
    const f = parseLambda("lambda a, b: jnp.sum(a) + jnp.sum(b)");
    const e = caught(() => vmap(f, [0, 1])(z(10, 4), z(10, 2)));
    expect(e.kind).toBe("inconsistent-sizes");
    expect(e.message).toBe(
      "vmap got inconsistent sizes for array axes to be mapped:\n" +
        "  * one axis had size 10: axis 0 of argument a of type float32[10,4];\n" +
        "  * one axis had size 2: axis 1 of argument b of type float32[10,2]",
    );
  });

  it("E9 groups by size, largest group first, with key paths into tuple arguments", () => {
    const f = parseLambda("lambda a, b: jnp.sum(a) + jnp.sum(b[0]) + jnp.sum(b[1])");
    const e = caught(() => vmap(f, [0, 1])(z(10, 4), [z(10, 2), z(10, 2)]));
    expect(e.message).toBe(
      "vmap got inconsistent sizes for array axes to be mapped:\n" +
        "  * most axes (2 of them) had size 2, e.g. axis 1 of argument b[0] of type float32[10,2];\n" +
        "  * one axis had size 10: axis 0 of argument a of type float32[10,4]",
    );
  });

  it("E9 with axis_size lists it first", () => {
    const f = parseLambda("lambda x: x");
    const e = caught(() => vmap(f, 0, 0, { axisSize: 2 })(z(8)));
    expect(e.message).toBe(
      "vmap got inconsistent sizes for array axes to be mapped:\n  * the `axis_size` argument was 2;\n  * one axis had size 8: axis 0 of argument x of type float32[8]",
    );
  });

  it("E9 for the blog's (2,3,5,7,9) pair", () => {
    const f = parseLambda("lambda a, b: a + b");
    const e = caught(() => vmap(f, [0, 1])(z(2, 3, 5, 7, 9), z(2, 3, 5, 7, 9)));
    expect(e.message).toBe(
      "vmap got inconsistent sizes for array axes to be mapped:\n" +
        "  * one axis had size 2: axis 0 of argument a of type float32[2,3,5,7,9];\n" +
        "  * one axis had size 3: axis 1 of argument b of type float32[2,3,5,7,9]",
    );
  });

  it("jnp.add passed straight to vmap names its parameters args/out, like JAX's ufunc", () => {
    const f = parseLambda("lambda a, b: jax.vmap(jnp.add, in_axes=(0, 1))(a, b)");
    const e = caught(() => f(z(2, 3), z(2, 3)));
    expect(e.message).toContain("axis 0 of argument args of type float32[2,3]");
    expect(e.message).toContain("axis 1 of argument out of type float32[2,3]");
  });

  it("E7 axis out of range for an argument", () => {
    const e = caught(() => vmap(parseLambda("lambda x: x"), 1)(z(2)));
    expect(e.kind).toBe("axis-out-of-bounds");
    expect(e.message).toBe("vmap was requested to map its argument along axis 1, which implies that its rank should be at least 2, but is only 1 (its shape is (2,))");
    const s = caught(() => vmap(parseLambda("lambda x: x"), 0)(np.array(3)));
    expect(s.message).toBe("vmap was requested to map its argument along axis 0, which implies that its rank should be at least 1, but is only 0 (its shape is ())");
    const n = caught(() => vmap(parseLambda("lambda x: jnp.sum(x)"), -4)(z(3, 4, 5)));
    expect(n.message).toContain("along axis -4, which implies that its rank should be at least 4, but is only 3 (its shape is (3, 4, 5))");
  });

  it("E8 all None without axis_size; E6 no leaves", () => {
    const e = caught(() => vmap(parseLambda("lambda a, b: a + b"), [null, null])(z(2, 2), z(2, 2)));
    expect(e.kind).toBe("no-mapped-axis");
    expect(e.message).toBe("vmap must have at least one non-None value in in_axes or axis_size must be specified");
    const e6 = caught(() => vmap(parseLambda("lambda x: x"))({}));
    expect(e6.kind).toBe("no-mapped-axis");
    expect(e6.message).toBe("vmap wrapped function must be passed at least one argument containing an array or axis_size must be specified, got empty *args=({},) and **kwargs={}");
  });

  it("E1, E2, E4, E5 in_axes structure", () => {
    const id = parseLambda("lambda x: x['a']");
    const e1 = caught(() => vmap(id, { a: 0 })({ a: z(3, 3) }));
    expect(e1.kind).toBe("in-axes-structure");
    expect(e1.message).toBe("vmap in_axes must be an int, None, or a tuple of entries corresponding to the positional arguments passed to the function, but got {'a': 0}.");
    const e4 = caught(() => vmap(id, [0, { a: 0 }])({ a: z(3, 3) }));
    expect(e4.message).toBe("vmap in_axes must be an int, None, or a tuple of entries corresponding to the positional arguments passed to the function, but got len(in_axes)=2, len(args)=1.");
    const e5 = caught(() => vmap(parseLambda("lambda x: x"), [[0]])(z(3)));
    expect(e5.message).toBe(
      "vmap in_axes specification must be a tree prefix of the corresponding value; \n  Mismatch details (1 found):\n  pytree structure error: different types at key path\n    vmap in_axes[0]\nAt that key path, the prefix pytree vmap in_axes has a subtree of type\n    <class 'tuple'>\nbut at the same key path the full pytree has a subtree of different type\n    <class 'jax._src.api_util.PytreeLeaf'>.",
    );
    const eb = caught(() => vmap(parseLambda("lambda x: x"), false)(z(3)));
    expect(eb.kind).toBe("in-axes-structure");
  });

  it("E11–E13 out_axes", () => {
    const id = parseLambda("lambda x: x");
    const e11 = caught(() => vmap(id, 0, [2, 3])(z(2)));
    expect(e11.kind).toBe("in-axes-structure");
    expect(e11.message).toContain("vmap out_axes specification must be a tree prefix of the corresponding value");
    const e12 = caught(() => vmap(id, 0, -4)(z(3, 4, 5)));
    expect(e12.kind).toBe("axis-out-of-bounds");
    expect(e12.message).toBe("axis -4 is out of bounds for array of dimension 3");
    const e13 = caught(() => vmap(id, 1, null)(z(3, 4)));
    expect(e13.kind).toBe("mapped-output-none");
    expect(e13.message).toBe("at vmap out_axes, got axis spec None but output was batched on axis 1");
    const blog = caught(() => vmap(parseLambda("lambda a, b: a + b"), [null, 0], 6)(z(2, 3, 5, 7, 9), z(2, 3, 5, 7, 9)));
    expect(blog.message).toBe("axis 6 is out of bounds for array of dimension 6");
  });

  it("shape errors from inside f quote per-example shapes", () => {
    const f = parseLambda("lambda a, b: a + b");
    const e = caught(() => vmap(f, [null, 1])(z(2, 3, 5, 7, 9), z(2, 3, 5, 7, 9)));
    expect(e.kind).toBe("shape-error");
    expect(e.message).toBe("Incompatible shapes for broadcasting: shapes=[(2, 3, 5, 7, 9), (2, 5, 7, 9)]");
    const same = caught(() => vmap(f, [0, 0])(z(4, 2, 3), z(4, 3, 2)));
    expect(same.message).toBe("add got incompatible shapes for broadcasting: (2, 3), (3, 2).");
    const dot = caught(() => vmap(parseLambda("lambda a, b: jnp.dot(a, b)"), [0, null])(z(5, 3), z(4)));
    expect(dot.message).toBe("dot_general requires contracting dimensions to have the same shape, got (3,) and (4,).");
  });

  it("an in_axes error wins over a shape error inside f, which wins over an out_axes error", () => {
    const f = parseLambda("lambda a, b: a + b");
    expect(caught(() => vmap(f, [0, 1], 9)(z(2, 3), z(2, 3, 5))).kind).toBe("inconsistent-sizes");
    expect(caught(() => vmap(f, [0, 0], 9)(z(2, 3), z(2, 4))).kind).toBe("shape-error");
  });
});
