/**
 * The app's one door to the engine (engine/index.ts). `vmapCall(state)` builds the call once —
 * the parsed function (or its error) and its parameters, the argument arrays from the fills,
 * in_axes, out_axes and axis_size — and the explorer's trace, its input grids (`describeArgs`)
 * and the grad and jit panels all run that same call. Errors come back as EngineErrors whose
 * `where` (set by the engine) says which control they belong beside.
 */
import { config, describeArgs, EngineError, isFunctionProgram, lambdaParams, loadImporter, MAX_ELEMENTS, np, parseLambda, programReaderLoaded, runPmap, traceVmapBody, withinWorkBudget, type ImportResult, type NDArray, type PmapRun, type VmapBody, type WorkBudget } from "../../engine/index";
import type { ArgsDescription, ErrorWhere, VmapStory } from "../../engine";
import type { CodeExtras } from "./codegen";
import type { DType } from "../../engine";
import { allInAxesNone, argFor, argLeaves, inAxisFor, sizeOfShape, type ArgTree, type AxisTree, type ExplorerState, type Fill } from "./explorerTypes";
import { fillDtype, leafValues, uniqueFill } from "./fills";

export type { ArgsDescription, VmapStory, ImportResult };
export { EngineError };

export type ParsedFn = { ok: true; fn: (...args: unknown[]) => unknown; params: string[] } | { ok: false; error: EngineError };

export function parseFunction(src: string): ParsedFn {
  // A def program, jax.random and jnp.linspace/eye/shape are in the engine's lazy chunk: ask
  // for it; the store redraws once it is in.
  if (!programsLoaded() && (isFunctionProgram(src) || /\b(random|linspace|eye|shape)\s*[.(]/.test(src))) void ensurePrograms();
  try {
    // A def program's top level runs as it is parsed: under the page's budget, like every call here.
    const r = withinWorkBudget(PAGE_BUDGET, () => parseLambda(src) as ((...args: unknown[]) => unknown) & { params: string[] });
    if (!r.done) return { ok: false, error: new EngineError("too-large", "The program's top level needs more work than the page allows at once; make its arrays smaller.", { where: { kind: "function" } }) };
    const fn = r.value;
    return { ok: true, fn, params: [...fn.params] };
  } catch (e) {
    return { ok: false, error: asEngineError(e) };
  }
}

/**
 * The same text gives the same function object (a pure memo on the last text): an edit of
 * shapes or axes keeps f, so the jit panel's cache, keyed on f, retraces only for new shapes.
 */
let lastParse: { src: string; parsed: ParsedFn } | null = null;
function parseSource(src: string): ParsedFn {
  if (lastParse?.src !== src) lastParse = { src, parsed: parseFunction(src) };
  return lastParse.parsed;
}

/** Anything thrown that is not an EngineError is an engine bug; show it rather than crash the page. */
export function asEngineError(e: unknown): EngineError {
  if (e instanceof EngineError) return e;
  return new EngineError("unsupported", `Internal error: ${e instanceof Error ? e.message : String(e)}`);
}

export type ArgValue = NDArray | ArgValue[];

/**
 * Runs engine work under the state's `jax_enable_x64` (the engine's config is global, and the
 * panels may compute for an older snapshot than the explorer's), restoring the flag after.
 */
export function withX64<T>(s: ExplorerState, run: () => T): T {
  const before = config.jax_enable_x64;
  config.update("jax_enable_x64", s.x64);
  try {
    return run();
  } finally {
    config.update("jax_enable_x64", before);
  }
}

/**
 * The engine's importer and reader of def programs are a lazy chunk (engine `loadImporter`),
 * so the first screen carries only the lambda path. A def program or a `code` fill waits for
 * it: `ensurePrograms` loads it, then every listener (each store: store.ts) redraws.
 */
type ImportJax = Awaited<ReturnType<typeof loadImporter>>["importJax"];
let importJax: ImportJax | null = null;
let loading: Promise<void> | null = null;
const loadedListeners = new Set<() => void>();

export const programsLoaded = (): boolean => importJax !== null && programReaderLoaded();

/**
 * Reads pasted JAX code under the page's budget, so a heavy snippet is cut off with the
 * engine's message instead of holding the page. Memoized on the text: the Import dialog and the
 * `code` fills of the state it made read the same run. Call after `ensurePrograms()`.
 */
let lastImport: { src: string; result: ImportResult } | null = null;
export function importSnippet(src: string): ImportResult {
  const run = importJax;
  if (!run) throw new Error("importSnippet before the importer loaded");
  if (lastImport?.src === src) return lastImport.result;
  const r = withinWorkBudget(PAGE_BUDGET, () => run(src));
  const result: ImportResult = r.done
    ? r.value
    : { ok: false, error: new EngineError("too-large", "the snippet needs more work than the page allows at once; make its arrays smaller"), line: 1, column: 1, printed: [] };
  lastImport = { src, result };
  return result;
}

export function ensurePrograms(): Promise<void> {
  loading ??= loadImporter().then((m) => {
    importJax = m.importJax;
    // Parses and argument arrays memoized while the reader was missing are stale now.
    lastParse = null;
    for (const f of loadedListeners) f();
  });
  return loading;
}

/** Calls `f` once the lazy importer has loaded (returns the unsubscribe). */
export function onProgramsLoaded(f: () => void): () => void {
  loadedListeners.add(f);
  return () => loadedListeners.delete(f);
}

/** The values the imported code gave the leaf at `path` of parameter `param`, if it still has that shape. */
function importedLeaf(code: string | undefined, param: string, path: string, shape: readonly number[]): Float64Array | null {
  if (code === undefined) return null;
  if (!importJax) {
    void ensurePrograms();
    return null;
  }
  const r = importSnippet(code);
  if (!r.ok) return null;
  const i = r.params.indexOf(param);
  let arg = i < 0 ? undefined : r.args[i];
  for (const m of path.matchAll(/\[(\d+)\]/g)) arg = arg?.kind === "tuple" ? arg.items[Number(m[1])] : undefined;
  if (arg?.kind !== "leaf" || arg.shape.length !== shape.length || arg.shape.some((d, j) => d !== shape[j])) return null;
  return arg.values;
}

/** The arguments as arrays, and each leaf's values in flattening order (what the grids show). */
/** The built arguments: their values, each leaf's data row-major and each leaf's dtype (an index fill is an int). */
export type BuiltArgs = { ok: true; values: ArgValue[]; leafData: Float64Array[]; leafDtypes: DType[] } | { ok: false; error: EngineError };

/**
 * Builds every argument. A leaf above the engine's limit is refused before any other work:
 * `np.arange` checks the limit before it allocates and throws the engine's own error, which is
 * placed at that argument. Arrays are immutable, so the same arguments are reused (memoized on
 * the state's `args` object) while only the axes or the function change.
 */
function buildArgsUncached(s: ExplorerState, params: readonly string[]): BuiltArgs {
  const all = params.flatMap((p, index) => argLeaves(argFor(s, p).tree).map((l) => ({ ...l, index })));
  for (const l of all) {
    const n = sizeOfShape(l.shape);
    if (n <= MAX_ELEMENTS) continue;
    try {
      np.arange(n);
    } catch (e) {
      const err = asEngineError(e);
      const where: ErrorWhere = { kind: "argument", index: l.index, path: l.path };
      return { ok: false, error: new EngineError(err.kind, err.message, { pyType: err.pyType, where }) };
    }
  }
  const unique = uniqueFill(all.map((l) => sizeOfShape(l.shape)));
  const leafData: Float64Array[] = [];
  const leafDtypes: DType[] = [];
  const make = (t: ArgTree, fill: Fill, param: string, path: string): ArgValue => {
    if (t.kind === "tuple") return t.items.map((x, i) => make(x, fill, param, `${path}[${i}]`));
    const dtype = fillDtype(fill, s.x64);
    leafDtypes.push(dtype);
    // A `code` leaf holds the imported code's values (the unique numbers until the importer loads).
    const imported = fill === "code" ? importedLeaf(s.code, param, path, t.shape) : null;
    const arr = np.array(imported ?? leafValues(t.shape, fill, leafData.length, unique), t.shape, dtype);
    // The grids show the values as the engine holds them (rounded to float32 without x64).
    leafData.push(arr.dense());
    return arr;
  };
  const values = params.map((p) => make(argFor(s, p).tree, argFor(s, p).fill, p, ""));
  return { ok: true, values, leafData, leafDtypes };
}

const builtArgs = new WeakMap<object, Map<string, BuiltArgs>>();

function buildArgs(s: ExplorerState, params: readonly string[]): BuiltArgs {
  let m = builtArgs.get(s.args);
  if (!m) builtArgs.set(s.args, (m = new Map()));
  // The arrays' dtype is the default float of the state's x64 flag.
  const key = `${params.join(",")}|x64=${s.x64}`;
  let r = m.get(key);
  if (!r) m.set(key, (r = withX64(s, () => buildArgsUncached(s, params))));
  return r;
}

/** One vmap call, built from the explorer state: everything the engine is asked goes through it. */
export interface VmapCall {
  /** The explorer state it was built from. */
  state: ExplorerState;
  parsed: ParsedFn;
  /** The function's parameters: parsed, else read from the lambda's header, else `fallback`. */
  params: string[];
  args: BuiltArgs;
  /** One in_axes entry per parameter (JAX's tuple). */
  inAxes: AxisTree[];
  outAxes: AxisTree;
  /** axis_size is passed only while every in_axes entry is None (the only time it shows). */
  opts: { axisSize?: number; axisName?: string };
}

/** The parameters the text names: parsed, or read from the lambda's header; null if neither. */
function textParams(parsed: ParsedFn, src: string): string[] | null {
  if (parsed.ok) return parsed.params;
  const header = lambdaParams(src);
  return header.ok ? header.params : null;
}

const calls = new WeakMap<ExplorerState, { parsed: ParsedFn; named: string[] | null; byParams: Map<string, VmapCall> }>();

/**
 * The call for this state, memoized per state object. `fallback` names the parameters when the
 * text cannot (e.g. `lambda a, b` before its colon: the last good state's parameters).
 */
export function vmapCall(s: ExplorerState, fallback: readonly string[] = []): VmapCall {
  let m = calls.get(s);
  if (!m) {
    const parsed = parseSource(s.fnSource);
    calls.set(s, (m = { parsed, named: textParams(parsed, s.fnSource), byParams: new Map() }));
  }
  const params = m.named ?? [...fallback];
  const key = params.join(",");
  let c = m.byParams.get(key);
  if (!c) {
    const allNone = allInAxesNone(s, params);
    c = {
      state: s,
      parsed: m.parsed,
      params,
      args: buildArgs(s, params),
      inAxes: params.map((p) => inAxisFor(s, p)),
      outAxes: s.outAxes,
      opts: {
        ...(allNone && s.axisSize !== null ? { axisSize: s.axisSize } : {}),
        ...(s.axisName !== null ? { axisName: s.axisName } : {}),
      },
    };
    m.byParams.set(key, c);
  }
  return c;
}

/** What the generated Python needs from the engine: the leaves' values and a def program's function name. */
export function codeExtras(c: VmapCall): CodeExtras {
  const src = c.state.fnSource;
  const program = isFunctionProgram(src) ? lambdaParams(src) : null;
  return { leafData: c.args.ok ? c.args.leafData : undefined, fnName: program ? ((program.ok ? program.name : undefined) ?? "f") : undefined };
}

/** The call's arguments as vmap plans them (each leaf's mapped axis), or null if they cannot be built. */
export function describeCall(c: VmapCall): ArgsDescription | null {
  const args = c.args;
  if (!args.ok) return null;
  return withX64(c.state, () => describeArgs(c.parsed.ok ? c.parsed.fn : null, c.inAxes, args.values, c.opts));
}

export type TraceResult = { ok: true; story: VmapStory } | { ok: false; error: EngineError };

/** The page's budget ran out: the same call runs in a worker under the default budget (compute.ts). */
export interface OffPage {
  ok: false;
  offPage: true;
  error?: undefined;
}
export const OFF_PAGE: OffPage = Object.freeze({ ok: false, offPage: true });
export type PageResult = TraceResult | OffPage;

/**
 * What the page computes synchronously, so no call holds the page for more than about a frame of
 * a low-end laptop; past it the call runs in a worker (compute.ts). 5·10⁶ element operations are
 * ~8 ms of batched matmul at 1× (a (6,200,200) @ (200,200) call, 4.8·10⁷, took 76 ms on the
 * page under the budget before this one, ~300 ms at 4×: keys typed after the pause waited for
 * it). Measured: the presets, the blog's (2,3,5,7,9) example included, with provenance, the grad
 * panel (sum loss) and the jit panel each need at most 6.6·10⁵ element operations (all-pairs'
 * grad; CALL_COST per call dominates) and 1.2·10⁴ elements: 7.5× and 400× below.
 */
export const PAGE_BUDGET: WorkBudget = Object.freeze({ ops: 5_000_000, elements: 5_000_000 });

/**
 * Runs the vmap call on the page under PAGE_BUDGET, or says it must run off the page. Cell
 * provenance is asked for only when `withProvenance` (a hover needs it): it costs several times
 * the trace itself on the (2,3,5,7,9) example, and out_axes changes must redraw within 50 ms.
 */
export function traceCall(c: VmapCall, withProvenance = false): PageResult {
  if (withProvenance) return onPage(() => fullTrace(c, true));
  let r = traces.get(c);
  if (!r) traces.set(c, (r = onPage(() => fullTrace(c, false))));
  return r;
}


/** Each call's plain page trace, once (the view and the last good picture share it). */
const traces = new WeakMap<VmapCall, PageResult>();

/** `run` under the page's budget; OFF_PAGE when that budget (not a JAX error) stopped it. */
export function onPage<T>(run: () => T): T | OffPage {
  const r = withinWorkBudget(PAGE_BUDGET, run);
  return r.done ? r.value : OFF_PAGE;
}

/**
 * The call under whatever budget is open (none: the engine's default), for the worker
 * (compute.worker.ts). `provenance` is traceVmap's option beside `axisSize`.
 */
export function fullTrace(c: VmapCall, withProvenance = false, withSymbols = false): TraceResult {
  if (!c.parsed.ok) return { ok: false, error: c.parsed.error };
  if (!c.args.ok) return { ok: false, error: c.args.error };
  // pmap's own errors (the devices) come first; its shapes story is vmap's (same slices, same f).
  const pmap = c.state.mapWith === "pmap";
  if (pmap) {
    const p = pmapOf(c);
    if (!p.ok) return p;
  }
  const before = config.jax_enable_x64;
  config.update("jax_enable_x64", c.state.x64);
  try {
    const story = bodyOf(c, c.parsed.fn, c.args).story(c.outAxes, { provenance: withProvenance, symbols: withSymbols });
    return { ok: true, story };
  } catch (e) {
    const error = asEngineError(e);
    // pmap accepts what vmap refuses at out_axes (None: device 0's result): say whose rule it is.
    if (pmap && error.where.kind === "out_axes") {
      return { ok: false, error: new EngineError(error.kind, `jax.pmap runs with this out_axes (see Devices), but the picture follows jax.vmap, which raises: ${error.message}`, { pyType: error.pyType, where: error.where }) };
    }
    return { ok: false, error };
  } finally {
    config.update("jax_enable_x64", before);
  }
}

/**
 * The last call's batched trace, for the next call that differs from it only in out_axes:
 * stepping through the out_axes menu places one trace's outputs again instead of tracing the
 * function for each (traceVmapBody). One is kept, and only one whose outputs are at most
 * KEEP_BODY_ELEMENTS: a worker's 10⁷-cell answer would otherwise stay in memory until its next call.
 */
let lastBody: { args: BuiltArgs; key: string; body: VmapBody } | null = null;
export const KEEP_BODY_ELEMENTS = 1_000_000;

function bodyOf(c: VmapCall, fn: Function, args: BuiltArgs & { ok: true }): VmapBody {
  // The arguments are built once per argument map and x64 (buildArgs): the same object for
  // calls that share them; the rest of the call is its text, in_axes and options.
  const key = JSON.stringify([c.state.fnSource, c.state.x64, c.params, c.inAxes, c.opts]);
  if (lastBody?.args === args && lastBody.key === key) return lastBody.body;
  const body = traceVmapBody(fn, c.inAxes, c.outAxes, args.values, c.opts);
  lastBody = body.size <= KEEP_BODY_ELEMENTS ? { args, key, body } : null;
  return body;
}

export type PmapResult = { ok: true; run: PmapRun } | { ok: false; error: EngineError };

const pmaps = new WeakMap<VmapCall, PmapResult>();

/** `jax.pmap(f, in_axes, out_axes)(*args)` on the state's simulated devices, once per call: its device lanes or its error. */
export function pmapOf(c: VmapCall): PmapResult {
  let r = pmaps.get(c);
  if (r) return r;
  if (!c.parsed.ok) r = { ok: false, error: c.parsed.error };
  else if (!c.args.ok) r = { ok: false, error: c.args.error };
  else {
    const { fn } = c.parsed;
    const args = c.args.values;
    try {
      r = { ok: true, run: withX64(c.state, () => runPmap(fn, c.inAxes, c.outAxes, args, { devices: c.state.devices })) };
    } catch (e) {
      r = { ok: false, error: asEngineError(e) };
    }
  }
  pmaps.set(c, r);
  return r;
}

/** The state's page trace (provenance.ts runs it with provenance on the first hover). */
export function runTrace(s: ExplorerState, _parsed?: ParsedFn, withProvenance = false): PageResult {
  return traceCall(vmapCall(s), withProvenance);
}

/** The control an error belongs beside: each error shows next to the control that caused it. */
export type ErrorPlace = "function" | "in_axes" | "out_axes" | "shape" | "axis_size" | "devices";

/** The engine says where (EngineError.where); an argument's error shows at its shape editor. */
export const ERROR_PLACE: Record<ErrorWhere["kind"], ErrorPlace> = {
  function: "function",
  in_axes: "in_axes",
  out_axes: "out_axes",
  axis_size: "axis_size",
  argument: "shape",
  devices: "devices",
};

/**
 * Where the parser places a `function` error in the text (its 1-based column), if it does: the
 * error is underlined there and shown under the field. Any other function error was raised
 * while f ran on the slices (a shape that does not broadcast, an inner vmap's axes): it shows
 * under the call line, beside the axes that made the slices, so a wrong in_axes does not push
 * its own menu down.
 */
export const functionTextColumn = (e: EngineError): number | undefined => (e.where.kind === "function" ? e.where.column : undefined);
