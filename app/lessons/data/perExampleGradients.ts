/**
 * "Per-example gradients": vmap(grad(loss), in_axes=(None, 0)) (JAX's
 * tests/batching_test.py::testPerExampleGradients; ../shared/docs/vmap-semantics.md §4.4).
 */
import type { LessonData } from "../lessonTypes";

const W = ["w", "(3,)"] as [string, string];
const X = ["x", "(4, 3)"] as [string, string];
const wNone_x0: [string, string][] = [["w", "None"], ["x", "0"]];

export const perExampleGradients: LessonData = {
  id: "per-example-gradients",
  title: "Per-example gradients",
  summary: "vmap(grad(loss), in_axes=(None, 0)): one gradient per example, in one batched call.",
  steps: [
    {
      title: "A loss for one example",
      text: [
        "A linear model with weights `w` (3 numbers) predicts `jnp.dot(x, w)` for one example `x`, and its loss is the squared error against 1.",
        "`in_axes=(None, 0)`: the same weights for every example, the 4 rows of `x` as examples. One loss each: (4,).",
      ],
      state: { f: "lambda w, x: (jnp.dot(x, w) - 1.0) ** 2", shapes: [W, X], inAxes: wNone_x0 },
    },
    {
      title: "The gradient of one example's loss",
      text: [
        "`jax.grad(loss)(w, x)` is the gradient with respect to `w` for one example: it has `w`'s shape, (3,). vmap runs it for each row of `x`.",
        "What shape do the per-example gradients have?",
      ],
      state: { f: "lambda w, x: jax.grad(lambda w, x: (jnp.dot(x, w) - 1.0) ** 2)(w, x)", shapes: [W, X], inAxes: wNone_x0 },
      question: { kind: "shape" },
    },
    {
      title: "Why the unmapped w's gradient is batched",
      text: [
        "`w` is not mapped, yet its gradient comes out (4, 3): it depends on the mapped `x`, so it is batched, one row per example. That is what `vmap(grad(loss), in_axes=(None, 0))` is for: per-example gradients (for clipping, for privacy, for looking at them) in one call, without a Python loop.",
        "The grad panel below computes the same thing for the explorer's function.",
      ],
      state: { f: "lambda w, x: jax.grad(lambda w, x: (jnp.dot(x, w) - 1.0) ** 2)(w, x)", shapes: [W, X], inAxes: wNone_x0 },
    },
    {
      title: "A weight matrix",
      text: [
        "With a (3, 2) weight matrix and the loss summed over the two outputs, one example's gradient has the weights' shape, (3, 2). What do 4 examples give?",
      ],
      state: {
        f: "lambda w, x: jax.grad(lambda w, x: jnp.sum((x @ w - 1.0) ** 2))(w, x)",
        shapes: [["w", "(3, 2)"], X],
        inAxes: wNone_x0,
      },
      question: { kind: "shape" },
    },
    {
      title: "Batch axis last",
      text: [
        "out_axes works on gradients as on anything else: `out_axes=-1` puts the examples last, (3, 2, 4).",
      ],
      state: {
        f: "lambda w, x: jax.grad(lambda w, x: jnp.sum((x @ w - 1.0) ** 2))(w, x)",
        shapes: [["w", "(3, 2)"], X],
        inAxes: wNone_x0,
        outAxes: "-1",
      },
    },
    {
      title: "One model per example",
      text: [
        "Map `w` too, `in_axes=(0, 0)`: now each example has its own weights, a (4, 3) stack. The result has the same shape as before, (4, 3), but each row is the gradient of a different model.",
      ],
      state: { f: "lambda w, x: jax.grad(lambda w, x: (jnp.dot(x, w) - 1.0) ** 2)(w, x)", shapes: [["w", "(4, 3)"], X], inAxes: [["w", "0"], ["x", "0"]] },
    },
    {
      title: "grad needs a scalar per example",
      text: [
        "Without the sum, one example's loss is a vector of 2, and grad refuses. What does this call give?",
      ],
      state: {
        f: "lambda w, x: jax.grad(lambda w, x: (x @ w - 1.0) ** 2)(w, x)",
        shapes: [["w", "(3, 2)"], X],
        inAxes: wNone_x0,
      },
      question: { kind: "shape" },
    },
  ],
};
