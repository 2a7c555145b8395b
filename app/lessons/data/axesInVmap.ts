/**
 * "Axes in vmap", following the blog post (../shared/docs/vmap-semantics.md §3): the 2×2 pair
 * with every in_axes pair, None, the (2, 3, 5, 7, 9) pair and its errors, and out_axes 0…5.
 */
import type { LessonData } from "../lessonTypes";

const pair = (a: string, b: string): [string, string][] => [["a", a], ["b", b]];
const two = pair("(2, 2)", "(2, 2)");
const five = pair("(2, 3, 5, 7, 9)", "(2, 3, 5, 7, 9)");

export const axesInVmap: LessonData = {
  id: "axes-in-vmap",
  title: "Axes in vmap",
  summary: "in_axes, None and out_axes on the blog's two examples: which slices meet, and where the batch axis lands.",
  steps: [
    {
      title: "Two 2×2 arrays, both mapped along axis 0",
      text: [
        "`jax.vmap(f, in_axes=(0, 0))(a, b)` behaves as if it took slice `k` of each argument along its mapped axis, called `f` on the slices, and stacked the results.",
        "With axis 0 the slices are rows: example `k` adds row `a[k]` to row `b[k]`. Each result is a row of 2, and there are 2 of them. Press Play to watch it.",
      ],
      state: { f: "lambda a, b: a + b", shapes: two, inAxes: pair("0", "0") },
    },
    {
      title: "Map b along axis 1",
      text: [
        "Now `b` is sliced along axis 1, so slice `k` of `b` is its column `b[:, k]`. Row `k` of `a` meets column `k` of `b`.",
        "Before you look: what shape does the result have?",
      ],
      state: { f: "lambda a, b: a + b", shapes: two, inAxes: pair("0", "1") },
      question: { kind: "shape" },
    },
    {
      title: "The shape stays, the pairing changes",
      text: [
        "Every slice is still a vector of 2, so every result is a vector of 2 and the output is (2, 2) again: `a + b.T`. The shape says nothing about which cells met; hover an output cell to see its two sources.",
        "Here `a` is sliced along axis 1 and `b` along axis 0: column `k` of `a` meets row `k` of `b`, giving `a.T + b`.",
      ],
      state: { f: "lambda a, b: a + b", shapes: two, inAxes: pair("1", "0") },
    },
    {
      title: "Both along axis 1",
      text: ["Columns meet columns: example `k` adds `a[:, k]` and `b[:, k]`, and stacking them along axis 0 gives `(a + b).T`."],
      state: { f: "lambda a, b: a + b", shapes: two, inAxes: pair("1", "1") },
    },
    {
      title: "Negative axes count from the end",
      text: [
        "An axis `i` of an array with `r` axes may be written `i - r`: for a 2×2 array, `-1` is axis 1 and `-2` is axis 0. So `in_axes=(-1, -2)` is the same call as `(1, 0)`.",
        "What shape does it give?",
      ],
      state: { f: "lambda a, b: a + b", shapes: two, inAxes: pair("-1", "-2") },
      question: { kind: "shape" },
    },
    {
      title: "None: do not slice this argument",
      text: [
        "`None` means every example gets the whole argument. Example `k` adds all of `a`, a (2, 2) array, to row `b[k]`, a vector of 2.",
        "Broadcasting makes each example's result (2, 2). How many are there, and what is the output's shape?",
      ],
      state: { f: "lambda a, b: a + b", shapes: two, inAxes: pair("None", "0") },
      question: { kind: "shape" },
    },
    {
      title: "Why (2, 2, 2)",
      text: [
        "Each example's result is (2, 2), and vmap stacks 2 of them along out_axes 0: (2, 2, 2). `out[k, i, j] = a[i, j] + b[k, j]`.",
        "Swap the roles with `(0, None)`: now row `a[k]` is added to the whole of `b`.",
      ],
      state: { f: "lambda a, b: a + b", shapes: two, inAxes: pair("0", "None") },
    },
    {
      title: "Five axes: the (2, 3, 5, 7, 9) pair",
      text: [
        "The blog's second example: `a` and `b` both of shape (2, 3, 5, 7, 9), mapped along axis 0. Each example adds two (3, 5, 7, 9) slices, and 2 of them are stacked: (2, 3, 5, 7, 9).",
      ],
      state: { f: "lambda a, b: a + b", shapes: five, inAxes: pair("0", "0") },
    },
    {
      title: "Map a along 0 and b along 1",
      text: ["What does `in_axes=(0, 1)` give here? Answer with a shape, or with \"error\" if you think vmap refuses."],
      state: { f: "lambda a, b: a + b", shapes: five, inAxes: pair("0", "1") },
      question: { kind: "shape" },
    },
    {
      title: "Why (0, 1) is an error",
      text: [
        "vmap needs one batch size for every mapped axis: it runs example `k` for `k = 0 … B-1`. Axis 0 of `a` has size 2, axis 1 of `b` has size 3, so there is no single `B`, and JAX says which axes disagree.",
        "With `None` for `a` the problem is gone: `a` is not sliced, `b` gives 2 examples of (3, 5, 7, 9), and each broadcasts against the whole (2, 3, 5, 7, 9) `a`.",
      ],
      state: { f: "lambda a, b: a + b", shapes: five, inAxes: pair("None", "0") },
    },
    {
      title: "None, then axis 1: a broadcasting error",
      text: ["Map `b` along axis 1 instead. Its slice is (2, 5, 7, 9). What happens?"],
      state: { f: "lambda a, b: a + b", shapes: five, inAxes: pair("None", "1") },
      question: { kind: "shape" },
    },
    {
      title: "out_axes 1: the batch axis moves one place",
      text: [
        "Back to `(None, 0)`. Each example's result is (2, 3, 5, 7, 9); out_axes says where the new batch axis of size 2 goes. At 0 it was in front; at 1 the shape reads the same, (2, 2, 3, 5, 7, 9), but axes 0 and 1 have traded places: the data differ.",
      ],
      state: { f: "lambda a, b: a + b", shapes: five, inAxes: pair("None", "0"), outAxes: "1" },
    },
    {
      title: "out_axes 2",
      text: ["One more step to the right. What shape now?"],
      state: { f: "lambda a, b: a + b", shapes: five, inAxes: pair("None", "0"), outAxes: "2" },
      question: { kind: "shape" },
    },
    {
      title: "out_axes 3, the blog's choice",
      text: [
        "Each step of out_axes from `k` to `k + 1` swaps one pair of output axes, `k` and `k + 1`: the batch axis steps past its neighbour. At 3 it sits after the (2, 3, 5) of each example: (2, 3, 5, 2, 7, 9).",
        "The table \"Where out_axes puts B\" lists every choice.",
      ],
      state: { f: "lambda a, b: a + b", shapes: five, inAxes: pair("None", "0"), outAxes: "3" },
    },
    {
      title: "out_axes 5, the last place",
      text: [
        "An example's result has 5 axes, so the batch axis can go at 0 … 5 (or −6 … −1). At 5 it is last. What is the shape?",
      ],
      state: { f: "lambda a, b: a + b", shapes: five, inAxes: pair("None", "0"), outAxes: "5" },
      question: { kind: "shape" },
    },
    {
      title: "The rule",
      text: [
        "in_axes picks, per argument, the axis that is sliced (or None: passed whole); all mapped axes must have the same size B. f sees the slices. out_axes picks where the new axis of size B goes in each result, and moving it one place swaps one pair of output axes.",
        "Try out_axes 6: the engine says what JAX says.",
      ],
      state: { f: "lambda a, b: a + b", shapes: five, inAxes: pair("None", "0"), outAxes: "6" },
    },
  ],
};
