import type { LessonData } from "../../app/lessons/lessonTypes";
/**
 * JAX's answer to each question step of the shipped lessons, by lesson and 1-based step,
 * written out from the blog's rules (shared docs, vmap-semantics.md §3, §4.3, §4.4), not asked
 * of the engine: the lesson tests check the engine's answers against these.
 */
export const LESSON_ANSWERS: Record<string, Record<number, string>> = {
  "axes-in-vmap": { 2: "(2, 2)", 5: "(2, 2)", 6: "(2, 2, 2)", 9: "error", 11: "error", 13: "(2, 3, 2, 5, 7, 9)", 15: "(2, 3, 5, 7, 9, 2)" },
  "batching-real-functions": { 1: "(3,)", 3: "(4, 2)", 6: "(4, 3)", 8: "(2, 4, 3)", 10: "((2,), (2,))" },
  "reading-vmap-errors": { 1: "error", 5: "(3, 2, 2)", 7: "error" },
  "per-example-gradients": { 2: "(4, 3)", 4: "(4, 3, 2)", 7: "error" },
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
