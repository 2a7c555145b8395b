/**
 * Undo/redo over explorer snapshots. Every explorer change goes through `commit`, which pushes
 * the previous snapshot; consecutive edits of the same field (typing in the function editor,
 * a shape field) coalesce into one step so Ctrl+Z undoes a word, not a keystroke.
 */
import type { StateCreator } from "zustand";
import { explorerKey, type ExplorerState } from "./explorerTypes";
import type { StoreState } from "./store";

const LIMIT = 200;
const COALESCE_MS = 1500;

export interface HistorySlice {
  past: ExplorerState[];
  future: ExplorerState[];
  lastEdit: { key: string; at: number } | null;
  /** Replace the explorer state, recording the old one (merged with the last step if same key). */
  commit: (next: ExplorerState, coalesceKey?: string) => void;
  undo: () => void;
  redo: () => void;
}

export const createHistorySlice: StateCreator<StoreState, [], [], HistorySlice> = (set, get) => ({
  past: [],
  future: [],
  lastEdit: null,
  commit: (next, coalesceKey) => {
    const s = get();
    // An edit that changes nothing (a field left as it was, e.g. axis_name tabbed through) is no undo step.
    if (next === s.explorer || explorerKey(next) === explorerKey(s.explorer)) return;
    const now = Date.now();
    const merge = coalesceKey !== undefined && s.lastEdit?.key === coalesceKey && now - s.lastEdit.at < COALESCE_MS && s.past.length > 0;
    const start = s.past[s.past.length - 1];
    // Typed back to where the step began (the editor's own undo, a word deleted again): the step
    // changes nothing now, so it goes, and the next Undo goes back further.
    if (merge && explorerKey(next) === explorerKey(start)) {
      set({ explorer: next, past: s.past.slice(0, -1), future: [], lastEdit: null });
      return;
    }
    set({
      explorer: next,
      past: merge ? s.past : [...s.past, s.explorer].slice(-LIMIT),
      future: [],
      lastEdit: coalesceKey === undefined ? null : { key: coalesceKey, at: now },
    });
  },
  undo: () => {
    const s = get();
    const prev = s.past[s.past.length - 1];
    if (!prev) return;
    set({ explorer: prev, past: s.past.slice(0, -1), future: [s.explorer, ...s.future], lastEdit: null });
  },
  redo: () => {
    const s = get();
    const next = s.future[0];
    if (!next) return;
    set({ explorer: next, past: [...s.past, s.explorer], future: s.future.slice(1), lastEdit: null });
  },
});
