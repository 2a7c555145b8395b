/**
 * The evaluator: walks the AST each time the lambda is called and turns every operation into a
 * host call (`a + b` → host.jnp.add). Plain numbers, such as sizes read from `x.shape`, are
 * computed directly with Python's rules. No JavaScript is ever generated from the source.
 * Budgets on depth and steps turn runaway self-application (`(lambda f: f(f))(lambda f: f(f))`)
 * into an EngineError instead of a stack overflow or a frozen tab. The depth budget is the
 * engine's (engine/limits.ts), shared with transformation levels, so recursion through
 * jax.jit/vmap/grad is counted too; a stack overflow is never caught and relabelled.
 */
import { EngineError } from "../errors";
import { CALL_COST, CALL_DEPTH_COST, chargeOps, enterDepth, exitDepth, withBudgetScope, withDepth } from "../limits";
import type { BinOp, CmpOp, Expr, LambdaNode, SliceNode } from "./ast";
import { boundMethod, callValue, makeCallable, makeBuiltin, pyDict, pyTypeName, type Keywords } from "./builtins";
import type { IndexItem, LangHost } from "./host";
import { ARRAY_METHODS, ARRAY_PROPERTIES } from "./names";
import { AtHelper, AtRef, atMethod } from "./at";
import { methodLabel, moduleMember, pyNameList, unsupported, type ModuleRef } from "./resolve";
import { closestName } from "./suggest";
import { binaryOnArrays, pyArith, pyCompare, pySlice, tupleConcat, tupleRepeat } from "./pyops";

const MAX_STEPS = 1_000_000;

export interface Env { readonly vars: ReadonlyMap<string, unknown>; readonly parent: Env | null }

/** A module value (`jnp`, `jax`, `jax.nn`): only ever the object of an attribute. */
export class ModuleValue {
  constructor(readonly ref: ModuleRef) {}
}

const OP_NAMES: Record<BinOp | CmpOp, string> = {
  "+": "add", "-": "subtract", "*": "multiply", "/": "divide", "**": "power", "@": "matmul",
  "<": "less", "<=": "less_equal", ">": "greater", ">=": "greater_equal", "==": "equal", "!=": "not_equal",
};

const CMP_OPS = new Set<string>(["<", "<=", ">", ">=", "==", "!="]);

export class Evaluator {
  private depth = 0;
  private steps = 0;

  constructor(protected readonly host: LangHost) {}

  /** The JS function for a lambda node closed over `env`, with its Python parameter names. */
  makeLambda(node: LambdaNode, env: Env | null): (...args: unknown[]) => unknown {
    return makeCallable((args, kw) => this.invoke(node, env, args, kw), node.params);
  }

  /** A lambda call: the outermost one opens the work budget's scope; each call costs CALL_COST. */
  private invoke(node: LambdaNode, env: Env | null, args: unknown[], kw: Keywords): unknown {
    return withBudgetScope(() =>
      withDepth(CALL_DEPTH_COST, () => {
        chargeOps(CALL_COST);
        const vars = bindParams(node.params, args, kw);
        return this.eval(node.body, { vars, parent: env });
      }),
    );
  }

  eval(e: Expr, env: Env | null): unknown {
    if (this.depth === 0) this.steps = 0;
    if (++this.steps > MAX_STEPS) {
      throw unsupported(`the lambda took more than ${MAX_STEPS.toLocaleString("en-US")} evaluation steps; runaway recursion through lambdas is not supported`, e.pos);
    }
    enterDepth(1);
    this.depth++;
    try {
      return this.evalNode(e, env);
    } finally {
      this.depth--;
      exitDepth(1);
    }
  }

  private evalNode(e: Expr, env: Env | null): unknown {
    const host = this.host;
    switch (e.type) {
      case "number":
        return e.isFloat && Number.isInteger(e.value) && host.pyFloat ? host.pyFloat(e.value) : e.value;
      case "string": case "const":
        return e.value;
      case "ellipsis":
        throw unsupported("'...' (Ellipsis) can only be used inside an index, as in x[..., 0]", e.pos);
      case "name":
        return this.lookup(e.name, e.pos, env);
      case "attr": {
        const obj = this.eval(e.object, env);
        if (obj instanceof ModuleValue) {
          const ref = moduleMember(obj.ref, e.name, e.pos);
          if (ref.kind === "module") return new ModuleValue(ref);
          if (ref.kind === "const") return ref.value;
          return makeBuiltin(ref, host);
        }
        return this.attribute(obj, e.name, methodLabel(e), e.pos);
      }
      case "call": {
        const f = this.eval(e.func, env);
        const args = e.args.map((a) => this.eval(a, env));
        const kw = new Map(e.keywords.map((k) => [k.name, this.eval(k.value, env)] as [string, unknown]));
        return this.call(f, args, kw, e.pos);
      }
      case "index":
        return this.index(this.eval(e.object, env), e.items, env, e.pos);
      case "tuple": case "list":
        return e.items.map((it) => this.eval(it, env));
      case "dict": {
        const entries: [string, unknown][] = [];
        e.keys.forEach((k, i) => {
          const key = this.eval(k, env);
          if (typeof key !== "string") throw unsupported(`dict keys must be strings here, got ${pyTypeName(key, host)}`, k.pos);
          entries.push([key, this.eval(e.values[i], env)]);
        });
        return pyDict(entries);
      }
      case "lambda":
        return this.makeLambda(e, env);
      case "unary": {
        const v = this.eval(e.operand, env);
        if (typeof v === "number" || typeof v === "boolean") return e.op === "-" ? -Number(v) : Number(v);
        if (host.isArray(v)) return e.op === "-" ? this.jnp("negative", e.pos)(v) : v;
        throw unsupported(`bad operand type for unary ${e.op}: '${pyTypeName(v, host)}'`, e.pos, "TypeError");
      }
      case "binary": case "compare": {
        const l = this.eval(e.left, env);
        const r = this.eval(e.right, env);
        return this.binary(e.op, l, r, e.pos);
      }
    }
  }

  protected lookup(name: string, pos: number, env: Env | null): unknown {
    for (let s = env; s; s = s.parent) if (s.vars.has(name)) return s.vars.get(name);
    if (name === "jnp" || name === "jax") return new ModuleValue({ kind: "module", path: name, label: name });
    throw unsupported(`name '${name}' is not defined`, pos, "NameError");
  }

  private jnp(name: string, pos: number): (...a: unknown[]) => unknown {
    const f = this.host.jnp[name];
    if (typeof f !== "function") throw unsupported(`jnp.${name} is not available in this engine`, pos);
    return f;
  }

  protected call(f: unknown, args: unknown[], kw: Keywords, pos: number): unknown {
    return callValue(f, args, kw, pos, this.host);
  }

  protected binary(op: BinOp | CmpOp, l: unknown, r: unknown, pos: number): unknown {
    const host = this.host;
    const num = (v: unknown) => typeof v === "number" || typeof v === "boolean";
    if (num(l) && num(r)) return CMP_OPS.has(op) ? pyCompare(op as CmpOp, Number(l), Number(r)) : pyArith(op as BinOp, Number(l), Number(r), pos);
    const arr = (v: unknown) => num(v) || host.isArray(v);
    if (arr(l) && arr(r)) return binaryOnArrays(this.jnp(OP_NAMES[op], pos), l, r);
    if (op === "+" && Array.isArray(l) && Array.isArray(r)) return tupleConcat(l, r, pos);
    if (op === "*" && Array.isArray(l) && typeof r === "number") return tupleRepeat(l, r, pos);
    if (op === "*" && typeof l === "number" && Array.isArray(r)) return tupleRepeat(r, l, pos);
    if ((op === "==" || op === "!=") && !host.isArray(l) && !host.isArray(r)) return pyEqual(l, r) === (op === "==");
    const t = (v: unknown) => pyTypeName(v, host);
    if (CMP_OPS.has(op)) throw unsupported(`'${op}' not supported between instances of '${t(l)}' and '${t(r)}'`, pos, "TypeError");
    throw unsupported(`unsupported operand type(s) for ${op}: '${t(l)}' and '${t(r)}'`, pos, "TypeError");
  }

  private attribute(obj: unknown, name: string, label: string, pos: number): unknown {
    const host = this.host;
    if (obj instanceof AtRef) return atMethod(obj, name, host, pos);
    if (name === "at" && host.isArray(obj)) return new AtHelper(obj);
    const scalar = typeof obj === "number" || typeof obj === "boolean";
    if (host.isKey?.(obj) && (name === "shape" || name === "ndim")) {
      const shape = [...(obj as { shape: readonly number[] }).shape];
      return name === "shape" ? shape : shape.length;
    }
    if (!scalar && !host.isArray(obj)) {
      throw unsupported(`'${pyTypeName(obj, host)}' object has no attribute '${name}'`, pos, "AttributeError");
    }
    if ((ARRAY_METHODS as readonly string[]).includes(name)) return boundMethod(obj, name, label, host);
    if (!(ARRAY_PROPERTIES as readonly string[]).includes(name)) throw unsupported(`array attribute '${name}' is not supported`, pos);
    const shape: number[] = scalar ? [] : [...((obj as { shape?: readonly number[] }).shape ?? [])];
    switch (name) {
      case "T":
        return scalar ? obj : this.jnp("transpose", pos)(obj);
      case "shape":
        return shape;
      case "ndim":
        return shape.length;
      default:
        return shape.reduce((a, b) => a * b, 1);
    }
  }

  private index(obj: unknown, items: (Expr | SliceNode)[], env: Env | null, pos: number): unknown {
    const host = this.host;
    let vals: unknown[] = items.map((it) =>
      it.type === "ellipsis" ? "..." : it.type === "slice" ? this.slice(it, env) : this.eval(it, env),
    );
    if (host.isKey?.(obj) && host.unstack && vals.length === 1 && typeof vals[0] === "number" && Number.isInteger(vals[0])) {
      const keys = host.unstack(obj) ?? [];
      const i = (vals[0] as number) < 0 ? (vals[0] as number) + keys.length : (vals[0] as number);
      if (i < 0 || i >= keys.length) throw unsupported(`index ${vals[0] as number} is out of bounds for axis 0 with size ${keys.length}`, pos, "IndexError");
      return keys[i];
    }
    const helper = obj instanceof AtHelper;
    if (host.isArray(obj) || helper) {
      // `x[(0, 1)]` is `x[0, 1]` in Python.
      if (vals.length === 1 && Array.isArray(vals[0]) && items[0].type !== "slice") vals = [...vals[0]];
      const list = vals.map((v) => toIndexItem(v, pos, host));
      return helper ? new AtRef(obj.array, list) : host.index(obj, list);
    }
    const t = pyTypeName(obj, host);
    if (Array.isArray(obj)) {
      const v = vals.length === 1 ? vals[0] : undefined;
      if (typeof v === "number" && Number.isInteger(v)) {
        const i = v < 0 ? v + obj.length : v;
        if (i < 0 || i >= obj.length) throw unsupported("tuple index out of range", pos, "IndexError");
        return obj[i];
      }
      if (isSlice(v) && items[0].type === "slice") return pySlice(obj, v, pos);
      throw unsupported(`tuple indices must be integers or slices, not ${vals.length === 1 ? pyTypeName(v, host) : "tuple"}`, pos, "TypeError");
    }
    if (t === "dict") {
      const key = vals.length === 1 ? vals[0] : undefined;
      const d = obj as Record<string, unknown>;
      if (typeof key === "string" && Object.hasOwn(d, key)) return d[key];
      const near = typeof key === "string" ? closestName(key, Object.keys(d)) : undefined;
      const shown = typeof key === "string" ? `'${key}'` : pyTypeName(key, host);
      throw unsupported(`${shown}${near === undefined ? "" : ` — did you mean '${near}'?`}`, pos, "KeyError");
    }
    throw unsupported(`'${t}' object is not subscriptable`, pos, "TypeError");
  }

  private slice(s: SliceNode, env: Env | null): { start: number | null; stop: number | null; step: number | null } {
    const part = (p: Expr | null): number | null => {
      if (p === null) return null;
      const v = this.eval(p, env);
      if (v === null || (typeof v === "number" && Number.isInteger(v))) return v;
      throw unsupported(`slice indices must be integers or None, not ${pyTypeName(v, this.host)}`, p.pos, "TypeError");
    };
    return { start: part(s.start), stop: part(s.stop), step: part(s.step) };
  }
}

/** A slice made by `slice()` above; a dict with the same keys (null-prototype) is not one. */
function isSlice(v: unknown): v is { start: number | null; stop: number | null; step: number | null } {
  return typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype && Object.hasOwn(v, "step") && Object.hasOwn(v, "start") && Object.hasOwn(v, "stop");
}

function toIndexItem(v: unknown, pos: number, host: LangHost): IndexItem {
  if (v === null || v === "...") return v;
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (isSlice(v)) return { start: v.start, stop: v.stop, step: v.step };
  // An array index is indexing by values (a gather); the engine checks its dtype.
  if (host.isArray(v)) return v as IndexItem;
  if (typeof v === "number") throw unsupported("Indexer must have integer or boolean type, got indexer with type float64", pos, "TypeError");
  throw unsupported(`only integers, slices (\`:\`), ellipsis (\`...\`) and None are valid indices, not ${pyTypeName(v, host)}`, pos, "IndexError");
}

function pyEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEqual(x, b[i]));
  if ((typeof a === "number" || typeof a === "boolean") && (typeof b === "number" || typeof b === "boolean")) return Number(a) === Number(b);
  return a === b;
}

const TYPE_ERROR = { pyType: "TypeError" } as const;

/**
 * Python's argument binding for a lambda or a def (`fname`, with its parameters' `defaults`),
 * with CPython's TypeError wording.
 */
export function bindParams(params: readonly string[], args: unknown[], kw: Keywords, fname = "<lambda>", defaults?: ReadonlyMap<string, unknown>): Map<string, unknown> {
  const n = params.length;
  if (args.length > n) {
    throw new EngineError("unsupported", `${fname}() takes ${n} positional argument${n === 1 ? "" : "s"} but ${args.length} ${args.length === 1 ? "was" : "were"} given`, TYPE_ERROR);
  }
  const vars = new Map<string, unknown>();
  params.forEach((p, i) => i < args.length && vars.set(p, args[i]));
  for (const [k, v] of kw) {
    if (!params.includes(k)) throw new EngineError("unsupported", `${fname}() got an unexpected keyword argument '${k}'`, TYPE_ERROR);
    if (vars.has(k)) throw new EngineError("unsupported", `${fname}() got multiple values for argument '${k}'`, TYPE_ERROR);
    vars.set(k, v);
  }
  for (const [k, v] of defaults ?? []) if (!vars.has(k)) vars.set(k, v);
  const missing = params.filter((p) => !vars.has(p));
  if (missing.length > 0) {
    const m = missing.length;
    throw new EngineError("unsupported", `${fname}() missing ${m} required positional argument${m === 1 ? "" : "s"}: ${pyNameList(missing)}`, TYPE_ERROR);
  }
  return vars;
}
