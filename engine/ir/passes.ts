/**
 * Jaxpr → Jaxpr clean-ups run before compiling: dead-code elimination, common-subexpression
 * elimination and constant folding. Each is pure (returns a new Jaxpr, never edits one) and keeps
 * the invars, so the signature is unchanged; tests re-typecheck after each. Every primitive is
 * pure, so an equation whose results are unused can go. JAX: pe.dce_jaxpr; CSE and folding are
 * XLA's job in JAX (HloCSE, constant folding), done here on the jaxpr instead.
 */
import type { NDArray } from "../array/ndarray";
import { isTracer, type Value } from "../core/tracer";
import { Jaxpr, Lit, Var, type Atom, type Eqn } from "./jaxpr";
import { outerProducts } from "./outerProduct";

/** Drops equations none of whose results reach an output, and constvars nothing reads. */
export function dce(j: Jaxpr): Jaxpr {
  const live = new Set<Atom>(j.outvars);
  const kept: Eqn[] = [];
  for (let i = j.eqns.length - 1; i >= 0; i--) {
    const e = j.eqns[i];
    if (!e.outputs.some((v) => live.has(v))) continue;
    kept.push(e);
    for (const a of e.inputs) live.add(a);
  }
  const keep = j.constvars.map((v) => live.has(v));
  return new Jaxpr(
    j.constvars.filter((_, i) => keep[i]),
    j.consts.filter((_, i) => keep[i]),
    j.invars,
    kept.reverse(),
    j.outvars,
  );
}

const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;
export function objectId(o: object): number {
  let id = objectIds.get(o);
  if (id === undefined) objectIds.set(o, (id = nextObjectId++));
  return id;
}

/** A key equal for equal params: plain data by value, anything else (a jaxpr) by identity. */
export function paramsKey(p: unknown): string {
  if (p === null || p === undefined) return "null";
  if (typeof p === "number") return Object.is(p, -0) ? "-0" : String(p);
  if (typeof p === "string" || typeof p === "boolean") return JSON.stringify(p);
  if (Array.isArray(p)) return `[${p.map(paramsKey).join(",")}]`;
  if (typeof p === "object" && Object.getPrototypeOf(p) === Object.prototype) {
    const o = p as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${paramsKey(o[k])}`).join(",")}}`;
  }
  return `#${objectId(p as object)}`;
}

export function litKey(l: Lit): string {
  const v = l.val.data[l.val.offset];
  return `L${l.val.shape.join("x")}:${Object.is(v, -0) ? "-0" : String(v)}`;
}

/** Reuses the first of several equations with the same primitive, params and inputs. */
export function cse(j: Jaxpr): Jaxpr {
  const subst = new Map<Var, Atom>();
  const sub = (a: Atom): Atom => (a instanceof Var ? (subst.get(a) ?? a) : a);
  const key = (a: Atom): string => (a instanceof Lit ? (a.val.ndim === 0 ? litKey(a) : `#${objectId(a)}`) : `v${objectId(a)}`);
  const seen = new Map<string, readonly Var[]>();
  const eqns: Eqn[] = [];
  for (const e of j.eqns) {
    const inputs = e.inputs.map(sub);
    const k = `${e.prim.name}|${paramsKey(e.params)}|${inputs.map(key).join(",")}`;
    const prev = seen.get(k);
    if (prev) {
      e.outputs.forEach((v, i) => subst.set(v, prev[i]));
      continue;
    }
    seen.set(k, e.outputs);
    eqns.push(inputs.every((a, i) => a === e.inputs[i]) ? e : { ...e, inputs });
  }
  return new Jaxpr(j.constvars, j.consts, j.invars, eqns, j.outvars.map(sub));
}

/** Results above this many elements are left to run time rather than baked into the program. */
export const FOLD_LIMIT = 1 << 14;

/**
 * Evaluates, at compile time, equations whose inputs are all literals or array constants (and
 * whose results are small). A folded scalar becomes a literal, a folded array a new constvar.
 */
export function foldConstants(j: Jaxpr): Jaxpr {
  const known = new Map<Var, NDArray>();
  j.constvars.forEach((v, i) => {
    const c: Value = j.consts[i];
    if (!isTracer(c)) known.set(v, c);
  });
  const valueOf = (a: Atom): NDArray | undefined => (a instanceof Lit ? a.val : known.get(a));
  const folded = new Set<Var>();
  const eqns: Eqn[] = [];
  for (const e of j.eqns) {
    const vals = e.inputs.map(valueOf);
    const small = e.outputs.every((v) => v.aval.size <= FOLD_LIMIT);
    if (small && vals.every((v) => v !== undefined)) {
      const outs = e.prim.impl(vals as NDArray[], e.params);
      e.outputs.forEach((v, i) => {
        known.set(v, outs[i]);
        folded.add(v);
      });
    } else eqns.push(e);
  }
  if (folded.size === 0) return j;
  const constvars = [...j.constvars];
  const consts = [...j.consts];
  const replaced = new Map<Var, Atom>();
  const atom = (a: Atom): Atom => {
    if (!(a instanceof Var) || !folded.has(a)) return a;
    let r = replaced.get(a);
    if (!r) {
      const val = known.get(a)!;
      if (val.ndim === 0) r = new Lit(val);
      else {
        constvars.push(a);
        consts.push(val);
        r = a;
      }
      replaced.set(a, r);
    }
    return r;
  };
  const out = eqns.map((e) => ({ ...e, inputs: e.inputs.map(atom) }));
  return new Jaxpr(constvars, consts, j.invars, out, j.outvars.map(atom));
}

/** The pipeline jit runs before fusing and generating code. */
export function optimize(j: Jaxpr): Jaxpr {
  return dce(foldConstants(cse(outerProducts(dce(j)))));
}
