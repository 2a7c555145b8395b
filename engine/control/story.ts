/**
 * The explorer's account of control flow and collectives under vmap (issue 18 item 4): for a
 * cond, every branch's values on every example and the branch each example takes; for a loop,
 * its iterations, each example's carry and whether it is still running; for a collective, each
 * example's value and the one result every example gets. With the primitive vmap turned it into
 * (`becomes`): select_n, a while with a batched predicate, reduce_sum over the batch axis …
 * Computed from the concrete batched operands traceVmap's listener sees, one example at a time
 * with the primitives' own jaxprs (the loop semantics the batched rules must equal).
 */
import { NDArray } from "../array/ndarray";
import { squeezeView, sliceView } from "../array/views";
import type { PrimitiveDef } from "../core/primitive";
import type { Value } from "../core/tracer";
import { runJaxprImpl } from "../ir/interpret";
import type { ControlStory } from "../transforms/storyTypes";
import type { CondParams } from "./cond";
import type { ScanParams } from "./scan";
import type { WhileParams } from "./whileLoop";

/** Pictures stay readable: at most this many examples, cells per value and loop steps drawn. */
const MAX_EXAMPLES = 16;
const MAX_CELLS = 64;
const MAX_STEPS = 40;

interface Operand {
  val: Value;
  bdim: number | null;
}

/** Example k of a batched operand (the whole value when unbatched). */
function example(x: NDArray, bdim: number | null, k: number): NDArray {
  if (bdim === null) return x;
  const slices = x.shape.map((n, d) => (d === bdim ? { start: k, step: 1, size: 1 } : { start: 0, step: 1, size: n }));
  return squeezeView(sliceView(x, slices), [bdim]);
}

const flat = (x: NDArray): number[] => Array.from(x.flat());

const REDUCED: Record<string, string> = {
  psum: "reduce_sum over the batch axis",
  pmax: "reduce_max over the batch axis",
  pmin: "reduce_min over the batch axis",
  all_gather: "the batched value itself, every example getting all of it",
};

/** The story of one primitive vmap batched, or null when it is not control flow or too big to draw. */
export function controlStory(prim: PrimitiveDef, params: unknown, inputs: readonly Operand[], outputs: readonly Operand[], B: number): { becomes: string; control: ControlStory } | null {
  const name = prim.name;
  if (name !== "cond" && name !== "while" && name !== "scan" && !(name in REDUCED)) return null;
  if (B > MAX_EXAMPLES || inputs.some((o) => !(o.val instanceof NDArray)) || outputs.some((o) => !(o.val instanceof NDArray))) return null;
  const ins = inputs.map((o) => ({ val: o.val as NDArray, bdim: o.bdim }));
  const perExample = (k: number) => ins.map((o) => example(o.val, o.bdim, k));
  const ks = Array.from({ length: B }, (_, k) => k);
  if (name in REDUCED) {
    const out = outputs[0].val as NDArray;
    if (example(ins[0].val, ins[0].bdim, 0).size > MAX_CELLS) return null;
    return {
      becomes: REDUCED[name],
      control: { kind: "collective", primitive: name, perExample: ks.map((k) => flat(example(ins[0].val, ins[0].bdim, k))), result: flat(example(out, outputs[0].bdim, 0)) },
    };
  }
  if (name === "cond") {
    const { branches } = params as CondParams;
    const batchedIndex = ins[0].bdim !== null;
    const taken = ks.map((k) => Math.min(Math.max(Math.trunc(example(ins[0].val, ins[0].bdim, k).flat()[0]), 0), branches.length - 1));
    const values = branches.map((j) => ks.map((k) => flat(runJaxprImpl(j, perExample(k).slice(1))[0] ?? new NDArray(new Float64Array(0), [0]))));
    if (values.some((b) => b.some((v) => v.length > MAX_CELLS))) return null;
    return {
      becomes: batchedIndex ? "select_n of every branch, computed on the whole batch" : "one cond over batched branches (the predicate is the same for every example)",
      control: { kind: "cond", branches: branches.length, batchedIndex, taken, values },
    };
  }
  return loopStory(name as "while" | "scan", params, perExample, ks);
}

function loopStory(name: "while" | "scan", params: unknown, perExample: (k: number) => NDArray[], ks: number[]): { becomes: string; control: ControlStory } | null {
  const steps: { carry: number[][]; active: boolean[] }[] = [];
  let truncated = false;
  if (name === "while") {
    const p = params as WhileParams;
    const state = ks.map((k) => {
      const xs = perExample(k);
      return { cc: xs.slice(0, p.condNconsts), bc: xs.slice(p.condNconsts, p.condNconsts + p.bodyNconsts), carry: xs.slice(p.condNconsts + p.bodyNconsts), done: false };
    });
    if (state.some((s) => s.carry[0] && s.carry[0].size > MAX_CELLS)) return null;
    for (let t = 0; ; t++) {
      const active = state.map((s) => !s.done && runJaxprImpl(p.cond_jaxpr, [...s.cc, ...s.carry])[0].flat()[0] !== 0);
      state.forEach((s, k) => (s.done = !active[k]));
      steps.push({ carry: state.map((s) => flat(s.carry[0])), active });
      if (!active.some(Boolean)) break;
      if (t >= MAX_STEPS) {
        truncated = true;
        break;
      }
      state.forEach((s, k) => active[k] && (s.carry = runJaxprImpl(p.body_jaxpr, [...s.bc, ...s.carry])));
    }
    const batchedPredicate = steps.some((s) => s.active.some((a) => a !== s.active[0]));
    return {
      becomes: batchedPredicate ? "while with a batched predicate: it runs until every example is done, and a finished example keeps its carry" : "while (every example stops at the same step)",
      control: { kind: "loop", primitive: "while", steps, truncated },
    };
  }
  const p = params as ScanParams;
  const state = ks.map((k) => {
    const xs = perExample(k);
    return { consts: xs.slice(0, p.numConsts), carry: xs.slice(p.numConsts, p.numConsts + p.numCarry), seq: xs.slice(p.numConsts + p.numCarry) };
  });
  if (state.some((s) => s.carry[0] && s.carry[0].size > MAX_CELLS)) return null;
  const show = (s: (typeof state)[number]) => (s.carry.length > 0 ? flat(s.carry[s.carry.length - 1]) : []);
  steps.push({ carry: state.map(show), active: state.map(() => p.length > 0) });
  for (let t = 0; t < p.length; t++) {
    if (t >= MAX_STEPS) {
      truncated = true;
      break;
    }
    const i = p.reverse ? p.length - 1 - t : t;
    state.forEach((s) => (s.carry = runJaxprImpl(p.jaxpr, [...s.consts, ...s.carry, ...s.seq.map((x) => example(x, 0, i))]).slice(0, p.numCarry)));
    steps.push({ carry: state.map(show), active: state.map(() => t + 1 < p.length) });
  }
  return { becomes: `scan: ${p.length} steps, each on the whole batch (batched carries at axis 0, xs and ys at axis 1)`, control: { kind: "loop", primitive: "scan", steps, truncated } };
}
