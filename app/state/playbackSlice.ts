/**
 * Playback of the slicing-and-stacking animation: only `{ playing, k, phase, speed }` is stored
 * (style P13); the frame drawn is computed by viz/timeline.ts from these and the trace. `k` is
 * the example being shown, or null when every result is already stacked (the resting picture).
 * `hover` is the cell under the pointer or keyboard focus, for provenance highlighting.
 */
import type { StateCreator } from "zustand";
import type { StoreState } from "./store";

export type Phase = 0 | 1 | 2; // 0: take the slices, 1: apply f, 2: place the result
export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;
/** The speed a page opens at (a link says another). */
export const DEFAULT_SPEED = 1;

export interface HoverCell {
  side: "in" | "out";
  leaf: number;
  cell: number;
}

export interface PlaybackSlice {
  playing: boolean;
  k: number | null;
  phase: Phase;
  speed: number;
  hover: HoverCell | null;
  play: (B: number) => void;
  pause: () => void;
  /** One phase forward; after the last example's landing, back to rest and stop. */
  tick: (B: number) => void;
  /** One phase forward (nextPosition), pausing: Step ▶. */
  stepForward: (B: number) => void;
  /** One phase back (previousPosition), pausing: ◀ Back. */
  stepBack: (B: number) => void;
  /** Scrub position: 0 … B-1 shows that example landed, B shows everything stacked. */
  scrub: (pos: number, B: number) => void;
  setSpeed: (s: number) => void;
  setHover: (h: HoverCell | null) => void;
  resetPlayback: () => void;
}

/** Where playback stands: example k in a phase, or at rest (k null: every result stacked). */
export interface Position {
  k: number | null;
  phase: Phase;
}

const REST: Position = { k: null, phase: 2 };

/**
 * The position after `p` for a batch of B: phase by phase through each k (take the slices,
 * apply f, place the result), and after the last example's landing, back to rest. From rest, k = 0's first phase.
 */
export function nextPosition(p: Position, B: number): Position {
  if (B <= 0 || (p.k !== null && p.k >= B)) return REST;
  if (p.k === null) return { k: 0, phase: 0 };
  if (p.phase < 2) return { k: p.k, phase: (p.phase + 1) as Phase };
  return p.k + 1 < B ? { k: p.k + 1, phase: 0 } : REST;
}

/** The position before `p`: from rest the last example's landing; k = 0's first phase stays. */
export function previousPosition(p: Position, B: number): Position {
  if (B <= 0) return REST;
  if (p.k === null || p.k >= B) return { k: B - 1, phase: 2 };
  if (p.phase > 0) return { k: p.k, phase: (p.phase - 1) as Phase };
  return p.k > 0 ? { k: p.k - 1, phase: 2 } : p;
}

export const createPlaybackSlice: StateCreator<StoreState, [], [], PlaybackSlice> = (set, get) => ({
  playing: false,
  k: null,
  phase: 2,
  speed: DEFAULT_SPEED,
  hover: null,
  play: (B) => {
    if (B <= 0) return;
    const { k } = get();
    set({ playing: true, ...(k === null ? { k: 0, phase: 0 as Phase } : {}) });
  },
  pause: () => set({ playing: false }),
  tick: (B) => {
    const { k, phase } = get();
    // Play walks the same phases as Step; it stops at rest.
    if (k === null) return set({ playing: false, ...REST });
    const next = nextPosition({ k, phase }, B);
    set(next.k === null ? { playing: false, ...next } : next);
  },
  stepForward: (B) => {
    if (B <= 0) return;
    const { k, phase } = get();
    set({ ...nextPosition({ k, phase }, B), playing: false });
  },
  stepBack: (B) => {
    if (B <= 0) return;
    const { k, phase } = get();
    set({ ...previousPosition({ k, phase }, B), playing: false });
  },
  scrub: (pos, B) => set(pos >= B || B <= 0 ? { k: null, phase: 2 } : { k: Math.max(0, Math.floor(pos)), phase: 2 }),
  setSpeed: (speed) => set({ speed }),
  // A pointer moving inside one cell reports it again and again: only a new cell is a change.
  setHover: (hover) => {
    const h = get().hover;
    if (h === hover || (h && hover && h.side === hover.side && h.leaf === hover.leaf && h.cell === hover.cell)) return;
    set({ hover });
  },
  resetPlayback: () => set({ playing: false, k: null, phase: 2, hover: null }),
});
