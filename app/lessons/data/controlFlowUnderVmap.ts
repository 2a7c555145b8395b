/**
 * "Indexing and control flow under vmap" (issue 18): what vmap makes of a per-example branch, a
 * loop and a value read across the batch — cond becomes select_n of both branches, a while with
 * a per-example predicate runs until every example is done, psum is a reduce_sum over the batch.
 * These are the control-flow and collective steps; indexing steps (gather) go before them.
 * JAX: jax/_src/lax/control_flow/conditionals.py, loops.py, lax/parallel.py.
 */
import type { LessonData } from "../lessonTypes";

const cond = "lambda p, x: jax.lax.cond(p > 1.5, lambda y: y * 10.0, lambda y: -y, x)";

export const controlFlowUnderVmap: LessonData = {
  id: "indexing-and-control-flow",
  title: "Indexing and control flow under vmap",
  summary: "A branch, a loop and a sum across the batch per example: what vmap turns each into.",
  steps: [
    {
      title: "A branch per example",
      text: [
        "`p` holds 0, 1, 2, 3: examples 2 and 3 take `true_fun` (times 10), examples 0 and 1 `false_fun` (negate). One batched program cannot jump one way for some rows and the other way for the rest.",
        "So vmap runs both branches on the whole batch and `select_n` keeps, per example, the one its predicate chose. The picture below the arrays marks the kept value; the discarded one was computed all the same. What is the output's shape?",
      ],
      state: { f: cond, shapes: [["p", "(4,)"], ["x", "(4, 2)"]] },
      question: { kind: "shape" },
    },
    {
      title: "The same predicate for everyone",
      text: [
        "Now `p` is not mapped (in_axes None): every example asks the same question, so only one branch is needed. vmap keeps one `cond`, its branches batched. Compare the shape story with the last step: no `select_n`.",
      ],
      state: { f: cond, shapes: [["p", "()"], ["x", "(4, 2)"]], inAxes: [["p", "None"], ["x", "0"]] },
    },
    {
      title: "switch: one of several",
      text: [
        "`jax.lax.switch` picks a branch by an integer (clamped into range). With an index per example it too becomes `select_n`, over all three branches' results.",
      ],
      state: { f: "lambda x: jax.lax.switch((x > 1.5).sum() + (x > 2.5).sum(), [lambda y: y, lambda y: y * 100.0, lambda y: -y], x)", shapes: [["x", "(4,)"]] },
    },
    {
      title: "A loop with a fixed count",
      text: [
        "`fori_loop(0, 3, …)` with Python-int bounds is a `scan` of 3 steps: every example runs the same 3 steps, so the batched loop is the same loop on batched values. Step through the iterations in the picture.",
      ],
      state: { f: "lambda x: jax.lax.fori_loop(0, 3, lambda i, c: c * 2.0 + i, x)", shapes: [["x", "(3, 2)"]] },
      question: { kind: "shape" },
    },
    {
      title: "A loop until done",
      text: [
        "`while_loop` doubles each value (plus one) until it reaches 10. Starting from 0, 1, 2, 3 the examples need 4, 3, 2 and 2 turns. Under vmap the predicate is per example, so the loop turns while any example still runs, and an example that is done keeps its value: step through and watch the rows finish.",
      ],
      state: { f: "lambda x: jax.lax.while_loop(lambda c: c < 10.0, lambda c: c * 2.0 + 1.0, x)", shapes: [["x", "(4,)"]] },
    },
    {
      title: "Reading across the batch: psum",
      text: [
        "With `axis_name='b'` the mapped axis has a name, and `jax.lax.psum(x, 'b')` sums x over every example: each example gets the same total. vmap makes it a `reduce_sum` over the batch axis. Here each row is divided by the column sums: the columns of the result add up to 1.",
      ],
      state: { f: "lambda x: x / jax.lax.psum(x, 'b')", shapes: [["x", "(4, 2)"]], axisName: "b" },
      question: { kind: "shape" },
    },
    {
      title: "Centring the batch: pmean",
      text: [
        "`pmean` is psum divided by the batch size: subtracting it centres every column on 0, the batch statistics of batch normalisation, written per example.",
      ],
      state: { f: "lambda x: x - jax.lax.pmean(x, 'b')", shapes: [["x", "(4, 2)"]], axisName: "b" },
    },
    {
      title: "Which example am I?",
      text: [
        "`jax.lax.axis_index('b')` is the example's position along the named axis: 0, 1, 2, 3. Under vmap it is an iota along the batch.",
      ],
      state: { f: "lambda x: x * 0.0 + jax.lax.axis_index('b')", shapes: [["x", "(4,)"]], axisName: "b" },
    },
    {
      title: "A name no vmap gives",
      text: [
        "The function sums over `'c'`, but the vmap names its axis `'b'`. Does it run? JAX's answer names the unbound axis; fix it by giving the same name in both places.",
      ],
      state: { f: "lambda x: x / jax.lax.psum(x, 'c')", shapes: [["x", "(4,)"]], axisName: "b" },
      question: { kind: "shape" },
    },
  ],
};
