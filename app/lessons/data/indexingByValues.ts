/**
 * "Indexing by values under vmap": a batched index becomes a gather, JAX clamps what is out of
 * bounds, `.at[i].add` is a scatter-add, and argmax results index. JAX's batching_test.py
 * (testDynamicSlice, testIndexAddBatchedIndexesOnly) and jax/_src/lax/slicing.py
 * (`_dynamic_slice_batching_rule`); the picture's arrows: app/explorer/GatherArrows.tsx.
 */
import type { LessonData } from "../lessonTypes";

export const indexingByValues: LessonData = {
  id: "indexing-by-values",
  title: "Indexing by values under vmap",
  summary: "x[i] with a batched i is a gather; out-of-bounds indices clamp; .at[i].add is a scatter-add; argmax picks.",
  steps: [
    {
      title: "One index per example",
      text: [
        "`i` holds the ints 0, 1, 2, 0. Each example reads one row of `x`: `x[i]` with `i` a traced scalar is a `dynamic_slice`. `x` is not mapped, so every example sees all of it.",
        "`x` is (3, 4). What is the output's shape?",
      ],
      state: { f: "lambda x, i: x[i]", shapes: [["x", "(3, 4)"], ["i", "(4,)"]], inAxes: [["x", "None"], ["i", "0"]], fills: [["i", "indices"]] },
      question: { kind: "shape" },
    },
    {
      title: "vmap turned it into a gather",
      text: [
        "Four rows stacked: (4, 4). The shape story says what vmap did with the `dynamic_slice`: one `gather` reads all four rows at once (JAX's `_dynamic_slice_batching_rule`), no loop.",
        "Hover an output cell: arrows come from the `x` cell it was read from (solid) and the `i` cell that chose it (dashed).",
      ],
      state: { f: "lambda x, i: x[i]", shapes: [["x", "(3, 4)"], ["i", "(4,)"]], inAxes: [["x", "None"], ["i", "0"]], fills: [["i", "indices"]] },
    },
    {
      title: "Both mapped: each example its own row",
      text: [
        "Map `x` too, and example k indexes its own slice: `x[k][i[k]]`, the diagonal-like pick `x[arange(4), i]` of JAX's `testDynamicSlice`. The gather now has a batching dimension on both sides.",
        "`x` is (4, 3). What comes out?",
      ],
      state: { f: "lambda x, i: x[i]", shapes: [["x", "(4, 3)"], ["i", "(4,)"]], inAxes: [["x", "0"], ["i", "0"]], fills: [["i", "indices"]] },
      question: { kind: "shape" },
    },
    {
      title: "Out of bounds: JAX clamps, it does not raise",
      text: [
        "`x` has only 2 rows, yet `i` holds a 2. NumPy would raise an IndexError; under `jit` and `vmap` the index is a value, not known while tracing, so JAX cannot check it. `x[idx]` trusts it (its default mode is `promise_in_bounds`: the caller promises every index is in range), and XLA clamps one that is not: row 2 reads row 1.",
        "Hover `out[2, 0]` to see which cell it really came from. `jnp.take` fills instead (NaN), and `x.at[i].get(mode='fill')` too.",
      ],
      state: { f: "lambda x, i: x[i]", shapes: [["x", "(2, 3)"], ["i", "(4,)"]], inAxes: [["x", "None"], ["i", "0"]], fills: [["i", "indices"]] },
    },
    {
      title: "Writing by index: a scatter-add",
      text: [
        "`x.at[i].add(1.0)` adds 1 at position `i` of a copy of `x`. With `i` batched and `x` not, each example gets its own copy: JAX's `testIndexAddBatchedIndexesOnly` builds the identity matrix this way, one `scatter-add` for the whole batch.",
        "Here `x` is (3,), holding 0, 1, 2, and `i` is 0, 1, 2: example k adds 1 to cell k of its own copy. What is the output's shape?",
      ],
      state: { f: "lambda x, i: x.at[i].add(1.0)", shapes: [["x", "(3,)"], ["i", "(3,)"]], inAxes: [["x", "None"], ["i", "0"]], fills: [["i", "indices"]] },
      question: { kind: "shape" },
    },
    {
      title: "Indices computed inside: argmax",
      text: [
        "Indices need not be arguments. `jnp.argmax(x)` gives each row's position of its largest value, and `x[...]` reads it back. The arrows show that the pick depends on the whole row: argmax read every cell of it.",
      ],
      state: { f: "lambda x: x[jnp.argmax(x)]", shapes: [["x", "(3, 4)"]], inAxes: [["x", "0"]], fills: [["x", "random"]] },
    },
  ],
};
