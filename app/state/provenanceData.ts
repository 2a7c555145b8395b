/**
 * Cell provenance as data: packed per output leaf in typed arrays (so a worker can hand it to the
 * page without a structured-clone copy of thousands of small objects), and `Provenance`, which
 * reads one cell at a time and builds the reverse map (input cell → output cells) once, on first
 * use. `computeProvenance` is the engine call itself; provenance.ts decides where it runs.
 */
import type { CellSource } from "../../engine";
import { parseFunction, runTrace, type VmapStory } from "./engineBridge";
import type { ExplorerState } from "./explorerTypes";

/** One output leaf's provenance: cell j's sources from input leaf l are `cells[offsets[j·L + l] … offsets[j·L + l + 1])`. */
export interface PackedLeaf {
  /** Per output cell, the k it came from (-1: none, the output is not mapped). */
  k: Int32Array;
  offsets: Int32Array;
  cells: Int32Array;
}

/** Per output leaf (null where the engine gave none, e.g. above its cell budget). */
export type PackedProvenance = (PackedLeaf | null)[];

/** Pack a story's provenance (per output leaf, per cell, per input leaf) into typed arrays. */
export function packProvenance(story: VmapStory): PackedProvenance {
  const L = story.args.length;
  return story.outputs.map((o) => {
    const src = o.provenance;
    if (!src) return null;
    const n = src.length;
    const k = new Int32Array(n);
    const offsets = new Int32Array(n * L + 1);
    let total = 0;
    for (let j = 0; j < n; j++) for (let l = 0; l < L; l++) total += src[j].sources[l]?.length ?? 0;
    const cells = new Int32Array(total);
    let at = 0;
    for (let j = 0; j < n; j++) {
      k[j] = src[j].k ?? -1;
      for (let l = 0; l < L; l++) {
        offsets[j * L + l] = at;
        for (const c of src[j].sources[l] ?? []) cells[at++] = c;
      }
    }
    offsets[n * L] = at;
    return { k, offsets, cells };
  });
}

/** The buffers to transfer with a packed answer. */
export const packedBuffers = (p: PackedProvenance | null): ArrayBuffer[] =>
  (p ?? []).flatMap((l) => (l ? [l.k.buffer, l.offsets.buffer, l.cells.buffer] : [])) as ArrayBuffer[];

/** Input cell → the output cells that read it, for one (output leaf, input leaf): CSR. */
interface Reverse {
  /** Output cells reading input cell c: `outs[starts[c] … starts[c + 1])`. */
  starts: Int32Array;
  outs: Int32Array;
}

/** Read access to one state's provenance. */
export class Provenance {
  private readonly reverse = new Map<string, Reverse>();

  constructor(
    readonly packed: PackedProvenance,
    /** The number of input leaves. */
    readonly leaves: number,
  ) {}

  /** Where output cell `cell` of output leaf `out` came from (its k and, per input leaf, its cells). */
  source(out: number, cell: number): CellSource | null {
    const p = this.packed[out];
    if (!p || cell < 0 || cell >= p.k.length) return null;
    const L = this.leaves;
    const sources: number[][] = [];
    for (let l = 0; l < L; l++) sources.push(Array.from(p.cells.subarray(p.offsets[cell * L + l], p.offsets[cell * L + l + 1])));
    return { k: p.k[cell] < 0 ? null : p.k[cell], sources };
  }

  /** The output cells computed from input cell `cell` of input leaf `leaf`, as (output leaf, cell). */
  users(leaf: number, cell: number): { out: number; cell: number }[] {
    const res: { out: number; cell: number }[] = [];
    this.packed.forEach((p, out) => {
      if (!p || leaf < 0 || leaf >= this.leaves) return;
      const r = this.reverseOf(out, leaf, p);
      if (cell < 0 || cell + 1 >= r.starts.length) return;
      for (let i = r.starts[cell]; i < r.starts[cell + 1]; i++) res.push({ out, cell: r.outs[i] });
    });
    return res;
  }

  private reverseOf(out: number, leaf: number, p: PackedLeaf): Reverse {
    const key = `${out}:${leaf}`;
    let r = this.reverse.get(key);
    if (r) return r;
    const L = this.leaves;
    const n = p.k.length;
    let inputs = 0;
    for (let j = 0; j < n; j++) for (let t = p.offsets[j * L + leaf]; t < p.offsets[j * L + leaf + 1]; t++) inputs = Math.max(inputs, p.cells[t] + 1);
    const starts = new Int32Array(inputs + 1);
    for (let j = 0; j < n; j++) for (let t = p.offsets[j * L + leaf]; t < p.offsets[j * L + leaf + 1]; t++) starts[p.cells[t] + 1]++;
    for (let c = 0; c < inputs; c++) starts[c + 1] += starts[c];
    const outs = new Int32Array(starts[inputs]);
    const next = starts.slice(0, inputs);
    for (let j = 0; j < n; j++) for (let t = p.offsets[j * L + leaf]; t < p.offsets[j * L + leaf + 1]; t++) outs[next[p.cells[t]]++] = j;
    r = { starts, outs };
    this.reverse.set(key, r);
    return r;
  }
}

/** The answer a worker sends: the packed provenance and the number of input leaves, or null. */
export interface ProvenanceAnswer {
  packed: PackedProvenance;
  leaves: number;
}

/** The same engine call as the page's trace, with provenance (engineBridge.runTrace), packed. */
export function computeProvenance(s: ExplorerState): ProvenanceAnswer | null {
  const r = runTrace(s, parseFunction(s.fnSource), true);
  return r.ok ? { packed: packProvenance(r.story), leaves: r.story.args.length } : null;
}

export const unpack = (a: ProvenanceAnswer | null): Provenance | null => (a ? new Provenance(a.packed, a.leaves) : null);
