/**
 * jax.lax's control flow as functions: cond, switch, select, fori_loop, while_loop, scan, map.
 * Each traces the functions it is given to jaxprs (closed-over values become operands), checks
 * their types with JAX's words and binds one primitive; fori_loop with Python-int bounds is a
 * scan (so it differentiates), with traced bounds a while. JAX: jax/_src/lax/control_flow/
 * conditionals.py (`cond`, `switch`, `_check_branch_outputs`), loops.py (`scan`, `while_loop`,
 * `fori_loop`, `map`, `_check_carry_type`), lax.py (`select`).
 */
import { ShapedArray } from "../core/aval";
import { paramNamesOf } from "../core/fnmeta";
import { treeDefKey, treeFlatten, treeLeafPaths, treeUnflatten, type TreeDef } from "../core/pytree";
import { avalOf, bind, bind1, isTracer, toValue, type Value } from "../core/tracer";
import { isInt } from "../array/dtype";
import { EngineError, pyShape } from "../errors";
import { withBudgetScope } from "../limits";
import { convert, neP, selectNP } from "../primitives/elementwise";
import * as lax from "../primitives/lax";
import { mergeConsts, traceClosed, leavesOf, type Closed } from "./closed";
import { condP } from "./cond";
import { scanP } from "./scan";
import { whileP } from "./whileLoop";

const typeError = (msg: string) => new EngineError("unsupported", msg, { pyType: "TypeError" });
const valueError = (msg: string) => new EngineError("unsupported", msg, { pyType: "ValueError" });

/** JAX's `str_short`: `float32[3]`. */
const typeText = (a: ShapedArray) => `${a.dtype}[${a.shape.join(",")}]`;
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function requireCallable(f: unknown, msg: string): asserts f is Function {
  if (typeof f !== "function") throw typeError(msg);
}

/** A value's text in a message: a tracer is `Traced<float32[3]>`, an array its shape. */
function valueText(x: Value): string {
  return isTracer(x) ? `Traced<${typeText(x.aval)}>` : x.ndim === 0 ? String(x.data[x.offset]) : `Array of shape ${pyShape(x.shape)}`;
}

/** JAX's `_check_branch_outputs` (conditionals.py). */
function checkBranchOutputs(api: string, name1: string, name2: string, a: Closed, b: Closed): void {
  if (treeDefKey(a.outTree) !== treeDefKey(b.outTree)) {
    throw typeError(`${api} branch outputs must have the same pytree structure, but they differ:\n\n${name1} output is a ${treeText(a.outTree)} but ${name2} output is a ${treeText(b.outTree)}.\n\nRevise ${name1} and/or ${name2} so that they have the same pytree structure.`);
  }
  const paths = treeLeafPaths(a.outTree);
  const diffs: string[] = [];
  a.jaxpr.outAvals.forEach((x, i) => {
    const y = b.jaxpr.outAvals[i];
    if (typesMatch(x, y)) return;
    const at = paths[i] ? ` at path ${paths[i]}` : "";
    diffs.push(`the output of ${name1}${at} has type ${typeText(x)} but the corresponding output of ${name2} has type ${typeText(y)}${mismatchExtra(x, y)}`);
  });
  if (diffs.length === 0) return;
  const differences = diffs.length === 1 ? `${capitalize(diffs[0])}.\n` : `${diffs.slice(0, -1).map((d) => `  * ${d};`).join("\n")}\n  * ${diffs[diffs.length - 1]}.\n`;
  throw typeError(`${api} branches must have equal output types but they differ.\n\n${differences}\nRevise ${name1} and/or ${name2} so that all output types match.`);
}

const treeText = (t: TreeDef) => (t.kind === "leaf" ? "array" : t.kind === "none" ? "None" : t.kind === "dict" ? "dict" : `tuple of length ${t.children.length}`);
const typesMatch = (x: { dtype: string; shape: readonly number[] }, y: { dtype: string; shape: readonly number[] }) => x.dtype === y.dtype && x.shape.length === y.shape.length && x.shape.every((n, i) => n === y.shape[i]);

/** JAX's core.aval_mismatch_extra. */
function mismatchExtra(x: ShapedArray, y: ShapedArray): string {
  const m: string[] = [];
  if (x.dtype !== y.dtype) m.push("the dtypes do not match");
  if (!(x.shape.length === y.shape.length && x.shape.every((n, i) => n === y.shape[i]))) m.push("the shapes do not match");
  return m.length === 0 ? "" : `, so ${m.join(" and ")}`;
}

/** Operands flattened, and the flat avals and structure branches are traced at. */
function flatOperands(operands: readonly unknown[]): { leaves: Value[]; avals: ShapedArray[]; tree: TreeDef } {
  const [leaves, tree] = leavesOf([...operands]);
  return { leaves, avals: leaves.map(avalOf), tree };
}

/** `check` lists the branch pairs compared, in JAX's order (cond: true_fun first). */
function bindCond(index: Value, fns: readonly Function[], names: readonly string[], api: string, operands: readonly unknown[], check: readonly [number, number][]): unknown {
  const ops = flatOperands(operands);
  const closed = fns.map((f) => traceClosed(f as (...a: unknown[]) => unknown, ops.avals, ops.tree));
  for (const [a, b] of check) checkBranchOutputs(api, names[a], names[b], closed[a], closed[b]);
  const { jaxprs, consts } = mergeConsts(closed);
  const outs = bind(condP, [index, ...consts, ...ops.leaves], { branches: jaxprs });
  return treeUnflatten(closed[0].outTree, outs);
}

/** jax.lax.cond(pred, true_fun, false_fun, *operands). */
export function cond(pred: unknown, trueFun: unknown, falseFun: unknown, ...operands: unknown[]): unknown {
  return withBudgetScope(() => {
    if (typeof trueFun !== "function" || typeof falseFun !== "function") throw typeError("lax.cond: true_fun and false_fun arguments should be callable.");
    if (pred === null || pred === undefined) throw typeError("cond predicate is None");
    if (Array.isArray(pred)) throw typeError(`Pred must be a scalar, got ${JSON.stringify(pred)} of type <class 'tuple'>`);
    let p = toValue(pred);
    if (p.ndim !== 0) throw typeError(`Pred must be a scalar, got ${valueText(p)} of shape ${pyShape(p.shape)}.`);
    if (p.dtype !== "bool") p = bind1(neP, [p, 0]);
    return bindCond(convert(p, "int32"), [falseFun, trueFun], ["false_fun", "true_fun"], "cond", operands, [[1, 0]]);
  });
}

/** jax.lax.switch(index, branches, *operands): the index converted to int32 and clamped. */
export function switch_(index: unknown, branches: unknown, ...operands: unknown[]): unknown {
  return withBudgetScope(() => {
    const fns = Array.isArray(branches) ? branches : [];
    if (!Array.isArray(branches) || !fns.every((f) => typeof f === "function")) throw typeError("lax.switch: branches argument should be a sequence of callables.");
    const i = toValue(index);
    if (i.ndim !== 0) throw typeError(`Branch index must be scalar, got ${valueText(i)} of shape ${pyShape(i.shape)}.`);
    if (!isInt(i.dtype)) throw typeError(`Index type must be an integer, got ${valueText(i)} as ${i.dtype}`);
    if (fns.length === 0) throw valueError("Empty branch sequence");
    if (fns.length === 1) return (fns[0] as Function)(...operands);
    const clamped = lax.max(lax.min(convert(i, "int32"), fns.length - 1), 0);
    return bindCond(clamped, fns as Function[], fns.map((_, k) => (k === 0 ? "branch 0" : `branch${k}`)), "switch", operands, fns.slice(1).map((_, k) => [0, k + 1]));
  });
}

/** jax.lax.select(pred, on_true, on_false): select_n(pred, on_false, on_true), shapes equal. */
export function select(pred: unknown, onTrue: unknown, onFalse: unknown): Value {
  const [p, t, f] = [pred, onTrue, onFalse].map(toValue);
  if (p.dtype !== "bool") throw typeError(`select_n which must be boolean or int32, got ${p.dtype}`);
  if (!typesMatch(t, f) || t.dtype !== f.dtype) {
    if (t.dtype !== f.dtype) throw typeError(`select cases must have the same dtypes, got [${t.dtype}, ${f.dtype}].`);
    throw typeError(`select cases must have the same shapes, got [${pyShape(f.shape)}, ${pyShape(t.shape)}].`);
  }
  if (p.ndim !== 0 && !typesMatch(new ShapedArray(p.shape, t.dtype), t)) {
    throw typeError(`select \`which\` must be scalar or have the same shape as cases, got \`which\` shape ${pyShape(p.shape)} but case shape ${pyShape(t.shape)}.`);
  }
  return bind1(selectNP, [p, f, t]);
}

/**
 * A loop body traced at the carry's avals, its weakly typed carry leaves first given the type
 * the body returns (JAX: loops.py `_promote_weak_typed_inputs`).
 */
function traceCarry(fun: Function, name: string, extra: ShapedArray[], carry: Value[], tree: TreeDef, argTree: (c: unknown[]) => { avals: ShapedArray[]; tree: TreeDef }, numOut: (c: Closed) => ShapedArray[]): { closed: Closed; carry: Value[] } {
  const trace = (c: Value[]) => {
    const { avals, tree: t } = argTree(c);
    return traceClosed(fun as (...a: unknown[]) => unknown, [...extra, ...avals], t);
  };
  let closed = trace(carry);
  let promoted = carry;
  // Until no weak input is promoted: a promoted leaf may feed another (a carry shifted along).
  for (let round = 0; round <= carry.length; round++) {
    const outs = numOut(closed);
    let changed = false;
    promoted = promoted.map((c, i) => {
      const o = outs[i];
      if (o && c.weak && typesMatch(c, new ShapedArray(o.shape, c.dtype)) && (c.dtype !== o.dtype || !o.weak)) {
        changed = true;
        return convert(c, o.dtype, o.weak);
      }
      return c;
    });
    if (!changed) break;
    closed = trace(promoted);
  }
  checkCarry(name, fun, promoted, tree, numOut(closed));
  return { closed, carry: promoted };
}

/** JAX's `_check_carry_type` (loops.py). */
function checkCarry(name: string, fun: Function, carry: Value[], tree: TreeDef, outs: ShapedArray[]): void {
  const arg = paramNamesOf(fun)?.[0];
  const paths = treeLeafPaths(tree);
  const component = (p: string) => (arg ? (p ? `the input carry component ${arg}${p}` : `the input carry ${arg}`) : p ? `the input carry at path ${p}` : "the input carry");
  if (outs.length !== carry.length) {
    throw typeError(`${name} function carry input and carry output must have the same pytree structure, but they differ:\n\nthe input tree structure has ${carry.length} leaves and the output tree structure has ${outs.length}.\n\nRevise the function so that the carry output has the same pytree structure as the carry input.`);
  }
  const diffs: string[] = [];
  carry.forEach((c, i) => {
    const a = avalOf(c);
    const o = outs[i];
    if (typesMatch(a, o)) return;
    diffs.push(`${component(paths[i])} has type ${typeText(a)} but the corresponding output carry component has type ${typeText(o)}${mismatchExtra(a, o)}`);
  });
  if (diffs.length === 0) return;
  const differences = diffs.length === 1 ? `${capitalize(diffs[0])}.\n` : `${diffs.slice(0, -1).map((d) => `  * ${d};\n`).join("\n")}  * ${diffs[diffs.length - 1]}.\n`;
  throw typeError(`${name} function carry input and carry output must have equal types, but they differ:\n\n${differences}\nRevise the function so that all output types match the corresponding input types.`);
}

/** jax.lax.while_loop(cond_fun, body_fun, init_val). */
export function whileLoop(condFun: unknown, bodyFun: unknown, initVal: unknown): unknown {
  return withBudgetScope(() => {
    requireCallable(condFun, "lax.while_loop: cond_fun argument should be callable.");
    requireCallable(bodyFun, "lax.while_loop: body_fun argument should be callable.");
    const [init, tree] = leavesOf(initVal);
    const argTree = (c: unknown[]) => ({ avals: c.map((x) => avalOf(x as Value)), tree: treeFlatten([treeUnflatten(tree, c)])[1] });
    const body = traceCarry(bodyFun, "while_loop body", [], init, tree, argTree, (c) => c.jaxpr.outAvals);
    const condClosed = traceClosed(condFun as (...a: unknown[]) => unknown, body.carry.map(avalOf), argTree(body.carry).tree);
    const pred = condClosed.jaxpr.outAvals;
    if (pred.length !== 1 || pred[0].ndim !== 0 || pred[0].dtype !== "bool") {
      throw typeError(`cond_fun must return a boolean scalar, but got output type(s) [${pred.map((a) => `ShapedArray(${typeText(a)}${a.weak ? ", weak_type=True" : ""})`).join(", ")}].`);
    }
    const outs = bind(whileP, [...condClosed.consts, ...body.closed.consts, ...body.carry], {
      cond_jaxpr: condClosed.jaxpr,
      body_jaxpr: body.closed.jaxpr,
      condNconsts: condClosed.consts.length,
      bodyNconsts: body.closed.consts.length,
    });
    return treeUnflatten(tree, outs);
  });
}

/** jax.lax.scan(f, init, xs, length=None, reverse=False): `f(carry, x) → (carry, y)`. */
export function scan(f: unknown, init: unknown, xs: unknown = null, opts: { length?: number | null; reverse?: boolean } = {}): unknown {
  return withBudgetScope(() => {
    requireCallable(f, "scan: f argument should be callable.");
    const [carry, carryTree] = leavesOf(init);
    const [seq, xsTree] = leavesOf(xs);
    const lengths = seq.map((x) => (x.ndim === 0 ? -1 : x.shape[0]));
    if (lengths.some((n) => n < 0)) throw valueError(`scan got value with no leading axis to scan over: ${seq.filter((x) => x.ndim === 0).map((x) => typeText(avalOf(x))).join(", ")}.`);
    let length = opts.length ?? null;
    if (length !== null && (!Number.isInteger(length) || length < 0)) throw typeError(`length argument to scan must be an int, but got ${length}`);
    const distinct = [...new Set(lengths)];
    if (distinct.length > 1) throw valueError(`scan got values with different leading axis sizes: ${lengths.join(", ")}.`);
    if (length !== null && distinct.length === 1 && distinct[0] !== length) throw valueError(`scan got \`length\` argument of ${length} which disagrees with leading axis sizes [${lengths.join(", ")}].`);
    if (length === null) {
      if (distinct.length === 0) throw valueError("scan got no values to scan over and `length` not provided.");
      length = distinct[0];
    }
    const sliceAvals = seq.map((x) => new ShapedArray(x.shape.slice(1), x.dtype, x.weak));
    const argTree = (c: unknown[]) => ({
      avals: [...c.map((x) => avalOf(x as Value)), ...sliceAvals],
      tree: treeFlatten([treeUnflatten(carryTree, c), treeUnflatten(xsTree, sliceAvals)])[1],
    });
    let yTree: TreeDef | null = null;
    const carryOuts = (c: Closed) => {
      const t = c.outTree;
      if (t.kind !== "tuple" || t.children.length !== 2) throw typeError("scan body output must be a pair, got " + treeText(t) + ".");
      const n = countLeaves(t.children[0]);
      yTree = t.children[1];
      return c.jaxpr.outAvals.slice(0, n);
    };
    const body = traceCarry(f, "scan body", [], carry, carryTree, argTree, carryOuts);
    const outs = bind(scanP, [...body.closed.consts, ...body.carry, ...seq], {
      jaxpr: body.closed.jaxpr,
      length,
      reverse: Boolean(opts.reverse),
      numConsts: body.closed.consts.length,
      numCarry: body.carry.length,
      linear: [...body.closed.consts, ...body.carry, ...seq].map(() => false),
      unroll: 1,
    });
    return [treeUnflatten(carryTree, outs.slice(0, body.carry.length)), treeUnflatten(yTree!, outs.slice(body.carry.length))];
  });
}

function countLeaves(t: TreeDef): number {
  return t.kind === "leaf" ? 1 : t.kind === "none" ? 0 : t.children.reduce((n, c) => n + countLeaves(c), 0);
}

/** jax.lax.fori_loop(lower, upper, body_fun, init_val): a scan for Python-int bounds, else a while. */
export function foriLoop(lower: unknown, upper: unknown, bodyFun: unknown, initVal: unknown): unknown {
  return withBudgetScope(() => {
    requireCallable(bodyFun, "lax.fori_loop: body_fun argument should be callable.");
    const lo = toValue(lower);
    const hi = toValue(upper);
    if (lo.dtype !== hi.dtype && !(isInt(lo.dtype) && isInt(hi.dtype) && lo.weak !== hi.weak)) {
      throw typeError(`lower and upper arguments to fori_loop must have equal types, got ${lo.dtype} and ${hi.dtype}`);
    }
    const body = bodyFun as (i: unknown, x: unknown) => unknown;
    if (!isTracer(lo) && !isTracer(hi)) {
      const l = Math.trunc(lo.data[lo.offset]);
      const length = Math.max(Math.trunc(hi.data[hi.offset]) - l, 0);
      const res = scan((c: [Value, unknown]) => [[lax.add(c[0], 1), body(c[0], c[1])], null], [l, initVal], null, { length }) as [[unknown, unknown], unknown];
      return res[0][1];
    }
    const out = whileLoop(
      (c: [Value, Value, unknown]) => lax.lt(c[0], c[1]),
      (c: [Value, Value, unknown]) => [lax.add(c[0], 1), c[1], body(c[0], c[2])],
      [lower, upper, initVal],
    ) as [unknown, unknown, unknown];
    return out[2];
  });
}

/** jax.lax.map(f, xs): a scan with no carry. */
export function map(f: unknown, xs: unknown): unknown {
  requireCallable(f, "lax.map: f argument should be callable.");
  const g = f as (x: unknown) => unknown;
  return (scan((_c: unknown, x: unknown) => [null, g(x)], null, xs) as [unknown, unknown])[1];
}

