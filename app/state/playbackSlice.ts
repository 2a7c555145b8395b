/**
 * Playback of the slicing-and-stacking animation: only `{ playing, k, phase, speed }` is stored
 * (style P13); the frame drawn is computed by viz/timeline.ts from these and the trace. `k` is
 * the example being shown, or null when every result is already stacked (the resting picture).
 * `hover` is the cell under the pointer or keyboard focus, for provenance highlighting.
 */
import type { StateCreator } from "zustand";
import type { StoreState } from "./store";

export type Phase = 0 | 1 | 2; // 0: slices lift out, 1: f is applied, 2: the result lands
export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;

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
  stepForward: (B: number) => void;
  stepBack: (B: number) => void;
  /** Scrub position: 0 … B-1 shows that example landed, B shows everything stacked. */
  scrub: (pos: number, B: number) => void;
  setSpeed: (s: number) => void;
  setHover: (h: HoverCell | null) => void;
  resetPlayback: () => void;
}

export const createPlaybackSlice: StateCreator<StoreState, [], [], PlaybackSlice> = (set, get) => ({
  playing: false,
  k: null,
  phase: 2,
  speed: 1,
  hover: null,
  play: (B) => {
    if (B <= 0) return;
    const { k } = get();
    set({ playing: true, ...(k === null ? { k: 0, phase: 0 as Phase } : {}) });
  },
  pause: () => set({ playing: false }),
  tick: (B) => {
    const { k, phase } = get();
    if (k === null || B <= 0) return set({ playing: false, k: null, phase: 2 });
    if (k >= B) return set({ playing: false, k: null, phase: 2 });
    if (phase < 2) return set({ phase: (phase + 1) as Phase });
    if (k + 1 >= B) return set({ playing: false, k: null, phase: 2 });
    set({ k: k + 1, phase: 0 });
  },
  stepForward: (B) => {
    const { k } = get();
    if (B <= 0) return;
    if (k === null) return set({ k: 0, phase: 2, playing: false });
    set(k + 1 >= B ? { k: null, phase: 2, playing: false } : { k: k + 1, phase: 2, playing: false });
  },
  stepBack: (B) => {
    const { k } = get();
    if (B <= 0) return;
    if (k === null) return set({ k: B - 1, phase: 2, playing: false });
    set({ k: Math.max(0, k - 1), phase: 2, playing: false });
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
