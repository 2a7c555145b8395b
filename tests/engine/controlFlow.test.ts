/**
 * lax control flow and named-axis collectives (issue 18 items 2–3): JAX's tests/batching_test.py
 * cases for them translated (testSelect, testCommAssocCollective, testGradOfPsum, the all_gather
 * tests), the jaxprs JAX prints (cond's branches, vmap of cond as select_n, fori_loop as scan, a
 * while with a batched predicate), hand-computed values, JAX's error texts, and the work budget
 * stopping a loop that never ends.
 */
import { describe, expect, it } from "vitest";
import { sign as laxSign } from "../../engine/primitives/lax";
import { caught as errorOf } from "../helpers/caught";
import { lax } from "../../engine/control";
import { grad, jit, jnp, makeJaxpr, np, parseLambda, traceVmap, vmap, withWorkBudget, NDArray } from "../../engine";

const list = (x: unknown) => (x as NDArray).tolist();
const arange = (n: number, shape: number[]) => jnp.reshape(jnp.arange(n), shape) as NDArray;
const sin = (y: any) => jnp.sin(y);
const cos = (y: any) => jnp.cos(y);

describe("batching_test.py, translated", () => {
  it("testSelect", () => {
    expect(list(vmap(lax.select)(jnp.array([true, false]), np.array([0, 1]), np.array([2, 3])))).toEqual([0, 3]);
    expect(list(vmap(lax.select, [0, null, null])(jnp.array([false, true]), np.array([0, 1]), np.array([2, 3])))).toEqual([[2, 3], [0, 1]]);
  });

  it("testCommAssocCollective: psum/pmax/pmin over every subset and order of nested names", () => {
    const x = arange(8, [2, 2, 2]);
    const bulk = { psum: jnp.sum, pmax: jnp.max, pmin: jnp.min } as const;
    const subsets = (names: string[]): string[][] => names.flatMap((n, i) => [[n], ...subsets(names.slice(i + 1)).map((s) => [n, ...s])]);
    const perms = (s: string[]): string[][] => (s.length <= 1 ? [s] : s.flatMap((n, i) => perms([...s.slice(0, i), ...s.slice(i + 1)]).map((p) => [n, ...p])));
    for (const [name, op] of Object.entries(bulk)) {
      for (const vmapNames of [["i"], ["i", "j"], ["i", "j", "k"]]) {
        for (const names of subsets(vmapNames).flatMap(perms)) {
          let f: Function = (y: any) => jnp.subtract(y, (lax as any)[name](y, names));
          vmapNames.forEach((n, i) => (f = vmap(f, i, i, { axisName: n })));
          const pos = vmapNames.map((n, i) => (names.includes(n) ? i : -1)).filter((i) => i >= 0);
          const want = jnp.subtract(x, (op as any)(x, { axis: pos, keepdims: true }) as NDArray);
          expect(list(f(x))).toEqual(list(want));
        }
      }
    }
  });

  it("testGradOfPsum: the gradient does not vary along the name (out_axes=None)", () => {
    const f = vmap(grad((x: any) => jnp.negative(lax.psum(x, "i") as NDArray)), 0, null, { axisName: "i" });
    expect(list(f(jnp.ones([5])))).toEqual(-5);
    expect(list(jit(f)(jnp.ones([5])))).toEqual(-5);
  });

  it("testAllGatherToUnmapped, testBatchedAllGather", () => {
    const f = (x: any) => lax.all_gather(x, "i");
    const x = arange(15, [3, 5]);
    expect(list(vmap(f, 1, null, { axisName: "i" })(x))).toEqual(list(jnp.transpose(x)));
    expect(list(vmap(vmap(f, 0, null, { axisName: "i" }), 0, 0, { axisName: "j" })(x))).toEqual(list(x));
    expect(list(vmap(vmap(f, 0, 0, { axisName: "j" }), 0, null, { axisName: "i" })(x))).toEqual(list(jnp.transpose(x)));
  });

  it("testAllGatherTiled, testBatchedAllGatherTiled", () => {
    const f = (x: any) => lax.all_gather(x, "i", { tiled: true });
    const x = arange(60, [4, 3, 5]);
    const want = list(jnp.reshape(jnp.transpose(x, [1, 0, 2]), [12, 5]));
    expect(list(vmap(f, [1], null, { axisName: "i" })(x))).toEqual(want);
    expect(list(vmap(vmap(f, 1, 1), 1, null, { axisName: "i" })(x))).toEqual(want);
  });

  it("testAllGatherVjp: the transpose is psum_scatter", () => {
    const f = (x: any) => lax.all_gather(x, "i");
    const x = np.array(Array.from({ length: 12 }, (_, i) => Math.cos(i)), [3, 4]);
    const yBar = np.array(Array.from({ length: 36 }, (_, i) => Math.sin(i * 0.7)), [3, 3, 4]);
    // vjp(f, x)[1](y_bar) as grad of <f(x), y_bar>, per example.
    const xBar = vmap((xk: any, yk: any) => grad((z: any) => jnp.sum(jnp.multiply(f(z) as NDArray, yk)))(xk), [0, 0], 0, { axisName: "i" })(x, yBar);
    const want = jnp.sum(yBar, { axis: 0 });
    (list(xBar) as number[][]).flat().forEach((v, i) => expect(v).toBeCloseTo((list(want) as number[][]).flat()[i], 5));
  });

  it("testAllGatherOfConst", () => {
    const f = (x: any) => [lax.all_gather(jnp.ones_like(x), "i"), lax.all_gather(1, "i")];
    const [a, b] = vmap(f, 1, null, { axisName: "i" })(arange(15, [3, 5])) as NDArray[];
    expect(list(a)).toEqual(list(jnp.ones([5, 3])));
    expect(list(b)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe("control flow: values, jaxprs, errors", () => {
  it("cond prints its branches as JAX does, and vmap with a batched predicate selects between both", () => {
    const f = (p: any, x: any) => lax.cond(p, sin, cos, x);
    expect(makeJaxpr(f)(true, jnp.ones([2])).toString()).toBe(`{ lambda ; a:bool[] b:f32[2]. let
    c:i32[] = convert_element_type[new_dtype=int32 weak_type=False] a
    d:f32[2] = cond[
      branches=(
        { lambda ; e:f32[2]. let f:f32[2] = cos e in (f,) }
        { lambda ; g:f32[2]. let h:f32[2] = sin g in (h,) }
      )
    ] c b
  in (d,) }`);
    const text = makeJaxpr(vmap(f))(jnp.array([true, false, true]), jnp.ones([3])).toString();
    expect(text).not.toContain("cond[");
    expect(text).toContain("l:f32[3] = select_n c g k");
    const out = list(vmap(f)(jnp.array([true, false, true]), np.array([1, 2, 3]))) as number[];
    [Math.sin(1), Math.cos(2), Math.sin(3)].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 6));
    // An unbatched predicate stays one cond over batched branches.
    expect(makeJaxpr(vmap(f, [null, 0]))(true, jnp.ones([3])).toString()).toContain("cond[");
  });

  it("no gradient flows through the branch an example did not take (select on the operands)", () => {
    const f = (p: any, x: any) => lax.cond(p, (y: any) => jnp.sqrt(y), (y: any) => jnp.multiply(y, 0), x);
    const g = vmap(grad((p: any, x: any) => f(p, x), { argnums: 1 }))(jnp.array([true, false]), np.array([4, 0]));
    expect(list(g)).toEqual([0.25, 0]);
  });

  it("switch clamps its index; fori_loop with Python-int bounds is a scan", () => {
    const sw = (i: any, x: any) => lax.switch(i, [(y: any) => y, (y: any) => jnp.multiply(y, 10), (y: any) => jnp.negative(y)], x);
    const ints = parseLambda("lambda: jnp.array([-3, 1, 7])")() as NDArray; // int32, as Python ints are
    expect(list(vmap(sw)(ints, np.array([1, 2, 3])))).toEqual([1, 20, -3]);
    const fl = (x: any) => lax.fori_loop(0, 3, (i: any, c: any) => jnp.add(jnp.multiply(c, 2), i), x);
    expect(list(fl(np.array(1)))).toBe(12); // ((1·2+0)·2+1)·2+2
    expect(list(grad(fl)(np.array(1)))).toBe(8);
    expect(makeJaxpr(fl)(np.array(1)).toString()).toContain("_:i32[] b:f32[] = scan[\n      _split_transpose=False");
  });

  it("scan in reverse, hand-computed; map", () => {
    const [c, ys] = lax.scan((c: any, x: any) => [jnp.add(c, x), c], np.array(0), np.array([1, 2, 3]), { reverse: true }) as NDArray[];
    expect(list(c)).toBe(6);
    expect(list(ys)).toEqual([5, 3, 0]);
    expect(list(lax.map((x: any) => jnp.sum(x), np.array([[1, 2], [3, 4]])))).toEqual([3, 7]);
  });

  it("while_loop with a batched predicate runs until every example is done", () => {
    const wl = (x: any) => lax.while_loop((c: any) => jnp.less(c, 10), (c: any) => jnp.multiply(c, 2), x);
    expect(list(vmap(wl)(np.array([1, 3, 20])))).toEqual([16, 12, 20]);
    expect(makeJaxpr(vmap(wl))(np.array([1, 3, 20])).toString()).toContain("cond_jaxpr={ lambda ; e:f32[3]. let f:bool[3] = lt e 10.0:f32[] in (f,) }");
    expect(list(jit(vmap(wl))(np.array([1, 3, 20])))).toEqual([16, 12, 20]);
  });

  it("JAX's errors", () => {
    const wl = (x: any) => lax.while_loop((c: any) => jnp.less(c, 10), (c: any) => jnp.multiply(c, 2), x);
    const e = errorOf(() => grad(wl)(np.array(1)));
    expect(e.message).toBe("Reverse-mode differentiation does not work for lax.while_loop or lax.fori_loop with dynamic start/stop values. Try using lax.scan, or using fori_loop with static start/stop.");
    expect(e.pyType).toBe("ValueError");
    expect(errorOf(() => lax.psum(1, "b")).message).toBe("unbound axis name: b");
    expect(errorOf(() => lax.psum(1, "b")).pyType).toBe("NameError");
    expect(errorOf(() => vmap((x: any) => lax.psum(x, "c"), 0, 0, { axisName: "b" })(np.array([1, 2]))).message).toBe("Found an unbound axis name: c. To fix this, please call psum under `jax.shard_map`.");
    expect(errorOf(() => lax.axis_index("b")).message).toBe("Found an unbound axis name: b. To fix this, please call axis_index under `jax.shard_map`.");
    expect(errorOf(() => lax.cond(np.array([1, 2]), sin, cos, np.array(1))).message).toBe("Pred must be a scalar, got Array of shape (2,) of shape (2,).");
    const mismatch = errorOf(() => lax.cond(true, (y: any) => y, (y: any) => jnp.sum(y), np.array([1, 2])));
    expect(mismatch.message).toBe("cond branches must have equal output types but they differ.\n\nThe output of true_fun has type float32[2] but the corresponding output of false_fun has type float32[], so the shapes do not match.\n\nRevise true_fun and/or false_fun so that all output types match.");
    expect(errorOf(() => lax.switch(0, [], np.array(1))).message).toBe("Empty branch sequence");
    const pmaxGrad = errorOf(() => vmap(grad((x: any) => lax.pmax(x, "b")), 0, 0, { axisName: "b" })(np.array([1, 2])));
    expect([pmaxGrad.message, pmaxGrad.pyType]).toEqual(["Differentiation rule for 'pmax' not implemented", "NotImplementedError"]);
  });

  it("the work budget stops a loop that never ends", () => {
    const forever = (x: any) => lax.while_loop((c: any) => jnp.greater(c, -1), (c: any) => jnp.add(c, 1), x);
    const e = errorOf(() => withWorkBudget({ ops: 5_000_000 }, () => forever(np.array(0))));
    expect(e.kind).toBe("too-large");
    const e2 = errorOf(() => withWorkBudget({ ops: 5_000_000 }, () => jit(vmap(forever))(np.array([0, 1]))));
    expect(e2.kind).toBe("too-large");
  });

  it("the lambda language takes jax.lax with lambdas as arguments and vmap's axis_name", () => {
    const f = parseLambda("lambda x: jax.vmap(lambda y: y - jax.lax.pmean(y, axis_name='b'), axis_name='b')(x)");
    expect(list(f(np.array([1, 2, 6])))).toEqual([-2, -1, 3]);
    const g = parseLambda("lambda p, x: jax.lax.cond(p > 0, lambda y: y * 2.0, lambda y: -y, x)");
    expect(list(vmap(g)(np.array([1, -1]), np.array([3, 4])))).toEqual([6, -4]);
    const s = parseLambda("lambda x: jax.lax.scan(lambda c, _: (c + 1.0, c), x, length=3)[1]");
    expect(list(s(np.array(1)))).toEqual([1, 2, 3]);
    expect(() => parseLambda("lambda x: jax.lax.dynamic_slice(x, (0,), (1,))")).toThrow("jax.lax.dynamic_slice is not supported in the playground");
    expect(() => parseLambda("lambda x: jax.lax.psumm(x, 'b')")).toThrow("did you mean");
  });
});

/** int32 arrays, as Python ints are (from JavaScript every number is a float). */
const ints = (src: string) => parseLambda(`lambda: jnp.array(${src})`)() as NDArray;
const hasSelect = (j: unknown) => String(j).includes("select");

describe("lax_control_flow_test.py, translated", () => {
  it("testWhileLoopBatched (and under jit)", () => {
    const fun = (x: any) => lax.while_loop((c: any) => jnp.less(c, 3), (c: any) => jnp.add(c, 2), x);
    expect(list(vmap(fun)(ints("[0, 1, 2, 3]")))).toEqual([4, 3, 4, 3]);
    expect(list(vmap(jit(fun))(ints("[0, 1, 2, 3]")))).toEqual([4, 3, 4, 3]);
  });

  it("testWhileLoopAxisIndexBatched", () => {
    const fun = (x: any) => lax.while_loop((c: any) => jnp.less(c, lax.axis_index("i")), (c: any) => jnp.add(c, 2), x);
    expect(list(vmap(fun, 0, 0, { axisName: "i" })(ints("[0, 0, 0, 0]")))).toEqual([0, 2, 2, 4]);
    expect(list(vmap(jit(fun), 0, 0, { axisName: "i" })(ints("[0, 0, 0, 0]")))).toEqual([0, 2, 2, 4]);
    expect(list(vmap((_: any, x: any) => jit(fun)(x), [0, null], 0, { axisName: "i" })(ints("[0, 0, 0, 0]"), ints("0")))).toEqual([0, 2, 2, 4]);
  });

  it("testWhileLoopBatchedWithConstBody", () => {
    const f = (x: any) => lax.while_loop(() => jnp.equal(jnp.asarray(true as any), false as any), () => jnp.asarray(0), x);
    expect(list(vmap(f)(np.array([0, 1, 2, 3, 4])))).toEqual([0, 1, 2, 3, 4]);
  });

  it("testWhileLoopCondConstsBatched, testWhileLoopBodyConstsBatched", () => {
    const condConst = (x: any, y: any) => lax.while_loop((c: any) => jnp.less(c, y), (c: any) => jnp.add(c, 2), x);
    expect(list(vmap(condConst, [null, 0])(ints("0"), ints("[2, 3]")))).toEqual([2, 4]);
    const bodyConst = (x: any, y: any) => lax.while_loop((c: any) => jnp.less(c, 3), (c: any) => jnp.add(c, y), x);
    expect(list(vmap(bodyConst, [null, 0])(ints("0"), ints("[2, 3]")))).toEqual([4, 3]);
  });

  it("testWhileLoopTupleBatched", () => {
    const fun = (x: any, y: any) => lax.while_loop((c: any) => jnp.less(jnp.add(c[0], c[1]), 5), (c: any) => [jnp.add(c[0], 1), c[1]], [x, y]);
    expect((vmap(fun)(ints("[0, 0]"), ints("[1, 2]")) as NDArray[]).map(list)).toEqual([[4, 3], [1, 2]]);
  });

  it("testForiLoopBatched", () => {
    const fun = (x: any) => lax.fori_loop(0, 10, (_i: any, c: any) => [jnp.add(c[0], 1), jnp.add(c[1], 2)], [x, 0]);
    expect((vmap(fun)(ints("[0, 1]")) as NDArray[]).map(list)).toEqual([[10, 11], [20, 20]]);
  });

  it("testForiLoopBatchedIssue1190: the counter stays an unbatched scalar in cond_jaxpr", () => {
    const f = (x: any) => lax.while_loop((c: any) => jnp.less(c[0], 4), (c: any) => [jnp.add(c[0], 1), jnp.add(c[1], 1)], [0, x]);
    const text = makeJaxpr(vmap(f))(ints("[0, 1, 2]")).toString();
    expect(text).toMatch(/^\{ lambda ; a:i32\[3\]\. let\n {4}b:i32\[\] c:i32\[3\] = while\[/);
    expect(text).toContain("cond_jaxpr={ lambda ; h:i32[] i:i32[3]. let\n          j:bool[] = lt h 4:i32[]\n        in (j,) }");
  });

  it("testForiLoopBasic (traced bounds: a while)", () => {
    const count = (n: any) => lax.fori_loop(0, n, (i: any, tot: any) => jnp.add(tot, i), 0);
    expect(list(jit(count)(ints("2")))).toBe(1);
    expect(list(jit(count)(ints("3")))).toBe(3);
  });

  it("testCondBatched: an unbatched predicate stays a cond, a batched one becomes select_n", () => {
    const fun = (x: any, y: any, z: any) => lax.cond(jnp.less(x, 3), (a: any) => a, (_a: any, b: any) => jnp.negative(b), y, z);
    const fix = (f: Function) => (x: any, y: any, z: any) => f(x, y, z);
    const run = (inAxes: (number | null)[], ...args: NDArray[]) => {
      const j = makeJaxpr(vmap(fun, inAxes))(...args);
      return { ans: list(vmap(fun, inAxes)(...args)), select: hasSelect(j) };
    };
    const y = ints("[1, 2]");
    expect(run([null, 0, 0], ints("2"), y, ints("[3, 4]"))).toEqual({ ans: [1, 2], select: false });
    expect(run([null, 0, 0], ints("4"), y, ints("[3, 4]"))).toEqual({ ans: [-3, -4], select: false });
    expect(list(vmap(jit(fix(fun)), [null, 0, 0])(ints("4"), y, ints("[3, 4]")))).toEqual([-3, -4]);
    expect(run([null, 0, null], ints("4"), y, ints("5"))).toEqual({ ans: [-5, -5], select: false });
    expect(run([0, 0, null], ints("[2, 4]"), y, ints("5"))).toEqual({ ans: [1, -5], select: true });
    expect(run([0, 0, 0], ints("[2, 4]"), y, ints("[3, 4]"))).toEqual({ ans: [1, -4], select: true });
  });

  it("testSwitchBatched", () => {
    const fun = (i: any, x: any, y: any, z: any) =>
      lax.switch(i, [(t: any) => t[0], (t: any) => jnp.negative(t[1]), (t: any) => laxSign(t[2])], [x, y, z]);
    const run = (inAxes: (number | null)[], ...args: NDArray[]) => ({ ans: list(vmap(fun, inAxes)(...args)), select: hasSelect(makeJaxpr(vmap(fun, inAxes))(...args)) });
    const [x, y, z, w] = [ints("0"), ints("[1, 2]"), ints("[3, 4]"), ints("9")];
    expect(run([null, 0, 0, null], x, y, z, w)).toEqual({ ans: [1, 2], select: false });
    expect(run([null, 0, 0, null], ints("1"), y, z, w)).toEqual({ ans: [-3, -4], select: false });
    expect(run([null, 0, null, null], ints("1"), y, ints("5"), w)).toEqual({ ans: [-5, -5], select: false });
    expect(run([0, 0, null, null], ints("[0, 1]"), y, ints("5"), w)).toEqual({ ans: [1, -5], select: true });
    expect(run([0, 0, 0, 0], ints("[0, 1]"), y, ints("[3, 4]"), ints("[9, 9]"))).toEqual({ ans: [1, -4], select: true });
  });

  it("testCondGradVmapNan: the branch not taken sends no nan back", () => {
    const eps = 1e-3;
    const safe1 = (x: any) => lax.cond(jnp.less(x, eps), () => eps, () => jnp.sqrt(x));
    const out = list(grad((x: any) => jnp.sum(vmap(safe1)(x) as NDArray))(jnp.zeros([10]))) as number[];
    expect(out.some(Number.isNaN)).toBe(false);
  });

  it("testScanVmapTuples: per-example scans over in_axes (0, (1, 2))", () => {
    const f = (c: any, a: any) => {
      const [a1, a2] = a;
      const [c1, c2] = c;
      const b = jnp.multiply(jnp.sum(jnp.cos(a1)), jnp.sum(jnp.multiply(c2, a2)));
      return [[jnp.multiply(c1, jnp.sin(jnp.sum(jnp.multiply(a1, a2)))), jnp.multiply(c2, jnp.cos(jnp.sum(a1)))], b];
    };
    const rnd = (shape: number[], seed: number) => np.array(Array.from({ length: shape.reduce((x, y) => x * y, 1) }, (_, i) => Math.sin(seed * 7.3 + i * 1.7)), shape);
    const as_ = [rnd([3, 7], 1), rnd([3, 4, 7], 2)];
    const c = [rnd([7, 2], 3), rnd([7], 4)];
    const got = vmap((cc: any, aa: any) => lax.scan(f, cc, aa), [0, [1, 2]])(c, as_) as any;
    for (let i = 0; i < 7; i++) {
      const take = (x: NDArray, axis: number) => jnp.index(jnp.moveaxis(x, axis, 0), [i]);
      const [[c1, c2], bs] = lax.scan(f, [take(c[0], 0), take(c[1], 0)], [take(as_[0], 1), take(as_[1], 2)]) as any;
      expect(list(take(got[0][0], 0))).toEqual(list(c1));
      expect(list(take(got[0][1], 0))).toEqual(list(c2));
      expect(list(take(got[1], 0))).toEqual(list(bs));
    }
  });

  it("testScanVmapFixpoint: a carry the body shifts becomes batched", () => {
    // In the lambda language, where 0. is a float as in Python (from JavaScript 0 is a weak int).
    const f = parseLambda("lambda init: jax.lax.scan(lambda c, x: ((c[1], c[2], c[3], 0.), None), (0., 1., 2., init), jnp.zeros(2))[0]");
    const carry = vmap(f)(np.array([3, 4, 5])) as NDArray[];
    expect(carry.map(list)).toEqual([[2, 2, 2], [3, 4, 5], [0, 0, 0], [0, 0, 0]]);
  });
});

describe("traceVmap tells control flow per example (the picture's data)", () => {
  it("a batched cond: every branch's values on every example, and the branch each takes", () => {
    const f = parseLambda("lambda p, x: jax.lax.cond(p > 1.5, lambda y: y * 10.0, lambda y: -y, x)");
    const story = traceVmap(f, [0, 0], 0, [np.array([0, 1, 2, 3]), np.array([1, 2, 3, 4])]);
    const p = story.primitives.find((q) => q.primitive === "cond")!;
    expect(p.becomes).toBe("select_n of every branch, computed on the whole batch");
    expect(p.control).toEqual({ kind: "cond", branches: 2, batchedIndex: true, taken: [0, 0, 1, 1], values: [[[-1], [-2], [-3], [-4]], [[10], [20], [30], [40]]] });
    const same = traceVmap(f, [null, 0], 0, [np.array(2), np.array([1, 2])]).primitives.find((q) => q.primitive === "cond")!;
    expect(same.becomes).toContain("one cond over batched branches");
  });

  it("a while_loop: each iteration's carries and which examples still run", () => {
    const f = parseLambda("lambda x: jax.lax.while_loop(lambda c: c < 10.0, lambda c: c * 2.0 + 1.0, x)");
    const p = traceVmap(f, [0], 0, [np.array([0, 2])]).primitives.find((q) => q.primitive === "while")!;
    expect(p.becomes).toContain("while with a batched predicate");
    expect(p.control).toEqual({
      kind: "loop",
      primitive: "while",
      truncated: false,
      steps: [
        { carry: [[0], [2]], active: [true, true] },
        { carry: [[1], [5]], active: [true, true] },
        { carry: [[3], [11]], active: [true, false] },
        { carry: [[7], [11]], active: [true, false] },
        { carry: [[15], [11]], active: [false, false] },
      ],
    });
  });

  it("psum: each example's value and the one result, named reduce_sum over the batch axis", () => {
    const f = parseLambda("lambda x: x / jax.lax.psum(x, 'b')");
    const p = traceVmap(f, [0], 0, [np.array([1, 2, 3])], { axisName: "b" }).primitives.find((q) => q.primitive === "psum")!;
    expect(p.becomes).toBe("reduce_sum over the batch axis");
    expect(p.control).toEqual({ kind: "collective", primitive: "psum", perExample: [[1], [2], [3]], result: [6] });
  });
});

describe("jax.lax loads on demand", () => {
  it("before its chunk has loaded, a call says so; loadLax gives the namespace", async () => {
    const { parseLambdaWith } = await import("../../engine/lang");
    const { engineHost } = await import("../../engine/langHost");
    const host = { ...engineHost, lax: undefined };
    const f = parseLambdaWith("lambda x: jax.lax.cond(True, lambda y: y, lambda y: -y, x)", host);
    expect(errorOf(() => f(np.array(1))).message).toBe("jax.lax.cond is still loading");
    const { loadLax } = await import("../../engine");
    expect(await loadLax()).toBe(lax);
  });
});
