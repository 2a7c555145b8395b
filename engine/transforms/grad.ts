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
import { EngineError, pyShape, pyTuple } from "../errors";
import { ensureIndex } from "../array/pyargs";
import { isFloat } from "../array/dtype";
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
  observer?: TapeObserver;
}

/**
 * Told each step of a vjp as it happens (transforms/tape.ts shows them): every primitive
 * recorded on the tape with its primal inputs and outputs, then, walking back, every rule applied
 * with the cotangents of the entry's outputs and what it sent to each input (null = zero).
 */
export interface TapeObserver {
  recorded?(entry: { index: number; prim: PrimitiveDef; xs: readonly Value[]; outs: readonly Value[] }): void;
  pulled?(step: { index: number; prim: PrimitiveDef; outCts: readonly (Value | null)[]; inCts: readonly (Value | null)[]; differentiable: readonly boolean[] }): void;
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
    tape.observer?.recorded?.({ index: tape.entries.length - 1, prim, xs, outs });
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
export function vjp(fun: (xs: Value[]) => Value[], primals: readonly Value[], observer?: TapeObserver): [Value[], (cts: (Value | null)[]) => (Value | null)[]] {
  const tape: Tape = { entries: [], nextId: primals.length, observer };
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
      observer?.pulled?.({ index: e, prim: entry.prim, outCts: eCts, inCts, differentiable: entry.inIds.map((id) => id !== null) });
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
  /** An int or a sequence of ints, checked as JAX does (any other value is a Python TypeError). */
  argnums?: unknown;
}

/** JAX's `_check_scalar` (jax/_src/api.py): a TypeError with the hint for this shape. */
function scalarOutputError(shape: readonly number[]): EngineError {
  const n = shape.reduce((a, b) => a * b, 1);
  const extract = n === 1 ? `extract the scalar with output.reshape(())${shape.length === 1 ? " or output[0]" : ""}, ` : "";
  const hint = `To get the gradient, ${extract}reduce the output to a scalar with output.sum(), or use jax.jacobian to differentiate a function with a non-scalar output.`;
  return new EngineError("shape-error", `Gradient only defined for scalar-output functions. Output had shape: ${pyShape(shape)}. ${hint}`, { pyType: "TypeError" });
}

/** Python's repr of argnums as JAX's message prints it: `2` or `(0, 2)`. */
const argnumsRepr = (a: number | number[]) => (typeof a === "number" ? String(a) : pyTuple(a.map(String)));

/**
 * JAX's `_ensure_inbounds` (jax/_src/api_util.py): each index in [-len(args), len(args)),
 * negatives resolved from the end.
 */
function ensureInbounds(nums: readonly number[], nargs: number): number[] {
  return nums.map((i) => {
    if (i < -nargs || i >= nargs) {
      throw new EngineError(
        "unsupported",
        `Positional argument indices, e.g. for \`static_argnums\`, must have value greater than or equal to -len(args) and less than len(args), but got value ${i} for len(args) == ${nargs}.`,
        { pyType: "ValueError" },
      );
    }
    return ((i % nargs) + nargs) % nargs;
  });
}

/**
 * Reverse mode needs float inputs: an int or bool one is JAX's TypeError.
 * JAX: api.py `_check_input_dtype_revderiv`.
 */
function checkInexact(x: Value, name: string): Value {
  if (isFloat(x.dtype)) return x;
  throw new EngineError(
    "unsupported",
    `${name} requires real- or complex-valued inputs (input dtype that is a sub-dtype of np.inexact), but got ${x.dtype}. If you want to use Boolean- or integer-valued inputs, use vjp or set allow_int to True.`,
    { pyType: "TypeError" },
  );
}

/** JAX: api.py `_check_output_dtype_revderiv`. */
function realOutputError(dtype: string, name: string): EngineError {
  return new EngineError(
    "unsupported",
    `${name} requires real-valued outputs (output dtype that is a sub-dtype of np.floating), but got ${dtype}. For holomorphic differentiation, pass holomorphic=True. For differentiating non-holomorphic functions involving complex outputs, or function with integer outputs, use jax.vjp directly.`,
    { pyType: "TypeError" },
  );
}

/** jax.value_and_grad: returns [value, gradient] (a tuple of gradients for an array argnums). */
export function valueAndGrad(fun: Function, opts: GradOptions = {}) {
  return valueAndGradNamed(fun, opts, "value_and_grad");
}

function valueAndGradNamed(fun: Function, opts: GradOptions, name: string) {
  const argnums = ensureIndex(opts.argnums ?? 0);
  const wrapped = (...args: unknown[]) => withBudgetScope(() => valueAndGradCall(args));
  const valueAndGradCall = (args: unknown[]) => {
    // JAX: `max_argnum = argnums if isinstance(argnums, int) else max(argnums)`; max(()) fails.
    if (typeof argnums !== "number" && argnums.length === 0) {
      throw new EngineError("unsupported", "max() iterable argument is empty", { pyType: "ValueError" });
    }
    const need = (typeof argnums === "number" ? argnums : Math.max(...argnums)) + 1;
    if (args.length < need) {
      throw new EngineError(
        "unsupported",
        `differentiating with respect to argnums=${argnumsRepr(argnums)} requires at least ${need} positional arguments to be passed by the caller, but got only ${args.length} positional arguments.`,
        { pyType: "TypeError" },
      );
    }
    const nums = ensureInbounds(typeof argnums === "number" ? [argnums] : argnums, args.length);
    const trees: TreeDef[] = [];
    const counts: number[] = [];
    const flat: Value[] = [];
    for (const n of nums) {
      const [leaves, def] = treeFlatten(args[n]);
      trees.push(def);
      counts.push(leaves.length);
      for (const l of leaves) flat.push(checkInexact(toValue(l), name));
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
      if (!isFloat(out.dtype)) throw realOutputError(out.dtype, name);
      return [out];
    };
    const [[value], pullback] = vjp(flatFun, flat);
    const cts = pullback([full([], 1, value.dtype)]);
    let k = 0;
    const grads = nums.map((_, j) => {
      const g = cts.slice(k, k + counts[j]).map((c, i) => c ?? full(flat[k + i].shape, 0, flat[k + i].dtype));
      k += counts[j];
      return treeUnflatten(trees[j], g);
    });
    return [value, typeof argnums === "number" ? grads[0] : grads];
  };
  return keepParamNames(fun, wrapped);
}

/** jax.grad. */
export function grad(fun: Function, opts: GradOptions = {}) {
  const vg = valueAndGradNamed(fun, opts, "grad");
  const g = (...args: unknown[]) => vg(...args)[1];
  return keepParamNames(fun, g);
}
