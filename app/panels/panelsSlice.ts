/**
 * The grad and jit panels' own choices: which argument `jax.grad` differentiates (argnums) and
 * whether the panel wraps f in `jnp.sum` to make a scalar loss. Page state, kept out of the
 * explorer snapshot, its URL and its undo history; everything shown is derived from these and
 * the explorer state (gradModel.ts, jitModel.ts).
 */
import type { StateCreator } from "zustand";
import type { StoreState } from "../state/store";
import type { LossKind } from "./graph/graphModel";

export interface PanelsSlice {
  gradArgnums: number;
  gradSumLoss: boolean;
  setGradArgnums: (k: number) => void;
  setGradSumLoss: (on: boolean) => void;
  /** The computation graph's loss when f's output is not a scalar (graph/graphModel.ts). */
  graphLoss: LossKind;
  setGraphLoss: (loss: LossKind) => void;
  /** The shape-story line of the equation hovered in "How vmap rewrote the program" (or null). */
  storyLineHover: number | null;
  setStoryLineHover: (line: number | null) => void;
}

export const createPanelsSlice: StateCreator<StoreState, [], [], PanelsSlice> = (set) => ({
  gradArgnums: 0,
  gradSumLoss: false,
  setGradArgnums: (gradArgnums) => set({ gradArgnums }),
  setGradSumLoss: (gradSumLoss) => set({ gradSumLoss }),
  graphLoss: "f",
  setGraphLoss: (graphLoss) => set({ graphLoss }),
  storyLineHover: null,
  setStoryLineHover: (storyLineHover) => set({ storyLineHover }),
});
