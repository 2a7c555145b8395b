/**
 * Cell provenance for hover highlighting: which input cells an output cell was computed from, and
 * the other way round. traceVmap computes it (engine/transforms/provenance.ts) in about 2 ms warm
 * on the (2,3,5,7,9) example (~20 ms on the first hover of a session), so it is computed on this
 * thread when a cell is first hovered, once per explorer state: memoized by content, so an equal
 * state (undo, a URL round trip) reuses it. A derived value, so it lives here and not in the store
 * (style P11). `Provenance` reads one output cell's sources and builds the reverse map (input
 * cell → output cells) once per (output leaf, input leaf) on first use, as compressed rows.
 */
import type { CellSource } from "../../engine";
import { parseFunction, runTrace, type VmapStory } from "./engineBridge";
import { explorerKey, type ExplorerState } from "./explorerTypes";

/** Input cell → the output cells that read it, for one (output leaf, input leaf): CSR. */
interface Reverse {
  /** Output cells reading input cell c: `outs[starts[c] … starts[c + 1])`. */
  starts: Int32Array;
  outs: Int32Array;
}

export class Provenance {
  private readonly reverse = new Map<string, Reverse>();
  /** Per output leaf, its cells' sources (undefined where the engine gave none: above its budget). */
  private readonly cells: (CellSource[] | undefined)[];
  /** The number of input leaves. */
  readonly leaves: number;

  constructor(story: VmapStory) {
    this.cells = story.outputs.map((o) => o.provenance);
    this.leaves = story.args.length;
  }

  /** Where output cell `cell` of output leaf `out` came from (its k and, per input leaf, its cells). */
  source(out: number, cell: number): CellSource | null {
    return this.cells[out]?.[cell] ?? null;
  }

  /** The output cells computed from input cell `cell` of input leaf `leaf`, as (output leaf, cell). */
  users(leaf: number, cell: number): { out: number; cell: number }[] {
    const res: { out: number; cell: number }[] = [];
    if (leaf < 0 || leaf >= this.leaves) return res;
    this.cells.forEach((p, out) => {
      if (!p) return;
      const r = this.reverseOf(out, leaf, p);
      if (cell < 0 || cell + 1 >= r.starts.length) return;
      for (let i = r.starts[cell]; i < r.starts[cell + 1]; i++) res.push({ out, cell: r.outs[i] });
    });
    return res;
  }

  private reverseOf(out: number, leaf: number, p: CellSource[]): Reverse {
    const key = `${out}:${leaf}`;
    let r = this.reverse.get(key);
    if (r) return r;
    let inputs = 0;
    for (const src of p) for (const c of src.sources[leaf]) inputs = Math.max(inputs, c + 1);
    const starts = new Int32Array(inputs + 1);
    for (const src of p) for (const c of src.sources[leaf]) starts[c + 1]++;
    for (let c = 0; c < inputs; c++) starts[c + 1] += starts[c];
    const outs = new Int32Array(starts[inputs]);
    const next = starts.slice(0, inputs);
    p.forEach((src, j) => {
      for (const c of src.sources[leaf]) outs[next[c]++] = j;
    });
    r = { starts, outs };
    this.reverse.set(key, r);
    return r;
  }
}

/** The same engine call as the page's trace, with provenance (engineBridge.runTrace); null when it fails. */
export function computeProvenance(s: ExplorerState): Provenance | null {
  const r = runTrace(s, parseFunction(s.fnSource), true);
  return r.ok ? new Provenance(r.story) : null;
}

const CACHE_SIZE = 8;
/** Content key → provenance (null: the trace failed). Insertion order is recency. */
const cache = new Map<string, Provenance | null>();
const keys = new WeakMap<ExplorerState, string>();

/** States are immutable: the key is computed once per snapshot. Equal content shares a key. */
function keyOf(s: ExplorerState): string {
  let k = keys.get(s);
  if (k === undefined) keys.set(s, (k = explorerKey(s)));
  return k;
}

/** This state's provenance (null when its trace fails), computed at most once per state. */
export function provenanceFor(s: ExplorerState): Provenance | null {
  const key = keyOf(s);
  let p = cache.get(key);
  if (p === undefined) {
    p = computeProvenance(s);
    while (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  } else cache.delete(key);
  cache.set(key, p);
  return p;
}
