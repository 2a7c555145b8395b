/**
 * "Reading vmap's errors": each error JAX's vmap raises, provoked and explained in JAX's own
 * words (the texts of ../shared/docs/vmap-semantics.md §1.8, §1.11, §2.3, §4.4).
 */
import type { LessonData } from "../lessonTypes";

const add = "lambda a, b: a + b";

export const readingVmapErrors: LessonData = {
  id: "reading-vmap-errors",
  title: "Reading vmap's errors",
  summary: "Each error vmap raises, provoked on purpose: what it says, why, and the fix.",
  steps: [
    {
      title: "Inconsistent sizes",
      text: [
        "`a` and `b` are (2, 3). With `in_axes=(0, 1)`, `a` offers 2 examples and `b` offers 3. Does vmap run?",
      ],
      state: { f: add, shapes: [["a", "(2, 3)"], ["b", "(2, 3)"]], inAxes: [["a", "0"], ["b", "1"]] },
      question: { kind: "shape" },
    },
    {
      title: "Reading it",
      text: [
        "\"vmap got inconsistent sizes for array axes to be mapped\" lists each size with one axis that has it: `axis 0 of argument a` has size 2, `axis 1 of argument b` has size 3. Every mapped axis must have the same size. Here mapping both along 1 fixes it.",
      ],
      state: { f: add, shapes: [["a", "(2, 3)"], ["b", "(2, 3)"]], inAxes: [["a", "1"], ["b", "1"]] },
    },
    {
      title: "An axis the array does not have",
      text: [
        "`a` has axes 0 and 1 (or −2 and −1). Axis 2 would need a rank of at least 3, and the message says exactly that, with the array's shape. It does not name the argument: look for the array with that shape.",
      ],
      state: { f: add, shapes: [["a", "(2, 2)"], ["b", "(2, 2)"]], inAxes: [["a", "2"], ["b", "0"]] },
    },
    {
      title: "Nothing to map",
      text: [
        "With every in_axes entry None there is no axis to take B from, so vmap refuses. If you really want B copies of an unmapped computation, give `axis_size`; otherwise map something.",
      ],
      state: { f: add, shapes: [["a", "(2, 2)"], ["b", "(2, 2)"]], inAxes: [["a", "None"], ["b", "None"]] },
    },
    {
      title: "All None with axis_size",
      text: ["`axis_size=3` supplies B: f runs on the whole arrays and its result is broadcast 3 times. What shape?"],
      state: { f: add, shapes: [["a", "(2, 2)"], ["b", "(2, 2)"]], inAxes: [["a", "None"], ["b", "None"]], axisSize: 3 },
      question: { kind: "shape" },
    },
    {
      title: "An error from inside f: ranks differ",
      text: [
        "vmap runs f on per-example shapes, so f's own errors quote them. With `(None, 1)` on the (2, 3, 5, 7, 9) pair, f adds the whole `a` (2, 3, 5, 7, 9) to a slice of `b` that is (2, 5, 7, 9). Aligned from the right, 3 meets 2: NumPy's broadcasting fails, and JAX shows both per-example shapes.",
      ],
      state: { f: add, shapes: [["a", "(2, 3, 5, 7, 9)"], ["b", "(2, 3, 5, 7, 9)"]], inAxes: [["a", "None"], ["b", "1"]] },
    },
    {
      title: "An error from inside f: same rank",
      text: [
        "Per example `a` is (2, 3) and `b` is (3, 2). Is the sum defined?",
      ],
      state: { f: add, shapes: [["a", "(4, 2, 3)"], ["b", "(4, 3, 2)"]], inAxes: [["a", "0"], ["b", "0"]] },
      question: { kind: "shape" },
    },
    {
      title: "Same rank, different sizes",
      text: [
        "When the ranks are equal the primitive itself checks, so the message names it: `add got incompatible shapes for broadcasting: (2, 3), (3, 2).` Note the shapes have no batch axis: they are what f saw.",
        "A product's contraction is checked the same way: a row of 4 cannot be dotted with a vector of 3.",
      ],
      state: { f: "lambda m, v: jnp.dot(m, v)", shapes: [["m", "(3, 4)"], ["v", "(3,)"]], inAxes: [["m", "0"], ["v", "None"]] },
    },
    {
      title: "out_axes beyond the result",
      text: [
        "Each example's result here is (2,), so the stacked result has 2 axes and out_axes may be 0, 1, −1 or −2. Asking for 2 is out of bounds for an array of dimension 2.",
      ],
      state: { f: add, shapes: [["a", "(2, 2)"], ["b", "(2, 2)"]], inAxes: [["a", "0"], ["b", "0"]], outAxes: "2" },
    },
    {
      title: "out_axes None for a mapped result",
      text: [
        "None in out_axes means \"this result is not batched, return it as it is\". But `a + b` depends on the mapped arguments, so JAX refuses and says where the batch axis was.",
      ],
      state: { f: add, shapes: [["a", "(2, 2)"], ["b", "(2, 2)"]], inAxes: [["a", "0"], ["b", "0"]], outAxes: "None" },
    },
    {
      title: "out_axes that do not match the result",
      text: [
        "out_axes must be a prefix of the result's tree: one entry for a single array, a tuple for a tuple result. `(0, 0)` for one array is a tree mismatch, and JAX's message walks the two trees to the key path where they differ.",
      ],
      state: { f: add, shapes: [["a", "(2, 2)"], ["b", "(2, 2)"]], inAxes: [["a", "0"], ["b", "0"]], outAxes: "(0, 0)" },
    },
    {
      title: "in_axes that do not match a tuple argument",
      text: [
        "The same rule for arguments: `p` is a tuple of two arrays, so its in_axes entry is one axis or a tuple of two. Three entries do not fit.",
      ],
      state: { f: "lambda p, x: p[0] * x + p[1]", shapes: [["p", "((3,), (3,))"], ["x", "(4, 3)"]], inAxes: [["p", "(0, 0, 0)"], ["x", "0"]] },
    },
    {
      title: "A tuple in_axes of the wrong length",
      text: [
        "A tuple in_axes has one entry per positional argument. The inner vmap here is given two entries for a function called with one argument.",
      ],
      state: { f: "lambda x: jax.vmap(lambda r: r * 2.0, in_axes=(0, 0))(x)", shapes: [["x", "(2, 3)"]], inAxes: [["x", "0"]] },
    },
    {
      title: "in_axes that is a dict",
      text: [
        "The top level of in_axes is an int, None, or a tuple (or list) with one entry per positional argument, never a dict, even when the function takes a single dict. Write `in_axes=({'a': 0},)`: a tuple whose one entry is the dict.",
      ],
      state: { f: "lambda x: jax.vmap(lambda d: d['a'] * 2.0, in_axes={'a': 0})({'a': x})", shapes: [["x", "(2, 3)"]], inAxes: [["x", "0"]] },
    },
    {
      title: "An in_axes entry that is not an int",
      text: ["Every leaf of in_axes must be a Python int or None: `0.5` is refused before anything runs, with the whole in_axes quoted."],
      state: { f: "lambda x: jax.vmap(lambda r: r * 2.0, in_axes=(0.5,))(x)", shapes: [["x", "(2, 3)"]], inAxes: [["x", "0"]] },
    },
    {
      title: "grad of a result that is not a number",
      text: [
        "Inside vmap, `jax.grad` sees one example. `x * w` is a vector per example, and grad needs a scalar: JAX says so and quotes the per-example shape. Reduce it first, e.g. `jnp.sum(x * w)`.",
      ],
      state: { f: "lambda w, x: jax.grad(lambda w: x * w)(w)", shapes: [["w", "(3,)"], ["x", "(4, 3)"]], inAxes: [["w", "None"], ["x", "0"]] },
    },
  ],
};
