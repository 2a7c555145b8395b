// "Import JAX code" in the store: the copied "Run it in JAX" code of every preset imports back
// to the same state (and the same code); an imported program's state is one undoable step,
// keeps the pasted text in the permalink, and its `code` fills carry the program's values.
import { viewCode } from "../../app/state/viewCode";
import { beforeAll, describe, expect, it } from "vitest";
import { PRESETS } from "../../app/state/presets";
import { selectView } from "../../app/state/selectors";
import { explorerKey, type ExplorerState } from "../../app/state/explorerTypes";
import { createAppStore } from "../../app/state/store";
import { decodeExplorer, encodeExplorer } from "../../app/state/urlState";
import { vmapCall } from "../../app/state/engineBridge";
import { importSnippet, ready } from "../../app/importer/importRun";
import { explorerFromImport } from "../../app/state/importState";
import { PREDICT_EXAMPLE } from "../../app/importer/example";

beforeAll(() => ready);

/** What the dialog's Load does: the engine reads the text, the store loads a readable call. */
function importCode(st: ReturnType<typeof createAppStore>, src: string) {
  const r = importSnippet(src);
  if (r.ok) st.getState().loadExplorer(explorerFromImport(r, src));
  return r;
}

const withoutCode = (s: ExplorerState): ExplorerState => {
  const { code: _code, ...rest } = s;
  return rest;
};

describe("round trip: Run it in JAX → Import → the same state", () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))("%s", (_id, preset) => {
    const code = viewCode(selectView(preset.state));
    const r = importSnippet(code);
    if (!r.ok) throw new Error(`line ${r.line}, column ${r.column}: ${r.error.message}`);
    const back = explorerFromImport(r, code);
    expect(explorerKey(withoutCode(back))).toBe(explorerKey(preset.state));
    expect(back.code).toBe(code);
    // And the code of the imported state is the code that was pasted.
    expect(viewCode(selectView(back))).toBe(code);
  });

  it("x64 and axis_size round-trip too (jax.config.update and axis_size= in the code)", () => {
    const s: ExplorerState = { ...PRESETS.find((p) => p.id === "jnp-add")!.state, x64: true, axisSize: 3, inAxes: new Map([["a", null], ["b", null]]) };
    const code = viewCode(selectView(s));
    expect(code).toContain('jax.config.update("jax_enable_x64", True)');
    expect(code).toContain("axis_size=3");
    const r = importSnippet(code);
    if (!r.ok) throw new Error(r.error.message);
    expect(explorerKey(withoutCode(explorerFromImport(r, code)))).toBe(explorerKey(s));
  });

  it("random fills round-trip too (their values are printed in the code)", () => {
    const preset = PRESETS.find((p) => p.id === "dot")!.state;
    const s: ExplorerState = { ...preset, args: new Map([...preset.args].map(([k, a]) => [k, { ...a, fill: "random" as const }])) };
    const code = viewCode(selectView(s));
    const r = importSnippet(code);
    expect(r.ok).toBe(true);
    if (r.ok) expect(explorerKey(withoutCode(explorerFromImport(r, code)))).toBe(explorerKey(s));
  });
});

const PREDICT = PREDICT_EXAMPLE;

describe("importCode in the store", () => {
  it("loads the snippet's last vmap call as one undoable step, with code fills for values no fill makes", () => {
    const st = createAppStore();
    const before = st.getState().explorer;
    const r = importCode(st, PREDICT);
    expect(r.ok).toBe(true);
    const s = st.getState().explorer;
    expect(s.fnSource.startsWith("import jax.numpy as jnp\ndef predict(w, b, x):")).toBe(true);
    // ones, zeros and arange(24.) from 0: none is the blog's unique fill (w from 0, b from 100, x from 200).
    expect([...s.args].map(([k, a]) => [k, a.fill])).toEqual([["w", "code"], ["b", "code"], ["x", "code"]]);
    expect([...s.inAxes]).toEqual([["w", null], ["b", null], ["x", 0]]);
    expect(s.code).toBe(PREDICT);
    // The explorer's call runs on the program's values: w is ones, b zeros.
    const call = vmapCall(s);
    expect(call.args.ok && Array.from(call.args.leafData[0])).toEqual(Array(12).fill(1));
    expect(call.args.ok && Array.from(call.args.leafData[1])).toEqual([0, 0, 0, 0]);
    expect(selectView(s).shown?.outputs[0].shape).toEqual([2, 4]);
    st.getState().undo();
    expect(st.getState().explorer).toBe(before);
  });

  it("a failed import changes nothing and says where", () => {
    const st = createAppStore();
    const before = st.getState().explorer;
    const r = importCode(st, "import jax\nfor i in range(3):\n    pass\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.line, r.column]).toEqual([2, 1]);
    expect(st.getState().explorer).toBe(before);
  });

  it("the permalink keeps the pasted code and reads it back to the same state", () => {
    const st = createAppStore();
    importCode(st, PREDICT);
    const s = st.getState().explorer;
    const d = decodeExplorer(encodeExplorer(s));
    expect(d.ok).toBe(true);
    expect(explorerKey(d.state)).toBe(explorerKey(s));
    // Its generated code imports back to the same state (the values come as literals).
    const code = viewCode(selectView(s));
    expect(code).toContain("out = jax.vmap(predict, in_axes=(None, None, 0), out_axes=0)(w, b, x)");
    const r = importSnippet(code);
    if (!r.ok) throw new Error(r.error.message);
    expect(explorerKey(withoutCode(explorerFromImport(r, code)))).toBe(explorerKey(withoutCode(s)));
  });

  it("a link whose code is too long or has control characters is refused with the reason", () => {
    const long = decodeExplorer(`f=lambda+x%3A+x&code=${"x".repeat(10_001)}`);
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.why).toContain("the imported code is 10,001 characters long");
    const ctl = decodeExplorer(`f=lambda+x%3A+x&code=%07`);
    expect(ctl.ok).toBe(false);
  });
});

describe("a def program in the function box", () => {
  it("runs its top level under the page's budget: a heavy one is refused, not run", () => {
    const st = createAppStore();
    st.getState().setFnSource("import jax.numpy as jnp\nW = jnp.ones((1500, 1500)) @ jnp.ones((1500, 1500))\ndef f(x):\n    return x * W[0, 0]\n");
    const v = selectView(st.getState().explorer);
    expect(v.error?.kind).toBe("too-large");
    expect(v.error?.message).toContain("top level needs more work than the page allows");
  });
});

describe("the grad panel on an imported def program", () => {
  it("jnp.sum(f(...)) as the loss wraps the program's function, and its gradient is the hand formula's", async () => {
    const { computeGrad } = await import("../../app/panels/grad/gradModel");
    const st = createAppStore();
    importCode(st, PREDICT);
    const r = computeGrad(st.getState().explorer, { argnums: 1, sumLoss: true });
    expect(r.loss?.endsWith("predict_loss = lambda w, b, x: jnp.sum(predict(w, b, x))")).toBe(true);
    expect(r.grad.ok).toBe(true);
    // grad runs on the whole arguments: d/db_j of Σ_rows Σ_j tanh(s + b_j)² is Σ_rows 2 tanh(s)(1 − tanh(s)²),
    // s the row sums of x (w ones, b zeros): 3, 12, 21, … 66.
    const rows = Array.from({ length: 8 }, (_, i) => 3 + 9 * i);
    const want = rows.reduce((acc, v) => acc + 2 * Math.tanh(v) * (1 - Math.tanh(v) ** 2), 0);
    if (!r.grad.ok) return;
    expect(r.grad.leaves[0].shape).toEqual([4]);
    for (const g of r.grad.leaves[0].values) expect(g).toBeCloseTo(want, 5);
  });
});
