/**
 * A jaxpr's structure as a string: equal strings mean the same program on the same constants
 * (avals, primitives, params, literal values and dtypes, which equation reads which value, and
 * each constant array by identity). A caller that traces afresh on every call (eager vmap's
 * compiled path, which must see a global the function reads change) uses it to reuse the
 * program compiled for an earlier, identical trace.
 */
import { Lit, type Jaxpr, type Var } from "./jaxpr";
import { litKey, objectId, paramsKey } from "./passes";

export function fingerprint(j: Jaxpr): string {
  const ids = new Map<Var, number>();
  const aval = (v: Var) => `${v.aval.dtype}${v.aval.weak ? "*" : ""}[${v.aval.shape.join(",")}]`;
  const def = (v: Var) => (ids.set(v, ids.size), aval(v));
  const parts: string[] = [];
  parts.push(`in ${j.invars.map(def).join(" ")}`);
  parts.push(`const ${j.constvars.map((v, i) => `${def(v)}#${objectId(j.consts[i])}`).join(" ")}`);
  // A scalar literal by value; any other (none are made today) by identity, as cse keys them.
  const lit = (l: Lit) => (l.val.ndim === 0 ? `${litKey(l)}:${l.val.dtype}${l.val.weak ? "*" : ""}` : `#${objectId(l)}`);
  const atom = (a: Var | Lit) => (a instanceof Lit ? lit(a) : `v${ids.get(a) ?? "?"}`);
  for (const e of j.eqns) parts.push(`${e.prim.name}|${paramsKey(e.params)}|${e.inputs.map(atom).join(",")}|${e.outputs.map(def).join(",")}`);
  parts.push(`out ${j.outvars.map(atom).join(",")}`);
  return parts.join("\n");
}
