/**
 * Runs a program's statements (program.ts) on top of the expression evaluator: `def` makes a
 * function closed over its scope (decorators applied bottom-up, as Python does), assignments
 * bind names (tuple unpacking included), `return` ends a call, imports bind the modules the
 * playground knows, and `print` collects its text. Like the lambdas, every call of a def is
 * charged to the work budget and the shared depth budget (engine/limits.ts). Nothing is ever
 * run as JavaScript.
 */
import { EngineError } from "../../errors";
import { CALL_COST, CALL_DEPTH_COST, chargeOps, withBudgetScope, withDepth } from "../../limits";
import type { DefStmt, Program, Stmt, Target } from "../ast";
import { callValue, makeBuiltin, makeCallable, pyTypeName, type Callable, type Keywords } from "../builtins";
import { bindParams, Evaluator, ModuleValue, type Env } from "../evaluate";
import type { LangHost } from "../host";
import { moduleMember, unsupported, type ModuleRef } from "../resolve";
import { locatedError } from "../tokens";
import { beforeSideEffect } from "../../core/speculation";
// functools.partial, jax.tree.map and jax.config.update come with programs.
import "./specials";

/** One `print(...)` line: its text and the offset of the print call. */
export interface Printed { pos: number; text: string }

/** Where a transformed function was made: a call such as `jax.vmap(f, …)`, or a decorator on a def. */
export interface MadeAt { callPos: number; decorated: DefStmt | null }

/** What the program defines at its top level, and the last name it bound. */
export interface RunResult { globals: Map<string, unknown>; printed: Printed[]; last: { name: string; stmt: Stmt } | null }

const MODULES: Record<string, ModuleRef> = {
  jax: { kind: "module", path: "jax", label: "jax" },
  "jax.numpy": { kind: "module", path: "jnp", label: "jnp" },
  "jax.nn": { kind: "module", path: "jax.nn", label: "jax.nn" },
  "jax.random": { kind: "module", path: "jax.random", label: "jax.random" },
  functools: { kind: "module", path: "functools", label: "functools" },
};

const IMPORT_HINT = "import jax, import jax.numpy as jnp, from jax import random, from functools import partial";

/** Python's `str()` of a value, as `print` shows it. */
export function pyStr(v: unknown, host: LangHost, nested = false): string {
  if (typeof v === "string") return nested ? `'${v}'` : v;
  if (v === null || v === undefined) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return v.length === 1 ? `(${pyStr(v[0], host, true)},)` : `(${v.map((x) => pyStr(x, host, true)).join(", ")})`;
  if (typeof v === "function") return `<function ${(v as { pyName?: string }).pyName ?? "<lambda>"}>`;
  if (host.isArray(v) && host.str) return host.str(v);
  if (host.isArray(v) || host.isKey?.(v)) return String(v);
  if (v instanceof ModuleValue) return `<module '${v.ref.label}'>`;
  return `{${Object.keys(v as object).map((k) => `'${k}': ${pyStr((v as Record<string, unknown>)[k], host, true)}`).join(", ")}}`;
}

export class ProgramRunner extends Evaluator {
  readonly printed: Printed[] = [];
  /** The call or decorator being evaluated, so a jax.vmap made there knows where it was made. */
  protected madeAt: MadeAt = { callPos: -1, decorated: null };
  /** The top-level statement running now (an error without a column points at it). */
  stmt: Stmt | null = null;

  constructor(host: LangHost, protected readonly src: string) {
    super(host);
  }

  /** Where a transformation made now is being made (read by importJax's observing host). */
  madeAtNow(): MadeAt {
    return this.madeAt;
  }

  protected override call(f: unknown, args: unknown[], kw: Keywords, pos: number): unknown {
    const saved = this.madeAt;
    this.madeAt = { callPos: pos, decorated: null };
    try {
      return super.call(f, args, kw, pos);
    } finally {
      this.madeAt = saved;
    }
  }

  /** Python's builtins the snippets use: print and len. */
  private builtins(): Env {
    const host = this.host;
    const print = makeCallable((args, kw, pos) => {
      beforeSideEffect();
      const sep = kw.get("sep");
      this.printed.push({ pos, text: args.map((a) => pyStr(a, host)).join(typeof sep === "string" ? sep : " ") });
      return null;
    }, ["args"], "print");
    const len = makeCallable((args, _kw, pos) => {
      const v = args[0];
      if (Array.isArray(v)) return v.length;
      const shape = (v as { shape?: readonly number[] } | null)?.shape;
      if ((host.isArray(v) || host.isKey?.(v)) && shape && shape.length > 0) return shape[0];
      throw unsupported(`object of type '${pyTypeName(v, host)}' has no len()`, pos, "TypeError");
    }, ["obj"], "len");
    return { vars: new Map<string, unknown>([["print", print], ["len", len]]), parent: null };
  }

  run(program: Program): RunResult {
    const env: Env = { vars: new Map(), parent: this.builtins() };
    let last: RunResult["last"] = null;
    withBudgetScope(() => {
      for (const s of program.body) {
        this.stmt = s;
        if (s.type === "return") throw locatedError(this.src, s.pos, "syntax", "invalid syntax: 'return' outside function");
        this.exec([s], env);
        if (s.type === "def") last = { name: s.name, stmt: s };
        else if (s.type === "assign" && s.targets.length === 1 && s.targets[0].type === "name") last = { name: s.targets[0].name, stmt: s };
      }
    });
    this.stmt = null;
    return { globals: env.vars as Map<string, unknown>, printed: this.printed, last };
  }

  /** Runs statements in `env`; `{ value }` when a `return` ran. */
  private exec(stmts: readonly Stmt[], env: Env): { value: unknown } | null {
    const vars = env.vars as Map<string, unknown>;
    for (const s of stmts) {
      chargeOps(1);
      switch (s.type) {
        case "pass":
          break;
        case "expr":
          this.eval(s.value, env);
          break;
        case "return":
          return { value: s.value === null ? null : this.eval(s.value, env) };
        case "assign": {
          const v = this.eval(s.value, env);
          for (const t of s.targets) this.assign(t, v, vars);
          break;
        }
        case "augassign": {
          const cur = this.lookup(s.target.name, s.target.pos, env);
          vars.set(s.target.name, this.binary(s.op, cur, this.eval(s.value, env), s.pos));
          break;
        }
        case "def":
          vars.set(s.name, this.define(s, env));
          break;
        case "import":
          for (const n of s.names) {
            const ref = MODULES[n.module];
            if (!ref) throw this.unknownModule(n.module, n.pos);
            // `import jax.numpy` binds `jax`; `import jax.numpy as jnp` binds the module itself.
            const bound = n.alias === n.module.split(".")[0] && n.module.includes(".") ? MODULES[n.alias] : ref;
            vars.set(n.alias, new ModuleValue({ ...bound, label: n.alias === n.module ? bound.label : n.alias }));
          }
          break;
        case "from": {
          const ref = MODULES[s.module];
          if (!ref) throw this.unknownModule(s.module, s.pos + 5);
          for (const n of s.names) {
            const sub = MODULES[`${s.module}.${n.name}`];
            if (sub) {
              vars.set(n.alias, new ModuleValue({ ...sub, label: n.alias }));
              continue;
            }
            const member = moduleMember(ref, n.name, n.pos);
            if (member.kind === "module") vars.set(n.alias, new ModuleValue({ ...member, label: n.alias }));
            else if (member.kind === "const") vars.set(n.alias, member.value);
            else vars.set(n.alias, makeBuiltin(member, this.host));
          }
          break;
        }
      }
    }
    return null;
  }

  private unknownModule(name: string, pos: number): EngineError {
    const top = name.split(".")[0];
    if (top === "numpy" || top === "math" || top === "scipy") {
      return locatedError(this.src, pos, "unsupported", `module '${name}' is not supported`, "closest supported form: import jax.numpy as jnp");
    }
    return locatedError(this.src, pos, "unsupported", `module '${name}' is not supported`, `closest supported form: ${IMPORT_HINT}`);
  }

  private assign(t: Target, v: unknown, vars: Map<string, unknown>): void {
    if (t.type === "name") {
      vars.set(t.name, v);
      return;
    }
    const items = this.unpack(v, t.pos);
    if (items.length !== t.items.length) {
      const msg = items.length > t.items.length ? `too many values to unpack (expected ${t.items.length})` : `not enough values to unpack (expected ${t.items.length}, got ${items.length})`;
      throw unsupported(msg, t.pos, "ValueError");
    }
    t.items.forEach((sub, i) => this.assign(sub, items[i], vars));
  }

  private unpack(v: unknown, pos: number): unknown[] {
    if (Array.isArray(v)) return v;
    const items = this.host.isArray(v) || this.host.isKey?.(v) ? this.host.unstack?.(v) : null;
    if (items) return items;
    if (this.host.isArray(v)) throw unsupported("iteration over a 0-d array", pos, "TypeError");
    throw unsupported(`cannot unpack non-iterable ${pyTypeName(v, this.host)} object`, pos, "TypeError");
  }

  /** A def's function (defaults evaluated now, as Python does), then its decorators, innermost first. */
  private define(s: DefStmt, env: Env): unknown {
    const defaults = new Map<string, unknown>();
    for (const p of s.params) if (p.default) defaults.set(p.name, this.eval(p.default, env));
    const names = s.params.map((p) => p.name);
    let fn: unknown = makeCallable((args, kw) => this.invokeDef(s, env, names, defaults, args, kw), names, s.name);
    DEFS.set(fn as Callable, s);
    for (let i = s.decorators.length - 1; i >= 0; i--) {
      const dec = this.eval(s.decorators[i], env);
      const saved = this.madeAt;
      this.madeAt = { callPos: s.decorators[i].pos, decorated: s };
      try {
        fn = callValue(dec, [fn], new Map(), s.decorators[i].pos, this.host);
      } finally {
        this.madeAt = saved;
      }
    }
    return fn;
  }

  private invokeDef(s: DefStmt, env: Env, names: string[], defaults: ReadonlyMap<string, unknown>, args: unknown[], kw: Keywords): unknown {
    return withBudgetScope(() =>
      withDepth(CALL_DEPTH_COST, () => {
        chargeOps(CALL_COST);
        const vars = bindParams(names, args, kw, s.name, defaults);
        const r = this.exec(s.body, { vars, parent: env });
        return r ? r.value : null;
      }),
    );
  }
}

/** The def each function made by a program came from. */
export const DEFS = new WeakMap<Callable, DefStmt>();
