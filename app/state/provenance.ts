/**
 * Cell provenance for hover highlighting (which input cells an output cell was computed from).
 * It costs several times the plain trace (~60 ms on the (2,3,5,7,9) example), so it is never
 * computed during a render: a hover asks for it (`requestProvenance`), a web worker computes it
 * (provenance.worker.ts; without workers, a timer on this thread once the input has settled), and
 * the answer is cached per explorer state, so each state pays at most once, however long the
 * pointer stays or the animation plays. Until it arrives the hovered cell alone is marked.
 * Only the newest state asked for is queued behind the one being computed: typing while the
 * pointer rests on a cell does not pile up work. A derived value, so it lives here and not in
 * the store (style P11); components read it with `useSyncExternalStore`. The answer travels
 * packed in typed arrays (provenanceData.ts), transferred, not copied.
 */
import type { ExplorerState } from "./explorerTypes";
import { computeProvenance, unpack, type Provenance, type ProvenanceAnswer } from "./provenanceData";

export type { Provenance };

const CACHE_SIZE = 8;
/** Without a worker, wait this long for the state to settle before computing on this thread. */
const SETTLE_MS = 150;

/** Content key → provenance (null: the trace failed). Insertion order is recency. */
const cache = new Map<string, Provenance | null>();
const keys = new WeakMap<ExplorerState, string>();
const listeners = new Set<() => void>();
let version = 0;

/** States are immutable: the key is computed once per snapshot. Equal content shares a key. */
function keyOf(s: ExplorerState): string {
  let k = keys.get(s);
  if (k === undefined) keys.set(s, (k = JSON.stringify(s)));
  return k;
}

export function subscribeProvenance(cb: () => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** Changes whenever an answer arrives (the snapshot for useSyncExternalStore). */
export const provenanceVersion = (): number => version;

/** This state's provenance if already computed, else undefined (null: the trace failed). */
export function cachedProvenance(s: ExplorerState): Provenance | null | undefined {
  return cache.get(keyOf(s));
}

function remember(key: string, prov: Provenance | null): void {
  cache.delete(key);
  cache.set(key, prov);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  version++;
  for (const l of [...listeners]) l();
}

let busy: string | null = null;
let wanted: ExplorerState | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

/** Ask for this state's provenance; listeners hear when it is ready. Cheap to call repeatedly. */
export function requestProvenance(s: ExplorerState): void {
  const key = keyOf(s);
  if (cache.has(key) || busy === key) return;
  wanted = s;
  pump();
}

function pump(): void {
  if (busy !== null || wanted === null) return;
  const w = getWorker();
  if (!w) {
    // On this thread: only once the state has settled, and then only the newest one.
    if (timer === null) {
      timer = setTimeout(() => {
        timer = null;
        const s = wanted;
        wanted = null;
        if (!s || cache.has(keyOf(s))) return pump();
        remember(keyOf(s), unpack(computeProvenance(s)));
        pump();
      }, SETTLE_MS);
    }
    return;
  }
  const s = wanted;
  wanted = null;
  const key = keyOf(s);
  if (cache.has(key)) return pump();
  busy = key;
  const id = ++nextId;
  inFlight = { id, state: s };
  w.postMessage({ id, state: s });
}

// ---- the worker ----

let worker: Worker | null | undefined;
let nextId = 0;
let inFlight: { id: number; state: ExplorerState } | null = null;

function finish(answer: ProvenanceAnswer | null): void {
  if (busy !== null) remember(busy, unpack(answer));
  busy = null;
  inFlight = null;
  pump();
}

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  worker = null;
  if (typeof Worker === "undefined") return null;
  try {
    const w = new Worker(new URL("./provenance.worker.ts", import.meta.url), { type: "module" });
    w.onmessage = (e: MessageEvent<{ id: number; answer: ProvenanceAnswer | null }>) => {
      if (inFlight && e.data.id === inFlight.id) finish(e.data.answer);
    };
    // A worker that cannot start (or crashes): compute here from now on.
    w.onerror = (e) => {
      e.preventDefault?.();
      w.terminate();
      worker = null;
      const lost = inFlight;
      busy = null;
      inFlight = null;
      if (lost && wanted === null) wanted = lost.state;
      pump();
    };
    worker = w;
  } catch {
    worker = null;
  }
  return worker;
}
