/**
 * The explorer's editable state and its setters. Each setter builds a new immutable snapshot
 * and hands it to history's `commit`, so undo, the URL subscription and the memoized selectors
 * all see plain values. `notice` (a broken link was replaced by the default) is page state,
 * kept out of the snapshot and the URL. Under a student link's lock (classroom/lock.ts) a
 * locked control's setter does nothing, whichever button, key or table row called it.
 */
import type { StateCreator } from "zustand";
import { argFor, MAX_DEVICES, MIN_DEVICES, setLeafShape, withEntry, type ArgTree, type AxisTree, type ExplorerState, type Fill, type MapWith } from "./explorerTypes";
import { defaultExplorer } from "./explorerTypes";
import { presetById, type Preset } from "./presets";
import type { StoreState } from "./store";
import { mayEdit, mayEditAll, type ClassControl } from "../classroom/lock";

export interface ExplorerSlice {
  explorer: ExplorerState;
  notice: string | null;
  setFnSource: (src: string) => void;
  setArgTree: (name: string, tree: ArgTree) => void;
  setLeafShape: (name: string, path: number[], shape: number[]) => void;
  setFill: (name: string, fill: Fill) => void;
  setInAxis: (name: string, axis: AxisTree) => void;
  setOutAxes: (axes: AxisTree) => void;
  setAxisSize: (size: number | null) => void;
  setAxisName: (name: string | null) => void;
  setX64: (on: boolean) => void;
  setMapWith: (m: MapWith) => void;
  setDevices: (n: number) => void;
  /** An Examples menu preset by its id, or a preset of a panel's own (ways/quickstart.ts). */
  loadPreset: (preset: string | Preset) => void;
  /** The Import dialog's text, kept while the dialog is closed (page state, not in the URL or history). */
  importDraft: string | null;
  setImportDraft: (text: string | null) => void;
  /** Load a whole new state (imported JAX code, a quiz question, the default), as one undoable step; refused under a student lock. */
  loadExplorer: (s: ExplorerState, notice?: string | null) => void;
  /**
   * Go back to a state this page has shown, or step to one its open lesson has (a student link may
   * carry a lesson): allowed under a lock, since it brings nothing the link did not.
   */
  restoreExplorer: (s: ExplorerState, notice: string | null) => void;
  setNotice: (n: string | null) => void;
}

export const createExplorerSlice: StateCreator<StoreState, [], [], ExplorerSlice> = (set, get) => {
  const update = (control: ClassControl, f: (e: ExplorerState) => ExplorerState, key?: string) => {
    if (mayEdit(get().lock, control)) get().commit(f(get().explorer), key);
  };
  return {
    explorer: defaultExplorer(),
    notice: null,
    setFnSource: (fnSource) => update("function", (e) => ({ ...e, fnSource }), "fn"),
    setArgTree: (name, tree) => update("shapes", (e) => ({ ...e, args: withEntry(e.args, name, { ...argFor(e, name), tree }) }), `shape:${name}`),
    setLeafShape: (name, path, shape) =>
      update("shapes", (e) => {
        const a = argFor(e, name);
        return { ...e, args: withEntry(e.args, name, { ...a, tree: setLeafShape(a.tree, path, shape) }) };
      }, `shape:${name}:${path.join(".")}`),
    setFill: (name, fill) => update("shapes", (e) => ({ ...e, args: withEntry(e.args, name, { ...argFor(e, name), fill }) })),
    setInAxis: (name, axis) => update("in_axes", (e) => ({ ...e, inAxes: withEntry(e.inAxes, name, axis) })),
    setOutAxes: (outAxes) => update("out_axes", (e) => ({ ...e, outAxes })),
    // axis_size and axis_name are vmap's arguments beside in_axes: open or locked with it.
    setAxisSize: (axisSize) => update("in_axes", (e) => ({ ...e, axisSize }), "axis_size"),
    setAxisName: (axisName) => update("in_axes", (e) => ({ ...e, axisName }), "axis_name"),
    setX64: (x64) => update("function", (e) => ({ ...e, x64 })),
    // pmap or vmap is the transformation itself; the devices count goes with in_axes as axis_size does.
    setMapWith: (mapWith) => update("function", (e) => ({ ...e, mapWith })),
    // Clamped to JAX's simulated range here, the one place a typed count enters the state.
    setDevices: (n) => update("in_axes", (e) => ({ ...e, devices: Math.min(MAX_DEVICES, Math.max(MIN_DEVICES, Math.round(n))) }), "devices"),
    loadPreset: (preset) => {
      const p = typeof preset === "string" ? presetById(preset) : preset;
      // A whole example changes every control: only where nothing is locked.
      if (p && mayEditAll(get().lock)) get().commit(structuredClone(p.state));
    },
    loadExplorer: (s, notice = null) => {
      // A whole new state (imported code, a quiz question, the default) changes every control:
      // only where nothing is locked, as for an example.
      if (!mayEditAll(get().lock)) return;
      get().commit(s);
      set({ notice });
    },
    restoreExplorer: (s, notice) => {
      get().commit(s);
      set({ notice });
    },
    setNotice: (notice) => set({ notice }),
    importDraft: null,
    setImportDraft: (importDraft) => set({ importDraft }),
  };
};
