// "Ways to batch" in the timing worker's job (run in-process through the same runner the Web
// Worker implements): the four ways of the blog's and the quickstart's functions are timed (a
// warm-up and timed runs each) and their results equal vmap's; the quickstart's selu is timed
// eager and jitted on 10⁶ elements. The hand batching is found from the jaxpr, not the text.
import { describe, expect, it } from "vitest";
import { inProcessRunner } from "../../app/panels/timeAgainstSize/runners";
import { handBatching } from "../../app/panels/ways/handBatching";
import { buildWays } from "../../app/panels/ways/ways";
import { compareResults, SELU_SIZE, type WaysMessage } from "../../app/panels/ways/waysJob";
import { leavesOf } from "../../app/panels/format";
import { vmapCall } from "../../app/state/engineBridge";
import { explorerOf, leaf, type ExplorerState } from "../../app/state/explorerTypes";
import { presetById } from "../../app/state/presets";
import { QUICKSTART } from "../../app/panels/ways/quickstart";

async function runJob(state: ExplorerState, quickstart = false): Promise<WaysMessage[]> {
  const msgs: WaysMessage[] = [];
  const h = inProcessRunner.start("ways", { state, runs: 3, compile: true, quickstart }, (m) => msgs.push(m));
  await h.finished;
  return msgs;
}

const timings = (msgs: WaysMessage[]) => msgs.flatMap((m) => (m.type === "progress" ? [m.timing] : []));

describe("the four ways, timed in the timing worker's job", () => {
  for (const id of ["add", "add-5d", "dot", "tuple-out", "tuple-arg", "all-pairs"]) {
    it(`the blog's / classic "${id}": every way timed, results equal vmap's`, async () => {
      const msgs = await runJob(presetById(id)!.state);
      expect(msgs.at(-1)).toEqual({ type: "done" });
      const ts = timings(msgs);
      const hand = handBatching(vmapCall(presetById(id)!.state));
      expect(ts.map((t) => t.id).sort()).toEqual((hand ? ["hand", "jit", "loop", "vmap"] : ["jit", "loop", "vmap"]).sort());
      for (const t of ts) {
        expect(t.runs).toHaveLength(3);
        expect(t.runs.every((ms) => ms >= 0 && Number.isFinite(ms))).toBe(true);
        if (t.id !== "vmap") expect(t.check).toMatchObject({ equal: true, shapeMismatch: false });
      }
    });
  }

  it("the quickstart: apply_matrix naively, by hand (jnp.dot(v, mat.T)) and with vmap; selu on 10⁶ eager vs jit", async () => {
    const state = QUICKSTART.state;
    expect(handBatching(vmapCall(state))?.code).toBe("jnp.dot(v, mat.T)");
    const ts = timings(await runJob(state, true));
    expect(ts.map((t) => t.id).sort()).toEqual(["hand", "jit", "loop", "selu", "selu-jit", "vmap"]);
    for (const t of ts.filter((t) => t.id !== "vmap" && t.id !== "selu")) expect(t.check?.equal).toBe(true);
    expect(SELU_SIZE).toBe(1_000_000);
  }, 60_000);
});

describe("hand batching from the jaxpr's structure", () => {
  const handOf = (s: ExplorerState) => handBatching(vmapCall(s))?.code ?? null;
  it("f itself when f's program on the whole arrays is vmap's (element-wise, axis 0 everywhere)", () => {
    expect(handOf(presetById("add")!.state)).toBe("f(a, b)");
  });
  it("matrix–vector from the table, whatever the names and sizes", () => {
    expect(handOf(explorerOf("lambda w, x: jnp.dot(w, x)", [["w", leaf(3, 5), null], ["x", leaf(7, 5), 0]], 0))).toBe("jnp.dot(x, w.T)");
    expect(handOf(explorerOf("lambda w, x: w @ x", [["w", leaf(3, 5), null], ["x", leaf(5, 7), 1]], 0))).toBe("jnp.dot(x.T, w.T)");
    // Rows of m dotted with v: jnp.dot(m, v) on the whole m is already vmap's program.
    expect(handOf(presetById("dot")!.state)).toBe("f(m, v)");
    expect(handOf(explorerOf("lambda m, v: jnp.dot(m, v)", [["m", leaf(4, 3), 1], ["v", leaf(4), null]], 0))).toBe("jnp.dot(m.T, v)");
    expect(handOf(presetById("sum")!.state)).toBe("jnp.sum(x, axis=1)");
  });
  it("none where nothing is known, e.g. out_axes 1 for a matrix–vector product, or an outer product", () => {
    expect(handOf(explorerOf("lambda w, x: jnp.dot(w, x)", [["w", leaf(3, 5), null], ["x", leaf(7, 5), 0]], 1))).toBeNull();
    expect(handOf(presetById("outer")!.state)).toBeNull();
  });
  it("each way's jaxpr size: the loop repeats f per slice, vmap's stays f's size", () => {
    const built = buildWays(vmapCall(QUICKSTART.state), false);
    if (!built.ok) throw built.error;
    const size = Object.fromEntries(built.ways.map((w) => [w.id, w.jaxprSize?.()]));
    // vmap: one dot_general (and the transpose its rule adds); the loop: per slice a slice, a
    // squeeze, the dot, the new axis, and the stack's concatenate.
    expect(size.vmap).toBeLessThanOrEqual(2);
    expect(size.hand).toBe(2); // transpose + dot_general
    expect(size.loop).toBe(10 * 4 + 1);
    expect(size.jit).toBe(size.vmap);
  });
  it("the loop's code slices per in_axes and stacks per out_axes, tuples included", () => {
    const loopCode = (id: string, tree: boolean) => {
      const b = buildWays(vmapCall(presetById(id)!.state), tree);
      if (!b.ok) throw b.error;
      return b.ways.find((w) => w.id === "loop")!.code;
    };
    expect(loopCode("add-5d", false)).toBe("outs = [f(a, b[i]) for i in range(2)]\nout = jnp.stack(outs, axis=3)");
    expect(loopCode("tuple-arg", false)).toBe("outs = [f(p, x[i]) for i in range(4)]\nout = jnp.stack(outs, axis=0)");
    expect(loopCode("tuple-out", true)).toBe(
      "outs = [f(x[i], y) for i in range(2)]\nout = jax.tree.map(lambda ax, *xs: xs[0] if ax is None else jnp.stack(xs, axis=ax), (0, None), *outs, is_leaf=lambda x: x is None)",
    );
  });
  it("compareResults reports a difference as a cross with its size", () => {
    const a = leavesOf(0);
    expect(compareResults(a, a).equal).toBe(true);
    const one = [{ path: "", shape: [2], values: Float64Array.of(1, 2), dtype: "float32" as const }];
    const off = [{ path: "", shape: [2], values: Float64Array.of(1, 2.5), dtype: "float32" as const }];
    expect(compareResults(off, one)).toEqual({ equal: false, maxDiff: 0.5, shapeMismatch: false });
  });
});
