/**
 * Classroom state: whether the page is in presenter mode (local to this screen, never in a
 * link) and a student link's lock (in the link: state/pageLink.ts), which the explorer's
 * setters obey (state/explorerSlice.ts), so a locked control cannot change by any route.
 */
import type { StateCreator } from "zustand";
import type { StoreState } from "../state/store";
import type { ClassLock } from "./lock";

/** The page's lazily loaded dialogs (ClassroomDialogs.tsx), at most one open. */
export type ClassDialog = "shortcuts" | "class";

/**
 * The offline copy (offline/registerOffline.ts): not (yet) there, ready (the app works with no
 * network), or a new version waiting for the person's yes (`acceptUpdate` reloads into it).
 */
export type OfflineStatus = { state: "none" } | { state: "ready" } | { state: "update"; acceptUpdate: () => void };

export interface ClassroomSlice {
  offline: OfflineStatus;
  setOffline: (o: OfflineStatus) => void;
  presenter: boolean;
  lock: ClassLock | null;
  dialog: ClassDialog | null;
  setPresenter: (on: boolean) => void;
  setLock: (lock: ClassLock | null) => void;
  openDialog: (d: ClassDialog) => void;
  closeDialog: () => void;
}

export const createClassroomSlice: StateCreator<StoreState, [], [], ClassroomSlice> = (set) => ({
  presenter: false,
  lock: null,
  dialog: null,
  offline: { state: "none" },
  setOffline: (offline) => set({ offline }),
  setPresenter: (presenter) => set({ presenter }),
  setLock: (lock) => set({ lock }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
});
