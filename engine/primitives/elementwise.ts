/**
 * Elementwise primitives: unary math (neg exp log sin cos tanh logistic sqrt abs sign square
 * integer_pow), binary arithmetic (add sub mul div pow max min), comparisons (lt le gt ge eq ne,
 * values 0/1) and select_n. Unlike lax they accept NumPy broadcasting (a project decision), so
 * their VJPs sum each cotangent back to its operand's shape with `unbroadcast`.
 * Each VJP is JAX's JVP rule transposed, written with binds so it composes with every transform.
 * `emit` gives a JS expression equal to the kernel, bit for bit; it may repeat an argument, so
 * codegen should pass identifiers or literals. JAX: jax/_src/lax/lax.py (`*_p` and `ad.defjvp*`).
 */
import { EngineError } from "../errors";
import { NDArray } from "../array/ndarray";
import { scalarOfType } from "../array/create";
import { canonicalize, defaultFloat, isFloat, promote, roundExpr, roundInPlace, type DType, type Typed } from "../array/dtype";
import { binary, select, unary, type BinaryOp, type UnaryOp } from "../array/kernels";
import { broadcastShapes } from "../array/shape";
import { ShapedArray } from "../core/aval";
import { definePrimitive, type PrimitiveDef } from "../core/primitive";
import { bind1, type Value } from "../core/tracer";
import { broadcasting, callEmit, compareEmit, infixEmit, unbroadcast, vectorized, zeroVjp, type NoParams } from "./families";
import { elementwiseCells } from "./provenanceFamilies";
import { call, infix, same, type SymbolForm } from "../core/symbols";

type Vjp<P> = NonNullable<PrimitiveDef<P>["vjp"]>;
type Ct = Value | null;

const b = (prim: PrimitiveDef<NoParams>, ...args: unknown[]): Value => bind1(prim, args);

/**
 * Every elementwise impl takes the result dtype `d` and returns a fresh array of it, its values
 * rounded as they are written (roundsResults: no second pass over the result).
 */
function unaryPrim<P = NoParams>(
  name: string,
  impl: (x: NDArray, p: P, d: DType) => NDArray,
  emit: (args: string[], p: P) => string,
  vjp: Vjp<P>,
  printParams?: (p: P) => string,
  cost: (x: NDArray, p: P) => number = (x) => x.size,
  dtype?: (xs: readonly Typed[], p: P) => Typed,
  symbol: (p: P) => SymbolForm = call(name),
): PrimitiveDef<P> {
  const prim: PrimitiveDef<P> = definePrimitive<P>({
    ...(printParams ? { printParams } : {}),
    ...(dtype ? { dtype } : {}),
    name,
    symbol,
    elementwise: true,
    shape: ([x]) => [new ShapedArray(x.shape)],
    impl: ([x], p, t) => [impl(x, p, t?.dtype ?? "float64")],
    roundsResults: true,
    cost: ([x], p) => cost(x, p),
    batch: (_B, xs, dims, p) => vectorized(prim, xs, dims, p),
    provenance: elementwiseCells,
    vjp,
    emit,
  });
  return prim;
}

const kernelUnary = (op: UnaryOp) => (x: NDArray, _p: unknown, d: DType) => unary(op, x, d);

/**
 * Float-only math (exp, log, sin, …) on an int or bool operand gives the default float, as jnp
 * does after converting (lax itself would refuse). JAX: ufuncs.py `promote_args_inexact`.
 */
const inexact = ([x]: readonly Typed[]): Typed => (isFloat(x.dtype) ? { dtype: canonicalize(x.dtype), weak: x.weak } : { dtype: defaultFloat(), weak: x.weak });

function mapUnary(x: NDArray, f: (v: number) => number, dtype: DType): NDArray {
  const d = x.flat();
  for (let i = 0; i < d.length; i++) d[i] = f(d[i]);
  roundInPlace(d, 0, d.length, dtype);
  return new NDArray(d, x.shape, undefined, 0, dtype);
}

/** Unary rule `ct ↦ f(ct, x, out)`, zero cotangent in, zero out. */
const rule = (f: (ct: Value, x: Value, out: Value) => Value): Vjp<NoParams> => ([ct], [x], [out]) => [ct === null ? null : f(ct, x, out)];

export const negP: PrimitiveDef<NoParams> = unaryPrim("neg", kernelUnary("neg"), ([a]) => `(-(${a}))`, rule((ct) => b(negP, ct)), undefined, undefined, undefined, () => ({ form: "prefix", op: "-" }));
export const expP: PrimitiveDef<NoParams> = unaryPrim("exp", kernelUnary("exp"), callEmit("Math.exp"), rule((ct, _x, out) => b(mulP, ct, out)), undefined, undefined, inexact);
export const logP: PrimitiveDef<NoParams> = unaryPrim("log", kernelUnary("log"), callEmit("Math.log"), rule((ct, x) => b(divP, ct, x)), undefined, undefined, inexact);
export const sinP: PrimitiveDef<NoParams> = unaryPrim("sin", kernelUnary("sin"), callEmit("Math.sin"), rule((ct, x) => b(mulP, ct, b(cosP, x))), undefined, undefined, inexact);
export const cosP: PrimitiveDef<NoParams> = unaryPrim("cos", kernelUnary("cos"), callEmit("Math.cos"), rule((ct, x) => b(negP, b(mulP, ct, b(sinP, x)))), undefined, undefined, inexact);
// JAX: g·(1 + ans)·(1 − ans), written as (g + g·ans)·(1 − ans), not g·(1 − ans²).
export const tanhP: PrimitiveDef<NoParams> = unaryPrim("tanh", kernelUnary("tanh"), callEmit("M.tanh"), rule((ct, _x, out) => b(mulP, b(addP, ct, b(mulP, ct, out)), b(subP, 1, out))), undefined, undefined, inexact);
// jax.nn.sigmoid is lax.logistic; its rule g·ans·(1 − ans) stays finite where exp(−x) overflows.
export const logisticP: PrimitiveDef<NoParams> = unaryPrim(
  "logistic",
  (x, _p, d) => mapUnary(x, (v) => 1 / (1 + Math.exp(-v)), d),
  ([a]) => `(1 / (1 + Math.exp(-(${a}))))`,
  rule((ct, _x, out) => b(mulP, ct, b(mulP, out, b(subP, 1, out)))), undefined, undefined, inexact, call("sigmoid"));
// JAX: g·(0.5 / ans).
export const sqrtP: PrimitiveDef<NoParams> = unaryPrim("sqrt", kernelUnary("sqrt"), callEmit("Math.sqrt"), rule((ct, _x, out) => b(mulP, ct, b(divP, 0.5, out))), undefined, undefined, inexact);
// JAX `_abs_jvp_rule`: select(x >= 0, g, -g), so the gradient at 0 is +1 (not sign(0) = 0).
export const absP: PrimitiveDef<NoParams> = unaryPrim("abs", kernelUnary("abs"), callEmit("Math.abs"), rule((ct, x) => b(selectNP, b(geP, x, 0), b(negP, ct), ct)));
// `+ 0` turns Math.sign's -0 into 0, like the kernel. JAX: defjvp_zero(sign_p).
export const signP: PrimitiveDef<NoParams> = unaryPrim("sign", kernelUnary("sign"), ([a]) => `(Math.sign(${a}) + 0)`, zeroVjp);
// jnp.square is lax.square (a primitive since JAX 0.4.36); JAX rule: g·(2·x).
export const squareP: PrimitiveDef<NoParams> = unaryPrim("square", (x, _p, d) => binary("mul", x, x, "square", d), ([a]) => `(${a} * ${a})`, rule((ct, x) => b(mulP, ct, b(mulP, 2, x))), undefined, undefined, undefined, () => ({ form: "power", op: "2" }));

/** x**y for an integer y by JAX's square-and-multiply (`_integer_pow`), so rounding matches. */
function integerPowScalar(x: number, y: number): number {
  if (y === 0) return 1;
  let n = Math.abs(y);
  let acc = NaN;
  let first = true;
  let base = x;
  while (n > 0) {
    if (n & 1) {
      acc = first ? base : acc * base;
      first = false;
    }
    n = Math.floor(n / 2);
    if (n > 0) base = base * base;
  }
  return y < 0 ? 1 / acc : acc;
}

/** Multiplications integerPowScalar does for exponent y: about 2·log2|y| (XLA's expansion). */
function integerPowSteps(y: number): number {
  let n = Math.abs(y);
  let steps = 0;
  while (n > 1) {
    steps += 1 + (n & 1);
    n = Math.floor(n / 2);
  }
  return Math.max(1, steps);
}

/**
 * The same square-and-multiply as integerPowScalar, as one expression of O(log |y|) size: each
 * square is bound once as the parameter of an arrow function (`((p1) => …)(p0 * p0)`), since
 * writing `(b * b)` out again at every step would double the text per bit of y. Exponents up
 * to 4 stay plain products (the common x**2, x**3 cost no call).
 */
export function integerPowEmit(a: string, y: number): string {
  if (y === 0) return "1";
  let n = Math.abs(y);
  let acc: string | null = null;
  if (n <= 4) {
    let base = a;
    while (n > 0) {
      if (n & 1) acc = acc === null ? base : `(${acc} * ${base})`;
      n = Math.floor(n / 2);
      if (n > 0) base = `(${base} * ${base})`;
    }
  } else {
    const opens: string[] = ["((p0) => "];
    const closes: string[] = [`)(${a})`];
    let k = 0;
    while (n > 0) {
      if (n & 1) acc = acc === null ? `p${k}` : `(${acc} * p${k})`;
      n = Math.floor(n / 2);
      if (n > 0) {
        opens.push(`((p${k + 1}) => `);
        closes.push(`)(p${k} * p${k})`);
        k++;
      }
    }
    acc = opens.join("") + acc + closes.reverse().join("");
  }
  return y < 0 ? `(1 / ${acc})` : `(${acc})`;
}

export interface IntegerPowParams { y: number }

/** x ** n for a Python int n (what jnp.power and `**` bind). JAX rule: g·(y·x^(y−1)), 0 for y = 0. */
export const integerPowP: PrimitiveDef<IntegerPowParams> = unaryPrim<IntegerPowParams>(
  "integer_pow",
  (x, { y }, d) => {
    if (!Number.isInteger(y)) throw new EngineError("unsupported", `integer_pow needs an integer exponent, got ${y}`);
    return mapUnary(x, (v) => integerPowScalar(v, y), d);
  },
  ([a], { y }) => integerPowEmit(a, y),
  ([ct], [x], _outs, { y }) => [ct === null || y === 0 ? null : b(mulP, ct, b(mulP, y, bind1(integerPowP, [x], { y: y - 1 })))],
  ({ y }) => `y=${y}`,
  (x, { y }) => x.size * integerPowSteps(y),
  undefined,
  ({ y }) => ({ form: "power", op: String(y) }),
);

// ---------------------------------------------------------------- n-ary
function naryPrim(
  name: string,
  impl: (xs: NDArray[], d: DType) => NDArray,
  emit: (args: string[], p: NoParams, out?: ShapedArray) => string,
  vjp: Vjp<NoParams>,
  dtype?: (xs: readonly Typed[]) => Typed,
  symbol: () => SymbolForm = call(name),
): PrimitiveDef<NoParams> {
  const prim: PrimitiveDef<NoParams> = definePrimitive<NoParams>({
    ...(dtype ? { dtype } : {}),
    name,
    symbol,
    elementwise: true,
    shape: (avals) => [new ShapedArray(broadcastShapes(avals.map((a) => a.shape), name))],
    impl: (xs, _p, t) => [impl(xs, t?.dtype ?? "float64")],
    roundsResults: true,
    cost: broadcastSize,
    batch: (B, xs, dims, p) => broadcasting(prim, B, xs, dims, p),
    provenance: elementwiseCells,
    vjp,
    emit,
  });
  return prim;
}

/** Size of the broadcast result (the largest extent per right-aligned axis); O(ndim). */
function broadcastSize(xs: readonly NDArray[]): number {
  let ndim = 0;
  for (const x of xs) ndim = Math.max(ndim, x.ndim);
  let n = 1;
  for (let i = 1; i <= ndim; i++) {
    let d = 1;
    for (const x of xs) if (x.ndim >= i) d = Math.max(d, x.shape[x.ndim - i]);
    n *= d;
  }
  return n;
}

const kernelBinary = (op: BinaryOp, name: string) => ([x, y]: NDArray[], d: DType) => binary(op, x, y, name, d);

/** Binary rule: per-operand cotangents at the output shape, then summed to each operand's shape. */
const rule2 = (fx: (ct: Value, x: Value, y: Value, out: Value) => Ct, fy: (ct: Value, x: Value, y: Value, out: Value) => Ct): Vjp<NoParams> =>
  ([ct], [x, y], [out], _p, needed) => {
    if (ct === null) return [null, null];
    const gx = needed?.[0] === false ? null : fx(ct, x, y, out);
    const gy = needed?.[1] === false ? null : fy(ct, x, y, out);
    return [gx === null ? null : unbroadcast(gx, x.shape), gy === null ? null : unbroadcast(gy, y.shape)];
  };

/** JAX `_balanced_eq(x, z, y)`: 1 where x is the result, halved where y ties with it. Ties split 0.5/0.5. */
const balancedEq = (x: Value, z: Value, y: Value) => b(divP, convert(b(eqP, x, z), x.dtype), b(addP, convert(b(eqP, y, z), x.dtype), 1));
/** JAX `_replace_zero`: 1 where x == 0, else x. */
const replaceZero = (x: Value) => b(selectNP, b(eqP, x, 0), x, 1);

export const addP: PrimitiveDef<NoParams> = naryPrim("add", kernelBinary("add", "add"), infixEmit("+"), rule2((ct) => ct, (ct) => ct), undefined, infix("+", 1));
export const subP: PrimitiveDef<NoParams> = naryPrim("sub", kernelBinary("sub", "sub"), infixEmit("-"), rule2((ct) => ct, (ct) => b(negP, ct)), undefined, infix("-", 1));
/** int32 × int32 multiplies with Math.imul: XLA's wraparound, exact (a double product is not past 2**53). */
const int32Product = (xs: readonly Typed[]): boolean => promote(xs).dtype === "int32";
export const mulP: PrimitiveDef<NoParams> = naryPrim(
  "mul",
  ([x, y], d) => binary(int32Product([x, y]) ? "imul" : "mul", x, y, "mul", d),
  ([a, c], _p, out) => (out?.dtype === "int32" ? `Math.imul(${a}, ${c})` : `(${a} * ${c})`),
  rule2((ct, _x, y) => b(mulP, ct, y), (ct, x) => b(mulP, x, ct)),
  undefined,
  infix("·", 2),
);
// JAX: x̄ = g / y, ȳ = (−g·x)·y^−2.
export const divP: PrimitiveDef<NoParams> = naryPrim(
  "div",
  kernelBinary("div", "div"),
  infixEmit("/"),
  rule2((ct, _x, y) => b(divP, ct, y), (ct, x, y) => b(mulP, b(mulP, b(negP, ct), x), bind1(integerPowP, [y], { y: -2 }))),
  undefined,
  infix("/", 2),
);
// JAX `_pow_jvp_lhs` (float y): g·y·x^(y−1); `_pow_jvp_rhs`: g·log(replace_zero(x))·ans, so 0 at x = 0.
export const powP: PrimitiveDef<NoParams> = naryPrim(
  "pow",
  kernelBinary("pow", "pow"),
  callEmit("Math.pow"),
  rule2(
    (ct, x, y) => b(mulP, ct, b(mulP, y, b(powP, x, b(subP, y, 1)))),
    (ct, x, _y, out) => b(mulP, ct, b(mulP, b(logP, replaceZero(x)), out)),
  ),
  undefined,
  infix("**", 4),
);
// NaN-propagating like kernels.ts. Gradient: JAX `_balanced_eq`, ties split 0.5/0.5.
export const maxP: PrimitiveDef<NoParams> = naryPrim(
  "max",
  kernelBinary("max", "max"),
  ([a, c]) => `(${a} > ${c} || ${a} !== ${a} ? ${a} : ${c})`,
  rule2((ct, x, y, out) => b(mulP, ct, balancedEq(x, out, y)), (ct, x, y, out) => b(mulP, ct, balancedEq(y, out, x))),
  undefined,
  call("maximum"),
);
export const minP: PrimitiveDef<NoParams> = naryPrim(
  "min",
  kernelBinary("min", "min"),
  ([a, c]) => `(${a} < ${c} || ${a} !== ${a} ? ${a} : ${c})`,
  rule2((ct, x, y, out) => b(mulP, ct, balancedEq(x, out, y)), (ct, x, y, out) => b(mulP, ct, balancedEq(y, out, x))),
  undefined,
  call("minimum"),
);

// Comparisons give bool (stored 0/1); JAX: defjvp_zero, so no cotangent flows.
const boolResult = (): Typed => ({ dtype: "bool", weak: false });
export const ltP: PrimitiveDef<NoParams> = naryPrim("lt", kernelBinary("lt", "lt"), compareEmit("<"), zeroVjp, boolResult, infix("<", 0));
export const leP: PrimitiveDef<NoParams> = naryPrim("le", kernelBinary("le", "le"), compareEmit("<="), zeroVjp, boolResult, infix("<=", 0));
export const gtP: PrimitiveDef<NoParams> = naryPrim("gt", kernelBinary("gt", "gt"), compareEmit(">"), zeroVjp, boolResult, infix(">", 0));
export const geP: PrimitiveDef<NoParams> = naryPrim("ge", kernelBinary("ge", "ge"), compareEmit(">="), zeroVjp, boolResult, infix(">=", 0));
export const eqP: PrimitiveDef<NoParams> = naryPrim("eq", kernelBinary("eq", "eq"), compareEmit("==="), zeroVjp, boolResult, infix("==", 0));
export const neP: PrimitiveDef<NoParams> = naryPrim("ne", kernelBinary("ne", "ne"), compareEmit("!=="), zeroVjp, boolResult, infix("!=", 0));

/**
 * select_n(which, *cases): case `which` at each position, as JAX's select_n; with two cases a
 * bool (or any nonzero) `which` picks case 1, so jnp.where(c, x, y) = select_n(c, y, x). More
 * cases take an int32 `which` (lax.switch under vmap with a batched index).
 * VJP: JAX `_select_transpose_rule`, ct routed to the chosen case, zeros to the others.
 */
export const selectNP: PrimitiveDef<NoParams> = naryPrim(
  "select_n",
  ([pred, ...cases], d) => {
    if (cases.length < 2) throw new EngineError("unsupported", "select_n takes a predicate and at least two cases here");
    if (cases.length === 2) return select(pred, cases[1], cases[0], d);
    let r = cases[0];
    for (let i = 1; i < cases.length; i++) r = select(binary("eq", pred, scalarOfType(i, "int32"), "eq", "bool"), cases[i], r, d);
    return r;
  },
  ([p, ...cs]) => (cs.length === 2 ? `(${p} !== 0 ? ${cs[1]} : ${cs[0]})` : `(${cs.slice(1).map((c, i) => `${p} === ${i + 1} ? ${c} : `).join("")}${cs[0]})`),
  ([ct], [pred, ...cases]) => {
    if (ct === null) return [null, ...cases.map(() => null)];
    return [null, ...cases.map((c, i) => unbroadcast(bind1(selectNP, [pred, ...cases.map((_, j) => (j === i ? ct : 0))]), c.shape))];
  },
  // The cases decide the result type; the predicate is bool.
  ([, ...cases]) => promote(cases),
  call("select"),
);

export interface ConvertParams { newDtype: DType; weakType: boolean }

/**
 * convert_element_type: the values rounded to another dtype (float → int truncates, anything
 * → bool is `!= 0`). VJP: the cotangent converted back for a float operand, none for an int or
 * bool one. JAX: lax.py `convert_element_type_p` (`_convert_element_type_transpose_rule`).
 */
export const convertElementTypeP: PrimitiveDef<ConvertParams> = unaryPrim<ConvertParams>(
  "convert_element_type",
  (x, _p, d) => mapUnary(x, (v) => v, d),
  ([a], { newDtype }) => roundExpr(a, newDtype),
  ([ct], [x]) => [ct === null || !isFloat(x.dtype) ? null : convert(ct, x.dtype, x.weak)],
  ({ newDtype, weakType }) => `new_dtype=${newDtype} weak_type=${weakType ? "True" : "False"}`,
  (x) => x.size,
  (_xs, { newDtype, weakType }) => ({ dtype: newDtype, weak: weakType }),
  same,
);

/** `x` as dtype `d` (a convert_element_type unless it already is). */
export function convert(x: Value, d: DType, weak = false): Value {
  if (x.dtype === d && x.weak === weak) return x;
  return bind1(convertElementTypeP, [x], { newDtype: d, weakType: weak });
}
