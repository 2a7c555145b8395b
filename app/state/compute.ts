/**
 * Calls past the page's budget (engineBridge.PAGE_BUDGET) run off the page, so no program can
 * freeze it: the explorer state (plain data) goes to a worker that runs the same code under the
 * engine's default budget (compute.worker.ts), while the page shows "Computing…" over the last
 * good picture. The worker is terminated on Cancel, when the state changes again, or after the
 * time limit, whose message names what to make smaller. Its answer is kept per state
 * (computeResults.ts) and the view reads it from there (selectors.ts).
 *
 * The runner is injectable (`configureCompute`): jsdom has no Worker, so component tests pass
 * an in-process fake that can be slow or hang.
 */
import type { StateCreator, StoreApi } from "zustand";
import { EngineError, pyShape } from "../../engine/index";
import { fullTrace, vmapCall } from "./engineBridge";
import { fromWire, setOffPageResult, toWire, type WireResult } from "./computeResults";
import { argFor, argLeaves, type ExplorerState } from "./explorerTypes";
import { selectView } from "./selectors";
import type { ComputeMessage, ComputeReply } from "./compute.worker";

export interface ComputeJob {
  /** The worker's answer (never settles once cancelled). */
  done: Promise<WireResult>;
  /** Stops the work at once (terminates the worker). */
  cancel: () => void;
}

export type ComputeRunner = (s: ExplorerState) => ComputeJob;

/** How long the worker may take before it is stopped. */
export const TIME_LIMIT_MS = 10_000;

/** A module worker from the page's origin (allowed by `script-src 'self'`), started on first use. */
export function workerRunner(): ComputeRunner {
  let worker: Worker | null = null;
  let nextId = 0;
  return (state) => {
    const w = (worker ??= new Worker(new URL("./compute.worker.ts", import.meta.url), { type: "module" }));
    const id = ++nextId;
    let detach = () => {};
    const done = new Promise<WireResult>((resolve, reject) => {
      const onMessage = (e: MessageEvent<ComputeReply>) => {
        if (e.data.id !== id) return;
        detach();
        resolve(e.data.result);
      };
      const onError = (e: ErrorEvent) => {
        detach();
        if (worker === w) worker = null;
        w.terminate();
        reject(new Error(e.message || "the worker could not start"));
      };
      w.addEventListener("message", onMessage);
      w.addEventListener("error", onError);
      detach = () => {
        w.removeEventListener("message", onMessage);
        w.removeEventListener("error", onError);
      };
    });
    w.postMessage({ id, state } satisfies ComputeMessage);
    return {
      done,
      cancel: () => {
        detach();
        if (worker === w) worker = null;
        w.terminate();
      },
    };
  };
}

/** Without Worker (node, old browsers): the same call in this thread, after the status has shown. */
export const inProcessRunner: ComputeRunner = (state) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const done = new Promise<WireResult>((resolve) => {
    timer = setTimeout(() => resolve(toWire(fullTrace(vmapCall(state)))), 0);
  });
  return { done, cancel: () => clearTimeout(timer) };
};

interface ComputeSettings {
  runner: ComputeRunner;
  timeLimitMs: number;
}

/**
 * Browser tests shorten the time limit before the page loads (page.addInitScript) through this
 * global; it is not part of the page's URL or UI.
 */
const TEST_TIME_LIMIT = "__vmapComputeTimeLimitMs";

function defaultSettings(): ComputeSettings {
  const testLimit = (globalThis as Record<string, unknown>)[TEST_TIME_LIMIT];
  return {
    runner: typeof Worker === "function" ? workerRunner() : inProcessRunner,
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
  /** The state being computed off the page, and when it started (Date.now()). */
  computing: { state: ExplorerState; since: number } | null;
  /** Counts answers recorded (computeResults.ts holds them): views read it to know they changed. */
  computed: number;
  /** Stops the computation and goes back to the last good state, with a notice. */
  cancelCompute: () => void;
}

export const createComputeSlice: StateCreator<ComputeSlice, [], [], ComputeSlice> = () => ({
  computing: null,
  computed: 0,
  cancelCompute: () => {},
});

/** `a (600, 600), b (600, 600)`: every argument leaf with its shape, as the user set them. */
function shapesText(s: ExplorerState, params: readonly string[]): string {
  return params.flatMap((p) => argLeaves(argFor(s, p).tree).map((l) => `${p}${l.path} ${pyShape(l.shape)}`)).join(", ");
}

function callText(s: ExplorerState): string {
  const params = vmapCall(s).params;
  return `jax.vmap(f)(${params.join(", ")}) with f = ${s.fnSource.trim()} and shapes ${shapesText(s, params)}`;
}

export function timeOutError(s: ExplorerState, ms: number): EngineError {
  return new EngineError(
    "too-large",
    `Stopped after ${ms / 1000} s: ${callText(s)} takes too long to compute here. Use smaller shapes, or make f do less work.`,
  );
}

export const cancelledText = (s: ExplorerState) => `Cancelled computing ${callText(s)}.`;

type Host = ComputeSlice & { explorer: ExplorerState; lastGood: ExplorerState | null; loadExplorer: (s: ExplorerState, notice?: string | null) => void };

/**
 * Watches the store: a state over the page's budget starts a job (a newer state stops the
 * older job first); its answer, a time-out or a cancellation is recorded for that state.
 * Returns the unsubscribe function.
 */
export function startCompute<S extends Host>(store: StoreApi<S>): () => void {
  let job: { state: ExplorerState; run: ComputeJob; timer: ReturnType<typeof setTimeout> } | null = null;

  const stop = () => {
    if (!job) return;
    clearTimeout(job.timer);
    job.run.cancel();
    job = null;
  };
  const finish = (s: ExplorerState, r: Parameters<typeof setOffPageResult>[1]) => {
    setOffPageResult(s, r);
    store.setState({ computing: null, computed: store.getState().computed + 1 } as Partial<S>);
  };
  const start = (s: ExplorerState) => {
    const { runner, timeLimitMs } = current();
    let run: ComputeJob;
    try {
      run = runner(s);
    } catch (e) {
      return finish(s, { ok: false, error: new EngineError("unsupported", `Internal error: the background worker could not start (${e instanceof Error ? e.message : String(e)})`) });
    }
    const timer = setTimeout(() => {
      if (job?.run !== run) return;
      stop();
      finish(s, { ok: false, error: timeOutError(s, timeLimitMs) });
    }, timeLimitMs);
    const mine = { state: s, run, timer };
    job = mine;
    store.setState({ computing: { state: s, since: Date.now() } } as Partial<S>);
    run.done.then(
      (r) => {
        if (job !== mine) return;
        stop();
        finish(s, fromWire(r));
      },
      (e: unknown) => {
        if (job !== mine) return;
        stop();
        finish(s, { ok: false, error: new EngineError("unsupported", `Internal error: the background worker failed (${e instanceof Error ? e.message : String(e)})`) });
      },
    );
  };
  const check = () => {
    const st = store.getState();
    if (job?.state === st.explorer) return;
    stop();
    if (selectView(st.explorer, st.lastGood).computing) start(st.explorer);
    else if (st.computing) store.setState({ computing: null } as Partial<S>);
  };
  const cancel = () => {
    const st = store.getState();
    if (!job) return;
    const s = job.state;
    stop();
    if (st.lastGood && st.lastGood !== s) {
      store.setState({ computing: null } as Partial<S>);
      st.loadExplorer(st.lastGood, `${cancelledText(s)} The last result is back (Undo returns to the cancelled call).`);
    } else {
      finish(s, { ok: false, error: new EngineError("too-large", `${cancelledText(s)} Use smaller shapes, or make f do less work.`) });
    }
  };
  store.setState({ cancelCompute: cancel } as Partial<S>);
  check();
  const unsub = store.subscribe((s, prev) => {
    if (s.explorer !== prev.explorer) check();
  });
  return () => {
    unsub();
    stop();
  };
}
