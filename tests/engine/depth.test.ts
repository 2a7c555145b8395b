/**
 * Recursion through lambdas and transformations ends in Python's RecursionError, decided by the
 * engine's depth budget (engine/limits.ts), never by catching a stack overflow: fuzzing found
 * `(lambda f: f(f, a))(lambda g, y: jax.jit(lambda z: g(g, z))(y))` aborting node ("FATAL
 * ERROR: RegExpCompiler Allocation failed") and failing in the page with "Invalid regular
 * expression", because the overflow was recognised with a regex that itself needs stack.
 */
import { describe, expect, it } from "vitest";
import { EngineError, grad, jit, makeJaxpr, MAX_DEPTH, np, parseLambda, vmap } from "../../engine";

/** How many trivial frames fit on the stack from here (test code, not the engine, catches). */
function stackCapacity(): number {
  let n = 0;
  const down = (): number => (n++, down() + 1);
  try {
    down();
  } catch {
    /* the stack ran out: n is the capacity */
  }
  return n;
}

/** Runs `fn` with `k` frames of stack already in use. */
function withStackUsed<T>(k: number, fn: () => T): T {
  const down = (i: number): T => (i === 0 ? fn() : down(i - 1));
  return down(k);
}

function failure(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected an error");
}

function expectRecursionError(e: unknown) {
  expect(e).toBeInstanceOf(EngineError);
  expect((e as EngineError).pyType).toBe("RecursionError");
  expect((e as EngineError).message).toMatch(/^maximum recursion depth exceeded/);
}

const programs: [string, () => unknown][] = [
  ["lambda self-application", () => parseLambda("lambda a: (lambda f: f(f, a))(lambda g, y: g(g, y + 1))")(np.array(1))],
  ["recursion through jax.jit (the fuzzed link)", () => parseLambda("lambda a: (lambda f: f(f, a))(lambda g, y: jax.jit(lambda z: g(g, z))(y))")(np.array([1, 2]))],
  ["recursion through jax.grad", () => parseLambda("lambda a: (lambda f: f(f, a))(lambda g, y: jax.grad(lambda z: g(g, z * 2))(y))")(np.array(1))],
  ["recursion through jax.vmap", () => parseLambda("lambda a: (lambda f: f(f, a))(lambda g, y: jax.vmap(lambda z: g(g, z + 1), in_axes=None, axis_size=2)(y))")(np.zeros([2]))],
];

describe("the depth budget", () => {
  it.each(programs)("%s ends in RecursionError", (_name, run) => {
    expectRecursionError(failure(run));
  });

  it("ends JS recursion through jit, vmap, grad and makeJaxpr at the same depth however much stack is in use", () => {
    const capacity = stackCapacity();
    const transforms: [string, (f: (x: any) => any) => (x: any) => any][] = [
      ["jit", (f) => jit(f)],
      ["vmap", (f) => vmap(f, null, 0, { axisSize: 1 })],
      ["grad", (f) => grad(f)],
      ["makeJaxpr", (f) => (x) => makeJaxpr(f)(x).jaxpr.outvars.length],
    ];
    for (const [name, T] of transforms) {
      let levels = 0;
      const rec = (x: unknown): unknown => (levels++, T(rec as (x: any) => any)(x));
      const depthAt = (used: number) => {
        levels = 0;
        expectRecursionError(failure(() => withStackUsed(used, () => rec(np.array(1)))));
        return levels;
      };
      const fresh = depthAt(0);
      // Half the stack gone (a worker's stack is about half the main thread's): same depth.
      expect(depthAt(Math.floor(capacity / 2)), name).toBe(fresh);
      expect(fresh, name).toBeGreaterThan(20);
      expect(fresh, name).toBeLessThanOrEqual(MAX_DEPTH);
    }
  });

  it("leaves most of the stack free when it trips (no RangeError with half the stack in use)", () => {
    const half = Math.floor(stackCapacity() / 2);
    for (const [name, run] of programs) {
      const e = failure(() => withStackUsed(half, run));
      expect(e instanceof EngineError, `${name}: ${String(e)}`).toBe(true);
      expectRecursionError(e);
    }
  });

  it("still evaluates the deepest expression the parser accepts, and depth is released after errors", () => {
    const chain = parseLambda(`lambda a: ${Array(490).fill("a").join(" + ")}`);
    expect(chain(np.array(1)).item()).toBe(490);
    failure(programs[1][1]);
    expect(chain(np.array(2)).item()).toBe(980);
  });
});
