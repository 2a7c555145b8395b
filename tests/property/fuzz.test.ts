/**
 * Bounded fuzzing of the whole pipeline: random well-formed lambdas over the language's names
 * (and random character mutations and truncations of them) go through parse → eager call → jit
 * → the IR interpreter (codegen off) → makeJaxpr → vmap → grad → traceVmap. Each step must give
 * a value or an EngineError — never another exception — and no message may print JavaScript
 * (`=>`, `function (`), `[object`, `undefined` or `NaN elements`. Programs stay small (axes ≤ 4,
 * depth ≤ 4) so size and recursion budgets are not what is tested. Seeded; a failure prints the
 * program and the step.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { EngineError, grad, jit, jnp, makeJaxpr, np, parseLambda, setCodegenAllowed, traceVmap, vmap } from "../../engine";

afterEach(() => setCodegenAllowed(null));

/** `FUZZ_RUNS=5000 FUZZ_SEED=… npx vitest run tests/property/fuzz.test.ts` for a longer hunt. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 250);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

const BAD_TEXT = /=>|function\s*[\w$]*\s*\(|\[object|undefined|NaN elements/;

// ---------------------------------------------------------------- well-formed lambdas
const axis = fc.constantFrom("0", "1", "-1", "2", "(0, 1)", "None");
const num = fc.constantFrom("0", "1", "2", "0.5", "-1", "3.0");
const UNARY = ["jnp.exp", "jnp.sin", "jnp.cos", "jnp.tanh", "jnp.abs", "jnp.square", "jnp.sqrt", "jnp.log", "jnp.negative", "jax.nn.relu", "jax.nn.sigmoid", "jnp.zeros_like", "jnp.ones_like"];
const BINARY = ["jnp.add", "jnp.subtract", "jnp.multiply", "jnp.divide", "jnp.maximum", "jnp.minimum", "jnp.dot", "jnp.matmul", "jnp.outer", "jnp.vdot", "jnp.power", "jnp.less", "jnp.equal"];
const OPS = ["+", "-", "*", "/", "**", "@", "<", "=="];
const REDUCE = ["sum", "mean", "max", "min", "prod"];

const { expr } = fc.letrec<{ expr: string; leaf: string }>((tie) => ({
  leaf: fc.oneof(fc.constantFrom("a", "b", "a.T", "b[0]", "a[..., ::2]", "a[None]", "a[:, 1]"), num),
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    tie("leaf"),
    fc.tuple(fc.constantFrom(...UNARY), tie("expr")).map(([f, e]) => `${f}(${e})`),
    fc.tuple(fc.constantFrom(...BINARY), tie("expr"), tie("expr")).map(([f, x, y]) => `${f}(${x}, ${y})`),
    fc.tuple(tie("expr"), fc.constantFrom(...OPS), tie("expr")).map(([x, op, y]) => `(${x} ${op} ${y})`),
    fc.tuple(fc.constantFrom(...REDUCE), tie("expr"), axis, fc.boolean()).map(([f, e, ax, k]) => `jnp.${f}(${e}, axis=${ax}${k ? ", keepdims=True" : ""})`),
    fc.tuple(tie("expr"), fc.constantFrom(...REDUCE), fc.constantFrom("", "0", "axis=-1")).map(([e, f, a]) => `(${e}).${f}(${a})`),
    fc.tuple(tie("expr"), axis).map(([e, ax]) => `jax.nn.softmax(${e}, axis=${ax})`),
    fc.tuple(tie("expr"), fc.constantFrom("-1", "(2, -1)", "(-1, 2)", "()", "(4, 1)")).map(([e, s]) => `jnp.reshape(${e}, ${s})`),
    fc.tuple(tie("expr"), fc.constantFrom("", ", (1, 0)", ", (0, 2, 1)")).map(([e, p]) => `jnp.transpose(${e}${p})`),
    fc.tuple(tie("expr"), fc.constantFrom("0", "-1", "1")).map(([e, k]) => `jnp.expand_dims(${e}, ${k})`),
    fc.tuple(tie("expr"), fc.constantFrom("0", "-1", "1")).map(([e, k]) => `jnp.moveaxis(${e}, ${k}, 0)`),
    fc.tuple(tie("expr"), tie("expr"), fc.constantFrom("0", "1", "-1")).map(([x, y, k]) => `jnp.stack([${x}, ${y}], axis=${k})`),
    fc.tuple(tie("expr"), tie("expr"), fc.constantFrom("0", "1", "None")).map(([x, y, k]) => `jnp.concatenate([${x}, ${y}], axis=${k})`),
    fc.tuple(tie("expr"), tie("expr"), tie("expr")).map(([c, x, y]) => `jnp.where(${c} > 0, ${x}, ${y})`),
    fc.tuple(tie("expr"), fc.constantFrom("'ij->ji'", "'ij,jk->ik'", "'i->'", "'...->...'")).map(([e, s]) => `jnp.einsum(${s}, ${e}${s.includes(",") ? `, ${e}` : ""})`),
    fc.tuple(tie("expr"), fc.constantFrom("0", "None", "1")).map(([e, ax]) => `jax.vmap(lambda a: ${e}, in_axes=${ax})(a)`),
    tie("expr").map((e) => `jax.grad(lambda a, b: jnp.sum(${e}))(a, b)`),
    tie("expr").map((e) => `jax.jit(lambda a: ${e})(a)`),
    // Transformation options, valid and not.
    fc.tuple(tie("expr"), fc.constantFrom("0", "None", "(0,)", "1.5", "'a'", "{'a': 0}", "(None,)", "-1"), fc.constantFrom("0", "None", "1", "-1", "(0,)", "'x'"), fc.constantFrom("", ", axis_size=2", ", axis_size=-1", ", axis_size=1.5"))
      .map(([e, i, o, n]) => `jax.vmap(lambda a: ${e}, in_axes=${i}, out_axes=${o}${n})(a)`),
    fc.tuple(tie("expr"), fc.constantFrom("0", "1", "(0, 1)", "'0'", "1.5", "-1", "(1,)", "2", "None")).map(([e, k]) => `jax.grad(lambda a, b: jnp.sum(${e}), argnums=${k})(a, b)`),
    // Dicts and tuples as values; odd indices.
    tie("expr").map((e) => `jax.vmap(lambda p: p['w'] * 2, in_axes=({'w': 0},))({'w': ${e}})`),
    fc.tuple(tie("expr"), fc.constantFrom("'w'", "'__proto__'", "'constructor'", "0")).map(([e, k]) => `{'w': ${e}, 'constructor': a}[${k}]`),
    fc.tuple(tie("expr"), fc.constantFrom("1.5", "'a'", "None, None", "0, 0, 0, 0", "..., ...", "a", "(0, 1)", "::0", "-9")).map(([e, i]) => `(${e})[${i}]`),
    fc.tuple(tie("expr"), tie("expr")).map(([x, y]) => `(${x}, ${y})[1]`),
    // Wrongly typed arguments: each must be an EngineError in Python's words.
    fc.tuple(tie("expr"), fc.constantFrom("{'axis': 1}", "'a'", "a", "1.5", "(0, 'x')", "jnp.sum", "[]")).map(([e, bad]) =>
      `jnp.${["sum", "reshape", "transpose", "swapaxes", "expand_dims", "squeeze", "stack", "einsum"][bad.length % 8]}(${e}, ${bad})`),
  ),
}));

const program = fc.tuple(expr, fc.boolean(), expr).map(([body, pair, second]) => `lambda a, b: ${pair ? `(${body}, ${second})` : body}`);

// ---------------------------------------------------------------- mutations
const mutated = fc.tuple(program, fc.array(fc.tuple(fc.constantFrom("delete", "insert", "truncate"), fc.nat(), fc.constantFrom("(", ")", ",", ":", "[", "]", "'", "a", "0", ".", "=", "*", "lambda ", "{", "#", "\\")), { minLength: 1, maxLength: 3 }))
  .map(([src, ms]) => {
    let s = src;
    for (const [kind, at, ch] of ms) {
      const i = at % (s.length + 1);
      s = kind === "delete" ? s.slice(0, i) + s.slice(i + 1) : kind === "insert" ? s.slice(0, i) + ch + s.slice(i) : s.slice(0, i);
    }
    return s;
  });

// ---------------------------------------------------------------- inputs
const shape = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 2 });
const filled = (s: number[], offset: number) => np.array(Array.from({ length: s.reduce((p, q) => p * q, 1) }, (_, i) => ((i * 7 + offset) % 5) - 1.5), s);

/** Runs one step: a value or an EngineError with a clean message; anything else fails the test. */
function step(src: string, name: string, f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch (e) {
    if (!(e instanceof EngineError)) {
      throw new Error(`${name} of ${JSON.stringify(src)} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    }
    // A syntax error echoes the source line under its message: only the message is ours.
    const own = e.kind === "syntax" ? e.message.split("\n")[0] : e.message;
    if (BAD_TEXT.test(own)) throw new Error(`${name} of ${JSON.stringify(src)}: message prints JavaScript: ${e.message}`);
    return false;
  }
}

function pipeline(src: string, sa: number[], sb: number[]) {
  let f: ((...args: unknown[]) => unknown) | undefined;
  if (!step(src, "parseLambda", () => (f = parseLambda(src)))) return;
  const fn = f!;
  const a = filled(sa, 0);
  const b = filled(sb, 3);
  step(src, "eager call", () => fn(a, b));
  step(src, "jit", () => jit(fn)(a, b));
  setCodegenAllowed(false);
  try {
    step(src, "jit (IR interpreter)", () => jit(fn)(a, b));
  } finally {
    setCodegenAllowed(null);
  }
  step(src, "makeJaxpr", () => String(makeJaxpr(fn)(a, b)));
  const batchA = np.stack([a, jnp.add(a, 1) as typeof a]);
  step(src, "vmap", () => vmap(fn, [0, null])(batchA, b));
  step(src, "grad", () => grad((x: unknown, y: unknown) => jnp.sum(fn(x, y) as never))(a, b));
  step(src, "traceVmap", () => traceVmap(fn, [0, null], 0, [batchA, b]));
}

describe("fuzzing the lambda language through every transformation", () => {
  it("well-formed programs give values or EngineErrors in Python's words (property)", () => {
    fc.assert(fc.property(program, shape, shape, (src, sa, sb) => pipeline(src, sa, sb)), { numRuns: RUNS, seed: SEED });
  });

  it("mutated and truncated programs give values or EngineErrors in Python's words (property)", () => {
    fc.assert(fc.property(mutated, shape, shape, (src, sa, sb) => pipeline(src, sa, sb)), { numRuns: RUNS, seed: SEED + 1 });
  });

  it("the generator reaches the language: most programs parse and many run", () => {
    const srcs = fc.sample(program, { numRuns: 100, seed: 5 });
    const parsed = srcs.filter((s) => step(s, "parseLambda", () => parseLambda(s)));
    const ran = parsed.filter((s) => step(s, "eager call", () => parseLambda(s)(filled([2, 2], 0), filled([2, 2], 3))));
    expect(parsed.length).toBe(srcs.length);
    expect(ran.length).toBeGreaterThan(10);
  });
});
