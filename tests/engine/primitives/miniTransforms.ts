/**
 * Test-only miniature vmap and grad, so the primitive and jnp tests exercise batch and VJP rules
 * through real traces without depending on the transforms being written concurrently
 * (engine/transforms/). miniVmap: a BatchTrace calling prim.shape on per-example avals, then
 * prim.batch (as the real one does). miniGrad: a tape of binds, walked backwards with prim.vjp.
 */
import { ShapedArray } from "../../../engine/core/aval";
import type { BDim, PrimitiveDef } from "../../../engine/core/primitive";
import { avalOf, bind, bind1, toValue, Trace, Tracer, withMainTrace, type Value } from "../../../engine/core/tracer";
import { full } from "../../../engine/array/create";
import { addP } from "../../../engine/primitives/elementwise";
import { moveBatchAxis } from "../../../engine/primitives/families";

class MiniBatchTracer extends Tracer {
  constructor(readonly trace: MiniBatchTrace, readonly val: Value, readonly bdim: BDim) {
    super();
  }
  get aval(): ShapedArray {
    const s = avalOf(this.val).shape;
    return new ShapedArray(this.bdim === null ? s : s.filter((_, i) => i !== this.bdim));
  }
  override fullLower(): Value {
    return this.bdim === null ? this.val : this;
  }
}

class MiniBatchTrace extends Trace {
  /** Every primitive processed, for "one dot_general" style assertions. */
  static log: string[] = [];
  pure(x: Value): Tracer {
    return new MiniBatchTracer(this, x, null);
  }
  process(prim: PrimitiveDef, tracers: Tracer[], params: unknown): Tracer[] {
    const ts = tracers as MiniBatchTracer[];
    prim.shape(ts.map((t) => t.aval), params);
    MiniBatchTrace.log.push(prim.name);
    const [outs, dims] = prim.batch(this.main.data as number, ts.map((t) => t.val), ts.map((t) => t.bdim), params);
    return outs.map((o, i) => new MiniBatchTracer(this, o, dims[i]));
  }
}

export const batchLog = MiniBatchTrace.log;

/** vmap over positional args with in_axes (non-negative or null), out_axes 0, one output. */
export function miniVmap(f: (...xs: Value[]) => Value, inAxes: BDim[]) {
  return (...args: Value[]): Value => {
    const first = inAxes.findIndex((a) => a !== null);
    const B = args[first].shape[inAxes[first] as number];
    return withMainTrace((m) => new MiniBatchTrace(m), B, (main) => {
      const trace = new MiniBatchTrace(main);
      const out = toValue(f(...args.map((x, i) => (inAxes[i] === null ? x : new MiniBatchTracer(trace, x, inAxes[i])))));
      if (out instanceof MiniBatchTracer && out.trace.main === main) return moveBatchAxis(B, out.bdim, 0, out.val);
      return moveBatchAxis(B, null, 0, out);
    });
  };
}

class TapeTracer extends Tracer {
  constructor(readonly trace: TapeTrace, readonly primal: Value, readonly id: number) {
    super();
  }
  get aval(): ShapedArray {
    return avalOf(this.primal);
  }
}

interface Entry {
  prim: PrimitiveDef;
  params: unknown;
  xs: Value[];
  outs: Value[];
  inIds: (number | null)[];
  outIds: number[];
}

class TapeTrace extends Trace {
  pure(x: Value): Tracer {
    return new TapeTracer(this, x, -1);
  }
  process(prim: PrimitiveDef, tracers: Tracer[], params: unknown): Tracer[] {
    const tape = this.main.data as { entries: Entry[]; next: number };
    const ts = tracers as TapeTracer[];
    const xs = ts.map((t) => t.primal);
    const outs = bind(prim, xs, params);
    const outIds = outs.map(() => tape.next++);
    tape.entries.push({ prim, params, xs, outs, inIds: ts.map((t) => (t.id < 0 ? null : t.id)), outIds });
    return outs.map((o, i) => new TapeTracer(this, o, outIds[i]));
  }
}

/** Gradient of a scalar function of one array. */
export function miniGrad(f: (x: Value) => Value) {
  return (x: Value): Value => {
    const tape = { entries: [] as Entry[], next: 1 };
    return withMainTrace((m) => new TapeTrace(m), tape, (main) => {
      const out = f(new TapeTracer(new TapeTrace(main), x, 0));
      const cts = new Map<number, Value>();
      if (!(out instanceof TapeTracer)) return full(x.shape, 0);
      cts.set(out.id, full(out.shape, 1));
      for (const e of [...tape.entries].reverse()) {
        const outCts = e.outIds.map((id) => cts.get(id) ?? null);
        if (outCts.every((c) => c === null)) continue;
        const inCts = e.prim.vjp!(outCts, e.xs, e.outs, e.params);
        e.inIds.forEach((id, i) => {
          const c = inCts[i];
          if (id === null || c === null) return;
          const prev = cts.get(id);
          cts.set(id, prev === undefined ? c : bind1(addP, [prev, c]));
        });
      }
      return cts.get(0) ?? full(x.shape, 0);
    });
  };
}
