import { describe, expect, it } from "vitest";
import { EngineError, makeJaxpr, np, parseLambda, traceVmap, vmap, vmapRewrite, type VmapRewrite } from "../../engine";

const cases: { src: string; inAxes: unknown; outAxes: unknown; shapes: number[][] }[] = [
  { src: "lambda a, b: a + b", inAxes: [0, 0], outAxes: 0, shapes: [[2, 2], [2, 2]] },
  { src: "lambda a, b: a + b", inAxes: [null, 0], outAxes: 3, shapes: [[2, 3, 5, 7, 9], [2, 3, 5, 7, 9]] },
  { src: "lambda a, b: a * b", inAxes: [0, 1], outAxes: 0, shapes: [[3, 4], [4, 3]] },
  { src: "lambda m, v: jnp.dot(m, v)", inAxes: [0, null], outAxes: 0, shapes: [[3, 4], [4]] },
  { src: "lambda a, b: a @ b", inAxes: [0, 1], outAxes: 1, shapes: [[2, 2, 3], [3, 2, 2]] },
  { src: "lambda x: jnp.sum(jnp.sin(x) * 2.0)", inAxes: 1, outAxes: 0, shapes: [[3, 4]] },
  { src: "lambda u, v: jnp.outer(u, v)", inAxes: [0, 0], outAxes: 0, shapes: [[2, 3], [2, 2]] },
  { src: "lambda x: x * jnp.arange(3.0)", inAxes: 0, outAxes: 0, shapes: [[2, 3]] },
];

const argsOf = (shapes: number[][]) => shapes.map((s) => np.arange(s.reduce((a, b) => a * b, 1)).reshape(s));
const inAxisOf = (inAxes: unknown, i: number) => (Array.isArray(inAxes) ? inAxes[i] : inAxes) as number | null;

/** Every variable whose value depends on a mapped argument (a dataflow walk of the batched jaxpr). */
function dependsOnBatch(r: VmapRewrite): Set<string> {
  const dep = new Set(r.batched.invars.filter((v) => v.bdim !== null).map((v) => v.name));
  for (const e of r.batched.eqns) if (e.inputs.some((x) => dep.has(x.name))) e.outputs.forEach((o) => dep.add(o.name));
  return dep;
}

describe("vmapRewrite: both jaxprs, paired equation by equation", () => {
  for (const c of cases) {
    it(`${c.src} in_axes=${JSON.stringify(c.inAxes)} out_axes=${c.outAxes}`, () => {
      const f = parseLambda(c.src);
      const args = argsOf(c.shapes);
      const r = vmapRewrite(f, c.inAxes, c.outAxes, args);
      // The texts are make_jaxpr's own: of vmap(f) at the batched shapes, of f at one slice.
      expect(r.batched.text).toBe(makeJaxpr(vmap(f, c.inAxes, c.outAxes))(...args).toString());
      const slices = args.map((a, i) => {
        const d = inAxisOf(c.inAxes, i);
        return d === null ? a : argsOf([a.shape.filter((_, k) => k !== d)])[0];
      });
      expect(r.perExample.text).toBe(makeJaxpr(f)(...slices).toString());
      // Every variable that depends on the batch carries its batch dim, of size B.
      const dep = dependsOnBatch(r);
      const vars = [...r.batched.invars, ...r.batched.eqns.flatMap((e) => e.outputs)];
      for (const v of vars) {
        if (dep.has(v.name)) {
          expect(v.bdim, `${v.name} of ${r.batched.text}`).not.toBeNull();
          expect(v.shape[v.bdim!]).toBe(r.axisSize);
        } else expect(v.bdim).toBeNull();
      }
      // Each per-example equation has exactly one twin of the same primitive; every other batched
      // equation is flagged as added by vmap.
      const twins = r.batched.eqns.filter((e) => e.origin.kind !== "added");
      expect(twins.map((e) => (e.origin as { eqn: number }).eqn)).toEqual(r.perExample.eqns.map((e) => e.index));
      twins.forEach((e) => expect(e.primitive).toBe(r.perExample.eqns[(e.origin as { eqn: number }).eqn].primitive));
      for (const e of r.batched.eqns) if (e.origin.kind === "added") expect(["transpose", "broadcast_in_dim"]).toContain(e.primitive);
      r.batched.constvars.forEach((v) => expect(v.bdim).toBeNull());
      // The result's batch axis ends where out_axes puts it.
      expect(r.batched.outvars[0].bdim).toBe(c.outAxes);
    });
  }

  it("flags the axis moves vmap added: in_axes=(0, 1) lines b up, out_axes=1 moves the result", () => {
    const r = vmapRewrite(parseLambda("lambda a, b: a * b"), [0, 1], 1, argsOf([[3, 4], [4, 3]]));
    const added = r.batched.eqns.filter((e) => e.origin.kind === "added");
    expect(added.map((e) => [e.primitive, e.origin.kind === "added" && e.origin.eqn])).toEqual([
      ["transpose", 0],
      ["transpose", null],
    ]);
    expect(r.batched.outvars[0]).toMatchObject({ shape: [4, 3], bdim: 1 });
  });

  it("each batched per-example equation names its line of traceVmap's shape story", () => {
    const f = parseLambda("lambda x, w: jnp.sum(x * jnp.sin(w)) + 1.0");
    const args = argsOf([[3, 2], [2]]);
    const r = vmapRewrite(f, [0, null], 0, args);
    const story = traceVmap(f, [0, null], 0, args);
    const lines = r.perExample.eqns.filter((e) => e.storyLine !== null);
    expect(lines.map((e) => e.storyLine)).toEqual(story.primitives.map((_, i) => i));
    expect(lines.map((e) => e.primitive)).toEqual(story.primitives.map((p) => p.primitive));
    expect(r.perExample.eqns.find((e) => e.primitive === "sin")!.storyLine).toBeNull();
  });

  it("an equation on unmapped values only is staged unchanged", () => {
    const r = vmapRewrite(parseLambda("lambda x, w: x * jnp.sin(w)"), [0, null], 0, argsOf([[3, 2], [2]]));
    const sin = r.batched.eqns.find((e) => e.primitive === "sin")!;
    expect(sin.origin).toEqual({ kind: "unchanged", eqn: r.perExample.eqns.findIndex((e) => e.primitive === "sin") });
    expect(sin.outputs[0].bdim).toBeNull();
  });

  it("raises vmap's own error", () => {
    const f = parseLambda("lambda a, b: a + b");
    let err: unknown;
    try {
      vmapRewrite(f, [0, 0], 0, argsOf([[2, 2], [3, 2]]));
    } catch (e) {
      err = e;
    }
    let want: unknown;
    try {
      vmap(f, [0, 0], 0)(...argsOf([[2, 2], [3, 2]]));
    } catch (e) {
      want = e;
    }
    expect(err).toBeInstanceOf(EngineError);
    expect((err as Error).message).toBe((want as Error).message);
  });
});
