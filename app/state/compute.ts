/**
 * Calls past the page's budget (engineBridge.PAGE_BUDGET) run off the page, so no program can
 * freeze it: the explorer state (plain data) goes to a worker that runs the same code under the
 * engine's default budget (compute.worker.ts) — the explorer's trace, and the grad panel's
 * report when it asks (panels/memoPerState.ts) — while the page shows "Computing…" over the
 * last good picture. Each job's worker is terminated on Cancel, when the state changes again,
 * or after the time limit, whose message names what to make smaller. Answers are kept per state
 * and request (computeResults.ts); the view and the panels read them from there. Answers cross
 * from the worker in the wire format (wire.ts).
 *
 * The runner is injectable (`configureCompute`): jsdom has no Worker, so component tests pass
 * an in-process fake that can be slow or hang.
 */
import { whenTypingPauses } from "./typingPause";
import type { StateCreator, StoreApi } from "zustand";
import { EngineError, pyShape } from "../../engine/index";
import { vmapCall } from "./engineBridge";
import { setOffPageAnswer, TRACE_KEY, type OffPageAnswer } from "./computeResults";
import { argFor, argLeaves, type ExplorerState } from "./explorerTypes";
import { selectView } from "./selectors";
import type { ComputeRequest } from "./computeRequest";
import type { OffPageRequest } from "../panels/memoPerState";

export interface ComputeJob {
  /** The worker's answer in the wire format (never settles once cancelled). */
  done: Promise<unknown>;
  /** Stops the work at once (terminates the worker). */
  cancel: () => void;
}

export type ComputeRunner = (r: ComputeRequest) => ComputeJob;

/** How long the worker may take before it is stopped. */
export const TIME_LIMIT_MS = 10_000;

/**
 * A runner from computeRunners.ts, loaded when a first call goes off the page (a first visit's
 * calls never do: the runners stay out of the first screen's JavaScript).
 */
function onDemand(name: "workerRunner" | "inProcessRunner"): ComputeRunner {
  return (request) => {
    let job: ComputeJob | null = null;
    let cancelled = false;
    const done = import("./computeRunners").then((m) => {
      if (cancelled) return new Promise<never>(() => {});
      job = m[name](request);
      return job.done;
    });
    return { done, cancel: () => ((cancelled = true), job?.cancel()) };
  };
}

/** The in-thread runner (tests, and pages without a usable Worker). */
export const inProcessRunner: ComputeRunner = onDemand("inProcessRunner");

interface ComputeSettings {
  runner: ComputeRunner;
  timeLimitMs: number;
}

/**
 * Browser tests shorten the time limit before the page loads (page.addInitScript) through this
 * global; it is not part of the page's URL or UI.
 */
const TEST_TIME_LIMIT = "__vmapComputeTimeLimitMs";

/**
 * A module worker starts only from the page's own origin: not in a sandboxed iframe (an opaque
 * origin: the embed page, app/embed/page.tsx) nor on a page that loaded this code from another
 * origin (`<vmap-playground>` on a blog). There the call runs in this thread instead.
 */
function workerUsable(): boolean {
  if (typeof Worker !== "function" || typeof location === "undefined") return false;
  const origin = (globalThis as { origin?: string }).origin ?? location.origin;
  try {
    return origin !== "null" && new URL(import.meta.url, location.href).origin === origin;
  } catch {
    return false;
  }
}

function defaultSettings(): ComputeSettings {
  const testLimit = (globalThis as Record<string, unknown>)[TEST_TIME_LIMIT];
  return {
    runner: workerUsable() ? onDemand("workerRunner") : inProcessRunner,
    timeLimitMs: typeof testLimit === "number" && testLimit > 0 ? testLimit : TIME_LIMIT_MS,
  };
}

let settings: ComputeSettings | null = null;

/** Chooses the runner and time limit (tests); missing fields keep their defaults. */
export function configureCompute(s: Partial<ComputeSettings>): void {
  settings = { ...(settings ?? defaultSettings()), ...s };
}

const current = (): ComputeSettings => (settings ??= defaultSettings());

export interface ComputeSlice {
  /** The explorer state whose trace is computing off the page, and when it started (Date.now()). */
  computing: { state: ExplorerState; since: number } | null;
  /** A panel's report is computing off the page. */
  computingPanels: boolean;
  /** Counts answers recorded (computeResults.ts holds them): views read it to know they changed. */
  computed: number;
  /** Stops the computation and goes back to the last good state, with a notice. */
  cancelCompute: () => void;
  /** A panel's report ran past the page's budget (panels/memoPerState.ts): compute it off the page. */
  requestOffPage: (r: OffPageRequest) => void;
}

export const createComputeSlice: StateCreator<ComputeSlice, [], [], ComputeSlice> = () => ({
  computing: null,
  computingPanels: false,
  computed: 0,
  cancelCompute: () => {},
  requestOffPage: () => {},
});

/** `a (600, 600), b (600, 600)`: every argument leaf with its shape, as the user set them. */
function shapesText(s: ExplorerState, params: readonly string[]): string {
  return params.flatMap((p) => argLeaves(argFor(s, p).tree).map((l) => `${p}${l.path} ${pyShape(l.shape)}`)).join(", ");
}

/** The call in words: what to make smaller. */
function callText(s: ExplorerState, kind: ComputeRequest["kind"] = "trace"): string {
  const params = vmapCall(s).params;
  const what = kind === "trace" ? `jax.vmap(f)(${params.join(", ")})` : `the gradients of f`;
  return `${what} with f = ${s.fnSource.trim()} and shapes ${shapesText(s, params)}`;
}

export function timeOutError(s: ExplorerState, ms: number, kind: ComputeRequest["kind"] = "trace"): EngineError {
  return new EngineError("too-large", `Stopped after ${ms / 1000} s: ${callText(s, kind)} takes too long to compute here. Use smaller shapes, or make f do less work.`, { pyType: "TimeoutError" });
}

export const cancelledText = (s: ExplorerState) => `Cancelled computing ${callText(s)}.`;

type Host = ComputeSlice & { explorer: ExplorerState; lastGood: ExplorerState | null; restoreExplorer: (s: ExplorerState, notice: string | null) => void };

interface Running {
  request: ComputeRequest;
  key: string;
  run: ComputeJob;
  timer: ReturnType<typeof setTimeout>;
}

const failure = (what: string, e: unknown): OffPageAnswer => ({
  done: false,
  error: new EngineError("unsupported", `Internal error: the background worker ${what} (${e instanceof Error ? e.message : String(e)})`),
});

/**
 * Watches the store: a state whose trace is past the page's budget starts a job, and a panel
 * may ask for one (requestOffPage); a newer state stops every older job first. Each job's
 * answer, time-out or cancellation is recorded for its state and key. Returns the unsubscribe
 * function.
 */
export function startCompute<S extends Host>(store: StoreApi<S>): () => void {
  const jobs = new Map<string, Running>();
  let state: ExplorerState | null = null;

  const publish = (answered: boolean) => {
    const trace = jobs.get(TRACE_KEY);
    const st = store.getState();
    store.setState({
      computing: trace ? (st.computing?.state === trace.request.state ? st.computing : { state: trace.request.state, since: Date.now() }) : null,
      computingPanels: [...jobs.keys()].some((k) => k !== TRACE_KEY),
      computed: st.computed + (answered ? 1 : 0),
    } as Partial<S>);
  };
  const stop = (job: Running) => {
    clearTimeout(job.timer);
    job.run.cancel();
    jobs.delete(job.key);
  };
  const stopAll = () => [...jobs.values()].forEach(stop);
  const finish = (job: Running, answer: OffPageAnswer) => {
    if (jobs.get(job.key) !== job) return;
    stop(job);
    setOffPageAnswer(job.request.state, job.key, answer);
    publish(true);
  };
  const start = (key: string, request: ComputeRequest) => {
    const { runner, timeLimitMs } = current();
    let run: ComputeJob;
    try {
      run = runner(request);
    } catch (e) {
      setOffPageAnswer(request.state, key, failure("could not start", e));
      return publish(true);
    }
    const job: Running = { request, key, run, timer: setTimeout(() => finish(job, { done: false, error: timeOutError(request.state, timeLimitMs, request.kind) }), timeLimitMs) };
    jobs.set(key, job);
    publish(false);
    // A chunk that fails to load (offline) fails the job like an error inside it.
    run.done
      .then((wire) => import("./wire").then(({ fromWire }) => fromWire(wire)))
      .then(
        (value) => finish(job, { done: true, value }),
        (e: unknown) => finish(job, failure("failed", e)),
      );
  };
  const check = () => {
    const st = store.getState();
    if (state === st.explorer) return;
    state = st.explorer;
    const had = jobs.size > 0;
    stopAll();
    if (selectView(st.explorer, st.lastGood).computing) start(TRACE_KEY, { state: st.explorer, kind: "trace" });
    else if (had || st.computing || st.computingPanels) publish(false);
  };
  const request = (r: OffPageRequest) => {
    if (r.state !== store.getState().explorer || jobs.has(r.key)) return;
    start(r.key, { state: r.state, kind: r.kind, options: r.options } as ComputeRequest);
  };
  const cancel = () => {
    const st = store.getState();
    const trace = jobs.get(TRACE_KEY);
    if (!trace) return;
    const s = trace.request.state;
    if (st.lastGood && st.lastGood !== s) {
      stopAll();
      publish(false);
      st.restoreExplorer(st.lastGood, `${cancelledText(s)} The last result is back (Undo returns to the cancelled call).`);
    } else {
      finish(trace, { done: false, error: new EngineError("too-large", `${cancelledText(s)} Use smaller shapes, or make f do less work.`, { pyType: "KeyboardInterrupt" }) });
    }
  };
  store.setState({ cancelCompute: cancel, requestOffPage: request } as Partial<S>);
  check();
  const unsub = store.subscribe((s, prev) => {
    // A keystroke's call is traced (or sent off the page) once typing pauses (typingPause.ts).
    if (s.explorer !== prev.explorer) whenTypingPauses(store, check);
  });
  return () => {
    unsub();
    stopAll();
  };
}
