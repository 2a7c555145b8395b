/**
 * The work budget (engine/limits.ts): every array may be under the size limit and a computation
 * still freeze the tab — a (3000,3000)@(3000,3000) product (90 s), Church numerals over arrays
 * (> 60 s), a tuple of 60 arrays of 10^7 (4.9 GB), jit of 13 nested grads (6 s, 3.5 GB at 15).
 * Each now ends in a "too-large" EngineError saying what ran out; the cost of a dot is known
 * before it runs, so it is refused up front.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_WORK_BUDGET, EngineError, jit, np, parseLambda, vmap, withinWorkBudget, withWorkBudget, type NDArray } from "../../engine";
import { chargeOps, withBudgetScope } from "../../engine/limits";
import { caught as failure } from "../helpers/caught";
import { useX64 } from "../helpers/x64";

// References are float64 loops: compare with x64 on (float32 runs: tests/engine/dtypes.test.ts).
useX64();


describe("element operations", () => {
  it("refuses (3000,3000) @ (3000,3000) before multiplying, with the count and the budget", () => {
    const a = np.zeros([3000, 3000]);
    // Refused up front: the message states the whole product's count, known before it runs.
    const e = failure(() => parseLambda("lambda a, b: a @ b")(a, a));
    expect(e.kind).toBe("too-large");
    expect(e.message).toBe(
      "This computation needs about 27,000,000,000 element operations, above the playground's budget of 2,000,000,000; use smaller shapes.",
    );
  });

  it("a product within the budget runs and gives the loop's numbers", () => {
    const a = np.array([[1, 2], [3, 4]]);
    expect(parseLambda("lambda a, b: a @ b")(a, a).tolist()).toEqual([[7, 10], [15, 22]]);
  });

  it("charges calls too: Church numerals over arrays stop (a per-call charge, no big arrays)", () => {
    // t(t(t(t(t(t))))) applies the increment 2**32 times.
    const church = parseLambda("lambda a: (lambda t: t(t(t(t(t(t)))))(lambda x: x + 1)(a))(lambda f: lambda x: f(f(x)))");
    // Stopped by the budget's per-call charge (how long that takes is not a unit test's to time).
    const e = failure(() => withWorkBudget({ ops: 200_000_000 }, () => church(np.array([1, 2]))));
    expect(e.kind).toBe("too-large");
    expect(e.message).toContain("budget of 200,000,000 element operations");
    // The same numerals with a small count finish: two(two) = 4 increments.
    expect(parseLambda("lambda a: (lambda t: t(t)(lambda x: x + 1)(a))(lambda f: lambda x: f(f(x)))")(np.array([1, 2])).tolist()).toEqual([5, 6]);
  });

  it("stops jit of 13 nested grads (the traced program grows ~2.6× per level) quickly", () => {
    const nested = (n: number) => parseLambda(`lambda a: jax.jit(${"jax.grad(".repeat(n)}lambda x: jnp.tanh(x) * x${")".repeat(n)})(a)`);
    const e = failure(() => withWorkBudget({ ops: 300_000_000 }, () => nested(13)(np.array(0.5))));
    expect(e.kind).toBe("too-large");
    expect(e.message).toContain("budget of 300,000,000 element operations");
    // Three levels are well within it and equal the derivative by hand: d³/dx³ x·tanh(x).
    const t = Math.tanh(0.5);
    const s = 1 - t * t;
    const third = 3 * (-2 * t * s) + 0.5 * s * (6 * t * t - 2);
    expect(withWorkBudget({ ops: 300_000_000 }, () => nested(3)(np.array(0.5))).item()).toBeCloseTo(third, 12);
  });
});

describe("allocated elements", () => {
  it("refuses a tuple of many large results once their total passes the budget", () => {
    const items = Array.from({ length: 60 }, (_, i) => `a * ${i}`).join(", ");
    const e = failure(() => withWorkBudget({ elements: 2_000_000 }, () => parseLambda(`lambda a: (${items})`)(np.zeros([100, 1000]))));
    expect(e.kind).toBe("too-large");
    expect(e.message).toBe(
      "This computation allocates more than the playground's budget of 2,000,000 array elements in all; use smaller shapes or fewer results.",
    );
    const ten = Array.from({ length: 10 }, (_, i) => `a * ${i}`).join(", ");
    expect(withWorkBudget({ elements: 2_000_000 }, () => parseLambda(`lambda a: (${ten})`)(np.zeros([100, 1000]))).length).toBe(10);
  });
});

describe("budget scopes", () => {
  const most = DEFAULT_WORK_BUDGET.ops * 0.6;

  it("the outermost public call opens a full budget: sequential calls each get one, nested calls share it", () => {
    const spend = vmap((x: unknown) => (chargeOps(most), x), null, 0, { axisSize: 1 });
    const x = np.array(1);
    spend(x);
    spend(x); // a fresh budget: 60% + 60% never add up
    const twice = jit((y: unknown) => (spend(y), spend(y)));
    expect(failure(() => twice(x)).kind).toBe("too-large"); // one call, both inside it
  });

  it("withWorkBudget runs a call under a smaller budget, shared by everything inside", () => {
    const f = parseLambda("lambda a: a * 2 + 1");
    const x = np.zeros([1000]);
    expect(withWorkBudget({ ops: 100_000 }, () => f(x)).shape).toEqual([1000]);
    expect(failure(() => withWorkBudget({ ops: 30_000 }, () => f(x))).message).toContain("budget of 30,000 element operations");
    // Inside another budget, the smaller remainder applies.
    withBudgetScope(() => {
      chargeOps(DEFAULT_WORK_BUDGET.ops - 50);
      expect(failure(() => withWorkBudget({ ops: 1e12 }, () => chargeOps(100))).kind).toBe("too-large");
    });
  });
});

describe("withinWorkBudget: did this budget run out (the app's page-or-worker choice)", () => {
  const matmul = parseLambda("lambda a, b: a @ b") as (...a: unknown[]) => NDArray;
  const a = np.ones([100, 100]);

  it("returns the value when the work fits", () => {
    const r = withinWorkBudget({ ops: 2e6 }, () => matmul(a, a).shape);
    expect(r).toEqual({ done: true, value: [100, 100] });
  });

  it("says which resource ran out, even when the error was caught and turned into an answer", () => {
    expect(withinWorkBudget({ ops: 5e5 }, () => matmul(a, a))).toEqual({ done: false, exhausted: "ops" });
    const caught = withinWorkBudget({ ops: 5e5 }, () => {
      try {
        return matmul(a, a);
      } catch (e) {
        return e;
      }
    });
    expect(caught).toEqual({ done: false, exhausted: "ops" });
    expect(withinWorkBudget({ elements: 5000 }, () => np.ones([100, 100]))).toEqual({ done: false, exhausted: "elements" });
  });

  it("does not count JAX's errors or the array size limit as the budget running out", () => {
    expect(() => withinWorkBudget({ ops: 1e9 }, () => matmul(np.ones([2, 3]), np.ones([4, 5])))).toThrow(EngineError);
    expect(() => withinWorkBudget({ ops: 1e9 }, () => np.zeros([10_000, 1_001]))).toThrow(/too large|limit|elements/i);
    const wrong = withinWorkBudget({ ops: 1e9 }, () => failure(() => matmul(np.ones([2, 3]), np.ones([4, 5]))).kind);
    expect(wrong).toEqual({ done: true, value: "shape-error" });
  });
});
