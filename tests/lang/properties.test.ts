/**
 * Property tests: whatever text reaches parseLambdaWith, it returns a function or throws an
 * EngineError — never another exception, never a hang. Mutations of valid lambdas explore the
 * space next to real programs; functions that do parse are also called on fake arrays, where
 * again only EngineErrors may escape.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EngineError } from "../../engine/errors";
import { parseLambdaWith } from "../../engine/lang";
import { arr, fakeHost } from "./fakeHost";

const VALID = [
  "lambda a, b: jnp.sum(a * b, axis=0)",
  "lambda x: -x**2 + x.T @ x",
  "lambda x, y: jax.vmap(lambda r, s: jnp.dot(r, s), in_axes=(0, None))(x, y)",
  "lambda p, x: jax.nn.relu(x @ p['w'] + p['b'])",
  "lambda x: x[:, 1] + x[..., 0] * x[None][0, ::2]",
  "lambda V, z: jax.grad(lambda V, z: jnp.mean((V @ z) ** 2), argnums=(0, 1))(V, z)",
  "lambda x: x.reshape(x.shape[0], -1).sum(axis=-1, keepdims=True)",
  "lambda a: (jnp.einsum('ij,jk->ik', a, a.T), jnp.where(a > 0, a, 0.5))",
];

const TOKENS = [
  "lambda", " ", "x", "y", ",", ":", "(", ")", "[", "]", "{", "}", ".", "...", "+", "-", "*", "**", "/", "@",
  "<", "==", "=", "0", "1.5", "'w'", "jnp", "jax", "sum", "T", "shape", "None", "True", "axis", "vmap", "\n", "#", "'",
];

type Mutation = { kind: "delete" | "insert" | "duplicate"; at: number; ch: string };
const mutation = fc.record({
  kind: fc.constantFrom<Mutation["kind"]>("delete", "insert", "duplicate"),
  at: fc.nat(),
  ch: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 2 })),
});

function mutate(src: string, ms: Mutation[]): string {
  let s = src;
  for (const m of ms) {
    const i = s.length === 0 ? 0 : m.at % (s.length + 1);
    if (m.kind === "delete") s = s.slice(0, i) + s.slice(i + 1);
    else if (m.kind === "insert") s = s.slice(0, i) + m.ch + s.slice(i);
    else s = s.slice(0, i) + s.slice(i, i + 3) + s.slice(i);
  }
  return s;
}

/** Fake arguments by position: an array, a dict of arrays, a tuple of an array and a number. */
const argsFor = (params: readonly string[]) => params.map((_, i) => (i % 3 === 0 ? arr("x", 2, 3) : i % 3 === 1 ? { w: arr("w", 3, 3), b: arr("b", 3) } : [arr("t", 2), 2]));

/** Parses `src` and, if that works, calls the function on fake arrays, tuples and dicts. */
function parseAndRun(src: string): void {
  const { host } = fakeHost();
  let f: ((...a: unknown[]) => unknown) & { params: string[] };
  try {
    f = parseLambdaWith(src, host);
  } catch (e) {
    if (!(e instanceof EngineError)) throw new Error(`parse threw ${String(e)} for ${JSON.stringify(src)}`);
    return;
  }
  expect(typeof f).toBe("function");
  try {
    f(...argsFor(f.params));
  } catch (e) {
    if (!(e instanceof EngineError)) throw new Error(`call threw ${String(e)} for ${JSON.stringify(src)}`);
  }
}

describe("parseLambdaWith never throws anything but EngineError", () => {
  it("valid lambdas parse and run on the fake host", () => {
    for (const src of VALID) {
      const f = parseLambdaWith(src, fakeHost().host);
      // Arguments that fit these lambdas: `p` is a dict of parameters, everything else an array.
      const args = f.params.map((name) => (name === "p" ? { w: arr("w", 3, 3), b: arr("b", 3) } : arr(name, 3, 3)));
      expect(() => f(...args), src).not.toThrow();
    }
  });

  it("random strings", () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => parseAndRun(s)), { numRuns: 500 });
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => parseAndRun(s)), { numRuns: 300 });
  });

  it("strings of lambda-language tokens", () => {
    const tokens = fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((t) => t.join(""));
    fc.assert(fc.property(tokens, (s) => parseAndRun(s)), { numRuns: 500 });
    fc.assert(fc.property(tokens, (s) => parseAndRun(`lambda x, y: ${s}`)), { numRuns: 500 });
  });

  it("mutations of valid lambdas (delete / insert / duplicate characters)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID), fc.array(mutation, { minLength: 1, maxLength: 4 }), (src, ms) => parseAndRun(mutate(src, ms))),
      { numRuns: 1000 },
    );
  });

  it("a 10,000-deep '((((' string is refused where a cap is reached, not after reading it all", () => {
    // What the caps guarantee (parse.ts: nesting 200, AST height 500): the parser stops at the
    // cap, near the start, so hostile text costs a bounded amount of work. How long that takes
    // is bench/limits.ts's row, not a unit test's.
    const cases: [string, RegExp][] = [
      ["(".repeat(10_000), /expected 'lambda'/],
      [`lambda x: ${"(".repeat(9_000)}`, /nested too deeply \(more than 200 levels\)/],
      [`lambda x: ${"[".repeat(9_000)}`, /nested too deeply \(more than 200 levels\)/],
      [`lambda x: ${"-".repeat(9_000)}x`, /nested too deeply \(more than 200 levels\)/],
      [`lambda x: x${"[0]".repeat(2_000)}`, /too long or nested too deeply \(more than 500 levels\)/],
      [`lambda x: ${"x**".repeat(3_000)}x`, /nested too deeply \(more than 200 levels\)/],
    ];
    for (const [src, why] of cases) {
      let err: unknown;
      try {
        parseLambdaWith(src, fakeHost().host);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(EngineError);
      const e = err as EngineError;
      expect(e.kind).toBe("syntax");
      expect(e.message).toMatch(why);
      // Stopped at the cap: within the first 2,000 of its 6,000–10,000 characters.
      expect(e.column).toBeLessThan(2_000);
    }
  });

  it("a tall but legal expression evaluates without overflowing the stack", () => {
    const src = `lambda x: ${"(".repeat(150)}x${" + 1)".repeat(150)}${" * 2".repeat(300)}`;
    const { host, calls } = fakeHost();
    parseLambdaWith(src, host)(arr("x", 2));
    expect(calls.length).toBe(450);
  });
});
