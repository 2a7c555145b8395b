/**
 * Reverse-mode autodiff with direct VJP rules on a tape. A VJPTrace records each primitive it
 * sees (computing the primal by binding one level down); the pullback walks the tape backwards
 * calling each primitive's `vjp`, which binds primitives too — so grad composes with vmap, jit
 * and itself (grad of grad) through the ordinary trace stack. JAX uses JVP + transpose; for the
 * numbers this is the same, and one rule per primitive is simpler to read.
 */
import { ShapedArray } from "../core/aval";
import { keepParamNames } from "../core/fnmeta";
import type { PrimitiveDef } from "../core/primitive";
import { treeFlatten, treeUnflatten, type TreeDef } from "../core/pytree";
import { avalOf, bind, bind1, toValue, Trace, Tracer, withMainTrace, type MainTrace, type Value } from "../core/tracer";
import { EngineError, pyShape } from "../errors";
import { full } from "../array/create";
import { withBudgetScope } from "../limits";
import { addP as add } from "../primitives/elementwise";

interface TapeEntry {
  prim: PrimitiveDef;
  params: unknown;
  xs: Value[];
  outs: Value[];
  inIds: (number | null)[];
  outIds: number[];
}

interface Tape {
  entries: TapeEntry[];
  nextId: number;
}

class VJPTracer extends Tracer {
  constructor(readonly trace: VJPTrace, readonly primal: Value, readonly id: number | null) {
    super();
  }
  get aval(): ShapedArray {
    return avalOf(this.primal);
  }
  override fullLower(): Value {
    return this.id === null ? this.primal : this;
  }
}

class VJPTrace extends Trace<Tape> {
  pure(x: Value): Tracer {
    return new VJPTracer(this, x, null);
  }
  process<P>(prim: PrimitiveDef<P>, tracers: Tracer[], params: P): Tracer[] {
    const ts = tracers as VJPTracer[];
    const xs = ts.map((t) => t.primal);
    const outs = bind(prim, xs, params);
    const inIds = ts.map((t) => t.id);
    if (inIds.every((id) => id === null)) return outs.map((o) => new VJPTracer(this, o, null));
    const tape = this.main.data;
    const outIds = outs.map(() => tape.nextId++);
    tape.entries.push({ prim, params, xs, outs, inIds, outIds });
    return outs.map((o, i) => new VJPTracer(this, o, outIds[i]));
  }
}

function accumulate(cts: Map<number, Value>, id: number, ct: Value) {
  const prev = cts.get(id);
  cts.set(id, prev === undefined ? ct : bind1(add, [prev, ct]));
}

/**
 * vjp of a flat function: the primal outputs and a pullback from output cotangents (null = zero)
 * to input cotangents (null where the output does not depend on that input).
 */
export function vjp(fun: (xs: Value[]) => Value[], primals: readonly Value[]): [Value[], (cts: (Value | null)[]) => (Value | null)[]] {
  const tape: Tape = { entries: [], nextId: primals.length };
  const { outs, outIds } = withMainTrace((m: MainTrace<Tape>) => new VJPTrace(m), tape, (main) => {
    const trace = new VJPTrace(main);
    const ins = primals.map((p, i) => new VJPTracer(trace, p, i));
    const results = fun(ins).map(toValue);
    return {
      outs: results.map((r) => (r instanceof VJPTracer && r.trace.main === main ? r.primal : r)),
      outIds: results.map((r) => (r instanceof VJPTracer && r.trace.main === main ? r.id : null)),
    };
  });
  const pullback = (outCts: (Value | null)[]) => {
    const cts = new Map<number, Value>();
    outIds.forEach((id, i) => {
      const ct = outCts[i];
      if (id !== null && ct) accumulate(cts, id, ct);
    });
    for (let e = tape.entries.length - 1; e >= 0; e--) {
      const entry = tape.entries[e];
      const eCts = entry.outIds.map((id) => cts.get(id) ?? null);
      if (eCts.every((c) => c === null)) continue;
      entry.outIds.forEach((id) => cts.delete(id));
      if (!entry.prim.vjp) throw new EngineError("unsupported", `Differentiation rule for '${entry.prim.name}' not implemented`);
      const inCts = entry.prim.vjp(eCts, entry.xs, entry.outs, entry.params, entry.inIds.map((id) => id !== null));
      entry.inIds.forEach((id, i) => {
        const ct = inCts[i];
        if (id !== null && ct) accumulate(cts, id, ct);
      });
    }
    return primals.map((_, i) => cts.get(i) ?? null);
  };
  return [outs, pullback];
}

export interface GradOptions {
  argnums?: number | number[];
}

function scalarOutputError(shape: readonly number[]): EngineError {
  const n = shape.reduce((a, b) => a * b, 1);
  const hint =
    n === 1
      ? `To get the gradient, extract the scalar with output.reshape(())${shape.length === 1 ? " or output[0]" : ""}, or use jax.jacobian to differentiate a function with a non-scalar output.`
      : "To get the gradient, reduce the output to a scalar with output.sum(), or use jax.jacobian to differentiate a function with a non-scalar output.";
  return new EngineError("shape-error", `Gradient only defined for scalar-output functions. Output had shape: ${pyShape(shape)}. ${hint}`);
}

/** jax.value_and_grad: returns [value, gradient] (a tuple of gradients for an array argnums). */
export function valueAndGrad(fun: Function, opts: GradOptions = {}) {
  const argnums = opts.argnums ?? 0;
  const nums = typeof argnums === "number" ? [argnums] : argnums;
  const wrapped = (...args: unknown[]) => withBudgetScope(() => valueAndGradCall(args));
  const valueAndGradCall = (args: unknown[]) => {
    let need = 0;
    for (const n of nums) need = Math.max(need, n + 1);
    if (args.length < need) {
      throw new EngineError(
        "unsupported",
        `differentiating with respect to argnums=${typeof argnums === "number" ? argnums : `(${argnums.join(", ")}${argnums.length === 1 ? "," : ""})`} requires at least ${need} positional arguments to be passed by the caller, but got only ${args.length} positional arguments.`,
      );
    }
    const trees: TreeDef[] = [];
    const counts: number[] = [];
    const flat: Value[] = [];
    for (const n of nums) {
      const [leaves, def] = treeFlatten(args[n]);
      trees.push(def);
      counts.push(leaves.length);
      for (const l of leaves) flat.push(toValue(l));
    }
    const flatFun = (xs: Value[]) => {
      const full = [...args];
      let k = 0;
      nums.forEach((n, j) => {
        full[n] = treeUnflatten(trees[j], xs.slice(k, k + counts[j]));
        k += counts[j];
      });
      const out = toValue(fun(...full));
      if (out.shape.length !== 0) throw scalarOutputError(out.shape);
      return [out];
    };
    const [[value], pullback] = vjp(flatFun, flat);
    const cts = pullback([full([], 1)]);
    let k = 0;
    const grads = nums.map((_, j) => {
      const g = cts.slice(k, k + counts[j]).map((c, i) => c ?? full(flat[k + i].shape, 0));
      k += counts[j];
      return treeUnflatten(trees[j], g);
    });
    return [value, typeof argnums === "number" ? grads[0] : grads];
  };
  return keepParamNames(fun, wrapped);
}

/** jax.grad. */
export function grad(fun: Function, opts: GradOptions = {}) {
  const vg = valueAndGrad(fun, opts);
  const g = (...args: unknown[]) => vg(...args)[1];
  return keepParamNames(fun, g);
}
