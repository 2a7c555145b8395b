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
  /**
   * How many of `past` Undo may not take back: the steps before an open lesson step or quiz
   * question (lessonSlice.ts), so Undo stays within the step (its picture and its lesson text
   * together) and never undoes the step's own state, which a student lock may not allow.
   */
  undoFloor: number;
  /** Replace the explorer state, recording the old one (merged with the last step if same key). */
  commit: (next: ExplorerState, coalesceKey?: string) => void;
  undo: () => void;
  redo: () => void;
}

export const createHistorySlice: StateCreator<StoreState, [], [], HistorySlice> = (set, get) => ({
  past: [],
  future: [],
  lastEdit: null,
  undoFloor: 0,
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
    const past = merge ? s.past : [...s.past, s.explorer];
    // The oldest steps go past LIMIT; the floor moves down with them.
    const dropped = Math.max(0, past.length - LIMIT);
    set({
      explorer: next,
      past: dropped ? past.slice(dropped) : past,
      future: [],
      lastEdit: coalesceKey === undefined ? null : { key: coalesceKey, at: now },
      undoFloor: Math.max(0, s.undoFloor - dropped),
    });
  },
  undo: () => {
    const s = get();
    const prev = s.past[s.past.length - 1];
    if (!prev || s.past.length <= s.undoFloor) return;
    set({ explorer: prev, past: s.past.slice(0, -1), future: [s.explorer, ...s.future], lastEdit: null });
  },
  redo: () => {
    const s = get();
    const next = s.future[0];
    if (!next) return;
    set({ explorer: next, past: [...s.past, s.explorer], future: s.future.slice(1), lastEdit: null });
  },
});
