/**
 * The engine's limits, so a link or a typo can never freeze or crash the tab:
 * - MAX_ELEMENTS: the largest single array, checked before any allocation (checkSize).
 * - A depth budget shared by lambda evaluation and transformation levels (vmap, grad, jit,
 *   jaxpr tracing), so recursion through them ends in Python's RecursionError long before the
 *   JS stack runs out. We never catch a stack overflow: by the time one is thrown there may be
 *   no stack left even to build the error (V8 then aborts the whole process).
 * - A work budget per top-level computation: element operations (each primitive charges its
 *   cost before it runs, plus a fixed per-call charge so Python-level loops count too) and the
 *   total elements allocated. The outermost public call (a transformed function, a parsed
 *   lambda) opens the scope; nested calls share it; `withWorkBudget` lets the app choose a
 *   smaller budget (run synchronously) or a bigger one (in a worker).
 * Counters are module state on purpose: like the trace stack, they follow the dynamic extent of
 * the running call, which is one JS stack; every entry restores them in `finally`.
 */
import { EngineError, tooLarge } from "./errors";

export const MAX_ELEMENTS = 10_000_000;

export function checkSize(size: number): void {
  if (!Number.isFinite(size) || size > MAX_ELEMENTS) throw tooLarge(size, MAX_ELEMENTS);
}

// ---------------------------------------------------------------- depth

/**
 * Depth units: one per lambda-language evaluation frame (an AST node being evaluated) and
 * TRACE_DEPTH_COST per transformation level. Measured in V8 (node and Chromium, cold code):
 * an evaluation frame takes about 7 trivial-function frames of stack, a transformation level
 * about 12 plus the frames of the function it calls; the default stack holds about 10,000
 * trivial frames (a worker's about half). 600 units stay under ~40% of the main thread's stack
 * and ~80% of a worker's, and still evaluate any expression the parser accepts (parse.ts
 * MAX_HEIGHT = 500). Python's own limit is 1000 frames (sys.getrecursionlimit()).
 */
export const MAX_DEPTH = 600;
export const TRACE_DEPTH_COST = 6;
/** A lambda call: its frames (call, binding, budget scope) on top of the nodes it evaluates. */
export const CALL_DEPTH_COST = 4;

let depth = 0;

export function recursionError(): EngineError {
  return new EngineError(
    "unsupported",
    "maximum recursion depth exceeded (recursion through lambdas, jax.jit, jax.vmap and jax.grad is not supported)",
    { pyType: "RecursionError" },
  );
}

/** Takes `cost` depth units (throws RecursionError above MAX_DEPTH); pair with exitDepth in `finally`. */
export function enterDepth(cost: number): void {
  if (depth + cost > MAX_DEPTH) throw recursionError();
  depth += cost;
}

export function exitDepth(cost: number): void {
  depth -= cost;
}

/** Enters `cost` depth units for the duration of `fn` (throws RecursionError above MAX_DEPTH). */
export function withDepth<T>(cost: number, fn: () => T): T {
  if (depth + cost > MAX_DEPTH) throw recursionError();
  depth += cost;
  try {
    return fn();
  } finally {
    depth -= cost;
  }
}

// ---------------------------------------------------------------- work budget

export interface WorkBudget {
  /** Element operations (an add over n elements is n; an (m,k)·(k,n) product m·k·n). */
  readonly ops: number;
  /** Array elements allocated in total (8 bytes each). */
  readonly elements: number;
}

/**
 * About 2–5 s of element work in V8 (dot's inner loop runs near 1 ns per multiply-add,
 * elementwise kernels 1–3 ns per element) and 800 MB of float64 allocated in all.
 */
export const DEFAULT_WORK_BUDGET: WorkBudget = Object.freeze({ ops: 2_000_000_000, elements: 100_000_000 });

/**
 * What one primitive call, one traced equation or one lambda call costs on top of its element
 * work: tracing a bind takes 5–20 µs (measured on a 150,000-operation program), the time of
 * about 10,000 element operations; an eager call on small arrays a few µs. It is what stops
 * work that never touches big arrays (Church numerals, nested grad tracing, huge programs):
 * the default budget allows about 200,000 such calls.
 */
export const CALL_COST = 10_000;

interface Scope {
  readonly limit: WorkBudget;
  ops: number;
  elements: number;
  /** The resource this scope refused a charge of (set even if the error is later caught). */
  exhausted?: Resource;
}

let scope: Scope | null = null;

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
/** An estimate to 3 significant digits (the per-call charge is not part of what the user asked). */
const about = (n: number) => fmt(Number(n.toPrecision(3)));

function opsError(need: number, limit: number, known: boolean): EngineError {
  return new EngineError(
    "too-large",
    known
      ? `This computation needs about ${about(need)} element operations, above the playground's budget of ${fmt(limit)}; use smaller shapes.`
      : `This computation needs more than the playground's budget of ${fmt(limit)} element operations; use smaller shapes or fewer operations (deeply nested grad, recursion and long chains of calls count too).`,
  );
}

function elementsError(need: number, limit: number, known: boolean): EngineError {
  return new EngineError(
    "too-large",
    known
      ? `This computation allocates about ${about(need)} array elements, above the playground's budget of ${fmt(limit)} elements in all; use smaller shapes.`
      : `This computation allocates more than the playground's budget of ${fmt(limit)} array elements in all; use smaller shapes or fewer results.`,
  );
}

type Resource = keyof WorkBudget;
const ERRORS: Record<Resource, (need: number, limit: number, known: boolean) => EngineError> = { ops: opsError, elements: elementsError };

/**
 * Adds `n` to the open scope's use of `what`, refusing (and not counting) what would pass its
 * limit. O(1). Outside any scope one call is checked on its own against the default budget.
 */
function charge(what: Resource, n: number): void {
  const s = scope;
  const limit = s === null ? DEFAULT_WORK_BUDGET[what] : s.limit[what];
  const used = s === null ? 0 : s[what];
  if (used + n > limit) {
    if (s !== null) s.exhausted ??= what;
    throw ERRORS[what](n, limit, n > limit);
  }
  if (s !== null) s[what] = used + n;
}

/** Charges `ops` element operations before the work runs (a lone `jnp.matmul` is refused too). */
export function chargeOps(ops: number): void {
  charge("ops", ops);
}

/** Charges `n` allocated elements (called beside checkSize wherever storage is allocated). */
export function chargeElements(n: number): void {
  charge("elements", n);
}

/** checkSize + chargeElements: the check before allocating `n` elements of storage. */
export function checkAlloc(n: number): void {
  checkSize(n);
  chargeElements(n);
}

function runScope<T>(s: Scope, fn: () => T): T {
  const outer = scope;
  scope = s;
  try {
    return fn();
  } finally {
    scope = outer;
    if (outer) {
      outer.ops += s.ops;
      outer.elements += s.elements;
      if (s.exhausted) outer.exhausted ??= s.exhausted;
    }
  }
}

/** The open scope's use so far, to undo a speculative attempt (restoreBudget). */
export interface BudgetMark {
  readonly scope: Scope | null;
  readonly ops: number;
  readonly elements: number;
  readonly exhausted: Resource | undefined;
}

export function markBudget(): BudgetMark {
  return { scope, ops: scope?.ops ?? 0, elements: scope?.elements ?? 0, exhausted: scope?.exhausted };
}

/**
 * Puts the open scope back as `markBudget` found it: work that was attempted and then redone
 * another way (eager vmap's compiled attempt, vmapProgram.ts) is charged once, as the redo.
 */
export function restoreBudget(m: BudgetMark): void {
  if (m.scope === null || m.scope !== scope) return;
  m.scope.ops = m.ops;
  m.scope.elements = m.elements;
  m.scope.exhausted = m.exhausted;
}

/**
 * Public entry points call this: the outermost one opens a fresh default budget (so sequential
 * calls each get a full budget), nested ones share the scope already open.
 */
export function withBudgetScope<T>(fn: () => T): T {
  if (scope !== null) return fn();
  return runScope({ limit: DEFAULT_WORK_BUDGET, ops: 0, elements: 0 }, fn);
}

/**
 * Runs `fn` under the given budget (missing fields: the default). Inside another budget the
 * smaller of the two remaining amounts applies and the work is charged to both.
 */
export function withWorkBudget<T>(budget: Partial<WorkBudget>, fn: () => T): T {
  let ops = budget.ops ?? DEFAULT_WORK_BUDGET.ops;
  let elements = budget.elements ?? DEFAULT_WORK_BUDGET.elements;
  if (scope !== null) {
    ops = Math.min(ops, scope.limit.ops - scope.ops);
    elements = Math.min(elements, scope.limit.elements - scope.elements);
  }
  return runScope({ limit: { ops, elements }, ops: 0, elements: 0 }, fn);
}

/** `withinWorkBudget`'s answer: fn's value, or which resource of the given budget ran out. */
export type WithinBudget<T> = { done: true; value: T } | { done: false; exhausted: keyof WorkBudget };

/**
 * Runs `fn` under `budget` (as withWorkBudget) and says whether that budget ran out, which a
 * caught error cannot: the engine relocates errors (errors.ts `relocated`) and callers turn them
 * into outcomes. The app runs its calls on the page under a small budget and, when it ran out,
 * runs the same call again in a worker under the default one; a refusal not caused by the
 * budget (an array above MAX_ELEMENTS, any JAX error) is fn's own answer or throw.
 */
export function withinWorkBudget<T>(budget: Partial<WorkBudget>, fn: () => T): WithinBudget<T> {
  let inner: Scope | null = null;
  try {
    const value = withWorkBudget(budget, () => {
      inner = scope;
      return fn();
    });
    const ran = (inner as Scope | null)?.exhausted;
    return ran ? { done: false, exhausted: ran } : { done: true, value };
  } catch (e) {
    const ran = (inner as Scope | null)?.exhausted;
    if (ran) return { done: false, exhausted: ran };
    throw e;
  }
}
