import type { LessonData } from "../../app/lessons/lessonTypes";
/**
 * JAX's answer to each question step of the shipped lessons, by lesson and 1-based step,
 * written out from the blog's rules (shared docs, vmap-semantics.md §3, §4.3, §4.4), not asked
 * of the engine: the lesson tests check the engine's answers against these.
 */
export const LESSON_ANSWERS: Record<string, Record<number, string>> = {
  "axes-in-vmap": { 2: "(2, 2)", 5: "(2, 2)", 6: "(2, 2, 2)", 9: "error", 11: "error", 13: "(2, 3, 2, 5, 7, 9)", 15: "(2, 3, 5, 7, 9, 2)" },
  "batching-real-functions": { 1: "(3,)", 3: "(4, 2)", 6: "(4, 3)", 8: "(2, 4, 3)", 10: "((2,), (2,))", 13: "(4, 3)" },
  "reading-vmap-errors": { 1: "error", 5: "(3, 2, 2)", 7: "error" },
  "per-example-gradients": { 2: "(4, 3)", 4: "(4, 3, 2)", 7: "error" },
  // x[i] with one index per example is a row of x (None) or a scalar (x mapped too); .at[i].add keeps x's shape.
  "indexing-by-values": { 1: "(4, 4)", 3: "(4,)", 5: "(3, 3)" },
  // cond/fori_loop/psum keep each example's shape; psum over a name no vmap binds is JAX's NameError.
  "indexing-and-control-flow": { 1: "(4, 2)", 4: "(3, 2)", 6: "(4, 2)", 9: "error" },
};

/** An answer that is wrong whatever the right one: a shape for an error, "error" for a shape. */
export const wrongFor = (a: string): string => (a === "error" ? "(2, 2)" : "error");

/** A lesson with two broken steps between two good ones: a bad shape and an unknown function. */
export const BROKEN_LESSON: LessonData = {
  id: "broken",
  title: "Broken",
  summary: "",
  steps: [
    { title: "Fine", text: ["x"], state: { f: "lambda x: x * 2.0", shapes: [["x", "(3,)"]] } },
    { title: "Bad shape", text: ["x"], state: { f: "lambda x: x", shapes: [["x", "(2, -1)"]] } },
    { title: "Unknown function", text: ["x"], state: { f: "lambda x: jnp.nosuch(x)", shapes: [["x", "(3,)"]] } },
    { title: "Fine again", text: ["x"], state: { f: "lambda y: y + 1.0", shapes: [["y", "(2,)"]] } },
  ],
};

/**
 * The error each step of "Reading vmap's errors" provokes (1-based steps without a question),
 * as JAX prints it (vmap-semantics.md §1.8, §1.11, §2.3, §4.4): the start of its last line.
 */
export const ERROR_STEPS: Record<number, string> = {
  3: "ValueError: vmap was requested to map its argument along axis 2, which implies that its rank should be at least 3, but is only 2 (its shape is (2, 2))",
  4: "ValueError: vmap must have at least one non-None value in in_axes or axis_size must be specified",
  6: "ValueError: Incompatible shapes for broadcasting: shapes=[(2, 3, 5, 7, 9), (2, 5, 7, 9)]",
  8: "TypeError: dot_general requires contracting dimensions to have the same shape, got (4,) and (3,).",
  9: "ValueError: axis 2 is out of bounds for array of dimension 2",
  10: "ValueError: at vmap out_axes, got axis spec None but output was batched on axis 0",
  11: "ValueError: vmap out_axes specification must be a tree prefix of the corresponding value;",
  12: "ValueError: vmap in_axes specification must be a tree prefix of the corresponding value;",
  13: "ValueError: vmap in_axes must be an int, None, or a tuple of entries corresponding to the positional arguments passed to the function, but got len(in_axes)=2, len(args)=1.",
  14: "TypeError: vmap in_axes must be an int, None, or a tuple of entries corresponding to the positional arguments passed to the function, but got {'a': 0}.",
  15: "TypeError: vmap in_axes must be an int, None, or (nested) container with those types as leaves, but got (0.5,).",
  16: "TypeError: Gradient only defined for scalar-output functions. Output had shape: (3,).",
};
