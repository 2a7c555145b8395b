/**
 * Name resolution for the lambda language, run once at parse time so a typo is reported
 * before anything is called: unknown parameters, `jnp.` / `jax.` / `jax.nn.` members, array
 * attributes and keyword arguments all become "unsupported" EngineErrors with a caret column
 * and, when something is close, "did you mean …?". The evaluator reuses `moduleMember` and
 * `checkCall` at run time, so both paths say the same words.
 */
import { EngineError, type PyType } from "../errors";
import type { AttrNode, Expr, LambdaNode } from "./ast";
import {
  AT_METHODS,
  ARRAY_ATTRIBUTES, ARRAY_METHODS, ARRAY_UNSUPPORTED, JAX_FUNCTIONS, JAX_UNSUPPORTED, JNP_CONSTANTS,
  JNP_FUNCTIONS, JNP_UNSUPPORTED, moduleMembers, NN_FUNCTIONS,
  NN_UNSUPPORTED, NUMPY_ALIASES, PY_BUILTIN_TO_JNP, RANDOM_FUNCTIONS, RANDOM_PARAMS, RANDOM_UNSUPPORTED,
  type JnpName, type ModulePath,
} from "./names";
import { closestName, didYouMean } from "./suggest";
import { LAX_FUNCTIONS, LAX_UNSUPPORTED, laxSignature, type LaxName } from "./lax";
import { JNP_SIGNATURES, keywordsOf, NN_SIGNATURES } from "../numpy/signatures";
import { pyNameList } from "../array/pyargs";

export type { ModulePath };
export type RandomName = (typeof RANDOM_FUNCTIONS)[number];
/** A module as written (`label` is `jnp` or `jax.numpy` for the same module). */
export interface ModuleRef { kind: "module"; path: ModulePath; label: string }
export type Ref =
  | ModuleRef
  | { kind: "jnp"; name: JnpName; label: string }
  | { kind: "const"; value: number | null }
  | { kind: "nn"; name: (typeof NN_FUNCTIONS)[number]; label: string }
  | { kind: "jax"; name: (typeof JAX_FUNCTIONS)[number]; label: string }
  | { kind: "lax"; name: LaxName; label: string }
  | { kind: "random"; name: RandomName; label: string }
  /** `functools.partial` and `jax.config.update`, which only programs import. */
  | { kind: "special"; name: "partial" | "config.update" | "tree.map"; label: string };
export type CallableRef = Exclude<Ref, ModuleRef | { kind: "const" }>;

export function unsupported(message: string, pos?: number, pyType?: PyType): EngineError {
  return new EngineError("unsupported", message, { ...(pos === undefined ? {} : { column: pos + 1 }), ...(pyType ? { pyType } : {}) });
}

/** A call that does not fit the callee's signature: Python's TypeError. */
export const callError = (message: string, pos: number): EngineError => unsupported(message, pos, "TypeError");

const has = (list: readonly string[], name: string) => list.includes(name);

/** `mod.name`, or an EngineError naming what exists. */
export function moduleMember(mod: ModuleRef, name: string, pos: number): Ref {
  const full = `${mod.label}.${name}`;
  if (mod.path === "jnp") {
    if (has(JNP_FUNCTIONS, name)) return { kind: "jnp", name: name as JnpName, label: full };
    if (Object.hasOwn(JNP_CONSTANTS, name)) return { kind: "const", value: JNP_CONSTANTS[name] };
    return unknownMember(mod, name, JNP_UNSUPPORTED.has(name), moduleMembers("jnp"), pos);
  }
  if (mod.path === "jax.nn") {
    if (has(NN_FUNCTIONS, name)) return { kind: "nn", name: name as (typeof NN_FUNCTIONS)[number], label: full };
    return unknownMember(mod, name, NN_UNSUPPORTED.has(name), moduleMembers("jax.nn"), pos);
  }
  if (mod.path === "jax.lax") {
    if (has(LAX_FUNCTIONS, name)) return { kind: "lax", name: name as LaxName, label: full };
    return unknownMember(mod, name, LAX_UNSUPPORTED.has(name), moduleMembers("jax.lax"), pos);
  }
  if (mod.path === "jax.random") {
    if (has(RANDOM_FUNCTIONS, name)) return { kind: "random", name: name as RandomName, label: full };
    return unknownMember(mod, name, RANDOM_UNSUPPORTED.has(name), moduleMembers("jax.random"), pos);
  }
  if (mod.path === "functools") {
    if (name === "partial") return { kind: "special", name: "partial", label: full };
    return unknownMember(mod, name, true, ["partial"], pos);
  }
  if (mod.path === "jax.tree") {
    if (name === "map") return { kind: "special", name: "tree.map", label: full };
    return unknownMember(mod, name, true, ["map"], pos);
  }
  if (mod.path === "jax.config") {
    if (name === "update") return { kind: "special", name: "config.update", label: full };
    return unknownMember(mod, name, true, ["update"], pos);
  }
  if (has(JAX_FUNCTIONS, name)) return { kind: "jax", name: name as (typeof JAX_FUNCTIONS)[number], label: full };
  if (name === "lax") return { kind: "module", path: "jax.lax", label: full };
  if (name === "numpy") return { kind: "module", path: "jnp", label: full };
  if (name === "nn") return { kind: "module", path: "jax.nn", label: full };
  if (name === "random") return { kind: "module", path: "jax.random", label: full };
  if (name === "config") return { kind: "module", path: "jax.config", label: full };
  if (name === "tree") return { kind: "module", path: "jax.tree", label: full };
  return unknownMember(mod, name, JAX_UNSUPPORTED.has(name), moduleMembers("jax"), pos);
}

/** Python's words for a module without `name` (`module 'jax.numpy' has no attribute 'summ'`), with our hint. */
function unknownMember(mod: ModuleRef, name: string, known: boolean, candidates: readonly string[], pos: number): never {
  if (known) throw unsupported(`${mod.label}.${name} is not supported in the playground`, pos);
  const pyModule = mod.path === "jnp" ? "jax.numpy" : mod.path;
  throw unsupported(`module '${pyModule}' has no attribute '${name}'${didYouMean(name, candidates, `${mod.label}.`)}`, pos, "AttributeError");
}

/** What `e` names if it is a module path (`jnp`, `jax.numpy.sum`, `jax.nn.relu`), else null. */
function staticRef(e: Expr, isBound: (name: string) => boolean): Ref | null {
  if (e.type === "name") {
    if (isBound(e.name)) return null;
    if (e.name === "jnp") return { kind: "module", path: "jnp", label: "jnp" };
    if (e.name === "jax") return { kind: "module", path: "jax", label: "jax" };
    return null;
  }
  if (e.type !== "attr") return null;
  const base = staticRef(e.object, isBound);
  if (base === null || base.kind === "const") return null;
  if (base.kind === "module") return moduleMember(base, e.name, e.pos);
  throw unsupported(`${base.label}.${e.name} is not supported: '${base.label}' is a function`, e.pos);
}

/** Which arguments a callable takes; checked statically and again at call time. */
export interface CallSpec {
  label: string;
  /** Positional parameter names; more positional arguments than these is an error (unless `varargs`). */
  positional: readonly string[];
  required: number;
  varargs: boolean;
  /** Keywords that fill a positional parameter. */
  positionalKeywords: readonly string[];
  /** Keywords passed on as options. */
  options: readonly string[];
  /** Defaults of optional positional parameters, used when a later one is given by keyword. */
  defaults?: ReadonlyMap<string, unknown>;
  /**
   * The keywords are JAX's whole signature (jnp and jax.nn, from numpy/signatures.ts), so any
   * other keyword is Python's TypeError, never "not supported in the playground".
   */
  complete?: boolean;
  /** Not known yet (jax.lax still loading): any call passes the static check. */
  unchecked?: boolean;
}

const spec = (label: string, positional: readonly string[], required: number, varargs: boolean, positionalKeywords: readonly string[], options: readonly string[]): CallSpec =>
  ({ label, positional, required, varargs, positionalKeywords, options });

/** jax.random's optional parameters, so `uniform(key, (3,), minval=-1)` skips dtype. */
const RANDOM_DEFAULTS: ReadonlyMap<string, unknown> = new Map<string, unknown>([["shape", []], ["dtype", null], ["minval", 0], ["maxval", 1], ["num", 2]]);

/** jax.vmap(fun, in_axes=0, out_axes=0): `jax.vmap(f, out_axes=1)` maps axis 0 of every argument. */
const VMAP_DEFAULTS: ReadonlyMap<string, unknown> = new Map([["in_axes", 0], ["out_axes", 0]]);

export function specOf(ref: CallableRef): CallSpec {
  switch (ref.kind) {
    case "jnp": {
      // Keywords come from the function's declared signature (numpy/signatures.ts); required
      // ones are moved into their position, optional ones passed as keyword options. The
      // number of positional arguments is checked by the same signature when called.
      const sig = JNP_SIGNATURES[ref.name];
      const { required, optional } = keywordsOf(sig);
      return { ...spec(ref.label, [sig.params[0].name, ...required], 0, true, required, optional), complete: true };
    }
    case "nn":
      return { ...spec(ref.label, ["x"], 1, false, [], keywordsOf(NN_SIGNATURES[ref.name]).optional), complete: true };
    case "lax": {
      // Before jax.lax has loaded (control/lazy.ts) its calls are checked when made.
      const s = laxSignature(ref.name);
      if (!s) return { ...spec(ref.label, [], 0, true, [], []), unchecked: true };
      return { ...spec(ref.label, s.positional, s.required, s.varargs, s.keywords, s.options), complete: true };
    }
    case "random": {
      const ps = RANDOM_PARAMS[ref.name];
      return { ...spec(ref.label, ps, 1, false, ps.slice(1), []), defaults: RANDOM_DEFAULTS };
    }
    case "special":
      if (ref.name === "tree.map") return spec(ref.label, ["f", "tree"], 2, true, [], []);
      return ref.name === "partial" ? spec(ref.label, ["func"], 1, true, [], []) : spec(ref.label, ["name", "val"], 2, false, [], []);
    case "jax":
      if (ref.name === "vmap") {
        return { ...spec(ref.label, ["fun", "in_axes", "out_axes"], 1, false, ["in_axes", "out_axes"], ["axis_size", "axis_name"]), defaults: VMAP_DEFAULTS };
      }
      if (ref.name === "grad") return spec(ref.label, ["fun", "argnums"], 1, false, ["argnums"], []);
      return spec(ref.label, ["fun"], 1, false, [], []);
  }
}

export function methodSpec(name: string, label: string): CallSpec {
  // JAX's Array methods: `x.reshape(*shape, order='C')`, `x.sum(axis, …, keepdims, initial, where)`.
  if (name === "reshape") return spec(label, [], 0, true, [], ["order"]);
  if (name === "transpose") return spec(label, [], 0, true, [], []);
  return spec(label, ["axis"], 0, false, [], ["axis", "dtype", "out", "keepdims", "initial", "where"]);
}

const JAX_KNOWN_KEYWORDS = ["axis_name", "spmd_axis_name", "has_aux", "holomorphic", "allow_int", "static_argnums", "static_argnames", "donate_argnums", "dtype", "out", "where", "initial", "order", "optimize", "precision"];

/** Python's TypeError wording for a call that does not fit `s`. */
export function checkCall(s: CallSpec, nPos: number, keywords: readonly string[], pos: number): void {
  if (s.unchecked) return;
  if (!s.varargs && nPos > s.positional.length) {
    throw callError(`${s.label}() takes at most ${s.positional.length} positional argument${s.positional.length === 1 ? "" : "s"} (${nPos} given)`, pos);
  }
  for (const k of keywords) {
    const slot = s.positional.indexOf(k);
    if (slot >= 0 && s.positionalKeywords.includes(k)) {
      if (slot < nPos) throw callError(`${s.label}() got multiple values for argument '${k}'`, pos);
      continue;
    }
    if (s.options.includes(k)) continue;
    if (!s.complete && JAX_KNOWN_KEYWORDS.includes(k)) throw unsupported(`${s.label}(): the keyword argument '${k}' is not supported in the playground`, pos);
    const near = closestName(k, [...s.positionalKeywords, ...s.options]);
    throw callError(`${s.label}() got an unexpected keyword argument '${k}'${near ? ` — did you mean ${near}?` : ""}`, pos);
  }
  const filled = nPos + keywords.filter((k) => s.positionalKeywords.includes(k)).length;
  if (filled < s.required) {
    const missing = s.positional.slice(nPos, s.required).filter((p) => !keywords.includes(p));
    throw callError(`${s.label}() missing ${missing.length} required positional argument${missing.length === 1 ? "" : "s"}: ${pyNameList(missing)}`, pos);
  }
}

export { pyNameList };

interface Scope { names: readonly string[]; parent: Scope | null }
const bound = (scope: Scope | null, name: string): boolean => {
  for (let s = scope; s; s = s.parent) if (s.names.includes(name)) return true;
  return false;
};
const allNames = (scope: Scope | null): string[] => {
  const out: string[] = [];
  for (let s = scope; s; s = s.parent) out.push(...s.names);
  return out;
};

/** Checks every name in a parsed lambda; throws an "unsupported" EngineError at the first unknown one. */
export function checkNames(root: LambdaNode): void {
  visit(root, null);
}

function visit(e: Expr, scope: Scope | null): void {
  const isBound = (n: string) => bound(scope, n);
  switch (e.type) {
    case "number": case "string": case "const":
      return;
    case "ellipsis":
      throw unsupported("'...' (Ellipsis) can only be used inside an index, as in x[..., 0]", e.pos);
    case "name":
      if (isBound(e.name)) return;
      if (e.name === "jnp" || e.name === "jax") throw moduleAsValue(e.name, e.pos);
      throw unknownName(e.name, e.pos, scope);
    case "attr":
      return visitAttr(e, scope);
    case "call": {
      const ref = staticRef(e.func, isBound);
      if (ref?.kind === "module") throw callError(`'module' object is not callable: ${ref.label}`, e.pos);
      const kws = e.keywords.map((k) => k.name);
      if (ref && ref.kind !== "const") checkCall(specOf(ref), e.args.length, kws, e.pos);
      else {
        visit(e.func, scope);
        const f = e.func;
        if (!ref && f.type === "attr" && !isAtRef(f.object) && has(ARRAY_METHODS, f.name)) checkCall(methodSpec(f.name, methodLabel(f)), e.args.length, kws, e.pos);
      }
      for (const a of e.args) visit(a, scope);
      for (const k of e.keywords) visit(k.value, scope);
      return;
    }
    case "index":
      visit(e.object, scope);
      for (const it of e.items) {
        if (it.type === "slice") {
          for (const part of [it.start, it.stop, it.step]) if (part) visit(part, scope);
        } else if (it.type !== "ellipsis") visit(it, scope);
      }
      return;
    case "binary": case "compare":
      visit(e.left, scope);
      visit(e.right, scope);
      return;
    case "unary":
      visit(e.operand, scope);
      return;
    case "tuple": case "list":
      for (const it of e.items) visit(it, scope);
      return;
    case "dict":
      for (const k of e.keys) visit(k, scope);
      for (const v of e.values) visit(v, scope);
      return;
    case "lambda":
      visit(e.body, { names: e.params, parent: scope });
      return;
  }
}

function visitAttr(e: AttrNode, scope: Scope | null): void {
  const isBound = (n: string) => bound(scope, n);
  const obj = e.object;
  if (obj.type === "name" && !isBound(obj.name) && NUMPY_ALIASES.has(obj.name)) {
    const near = has(JNP_FUNCTIONS, e.name) ? e.name : closestName(e.name, JNP_FUNCTIONS);
    throw unsupported(`name '${obj.name}.${e.name}' is not defined — ${near ? `did you mean jnp.${near}?` : "use jnp (jax.numpy)"}`, obj.pos, "NameError");
  }
  const ref = staticRef(e, isBound);
  if (ref?.kind === "module") throw moduleAsValue(ref.label, e.pos);
  if (ref) return;
  visit(obj, scope);
  if (ARRAY_ATTRIBUTES.includes(e.name) || e.name === "at") return;
  // `x.at[idx].set(…)`: the methods of JAX's `_IndexUpdateRef` (lang/at.ts checks them at run time).
  if (isAtRef(obj) && (AT_METHODS as readonly string[]).includes(e.name)) return;
  const who = obj.type === "name" ? obj.name : "";
  if (ARRAY_UNSUPPORTED.has(e.name)) throw unsupported(`${who}.${e.name} is not supported in the playground`, e.pos);
  const hint = didYouMean(e.name, ARRAY_ATTRIBUTES, `${who}.`);
  throw unsupported(who ? `name '${who}.${e.name}' is not defined${hint}` : `attribute '.${e.name}' is not defined${hint}`, e.pos, who ? "NameError" : "AttributeError");
}

/** `….at[idx]`: an index-update ref, whose methods are set/add/… rather than array methods. */
function isAtRef(e: Expr): boolean {
  return e.type === "index" && e.object.type === "attr" && e.object.name === "at";
}

/** `x.sum` for a method on a parameter, `.sum` otherwise. */
export function methodLabel(e: AttrNode): string {
  return `${e.object.type === "name" ? e.object.name : ""}.${e.name}`;
}

function moduleAsValue(label: string, pos: number): EngineError {
  return unsupported(`${label} is a module and cannot be used as a value; use one of its functions, e.g. jnp.sum`, pos);
}

function unknownName(name: string, pos: number, scope: Scope | null): EngineError {
  if (NUMPY_ALIASES.has(name)) return unsupported(`name '${name}' is not defined — use jnp (jax.numpy)`, pos, "NameError");
  if (Object.hasOwn(PY_BUILTIN_TO_JNP, name)) {
    const alt = PY_BUILTIN_TO_JNP[name];
    return unsupported(`Python's built-in ${name} is not supported${alt ? ` — did you mean ${alt}?` : ""}`, pos);
  }
  return unsupported(`name '${name}' is not defined${didYouMean(name, [...allNames(scope), "jnp", "jax"])}`, pos, "NameError");
}
