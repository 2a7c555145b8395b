/**
 * "Batching real functions": the patterns of JAX's vmap docstring (jax/_src/api.py): a
 * matrix-vector product, nested vmap for matrix-matrix and all pairs, tuple and dict arguments
 * with nested in_axes, out_axes for tuple results (../shared/docs/vmap-semantics.md §4.3, §5).
 */
import type { LessonData } from "../lessonTypes";

export const batchingRealFunctions: LessonData = {
  id: "batching-real-functions",
  title: "Batching real functions",
  summary: "Matrix–vector and matrix–matrix products, all pairs, tuple and dict arguments, tuple results.",
  steps: [
    {
      title: "Matrix times vector, one row at a time",
      text: [
        "`jnp.dot(m_row, v)` multiplies one row of 4 by a vector of 4 and gives a number. `in_axes=(0, None)` slices `m` into its rows and passes `v` whole every time.",
        "`m` is (3, 4). What is the output's shape?",
      ],
      state: { f: "lambda m, v: jnp.dot(m, v)", shapes: [["m", "(3, 4)"], ["v", "(4,)"]], inAxes: [["m", "0"], ["v", "None"]] },
      question: { kind: "shape" },
    },
    {
      title: "That was m @ v",
      text: [
        "Stacking three numbers gives (3,): the matrix-vector product, built from a function that only knows vectors. vmap did not loop: it ran one `dot_general` over the whole matrix (open \"How vmap rewrote the program\" below).",
        "Map `m` along axis 1 instead and the columns of a (4, 3) matrix meet `v`: that is `m.T @ v`.",
      ],
      state: { f: "lambda m, v: jnp.dot(m, v)", shapes: [["m", "(4, 3)"], ["v", "(4,)"]], inAxes: [["m", "1"], ["v", "None"]] },
    },
    {
      title: "Nest vmap for matrix times matrix",
      text: [
        "Inside, `jax.vmap(jnp.vdot, in_axes=(0, None))` is the matrix-vector product above. The outer vmap keeps `x` whole (None) and hands it the columns of `y` (axis 1), stacking the results along out_axes 1.",
        "`x` is (4, 3) and `y` is (3, 2). What comes out?",
      ],
      state: {
        f: "lambda x, y: jax.vmap(jnp.vdot, in_axes=(0, None))(x, y)",
        shapes: [["x", "(4, 3)"], ["y", "(3, 2)"]],
        inAxes: [["x", "None"], ["y", "1"]],
        outAxes: "1",
      },
      question: { kind: "shape" },
    },
    {
      title: "All pairs",
      text: [
        "Two vmaps with `None` in opposite places pair every row of `x` with every row of `y`. The inner one keeps `a` whole and runs over the rows of `y`; the outer one runs over the rows of `x`. Three points against three points: a (3, 3) table of distances.",
      ],
      state: {
        f: "lambda x, y: jax.vmap(lambda a, b: jnp.sqrt(jnp.sum((a - b) ** 2)), in_axes=(None, 0))(x, y)",
        shapes: [["x", "(3, 2)"], ["y", "(3, 2)"]],
        inAxes: [["x", "0"], ["y", "None"]],
      },
    },
    {
      title: "A batch of matrix products",
      text: ["`a @ b` on each pair of matrices: two (2, 3) by (3, 2) products, mapped along axis 0 of both. Each product is (2, 2), so the batch is (2, 2, 2)."],
      state: { f: "lambda a, b: a @ b", shapes: [["a", "(2, 2, 3)"], ["b", "(2, 3, 2)"]], inAxes: [["a", "0"], ["b", "0"]] },
    },
    {
      title: "A tuple argument",
      text: [
        "An argument can be a tuple of arrays (a pytree). Its in_axes entry may be one axis for all of it, or a tuple with one entry per item: here `p = (scale, shift)`, neither mapped, `((None, None), 0)`.",
        "`x` holds 4 rows of 3. What is the shape of the result?",
      ],
      state: {
        f: "lambda p, x: p[0] * x + p[1]",
        shapes: [["p", "((3,), (3,))"], ["x", "(4, 3)"]],
        inAxes: [["p", "(None, None)"], ["x", "0"]],
      },
      question: { kind: "shape" },
    },
    {
      title: "Map one item of the tuple",
      text: [
        "Now each example has its own scale: `p[0]` is (4, 3), mapped along 0, while `p[1]` stays whole. The in_axes entry `(0, None)` mirrors the tuple's structure: a prefix of the argument's tree.",
      ],
      state: {
        f: "lambda p, x: p[0] * x + p[1]",
        shapes: [["p", "((4, 3), (3,))"], ["x", "(4, 3)"]],
        inAxes: [["p", "(0, None)"], ["x", "0"]],
      },
    },
    {
      title: "A dict argument, with dict in_axes",
      text: [
        "Model parameters are often a dict. The inner vmap takes `params = {'w': w, 'b': b}` with `in_axes=({'w': None, 'b': None}, 0)`: the dict's in_axes names every key. It runs over 4 examples of `x`.",
        "The outer vmap runs over two models (`w` is (2, 3), mapped along 0). What shape comes out?",
      ],
      state: {
        f: "lambda w, b, x: jax.vmap(lambda params, xi: params['w'] * xi + params['b'], in_axes=({'w': None, 'b': None}, 0))({'w': w, 'b': b}, x)",
        shapes: [["w", "(2, 3)"], ["b", "(3,)"], ["x", "(4, 3)"]],
        inAxes: [["w", "0"], ["b", "None"], ["x", "None"]],
      },
      question: { kind: "shape" },
    },
    {
      title: "A tuple result, out_axes (0, None)",
      text: [
        "From JAX's docstring: `f` returns a pair. out_axes can be a tuple with one entry per result. The second result, `y * 2.0`, does not depend on the mapped `x`, so out_axes None returns it as it is, a scalar.",
      ],
      state: { f: "lambda x, y: (x + y, y * 2.0)", shapes: [["x", "(2,)"], ["y", "()"]], inAxes: [["x", "0"], ["y", "None"]], outAxes: "(0, None)" },
    },
    {
      title: "A tuple result, out_axes 0",
      text: [
        "With one out_axes for both, the unmapped second result is broadcast: 2 identical copies. What are the two shapes? (Write them as a tuple of shapes.)",
      ],
      state: { f: "lambda x, y: (x + y, y * 2.0)", shapes: [["x", "(2,)"], ["y", "()"]], inAxes: [["x", "0"], ["y", "None"]], outAxes: "0" },
      question: { kind: "shape" },
    },
    {
      title: "Different out_axes per result",
      text: [
        "Each result can put its batch axis elsewhere: the sum stacks its rows along 0 and the product along 1, one transposed against the other.",
      ],
      state: { f: "lambda a, b: (a + b, a * b)", shapes: [["a", "(2, 3)"], ["b", "(2, 3)"]], inAxes: [["a", "0"], ["b", "0"]], outAxes: "(0, 1)" },
    },
    {
      title: "vmap: one program on the whole batch",
      text: [
        "`jax.vmap` traces `f` once and runs one program on all 4 rows at once: the jit panel's jaxpr has one `mul` and one `add` on (4, 3) arrays, however many rows there are (\"Ways to batch\" there times it against a Python loop).",
      ],
      state: { f: "lambda x, w: x * w + 1.0", shapes: [["x", "(4, 3)"], ["w", "(3,)"]], inAxes: [["x", "0"], ["w", "None"]] },
    },
    {
      title: "pmap: one program per device",
      text: [
        "The same call with `jax.pmap` (\"Map with\" on the call line) gives each device one row: 4 devices each run `f` on a (3,) slice and the results are gathered along out_axes. The devices here are simulated, as JAX does on a CPU with `XLA_FLAGS=--xla_force_host_platform_device_count=4`.",
        "Set Devices to 3: there are more rows than devices, and JAX refuses. What is the output's shape with 4 devices?",
      ],
      state: { f: "lambda x, w: x * w + 1.0", shapes: [["x", "(4, 3)"], ["w", "(3,)"]], inAxes: [["x", "0"], ["w", "None"]], mapWith: "pmap", devices: 4 },
      question: { kind: "shape" },
    },
  ],
};
