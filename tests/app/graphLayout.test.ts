// The computation graph's layout (dagre) and step frames, pure: one node per input and equation,
// one edge per use of a value, every edge pointing down the page (data flows top to bottom), no
// two nodes overlapping; frames count the forward and backward steps of the tape.
import { describe, expect, it } from "vitest";
import { gradTape, np, parseLambda } from "../../engine/index";
import { CT_GAP, LABEL_WIDTH, layoutGraph } from "../../app/panels/graph/graphLayout";
import { graphFrame, inputLabels, stepCount } from "../../app/panels/graph/graphSteps";

const f = parseLambda("lambda w, x: jnp.sum(jnp.tanh(x @ w) * (x @ w))");
const t = gradTape(f, [np.array([[0.1, 0.2], [0.3, -0.4]]), np.array([[1, 2], [0.5, -1]])]);

describe("layoutGraph", () => {
  const l = layoutGraph(t);
  it("has a node per input and equation and an edge per use", () => {
    expect(l.nodes.filter((n) => n.kind === "eqn").map((n) => n.label)).toEqual(t.eqns.map((e) => e.primitive));
    const uses = t.eqns.reduce((n, e) => n + e.inputs.filter((v) => !v.literal).length, 0) + 1;
    expect(l.edges).toHaveLength(uses);
  });
  it("lays the data flow top to bottom without overlaps", () => {
    const at = new Map(l.nodes.map((n) => [n.id, n]));
    for (const e of l.edges) expect(at.get(e.to)!.y).toBeGreaterThan(at.get(e.from)!.y);
    for (const a of l.nodes)
      for (const b of l.nodes) {
        if (a === b) continue;
        const apart = Math.abs(a.x - b.x) >= (a.width + b.width) / 2 || Math.abs(a.y - b.y) >= (a.height + b.height) / 2;
        expect(apart, `${a.id} / ${b.id}`).toBe(true);
      }
    for (const n of l.nodes) expect(n.x + n.width / 2).toBeLessThanOrEqual(l.width + 1e-9);
  });
  it("is as wide as its labels reach: each edge's, and each input's cotangent beside it", () => {
    for (const e of l.edges) expect(e.labelX + LABEL_WIDTH / 2).toBeLessThanOrEqual(l.width);
    for (const n of l.nodes.filter((x) => x.kind === "input")) expect(n.x + n.width / 2 + CT_GAP + LABEL_WIDTH).toBeLessThanOrEqual(l.width);
  });
});

describe("graphFrame", () => {
  it("inputs, one frame per equation, one per backward step, then the gradients", () => {
    const n = t.eqns.length;
    expect(stepCount(t)).toBe(1 + n + t.backward.length + 1);
    expect(graphFrame(t, 0).phase).toBe("inputs");
    expect(graphFrame(t, n).phase).toBe("forward");
    expect(graphFrame(t, n + 1).phase).toBe("backward");
    const last = graphFrame(t, stepCount(t) - 1);
    expect(last.phase).toBe("gradients");
    const round = (xs: Float64Array) => Array.from(xs, (v) => +v.toFixed(12));
    expect(round(last.cotangents.get(t.grads[0].name)!.data)).toEqual(round(t.grads[0].value.data));
  });
});

describe("the inputs are named as f names them", () => {
  it("by parameter, with the jaxpr's name beside it, in the nodes and the captions", () => {
    const names = t.inputs.map((v) => v.name);
    expect([...inputLabels(t, ["w", "x"]).values()]).toEqual([`w (${names[0]})`, `x (${names[1]})`]);
    expect(layoutGraph(t, ["w", "x"]).nodes.filter((n) => n.kind === "input").map((n) => n.label)).toEqual([`w (${names[0]})`, `x (${names[1]})`]);
    expect(graphFrame(t, 0, ["w", "x"]).caption).toBe(`Forward pass: the inputs. grad differentiates with respect to w (${names[0]}).`);
    expect(graphFrame(t, stepCount(t) - 1, ["w", "x"]).caption).toMatch(new RegExp(`^Gradients: ∂loss/∂w \\(${names[0]}\\) = `));
  });
  it("a tuple argument's leaves by index", () => {
    const g = parseLambda("lambda p, x: jnp.sum(p[0] * x + p[1])");
    const tt = gradTape(g, [[np.array([1, 2]), np.array([3, 4])], np.array([5, 6])]);
    expect([...inputLabels(tt, ["p", "x"]).values()].map((l) => l.split(" ")[0])).toEqual(["p[0]", "p[1]", "x"]);
  });
});
