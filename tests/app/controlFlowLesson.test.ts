/**
 * The lesson "Indexing and control flow under vmap" (its control-flow and collective steps):
 * every step reads as a link does and runs through the engine as the explorer runs it, each
 * showing the picture it talks about (select_n, a stepped loop, a sum across the batch), and
 * the last one ending in JAX's NameError for an unbound axis name.
 */
import { describe, expect, it } from "vitest";
import { LESSONS } from "../../app/lessons/data";
import { prepareLesson } from "../../app/lessons/prepare";
import { fullTrace, vmapCall } from "../../app/state/engineBridge";

describe("lesson: Indexing and control flow under vmap", () => {
  const data = LESSONS.find((l) => l.id === "indexing-and-control-flow")!;
  const lesson = prepareLesson(data);

  it("is listed, and every step's state reads", () => {
    expect(lesson.title).toBe("Indexing and control flow under vmap");
    expect(lesson.steps.map((s) => s.problem)).toEqual(lesson.steps.map(() => null));
  });

  it("each step shows what vmap made of its control flow or collective", () => {
    const becomes = lesson.steps.map((s) => {
      const r = fullTrace(vmapCall(s.state!));
      if (!r.ok) return `${r.error.pyType}: ${r.error.message}`;
      return r.story.primitives.filter((p) => p.becomes).map((p) => `${p.primitive}: ${p.becomes}`).join("; ");
    });
    expect(becomes).toEqual([
      "cond: select_n of every branch, computed on the whole batch",
      "cond: one cond over batched branches (the predicate is the same for every example)",
      "cond: select_n of every branch, computed on the whole batch",
      "scan: scan: 3 steps, each on the whole batch (batched carries at axis 0, xs and ys at axis 1)",
      "while: while with a batched predicate: it runs until every example is done, and a finished example keeps its carry",
      "psum: reduce_sum over the batch axis",
      "psum: reduce_sum over the batch axis",
      "",
      "NameError: Found an unbound axis name: c. To fix this, please call psum under `jax.shard_map`.",
    ]);
  });
});
