/**
 * gradTape: `jax.grad(f, argnums)(*args)` told step by step, as data for the computation graph.
 * f is staged to its jaxpr (`make_jaxpr(f)` at the arguments' shapes); the jaxpr is then run
 * under the engine's own vjp (grad.ts), equation by equation, so every value of the forward pass
 * belongs to a jaxpr variable, and every step of the backward pass (one primitive's VJP rule,
 * walking the tape in reverse) is the step of one equation: the cotangents of its outputs and
 * what its rule sent to each input. The gradients it ends with are grad's (same vjp, same
 * rules); errors are grad's own, raised by grad itself before anything is staged.
 */
import type { DType } from "../array/dtype";
import type { NDArray } from "../array/ndarray";
import { full } from "../array/create";
import { treeFlatten } from "../core/pytree";
import { avalOf, bind, isTracer, toValue, type Value } from "../core/tracer";
import { Lit, traceToJaxpr, type Atom, type Var } from "../ir/jaxpr";
import { jaxprParts } from "../ir/print";
import { withBudgetScope } from "../limits";
import { grad, vjp, type GradOptions } from "./grad";

export interface TapeArray {
  shape: number[];
  /** Row-major values (shared with the array's storage when dense: read only, never copied). */
  data: Float64Array;
  dtype: DType;
}

export interface TapeVar {
  /** The jaxpr's name (as printed), or a literal's text. */
  name: string;
  shape: number[];
  literal: boolean;
}

export interface TapeInput extends TapeVar {
  /** Positional argument it is a leaf of, and whether grad differentiates it (argnums). */
  arg: number;
  differentiated: boolean;
}

export interface TapeEqn {
  index: number;
  primitive: string;
  /** The equation as make_jaxpr prints it. */
  text: string;
  inputs: TapeVar[];
  outputs: TapeVar[];
  /** False when no input depends on a differentiated argument (no backward step). */
  onTape: boolean;
}

/** One backward step: the VJP rule of equation `eqn`'s primitive applied to its outputs' cotangents. */
export interface BackwardStep {
  eqn: number;
  primitive: string;
  /** Cotangent of each output (all contributions summed), null = zero. */
  outCts: { name: string; value: TapeArray | null }[];
  /** What the rule sent to each input that depends on a differentiated argument. */
  contributions: { name: string; value: TapeArray }[];
}

export interface GradTape {
  inputs: TapeInput[];
  constvars: TapeVar[];
  eqns: TapeEqn[];
  output: TapeVar;
  /** Every variable's forward value (inputs, constvars and equation outputs), by name. */
  values: Map<string, TapeArray>;
  backward: BackwardStep[];
  /** The cotangent each differentiated input ends with: grad's answer, leaf by leaf. */
  grads: { name: string; value: TapeArray }[];
  /** The whole jaxpr as make_jaxpr prints it. */
  text: string;
}

const data = (x: Value): TapeArray => {
  const a = x as NDArray;
  return { shape: [...a.shape], data: a.dense(), dtype: a.dtype };
};

export function gradTape(fun: Function, args: readonly unknown[], opts: GradOptions = {}): GradTape {
  return withBudgetScope(() => {
    grad(fun, opts)(...args); // grad's own errors (argnums, non-scalar output, missing rules) first
    // grad has checked argnums (ints, in range); negatives count from the end, as there.
    const argnums = (opts.argnums ?? 0) as number | boolean | number[];
    const listed = Array.isArray(argnums) ? argnums : [Number(argnums)];
    const nums = new Set(listed.map((i) => ((i % args.length) + args.length) % args.length));
    const perArg = args.map((a) => treeFlatten(a)[0].map(toValue));
    const owner = perArg.flatMap((leaves, i) => leaves.map(() => i));
    const leaves = perArg.flat();
    const [, inTree] = treeFlatten([...args]);
    const { jaxpr } = traceToJaxpr(fun as (...a: unknown[]) => unknown, leaves.map(avalOf), inTree);
    const parts = jaxprParts(jaxpr);
    const { names, atom } = parts;
    const tv = (a: Atom): TapeVar => ({ name: a instanceof Lit ? atom(a) : names.get(a)!, shape: [...a.aval.shape], literal: a instanceof Lit });

    const diff = leaves.map((_, i) => nums.has(owner[i]));
    const diffIdx = leaves.flatMap((_, i) => (diff[i] ? [i] : []));
    const values = new Map<string, TapeArray>();
    const onTape = jaxpr.eqns.map(() => false);
    const entryEqn: number[] = [];
    let current = -1;
    let lastOuts: readonly Value[] = [];
    const backward: BackwardStep[] = [];
    const nameOfVar = (v: Var) => names.get(v)!;

    const run = (xs: Value[]): Value[] => {
      const env = new Map<Var, Value>();
      jaxpr.constvars.forEach((v, i) => env.set(v, jaxpr.consts[i]));
      let k = 0;
      jaxpr.invars.forEach((v, i) => env.set(v, diff[i] ? xs[k++] : leaves[i]));
      const read = (a: Atom): Value => (a instanceof Lit ? a.val : env.get(a)!);
      jaxpr.eqns.forEach((e, i) => {
        current = i;
        lastOuts = [];
        const outs = bind(e.prim, e.inputs.map(read), e.params);
        e.outputs.forEach((v, j) => {
          env.set(v, outs[j]);
          // A tracer's primal is what the tape recorded; a value off the tape is already concrete.
          values.set(nameOfVar(v), data(isTracer(outs[j]) ? lastOuts[j] : outs[j]));
        });
      });
      return jaxpr.outvars.map(read);
    };
    const [, pullback] = vjp(
      run,
      diffIdx.map((i) => leaves[i]),
      {
        recorded: ({ index, outs: o }) => {
          entryEqn[index] = current;
          onTape[current] = true;
          lastOuts = o;
        },
        pulled: ({ index, outCts, inCts }) => {
          const e = jaxpr.eqns[entryEqn[index]];
          const contributions: BackwardStep["contributions"] = [];
          e.inputs.forEach((a, j) => {
            const ct = inCts[j];
            if (a instanceof Lit || ct === null || ct === undefined) return;
            contributions.push({ name: nameOfVar(a), value: data(ct) });
          });
          backward.push({
            eqn: entryEqn[index],
            primitive: e.prim.name,
            outCts: e.outputs.map((v, j) => ({ name: nameOfVar(v), value: outCts[j] === null ? null : data(outCts[j]!) })),
            contributions,
          });
        },
      },
    );
    jaxpr.constvars.forEach((v, i) => values.set(nameOfVar(v), data(jaxpr.consts[i])));
    jaxpr.invars.forEach((v, i) => values.set(nameOfVar(v), data(leaves[i])));
    const cts = pullback([full([], 1)]);
    const out = jaxpr.outvars[0];
    if (out instanceof Lit) values.set(atom(out), data(out.val));
    return {
      inputs: jaxpr.invars.map((v, i) => ({ ...tv(v), arg: owner[i], differentiated: diff[i] })),
      constvars: jaxpr.constvars.map(tv),
      eqns: jaxpr.eqns.map((e, index) => ({
        index,
        primitive: e.prim.name,
        text: parts.eqns[index],
        inputs: e.inputs.map(tv),
        outputs: e.outputs.map(tv),
        onTape: onTape[index],
      })),
      output: tv(out),
      values,
      backward,
      grads: diffIdx.map((i, j) => ({ name: nameOfVar(jaxpr.invars[i]), value: data(cts[j] ?? full(leaves[i].shape, 0)) })),
      text: jaxpr.toString(),
    };
  });
}
