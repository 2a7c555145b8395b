/**
 * The step control's frames, a pure function of (tape, k) (style P13): step 0 shows the inputs,
 * then each forward step one equation's value appears, then each backward step one equation's
 * VJP rule runs and the cotangents it sends appear on the values it read, and the last step shows
 * the gradients (the inputs' cotangents, grad's answer). The cotangent of a value is the sum of
 * what it has received so far, as in the tape's pullback (engine/transforms/grad.ts).
 */
import type { GradTape, TapeArray } from "../../../engine/index";
import { fmt } from "../format";

export interface GraphFrame {
  k: number;
  phase: "inputs" | "forward" | "backward" | "gradients";
  /** The node this step is about (a GraphNode id), or null. */
  active: string | null;
  /** Forward values shown so far, by variable name. */
  values: Map<string, TapeArray>;
  /** Cotangents known so far, by variable name (summed contributions). */
  cotangents: Map<string, TapeArray>;
  /** The variables whose value or cotangent appeared at this step. */
  fresh: Set<string>;
  caption: string;
}

export function stepCount(t: GradTape): number {
  return 1 + t.eqns.length + t.backward.length + 1;
}

/** A value in a few characters: a scalar, or the shape and the first numbers. */
export function brief(a: TapeArray): string {
  if (a.shape.length === 0) return fmt(a.data[0], a.dtype);
  const head = Array.from(a.data.subarray(0, 4), (v) => fmt(v, a.dtype)).join(", ");
  return `[${head}${a.data.length > 4 ? ", …" : ""}]`;
}

/** Adds a contribution the way the tape does (grad.ts `accumulate`: one `add`, rounded to float32 when that is the dtype). */
function addInto(m: Map<string, TapeArray>, name: string, v: TapeArray) {
  const prev = m.get(name);
  const round = v.dtype === "float32" ? Math.fround : (x: number) => x;
  m.set(name, prev ? { ...v, data: prev.data.map((x, i) => round(x + v.data[i])) } : v);
}

/**
 * What each input variable is called in f: its parameter (`w`, or `p[1]` for a leaf of a tuple
 * argument), with the jaxpr's own name beside it (`w (a)`), so the graph's variables read
 * against f's text and the jaxpr's alike. Without parameters, the jaxpr's name alone.
 */
export function inputLabels(t: GradTape, params: readonly string[]): Map<string, string> {
  const perArg = new Map<number, number>();
  t.inputs.forEach((v) => perArg.set(v.arg, (perArg.get(v.arg) ?? 0) + 1));
  const seen = new Map<number, number>();
  const labels = new Map<string, string>();
  for (const v of t.inputs) {
    const i = seen.get(v.arg) ?? 0;
    seen.set(v.arg, i + 1);
    const param = params[v.arg];
    const name = param === undefined ? v.name : `${param}${(perArg.get(v.arg) ?? 0) > 1 ? `[${i}]` : ""}`;
    labels.set(v.name, name === v.name ? name : `${name} (${v.name})`);
  }
  return labels;
}

export function graphFrame(t: GradTape, kIn: number, params: readonly string[] = []): GraphFrame {
  const label = inputLabels(t, params);
  const named = (v: string) => label.get(v) ?? v;
  const n = t.eqns.length;
  const total = stepCount(t);
  const k = Math.max(0, Math.min(total - 1, kIn));
  const values = new Map<string, TapeArray>();
  const cotangents = new Map<string, TapeArray>();
  const fresh = new Set<string>();
  const show = (name: string) => values.set(name, t.values.get(name)!);
  [...t.inputs, ...t.constvars].forEach((v) => show(v.name));
  if (k === 0) {
    t.inputs.forEach((v) => fresh.add(v.name));
    const diff = t.inputs.filter((v) => v.differentiated).map((v) => named(v.name));
    return { k, phase: "inputs", active: null, values, cotangents, fresh, caption: `Forward pass: the inputs. grad differentiates with respect to ${diff.join(", ")}.` };
  }
  const fwd = Math.min(k, n);
  for (let i = 0; i < fwd; i++) t.eqns[i].outputs.forEach((o) => show(o.name));
  if (k <= n) {
    const e = t.eqns[k - 1];
    e.outputs.forEach((o) => fresh.add(o.name));
    const out = e.outputs[0];
    return { k, phase: "forward", active: `eqn:${e.index}`, values, cotangents, fresh, caption: `Forward ${k}/${n}: ${e.text.replace(/\s+/g, " ")} gives ${out.name} = ${brief(t.values.get(out.name)!)}` };
  }
  // Backward: the loss's own cotangent is 1, then each rule's contributions.
  cotangents.set(t.output.name, { shape: [], data: Float64Array.of(1), dtype: t.values.get(t.output.name)?.dtype ?? "float32" });
  const steps = Math.min(k - n - 1, t.backward.length);
  for (let j = 0; j < steps; j++) for (const c of t.backward[j].contributions) addInto(cotangents, c.name, c.value);
  if (k - n - 1 < t.backward.length) {
    const s = t.backward[k - n - 1];
    for (const c of s.contributions) {
      addInto(cotangents, c.name, c.value);
      fresh.add(c.name);
    }
    const ins = s.outCts.map((c) => `ct ${c.name} = ${c.value ? brief(c.value) : "0"}`).join(", ");
    const outs = s.contributions.map((c) => `${c.name} += ${brief(c.value)}`).join(", ");
    return {
      k,
      phase: "backward",
      active: `eqn:${s.eqn}`,
      values,
      cotangents,
      fresh,
      caption: `Backward ${k - n}/${t.backward.length}: the VJP rule of ${s.primitive} takes ${ins} and sends ${outs || "nothing (no input is differentiated)"}`,
    };
  }
  t.grads.forEach((g) => fresh.add(g.name));
  return {
    k,
    phase: "gradients",
    active: null,
    values,
    cotangents,
    fresh,
    caption: `Gradients: ${t.grads.map((g) => `∂loss/∂${named(g.name)} = ${brief(g.value)}`).join("; ")}, what jax.grad returns.`,
  };
}
