/**
 * The "why" line under JAX's error text: which shapes clash, in the words of the shape story
 * (per-example shapes, mapped axes, sizes). Nothing is re-derived here: the engine says where
 * the error belongs and which arrays it is about (EngineError.where, with `operands` for a
 * shape error inside f) and how vmap plans the arguments (describeArgs: each leaf's shape,
 * in_axes entry, batch size and the slice f sees). Parts are text or a shape to draw.
 */
import type { ArgLeafStory, ArgsDescription, EngineError } from "../../engine";
import type { MapWith } from "./explorerTypes";

export type WhyPart = string | { shape: number[]; mapped: number | null };

const label = (a: ArgLeafStory) => `${a.param}${a.path}`;
const list = (xs: string[]) => (xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);

/** How the plan gave a leaf the per-example shape f sees. */
function howSeen(a: ArgLeafStory): WhyPart[] {
  return a.inAxis === null ? [`${label(a)} is not mapped: f sees all of it`] : [`${label(a)} `, { shape: a.shape, mapped: a.inAxis }, ` loses axis ${a.inAxis} to the batch`];
}

/** Why the error happened, as parts, or null when the error's own words say it all. `mapWith`: the call's map (pmap has no axis_size to stand in for B). */
export function whyLine(error: EngineError, described: ArgsDescription | null, mapWith: MapWith = "vmap"): WhyPart[] | null {
  const args = described?.args ?? [];
  const where = error.where;
  if (where.kind === "function" && where.operands?.length) {
    const parts: WhyPart[] = ["Inside f, per-example "];
    where.operands.forEach((o, i) => {
      if (i > 0) parts.push(" against ");
      parts.push({ shape: o.shape, mapped: null }, o.args.length ? ` of ${list(o.args)}` : " (a value f computed)");
    });
    parts.push(": they do not fit together.");
    const named = args.filter((a) => where.operands!.some((o) => o.args.includes(label(a))));
    named.forEach((a, i) => parts.push(i === 0 ? " " : "; ", ...howSeen(a)));
    if (named.length) parts.push(".");
    return parts;
  }
  if (error.kind === "inconsistent-sizes") {
    const mapped = args.filter((a) => a.inAxis !== null && a.batchSize !== null);
    if (mapped.length < 2) return null;
    const parts: WhyPart[] = ["Every mapped axis must have the same size B, but "];
    mapped.forEach((a, i) => {
      if (i > 0) parts.push(i === mapped.length - 1 ? " and " : ", ");
      parts.push(`${label(a)} `, { shape: a.shape, mapped: a.inAxis }, ` has ${a.batchSize} along axis ${a.inAxis}`);
    });
    parts.push(".");
    return parts;
  }
  if (error.kind === "axis-out-of-bounds" && where.kind === "in_axes" && where.index !== undefined) {
    const a = args.find((x) => x.argIndex === where.index && (where.path === undefined || x.path === where.path));
    if (!a || a.inAxisWritten === null) return null;
    const n = a.shape.length;
    const axes = n === 0 ? "no axes to map" : `axes 0 … ${n - 1} (or -${n} … -1 from the end)`;
    return [`in_axes asks ${label(a)} for axis ${a.inAxisWritten}, but ${label(a)} `, { shape: a.shape, mapped: null }, ` has ${axes}.`];
  }
  if (error.kind === "axis-out-of-bounds" && where.kind === "out_axes" && where.axis !== undefined && where.rank !== undefined) {
    const r = where.rank;
    return [
      `out_axes says where the batch axis goes in the result: each example's result has ${r - 1} ax${r - 1 === 1 ? "is" : "es"}, so the stacked result has ${r}, and the batch axis can go at 0 … ${r - 1} (or -${r} … -1), not at ${where.axis}.`,
    ];
  }
  if (error.kind === "mapped-output-none") return ["This result changes with k (it comes from a mapped argument), so it cannot be returned as is: out_axes None is for results that are the same for every k."];
  if (error.kind === "no-mapped-axis") {
    return mapWith === "pmap"
      ? ["With every in_axes entry None there is no axis to split across the devices, so pmap has nothing to give each one: map one argument."]
      : ["With every in_axes entry None there is no axis to slice, so vmap cannot know B: map one argument, or give axis_size."];
  }
  return null;
}
