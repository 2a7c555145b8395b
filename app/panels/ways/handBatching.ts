/**
 * Batching by hand: the program a person would write for the whole batch, when there is one
 * we know. Decided from the engine's IR, never from the lambda's text:
 * 1. f already batches: `make_jaxpr(f)` on the whole batched arrays is the very program
 *    `make_jaxpr(vmap(f))` builds (same equations, shapes and parameters), as for an
 *    element-wise f mapped along axis 0 everywhere. Then f itself is the hand batching.
 * 2. A table keyed on the structure of f's per-example jaxpr — each equation's primitive and
 *    parameters, and for each input whether it is mapped and its rank — plus out_axes: a
 *    matrix–vector product (JAX's quickstart: `jnp.dot(v_batched, mat.T)`), a vector–matrix or
 *    vector–vector product with one side mapped, a sum over everything.
 * Anything else has no hand batching here ("none").
 */
import { makeJaxpr, np, vmap, type NDArray } from "../../../engine/index";
import { describeCall, type VmapCall } from "../../state/engineBridge";
import type { AxisTree } from "../../state/explorerTypes";

export interface HandBatching {
  /** The Python expression, in the call's own parameter names. */
  code: string;
  /** Why this is the hand batching. */
  why: string;
  run: () => unknown;
}

type Jaxpr = ReturnType<ReturnType<typeof makeJaxpr>>["jaxpr"];

/** A table entry: from the arguments (each a plain array) and their in_axes, the program. */
type Builder = (args: NDArray[], names: string[], axes: (number | null)[]) => HandBatching;

/** `x` as a (batch, …) array: the mapped axis first (`x.T` for a 2-d array mapped along 1). */
function batchFirst(x: NDArray, name: string, axis: number): { x: NDArray; code: string } {
  if (axis === 0 || axis === -x.ndim) return { x, code: name };
  return { x: np.moveaxis(x, axis, 0), code: x.ndim === 2 ? `${name}.T` : `jnp.moveaxis(${name}, ${axis}, 0)` };
}

const dotKey = (lhs: string, rhs: string, lc: number, rc: number) =>
  `dot_general(${lhs},${rhs}){"lhsContract":[${lc}],"rhsContract":[${rc}],"lhsBatch":[],"rhsBatch":[]}|out=0`;

function sumKey(rank: number): string {
  return `reduce_sum(B${rank}){"axes":[${Array.from({ length: rank }, (_, i) => i).join(",")}]}|out=0`;
}

const TABLE = new Map<string, Builder>([
  // mat @ v per example, v mapped: all rows at once are v_batched @ mat.T (the quickstart's).
  [
    dotKey("U2", "B1", 1, 0),
    ([m, v], [mn, vn], [, av]) => {
      const b = batchFirst(v, vn, av!);
      return { code: `jnp.dot(${b.code}, ${mn}.T)`, why: "matrix–vector products of a batch of vectors are one matrix product", run: () => np.dot(b.x, np.transpose(m)) };
    },
  ],
  // v @ mat per example, v mapped.
  [
    dotKey("B1", "U2", 0, 0),
    ([v, m], [vn, mn], [av]) => {
      const b = batchFirst(v, vn, av!);
      return { code: `jnp.dot(${b.code}, ${mn})`, why: "vector–matrix products of a batch of vectors are one matrix product", run: () => np.dot(b.x, m) };
    },
  ],
  // Rows of a mapped matrix dotted with one vector: a matrix–vector product.
  [
    dotKey("B1", "U1", 0, 0),
    ([x, v], [xn, vn], [ax]) => {
      const b = batchFirst(x, xn, ax!);
      return { code: `jnp.dot(${b.code}, ${vn})`, why: "a batch of dot products with one vector is a matrix–vector product", run: () => np.dot(b.x, v) };
    },
  ],
  [
    dotKey("U1", "B1", 0, 0),
    ([v, x], [vn, xn], [, ax]) => {
      const b = batchFirst(x, xn, ax!);
      return { code: `jnp.dot(${b.code}, ${vn})`, why: "a batch of dot products with one vector is a matrix–vector product", run: () => np.dot(b.x, v) };
    },
  ],
  // A sum over every axis of each example: a sum over every axis but the mapped one.
  ...[1, 2, 3, 4].map((r): [string, Builder] => [
    sumKey(r),
    ([x], [xn], [ax]) => {
      const a = ax! < 0 ? ax! + x.ndim : ax!;
      const axes = Array.from({ length: x.ndim }, (_, i) => i).filter((i) => i !== a);
      const axisText = axes.length === 1 ? String(axes[0]) : `(${axes.join(", ")})`;
      return { code: `jnp.sum(${xn}, axis=${axisText})`, why: "a sum of each example is a sum over every axis but the batch axis", run: () => np.sum(x, { axis: axes }) };
    },
  ]),
]);

/**
 * The structure of f's per-example jaxpr: per equation its primitive, its inputs (`B`/`U` for a
 * mapped/unmapped argument and its rank, `t` for an intermediate, `lit` for a literal) and its
 * parameters; and out_axes. Shapes other than ranks are left out, so the key holds at any size.
 */
export function jaxprStructure(jaxpr: Jaxpr, mapped: readonly boolean[], outAxes: AxisTree): string {
  const names = new Map(jaxpr.invars.map((v, i) => [v, `${mapped[i] ? "B" : "U"}${v.aval.shape.length}`]));
  const eqns = jaxpr.eqns.map((e) => {
    const ins = e.inputs.map((a) => (a.kind === "lit" ? "lit" : (names.get(a) ?? "t")));
    return `${e.prim.name}(${ins.join(",")})${JSON.stringify(e.params ?? {})}`;
  });
  return `${eqns.join(";")}|out=${JSON.stringify(outAxes)}`;
}

/** The hand batching for this call, or null ("none"). The call's arguments must have been built. */
export function handBatching(call: VmapCall): HandBatching | null {
  if (!call.parsed.ok || !call.args.ok) return null;
  const fn = call.parsed.fn;
  const args = call.args.values;
  const names = call.params;
  // 1. Is f, run on the whole arrays, already vmap's program?
  try {
    const batched = makeJaxpr(vmap(fn, call.inAxes, call.outAxes, call.opts))(...args).toString();
    const whole = makeJaxpr(fn)(...args).toString();
    if (whole === batched) {
      return { code: `f(${names.join(", ")})`, why: "f's own program on the whole arrays is the program vmap builds", run: () => fn(...args) };
    }
  } catch {
    // f cannot run on the whole arrays (or vmap raises: the panel shows that error).
  }
  // 2. The table: plain array arguments only, each mapped or not.
  const axes = call.inAxes;
  if (!axes.every((a) => a === null || typeof a === "number")) return null;
  const arrays = args.filter((a): a is NDArray => !Array.isArray(a));
  if (arrays.length !== args.length) return null;
  const described = describeCall(call);
  if (!described || described.error) return null;
  // What f sees: each argument's slice shape (vmap's own plan), in the arguments' dtype.
  const perExample = described.args.map((l, i) => (l.inAxis === null ? arrays[i] : np.zeros(l.sliceShape, arrays[i].dtype)));
  let key: string;
  try {
    key = jaxprStructure(makeJaxpr(fn)(...perExample).jaxpr, axes.map((a) => a !== null), call.outAxes);
  } catch {
    return null;
  }
  const build = TABLE.get(key);
  return build ? build(arrays, names, axes as (number | null)[]) : null;
}
