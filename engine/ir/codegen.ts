/**
 * Program → JavaScript. Fused loop groups become nested `for` loops over Float64Arrays whose
 * bodies are the primitives' emit templates; every other equation calls its primitive's impl.
 * The source is built ONLY from the IR (shapes, strides, numeric literals) and the primitives'
 * templates, never from user text, and this file holds the engine's only Function constructor
 * that runs generated code. tinygrad: renderer/cstyle.py (op → string table, loops from shapes).
 * Source size is capped (MAX_SOURCE_CHARS): a bigger program is not compiled (compile.ts then
 * interprets it, with the same numbers), so generating and parsing JS never freezes the tab.
 * Each fused loop charges the work budget before it runs, as impl rules do.
 */
import { roundExpr, type DType } from "../array/dtype";
import { SUM_LANES } from "../array/summation";
import { tanh } from "../array/tanh";
import { NDArray } from "../array/ndarray";
import { rowMajorStrides, sizeOf } from "../array/shape";
import type { PrimitiveDef } from "../core/primitive";
import { isTracer } from "../core/tracer";
import { CALL_COST, chargeOps, checkAlloc } from "../limits";
import { REDUCERS, type LoopGroup, type Operand, type Program, type Written } from "./fuse";
import { Lit, Var, type Atom, type Eqn } from "./jaxpr";

/**
 * The expression adding a sum's lanes as array/summation.ts's sumRange adds them:
 * `((l0 + l1) + (l2 + l3))`.
 */
export function laneCombine(lanes: readonly string[]): string {
  let level = [...lanes];
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? `(${level[i]} + ${level[i + 1]})` : level[i]);
    level = next;
  }
  return level[0];
}

/** The engine's own math functions generated code calls as `M.name` (emit templates). */
export const runtimeMath = { tanh } as const;

/**
 * What generated code may reach: the IR's primitives, params and constants, the engine's own
 * math functions that emit templates call as `M.name` (the ones eager's kernels use, so the
 * numbers are the same), and a few helpers.
 */
interface Runtime {
  readonly prims: PrimitiveDef[];
  readonly math: { readonly tanh: (x: number) => number };
  readonly params: unknown[];
  readonly consts: NDArray[];
  readonly lits: NDArray[];
  /** x's elements row-major from index 0: its storage when it is that, else a window or a copy. */
  rows(x: NDArray): Float64Array;
  alloc(n: number): Float64Array;
  wrap(data: Float64Array, shape: number[], dtype: DType, weak: boolean): NDArray;
  charge(ops: number): void;
}

/**
 * Generated source above this many characters is not compiled. A fused loop takes about 45
 * characters per operation, so this allows ~9,000 operations, far beyond anything typed in the
 * playground; V8 needs about a second to compile a function this long (measured: 430 kB),
 * growing faster than linearly past it. Above it the interpreter runs the same IR.
 */
export const MAX_SOURCE_CHARS = 400_000;

/** Thrown inside generate() when the source passes MAX_SOURCE_CHARS; never escapes this file. */
class SourceTooLarge extends Error {}

/** Lines of generated source with a running size, stopping as soon as it passes the cap. */
class SourceLines {
  readonly lines: string[] = [];
  private chars = 0;
  push(line: string): void {
    this.chars += line.length + 1;
    if (this.chars > MAX_SOURCE_CHARS) throw new SourceTooLarge();
    this.lines.push(line);
  }
}

/**
 * Rows walked together by a blocked loop nest (measured 2.2 → 1.1 ms on a 512×1024 transposed
 * read against no blocking): four, half of a transposed operand's 64-byte cache line (the other
 * half is read by the next block, still in L2). Eight, a whole line, was the first choice: its
 * 2 × 8 copies of the body hold more values than there are registers, and the kernel of
 * jit(vmap(a*b+a)) (bench/vmap.ts) took 1.75–1.95 ms against 0.83–0.94 with four, alone on
 * a reused output, and 1.9–2.2 against 1.6–1.9 (medians; fastest tenth 1.21–1.25 against
 * 1.04–1.09) with a fresh result each call as the app reads it. The same numbers either way.
 */
const BLOCK_ROWS = 4;

export type Runner = (args: readonly NDArray[]) => NDArray[];

/** A JS numeric literal that evaluates to exactly `x`. */
export function jsNum(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "(-Infinity)";
  if (Object.is(x, -0)) return "(-0)";
  return x < 0 ? `(${x})` : String(x);
}

function generate(program: Program): { source: string; runtime: Runtime } {
  const { jaxpr } = program;
  const rt: Runtime = {
    prims: [],
    math: runtimeMath,
    params: [],
    consts: jaxpr.consts.map((c) => {
      if (isTracer(c)) throw new Error("codegen: a jaxpr constant is still a tracer");
      return c;
    }),
    lits: [],
    // A window, not a copy, of storage that holds x densely from an offset: every operand then
    // starts at 0, so operands walked alike share one offset in the loops (`step` below).
    rows: (x) => (!x.isContiguous ? x.flat() : x.offset === 0 ? x.data : x.data.subarray(x.offset, x.offset + x.size)),
    alloc: (n) => (checkAlloc(n), new Float64Array(n)),
    wrap: (d, shape, dtype, weak) => new NDArray(d, shape, undefined, 0, dtype, weak),
    charge: chargeOps,
  };
  const names = new Map<Var, string>();
  const name = (v: Var) => {
    let s = names.get(v);
    if (!s) names.set(v, (s = `v${names.size}`));
    return s;
  };
  const whole = (a: Atom): string => (a instanceof Lit ? `L[${rt.lits.push(a.val) - 1}]` : name(a));
  const out = new SourceLines();
  for (const l of ['"use strict";', "const P = rt.prims, Q = rt.params, C = rt.consts, L = rt.lits, M = rt.math;", "return function run(args) {"]) out.push(l);
  jaxpr.invars.forEach((v, i) => out.push(`  const ${name(v)} = args[${i}];`));
  jaxpr.constvars.forEach((v, i) => out.push(`  const ${name(v)} = C[${i}];`));
  let tmp = 0;
  for (const step of program.steps) {
    if (step.kind === "eqn") {
      const e: Eqn = step.eqn;
      const k = rt.prims.push(e.prim) - 1;
      rt.params.push(e.params);
      const r = `r${tmp++}`;
      out.push(`  // ${e.prim.name}: ${e.outputs.map((v) => v.aval.str()).join(", ")}`);
      out.push(`  const ${r} = P[${k}].impl([${e.inputs.map(whole).join(", ")}], Q[${k}]);`);
      e.outputs.forEach((v, i) => out.push(`  const ${name(v)} = ${r}[${i}];`));
    } else loopNest(step, name, `g${tmp++}`, { push: (l) => out.push(`  ${l}`) });
  }
  out.push(`  return [${jaxpr.outvars.map(whole).join(", ")}];`);
  out.push("};");
  return { source: out.lines.join("\n"), runtime: rt };
}

/**
 * Defence in depth for the "never user text" rule: an emitted expression may only hold names,
 * numbers, operators, parentheses and commas; no quotes, brackets, braces or semicolons.
 */
function checked(expr: string, prim: string): string {
  if (!/^[\w\s.()+\-*/%<>=!?:,&|^~]*$/.test(expr)) throw new Error(`codegen: ${prim}'s emit produced an unexpected expression`);
  return expr;
}

interface Level {
  size: number;
  inner: boolean;
  strides: number[];
}

/** Strides of `shape` read as the loop shape `loop` (right-aligned broadcasting: stride 0). */
function broadcastStrides(shape: readonly number[], loop: readonly number[]): number[] {
  const st = rowMajorStrides(shape);
  const lead = loop.length - shape.length;
  return loop.map((d, i) => (i < lead || (shape[i - lead] === 1 && d !== 1) ? 0 : st[i - lead]));
}

/** Strides over the loop shape of an operand: its base read right-aligned or through its view. */
function operandStrides(op: Operand, loop: readonly number[]): number[] {
  const shape = op.base.aval.shape;
  if (op.axes === null) return broadcastStrides(shape, loop);
  const st = rowMajorStrides(shape);
  return op.axes.map((a) => (a < 0 || shape[a] === 1 ? 0 : st[a]));
}

/** Strides over the loop shape `S` of a result written as transpose(·, perm): a dense array. */
function writtenStrides(w: Written, S: readonly number[]): number[] {
  if (w.perm === null) return rowMajorStrides(S);
  const st = rowMajorStrides(w.perm.map((p) => S[p]));
  const out = new Array<number>(S.length);
  w.perm.forEach((p, k) => (out[p] = st[k]));
  return out;
}

/** One fused group as a block of JS lines; `id` keeps its local names apart from other groups. */
function loopNest(g: LoopGroup, name: (v: Var) => string, id: string, lines: { push(line: string): void }): void {
  const S = g.shape;
  const n = S.length;
  const firstInner = n - g.reduced;
  const scalars = g.externals.filter((o) => o.base.aval.size === 1);
  const arrays = g.externals.filter((o) => o.base.aval.size !== 1);
  // Operands walked by offset: non-scalar externals, materialized outputs, reduction results.
  const opStrides: number[][] = [
    ...arrays.map((o) => operandStrides(o, S)),
    ...g.outputs.map((w) => writtenStrides(w, S)),
    ...g.reductions.map(() => {
      const st = rowMajorStrides(S.slice(0, firstInner));
      return S.map((_, d) => (d < firstInner ? st[d] : 0));
    }),
  ];
  // Loop in the order of a transposed result (so it is written front to back, the strided side
  // being reads, which caches serve better), else in the members' own order.
  const order = g.outputs.find((w) => w.perm !== null)?.perm ?? S.map((_, d) => d);
  // Drop size-1 axes, then merge neighbours every operand walks as one (dimension coalescing).
  const levels: Level[] = [];
  for (const d of order) {
    if (S[d] === 1) continue;
    const lv: Level = { size: S[d], inner: d >= firstInner, strides: opStrides.map((s) => s[d]) };
    const prev = levels[levels.length - 1];
    if (prev && prev.inner === lv.inner && prev.strides.every((s, j) => s === lv.strides[j] * lv.size)) {
      prev.size *= lv.size;
      prev.strides = lv.strides;
    } else levels.push(lv);
  }
  const nOuter = levels.filter((l) => !l.inner).length;
  const local = new Map<Var, string>();
  const results = [...g.outputs.map((w) => w.target), ...g.reductions.map((e) => e.outputs[0])];
  lines.push(`// fused: ${g.members.map((e) => e.prim.name).join(" ")}${g.reductions.length ? ` -> ${g.reductions.map((e) => e.prim.name).join(" ")}` : ""} over [${S.join(",")}]`);
  lines.push(`let ${results.map(name).join(", ")};`);
  lines.push("{");
  lines.push(`  rt.charge(${sizeOf(S) * (g.members.length + g.reductions.length) + CALL_COST});`);
  const offsets: string[] = [];
  const opName = new Map<Operand, string>();
  arrays.forEach((o, j) => {
    lines.push(`  const ${id}D${j} = rt.rows(${name(o.base)});`);
    offsets.push("0");
    opName.set(o, `${id}x${j}`);
  });
  scalars.forEach((o, j) => {
    lines.push(`  const ${id}s${j} = ${name(o.base)}.data[${name(o.base)}.offset];`);
    opName.set(o, `${id}s${j}`);
  });
  g.outputs.forEach((_, j) => {
    lines.push(`  const ${id}O${j} = rt.alloc(${sizeOf(S)});`);
    offsets.push("0");
  });
  g.reductions.forEach((e, j) => {
    lines.push(`  const ${id}R${j} = rt.alloc(${e.outputs[0].aval.size});`);
    offsets.push("0");
  });
  // A sum keeps SUM_LANES accumulators, term i of each output's row-major sequence going to
  // lane i mod SUM_LANES, as the eager kernel does (array/summation.ts): the innermost loop is
  // unrolled by SUM_LANES when its index alone names the lane (it is the only reduced level, or
  // its length is a multiple of SUM_LANES), else a counter names it. A body that calls the
  // engine's own math (`M.tanh`) is not unrolled either: V8 inlines at most ~920 bytes of
  // bytecode into one function, four copies of tanh pass that, and a call left out returns a
  // boxed double (measured: 17.8 ms unrolled against 14.9 ms with the counter, 10⁶ tanh).
  const lanes = (e: Eqn) => REDUCERS[e.prim.name].lanes === true;
  const anyLanes = g.reductions.some(lanes);
  // Lanes named by a counter live in a Float64Array indexed by it (see byCounter below).
  const laneArray = (j: number) => `${id}L${j}`;
  const acc = (j: number, lane: number | string = 0) =>
    !lanes(g.reductions[j]) ? `${id}a${j}` : byCounter ? `${laneArray(j)}[${lane}]` : `${id}a${j}_${lane}`;
  const counter = `${id}c`;
  const innerLevels = levels.length - nOuter;
  const callsMath = g.members.some((e) => /\bM\./.test(e.prim.emit!(e.inputs.map(() => "a"), e.params, e.outputs[0].aval)));
  const unroll = anyLanes && innerLevels > 0 && !callsMath && (innerLevels === 1 || levels[levels.length - 1].size % SUM_LANES === 0);
  const byCounter = anyLanes && innerLevels > 0 && !unroll;
  const arg = (a: Atom) => (a instanceof Lit ? jsNum(a.val.data[a.val.offset]) : (local.get(a) ?? `<missing ${name(a)}>`));
  /**
   * One element's reads, arithmetic and writes, as three runs of lines. `sfx` names the locals
   * of one row apart from the others when a blocked loop writes several rows' elements side by
   * side (all reads first: see `blocked`).
   */
  const element = (sfx: string) => {
    for (const [v, o] of g.operandOf) local.set(v, opName.get(o)! + (arrays.includes(o) ? sfx : ""));
    const reads = arrays.map((_, j) => `const ${id}x${j}${sfx} = ${id}D${j}[${offsets[j]}];`);
    const math = g.members.map((e, j) => {
      const t = `${id}t${j}${sfx}`;
      // Each operation rounds to its dtype, as its impl does: compiled = eager, bit for bit.
      const expr = roundExpr(checked(e.prim.emit!(e.inputs.map(arg), e.params, e.outputs[0].aval), e.prim.name), e.outputs[0].aval.dtype);
      local.set(e.outputs[0], t);
      return `const ${t} = ${expr};`;
    });
    const writes = g.outputs.map((w, j) => `${id}O${j}[${offsets[arrays.length + j]}] = ${local.get(w.source)};`);
    return { reads, math, writes };
  };
  const body = (indent: string, lane: number | "counter") => {
    const { reads, math, writes } = element("");
    for (const l of [...reads, ...math, ...writes]) lines.push(indent + l);
    g.reductions.forEach((e, j) => {
      const t = arg(e.inputs[0]);
      if (!lanes(e)) lines.push(`${indent}${REDUCERS[e.prim.name].update(acc(j), t)}`);
      else if (lane !== "counter") lines.push(`${indent}${REDUCERS[e.prim.name].update(acc(j, lane), t)}`);
      else lines.push(`${indent}${REDUCERS[e.prim.name].update(acc(j, counter), t)}`);
    });
    if (lane === "counter") lines.push(`${indent}${counter} = ${counter} === ${SUM_LANES - 1} ? 0 : ${counter} + 1;`);
  };
  /**
   * Offsets at level lv for index expression `i` (`i * s` added to the level's base offset).
   * Operands with the same base offset and stride share one name: an output written as its
   * input is read (a * b + a) takes one add per element, not two (measured ~8% on that loop).
   */
  const step = (lv: number, i: string, indent: string, suffix = "") => {
    const made = new Map<string, string>();
    levels[lv].strides.forEach((s, j) => {
      if (s === 0) return;
      const key = `${offsets[j]} ${s}`;
      const same = made.get(key);
      if (same !== undefined) return void (offsets[j] = same);
      const term = s === 1 ? i : `(${i}) * ${s}`;
      const o = `${id}o${j}_${lv}${suffix}`;
      lines.push(`${indent}const ${o} = ${offsets[j] === "0" ? term : `${offsets[j]} + ${term}`};`);
      made.set(key, o);
      offsets[j] = o;
    });
  };
  /** The innermost level unrolled by SUM_LANES: copy u of the body feeds lane u, then the tail. */
  const unrolled = (lv: number, indent: string) => {
    const n = levels[lv].size;
    const main = n - (n % SUM_LANES);
    const i = `${id}i${lv}`;
    const saved = [...offsets];
    if (main > 0) {
      lines.push(`${indent}for (let ${i} = 0; ${i} < ${main}; ${i} += ${SUM_LANES}) {`);
      for (let u = 0; u < SUM_LANES; u++) {
        lines.push(`${indent}  {`);
        step(lv, u === 0 ? i : `${i} + ${u}`, `${indent}    `);
        body(`${indent}    `, u);
        offsets.splice(0, offsets.length, ...saved);
        lines.push(`${indent}  }`);
      }
      lines.push(`${indent}}`);
    }
    for (let k = main; k < n; k++) {
      lines.push(`${indent}{`);
      step(lv, String(k), `${indent}  `);
      body(`${indent}  `, k - main);
      offsets.splice(0, offsets.length, ...saved);
      lines.push(`${indent}}`);
    }
  };
  /**
   * Levels lv and lv + 1 with `BLOCK_ROWS` rows of lv walked together in the inner loop: an
   * operand read (or written) across rows, stride 1 along lv, then takes that many neighbours
   * from each cache line and page it touches instead of one. The same elements, each computed
   * by the same expression, in another order: the numbers do not change.
   */
  const blocked = (lv: number, indent: string) => {
    const n = levels[lv].size;
    const main = n - (n % BLOCK_ROWS);
    const [i, k] = [`${id}i${lv}`, `${id}i${lv + 1}`];
    const saved = [...offsets];
    lines.push(`${indent}for (let ${i} = 0; ${i} < ${main}; ${i} += ${BLOCK_ROWS}) {`);
    const rows = Array.from({ length: BLOCK_ROWS }, (_, u) => {
      step(lv, u === 0 ? i : `${i} + ${u}`, `${indent}  `, `r${u}`);
      const row = [...offsets];
      offsets.splice(0, offsets.length, ...saved);
      return row;
    });
    // The inner loop two columns a turn (the odd one after it): in V8 that was ~20% off the
    // transposed element-wise loop (bench/vmap.ts, jit(vmap(a*b+a))) on top of the blocking.
    const kn = levels[lv + 1].size;
    const kMain = kn - (kn % 2);
    // A column's reads for every row come before its writes: a write followed by a read 4 kB
    // (a page) further on waits on it in the CPU (4K aliasing), and rows of equal-sized arrays
    // allocated page-aligned sit whole pages apart.
    const columns = (at: string, ind: string) => {
      lines.push(`${ind}{`);
      const parts = rows.map((row, u) => {
        offsets.splice(0, offsets.length, ...row);
        step(lv + 1, at, `${ind}  `, `r${u}`);
        return element(`r${u}`);
      });
      for (const l of parts.flatMap((p) => p.reads)) lines.push(`${ind}  ${l}`);
      for (const l of parts.flatMap((p) => p.math)) lines.push(`${ind}  ${l}`);
      for (const l of parts.flatMap((p) => p.writes)) lines.push(`${ind}  ${l}`);
      lines.push(`${ind}}`);
    };
    lines.push(`${indent}  for (let ${k} = 0; ${k} < ${kMain}; ${k} += 2) {`);
    columns(k, `${indent}    `);
    columns(`${k} + 1`, `${indent}    `);
    lines.push(`${indent}  }`);
    if (kMain < kn) columns(String(kn - 1), `${indent}  `);
    offsets.splice(0, offsets.length, ...saved);
    lines.push(`${indent}}`);
    if (main < n) {
      lines.push(`${indent}for (let ${i} = ${main}; ${i} < ${n}; ${i}++) {`);
      step(lv, i, `${indent}  `);
      gen(lv + 1, `${indent}  `);
      offsets.splice(0, offsets.length, ...saved);
      lines.push(`${indent}}`);
    }
  };
  // Block rows where the innermost level walks some operand with a stride (a transposed read or
  // write) that the level above walks with stride 1, in an element-wise group of a few
  // operations (the body is written BLOCK_ROWS times).
  const [pen, last] = [levels[levels.length - 2], levels[levels.length - 1]];
  const blockRows =
    g.reductions.length === 0 && !callsMath && g.members.length <= 16 && pen !== undefined && pen.size >= BLOCK_ROWS &&
    last.strides.some((s, j) => s !== 0 && s !== 1 && pen.strides[j] === 1);
  const gen = (lv: number, indent: string) => {
    const atBoundary = lv === nOuter && g.reductions.length > 0;
    if (atBoundary) {
      g.reductions.forEach((e, j) => {
        const init = REDUCERS[e.prim.name].init;
        // Reset per output row by assignment: no builtin call inside the loop nest.
        if (lanes(e) && byCounter) lines.push(`${indent}${Array.from({ length: SUM_LANES }, (_, l) => acc(j, l)).join(" = ")} = ${init};`);
        else {
          const names = lanes(e) ? Array.from({ length: SUM_LANES }, (_, l) => acc(j, l)) : [acc(j)];
          lines.push(`${indent}let ${names.map((a) => `${a} = ${init}`).join(", ")};`);
        }
      });
      if (byCounter) lines.push(`${indent}let ${counter} = 0;`);
    }
    if (lv === levels.length) body(indent, byCounter ? "counter" : 0);
    else if (blockRows && lv === levels.length - 2) blocked(lv, indent);
    else if (unroll && lv === levels.length - 1) unrolled(lv, indent);
    else {
      const i = `${id}i${lv}`;
      lines.push(`${indent}for (let ${i} = 0; ${i} < ${levels[lv].size}; ${i}++) {`);
      const saved = [...offsets];
      step(lv, i, `${indent}  `);
      gen(lv + 1, `${indent}  `);
      for (let j = 0; j < saved.length; j++) offsets[j] = saved[j];
      lines.push(`${indent}}`);
    }
    if (atBoundary) {
      g.reductions.forEach((e, j) => {
        const total = lanes(e) ? laneCombine(Array.from({ length: SUM_LANES }, (_, l) => acc(j, l))) : acc(j);
        lines.push(`${indent}${id}R${j}[${offsets[arrays.length + g.outputs.length + j]}] = ${roundExpr(total, e.outputs[0].aval.dtype)};`);
      });
    }
  };
  // Counter-named lanes in an array: as four locals picked by an if-chain, the loop V8 compiled
  // mid-way through the first call (on-stack replacement), which later calls kept running, took
  // 18.8–19.4 ms per 10⁶ tanh against 13.7 compiled whole; in the array 16.6 and 14.9 (bench jit
  // row alone, and after other sections): slower at best, but never the slow case.
  if (byCounter) g.reductions.forEach((e, j) => lanes(e) && lines.push(`  const ${laneArray(j)} = new Float64Array(${SUM_LANES});`));
  gen(0, "  ");
  const typeArgs = (v: Var) => `${JSON.stringify(v.aval.dtype)}, ${v.aval.weak}`;
  g.outputs.forEach((w, j) => lines.push(`  ${name(w.target)} = rt.wrap(${id}O${j}, [${w.target.aval.shape.join(", ")}], ${typeArgs(w.target)});`));
  g.reductions.forEach((e, j) => lines.push(`  ${name(e.outputs[0])} = rt.wrap(${id}R${j}, [${e.outputs[0].aval.shape.join(", ")}], ${typeArgs(e.outputs[0])});`));
  lines.push("}");
}

/**
 * Turns generated source into a runner (the one `new Function` that runs generated code), or
 * null when the source would pass MAX_SOURCE_CHARS.
 */
export function compileProgram(program: Program): { run: Runner; source: string } | null {
  let generated: { source: string; runtime: Runtime };
  try {
    generated = generate(program);
  } catch (e) {
    if (e instanceof SourceTooLarge) return null;
    throw e;
  }
  const run = new Function("rt", generated.source)(generated.runtime) as Runner;
  return { run, source: generated.source };
}
